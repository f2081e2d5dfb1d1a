import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { main } from '../../src/cli/main.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { LogCapture } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

/** Runs a CLI command in-process on the given environment; returns exit code and output lines. */
async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line) })
  return { code, lines }
}

for (const target of DATABASE_TARGETS) {
  describe(`end to end on ${target.name}: CLI, HTTP server, encryption at rest, isolation, audit`, () => {
    let testDb: TestDatabase
    let dataDir: string
    let env: NodeJS.ProcessEnv
    let server: RunningServer | undefined
    const logs = new LogCapture()
    const canary = `canary-${randomUUID()}`
    recordCanary(canary)
    const orgs: { org_id: string; token: string }[] = []

    before(async () => {
      testDb = await target.create()
      dataDir = mkdtempSync(join(tmpdir(), 'coffer-e2e-'))
      env = {
        COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
        COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
        COFFER_LISTEN: '127.0.0.1:0',
        COFFER_METRICS_LISTEN: '127.0.0.1:0',
        COFFER_LOG_LEVEL: 'debug',
        ...(testDb.url ? { COFFER_DATABASE_URL: testDb.url } : { COFFER_DATA_DIR: dataDir }),
      }
      if (!testDb.url) await testDb.drop() // PGlite: the server opens its own, in dataDir
    })
    after(async () => {
      await server?.close()
      if (testDb.url) await testDb.drop()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('creates two orgs with `coffer org create --json`, printing exactly org_id and token', async () => {
      for (const slug of ['acme', 'globex']) {
        const { code, lines } = await cli(env, 'org', 'create', slug, '--json')
        assert.equal(code, 0)
        assert.equal(lines.length, 1)
        const printed = JSON.parse(lines[0]!)
        assert.deepEqual(Object.keys(printed), ['org_id', 'token'])
        assert.match(printed.token, /^cf_[0-9A-Za-z]{49}$/)
        orgs.push(printed)
      }
      const again = cli(env, 'org', 'create', 'acme', '--json')
      await assert.rejects(again, (e) => (e as { code?: string }).code === 'CONFLICT')
    })

    it('serves on a free port; stores the canary and reads it back; the other org gets 404', async () => {
      server = await startServer({ env, out: () => undefined, logStream: logs })
      const [acme, globex] = orgs as [(typeof orgs)[0], (typeof orgs)[0]]
      const headers = (token: string) => ({
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      })
      const stored = await fetch(`${server.url}/v1/records`, {
        method: 'POST',
        headers: headers(acme.token),
        body: JSON.stringify({ namespace: 'memories', content: canary, metadata: { hint: canary } }),
      })
      assert.equal(stored.status, 201)
      const { id } = (await stored.json()) as { id: string }
      const read = await fetch(`${server.url}/v1/records/${id}`, { headers: headers(acme.token) })
      assert.equal(read.status, 200)
      assert.equal(((await read.json()) as { content: string }).content, canary)
      const other = await fetch(`${server.url}/v1/records/${id}`, { headers: headers(globex.token) })
      assert.equal(other.status, 404)
      assert.equal(((await other.json()) as { code: string }).code, 'NOT_FOUND')
      assert.equal(other.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      await server.close()
      server = undefined
    })

    it('no log line holds the canary or a token', () => {
      const text = logs.text()
      assert.ok(logs.lines.length > 3, 'the server logged its requests')
      assert.equal(text.includes(canary), false)
      for (const { token } of orgs) assert.equal(text.includes(token), false)
    })

    it('the canary appears nowhere in a dump of the whole database', async () => {
      let dump: string
      if (testDb.url) {
        const result = spawnSync('pg_dump', ['--no-owner', testDb.url], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
        assert.equal(result.status, 0, `pg_dump ran: ${result.stderr}`)
        dump = result.stdout
        assert.match(dump, /COPY public\.records/, 'the dump holds the records table')
      } else {
        const { code, lines } = await cli(env, 'dump')
        assert.equal(code, 0)
        dump = lines.join('\n')
        assert.ok(
          lines.some((line) => JSON.parse(line).table === 'records'),
          'the dump holds the record',
        )
      }
      assert.equal(dump.includes(canary), false)
      assert.equal(dump.includes(Buffer.from(canary).toString('hex')), false)
      for (const { token } of orgs) assert.equal(dump.includes(token), false)
    })

    it('`coffer audit verify --org` finds the chain intact', async () => {
      const { code, lines } = await cli(env, 'audit', 'verify', '--org', 'acme')
      assert.equal(code, 0)
      assert.match(lines[0]!, /^ok\s+acme: \d+ entries$/)
    })
  })
}
