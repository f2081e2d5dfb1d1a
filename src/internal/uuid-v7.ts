import { randomFillSync } from 'node:crypto'

/** Random bytes drawn 4 KiB at a time (one CSPRNG call per 256 ids, not one per id). */
const POOL = Buffer.alloc(4096)
let poolAt = POOL.length

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** The millisecond of the last id, and the 12-bit counter of ids made in it (RFC 9562 6.2, method 1). */
let lastMs = -1
let counter = 0

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter, then random bits. Ids made by
 * the app sort by creation time, also within one millisecond (the counter starts at a random value
 * below 2048 in each new millisecond and counts up, so 2048 ids at least keep their order there),
 * and are known before the INSERT, so they can go into an envelope's AAD. The random bits come
 * from a pool the CSPRNG refills (they are unique, not secret); every id takes 16 fresh bytes of it.
 */
export function uuidV7(nowMs: number = Date.now()): string {
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL)
    poolAt = 0
  }
  const bytes = POOL.subarray(poolAt, poolAt + 16)
  poolAt += 16
  if (nowMs === lastMs && counter < 0xfff) {
    counter++
  } else {
    lastMs = nowMs
    counter = ((bytes[6]! << 8) | bytes[7]!) & 0x7ff
  }
  bytes.writeUIntBE(nowMs, 0, 6)
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  let out = ''
  for (let i = 0; i < 16; i++) {
    out += HEX[bytes[i]!]!
    if (i === 3 || i === 5 || i === 7 || i === 9) out += '-'
  }
  return out
}
