// Stops: a tenant who cannot check the trail without trusting the server: `coffer audit verify
// --bundle` needs only the bundle, the key and a kept checkpoint, and exits 1 naming what is
// wrong; `audit key` survives rotation with the old key still published.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { main } from '../../src/cli/main.js'

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

describe('`coffer audit` on the embedded database', () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-audit-cli-'))
    env = {
      COFFER_DATA_DIR: dataDir,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      COFFER_AUDIT_ORIGIN: 'audit.example.test/coffer',
    }
    assert.equal((await cli(env, 'org', 'create', 'acme')).code, 0)
  })
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('list, tail, export and verify offline; a kept checkpoint; an edited bundle exits 1 naming the entry', async () => {
    const list = await cli(env, 'audit', 'list', '--org', 'acme', '--json')
    assert.equal(list.code, 0)
    const entries = list.lines.map((line) => JSON.parse(line))
    assert.deepEqual(
      entries.map((e) => e.seq),
      [2, 1],
    )
    assert.equal((await cli(env, 'audit', 'tail', '--org', 'acme', '--after', '1', '--json')).lines.length, 1)
    const key = (await cli(env, 'audit', 'key', '--org', 'acme')).lines
    assert.equal(key.length, 1)
    assert.match(key[0]!, /^audit\.example\.test\/coffer\/[0-9a-f-]{36}\+[0-9a-f]{8}\+/)
    const keyFile = join(dataDir, 'key.txt')
    writeFileSync(keyFile, `${key[0]}\n`)
    const first = (await cli(env, 'audit', 'export', '--org', 'acme')).lines.join('\n')
    const kept = JSON.parse(first.split('\n').find((line) => line.includes('"checkpoint"'))!).note as string
    const keptFile = join(dataDir, 'kept.checkpoint')
    writeFileSync(keptFile, kept)

    assert.equal((await cli(env, 'org', 'create', 'other')).code, 0)
    const bundleFile = join(dataDir, 'bundle.ndjson')
    writeFileSync(bundleFile, `${(await cli(env, 'audit', 'export', '--org', 'acme')).lines.join('\n')}\n`)
    const ok = await cli(
      env,
      'audit',
      'verify',
      '--bundle',
      bundleFile,
      '--key',
      keyFile,
      '--checkpoint',
      keptFile,
    )
    assert.equal(ok.code, 0, ok.lines.join('\n'))
    assert.match(ok.lines[0]!, /^ok {4}audit\.example\.test\/coffer\/.*consistent with the checkpoint kept$/)

    const edited = join(dataDir, 'edited.ndjson')
    writeFileSync(edited, first.replace('"org.created"', '"org.renamed"'))
    const bad = await cli(env, 'audit', 'verify', '--bundle', edited, '--key', key[0]!)
    assert.equal(bad.code, 1)
    assert.deepEqual(bad.lines, ['FAIL  entry seq 1: edited'])

    const server = await cli(env, 'audit', 'verify', '--org', 'acme')
    assert.deepEqual(server, { code: 0, lines: ['ok    acme: 2 entries'] })
  })

  it('key rotation publishes a new key and keeps the old one; bundles signed before still verify', async () => {
    const before = (await cli(env, 'audit', 'key', '--org', 'acme')).lines
    const bundle = join(dataDir, 'before-rotation.ndjson')
    writeFileSync(bundle, `${(await cli(env, 'audit', 'export', '--org', 'acme')).lines.join('\n')}\n`)
    const rotated = (await cli(env, 'audit', 'key', '--org', 'acme', '--rotate')).lines
    assert.equal(rotated.length, 2)
    assert.equal(rotated[1], before[0])
    assert.notEqual(rotated[0], before[0])
    assert.equal((await cli(env, 'audit', 'verify', '--bundle', bundle, '--key', before[0]!)).code, 0)
    assert.equal((await cli(env, 'audit', 'verify', '--org', 'acme')).code, 0)
  })
})
