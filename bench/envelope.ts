/**
 * Envelope throughput: Coffer's sealEnvelope/openEnvelope against the bare libsodium call
 * (the floor: what any XChaCha20-Poly1305 use must pay) and against node:crypto AES-256-GCM.
 *
 * Every cell is measured in one run, on the same machine, interleaved: each size is warmed
 * up, then each cell runs ~100 ms slices round-robin, each after a full GC, and keeps its best
 * slice. Rates are ops per second of this process's CPU time (user + system, so
 * libsodium's getrandom syscall counts), not of wall time: on a shared machine other work
 * steals wall time unevenly from the cells, which would make the ratios meaningless.
 */
import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import sodium from 'sodium-native'
import { fieldContext, openEnvelope, sealEnvelope } from '../src/crypto/index.js'

const SIZES = [64, 1024, 16 * 1024]
const SLICES = 5
const SLICE_MS = 100
const WARMUP_MS = 60
const BATCH = 64

// A full GC before every slice (outside the timing) so that a cell pays for its own garbage,
// not for the cipher objects the AES-GCM cell before it left behind.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
const CONTEXTS = 16

interface Cell {
  name: 'envelope' | 'bare' | 'aes-gcm'
  op: 'seal' | 'open'
  run: () => number
  best: number
}

/** Prints seal and open ops/s at 64 B, 1 KiB and 16 KiB, with the envelope's cost ratios. */
export async function benchEnvelope(): Promise<void> {
  const rows: string[][] = []
  for (const size of SIZES) {
    const cells = makeCells(size)
    for (const cell of cells) timeSlice(cell, WARMUP_MS)
    for (let slice = 0; slice < SLICES; slice++) {
      for (const cell of cells) cell.best = Math.max(cell.best, timeSlice(cell, SLICE_MS))
      await new Promise((resolve) => setImmediate(resolve))
    }
    for (const op of ['seal', 'open'] as const) {
      const rate = (name: Cell['name']) => cells.find((c) => c.name === name && c.op === op)!.best
      const [envelope, bare, aes] = [rate('envelope'), rate('bare'), rate('aes-gcm')]
      rows.push([
        formatSize(size),
        op,
        formatRate(envelope),
        formatRate(bare),
        formatRate(aes),
        `${bare / envelope - 1 >= 0 ? '+' : ''}${((bare / envelope - 1) * 100).toFixed(1)}%`,
        `${(envelope / aes).toFixed(2)}×`,
      ])
    }
  }
  printTable(
    [
      'size',
      'op',
      'envelope ops/s',
      'bare xchacha ops/s',
      'aes-256-gcm ops/s',
      'envelope vs bare',
      'envelope vs aes-gcm',
    ],
    rows,
  )
  console.log(
    `envelope = sealEnvelope/openEnvelope over ${CONTEXTS} rows, context 'org:<uuid>/records.content/<uuid>'; bare = one libsodium ` +
      'call with a fresh random nonce, a new output buffer and a fixed AAD of the same length; aes-256-gcm = ' +
      'node:crypto with a fresh random 12-byte IV and the same AAD. "vs bare" is extra time per op; ' +
      `"vs aes-gcm" is speed. ops/s = per second of process CPU time; best of ${SLICES} interleaved ` +
      `${SLICE_MS} ms slices per cell.`,
  )
}

function makeCells(size: number): Cell[] {
  const key = Buffer.from(nodeRandomBytes(32))
  const plaintext = nodeRandomBytes(size)
  // Distinct rows, as in real use (no per-context caching can help); all of one length.
  const contexts = Array.from({ length: CONTEXTS }, () =>
    fieldContext({ orgId: randomUUID(), table: 'records', column: 'content', rowId: randomUUID() }),
  )
  const envelopes = contexts.map((context) => sealEnvelope({ key, keyVersion: 1, plaintext, context }))
  const aad = nodeRandomBytes(5 + Buffer.byteLength(contexts[0]!))
  let next = 0

  const bareNonce = nodeRandomBytes(24)
  const bareSealed = Buffer.allocUnsafe(size + 16)
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(bareSealed, plaintext, aad, null, bareNonce, key)

  const aesIv = nodeRandomBytes(12)
  const aesCipher = createCipheriv('aes-256-gcm', key, aesIv).setAAD(aad)
  const aesCiphertext = Buffer.concat([aesCipher.update(plaintext), aesCipher.final()])
  const aesTag = aesCipher.getAuthTag()

  const cells: Omit<Cell, 'best'>[] = [
    {
      name: 'envelope',
      op: 'seal',
      run: () =>
        sealEnvelope({ key, keyVersion: 1, plaintext, context: contexts[next++ % CONTEXTS]! }).length,
    },
    {
      name: 'bare',
      op: 'seal',
      run: () => {
        const nonce = Buffer.allocUnsafe(24)
        sodium.randombytes_buf(nonce)
        const output = Buffer.allocUnsafe(plaintext.length + 16)
        sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(output, plaintext, aad, null, nonce, key)
        return output.length
      },
    },
    {
      name: 'aes-gcm',
      op: 'seal',
      run: () => {
        const cipher = createCipheriv('aes-256-gcm', key, nodeRandomBytes(12)).setAAD(aad)
        const ciphertext = cipher.update(plaintext)
        cipher.final()
        return ciphertext.length + cipher.getAuthTag().length
      },
    },
    {
      name: 'envelope',
      op: 'open',
      run: () => {
        const row = next++ % CONTEXTS
        return openEnvelope({ key, envelope: envelopes[row]!, context: contexts[row]! }).length
      },
    },
    {
      name: 'bare',
      op: 'open',
      run: () => {
        const output = Buffer.allocUnsafe(bareSealed.length - 16)
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(output, null, bareSealed, aad, bareNonce, key)
        return output.length
      },
    },
    {
      name: 'aes-gcm',
      op: 'open',
      run: () => {
        const decipher = createDecipheriv('aes-256-gcm', key, aesIv).setAAD(aad).setAuthTag(aesTag)
        const output = decipher.update(aesCiphertext)
        decipher.final()
        return output.length
      },
    },
  ]
  return cells.map((cell) => ({ ...cell, best: 0 }))
}

/** Runs `cell` for about `ms` milliseconds of wall time and returns its ops per CPU-second. */
function timeSlice(cell: Cell, ms: number): number {
  collectGarbage()
  let sink = 0
  let ops = 0
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  do {
    for (let i = 0; i < BATCH; i++) sink += cell.run()
    ops += BATCH
  } while (performance.now() - start < ms)
  const cpu = process.cpuUsage(cpuStart)
  if (sink === -1) console.log(sink) // keeps the results alive
  return ops / ((cpu.user + cpu.system) / 1e6)
}

function formatSize(bytes: number): string {
  return bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`
}

function formatRate(opsPerSecond: number): string {
  return Math.round(opsPerSecond).toLocaleString('en-US')
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  console.log(line(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row))
}
