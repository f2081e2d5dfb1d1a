// Stops: a system log an operator can read only with SQL. `coffer operator audit` lists it
// newest first, filtered, as text or one JSON object a line.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CLI_ACTOR } from '../../src/cli/cli-io.js'
import { main } from '../../src/cli/main.js'
import { isCofferError } from '../../src/errors.js'
import { recordSecret } from '../support/leak-canary.js'

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

describe('`coffer operator audit`', () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-system-audit-'))
    env = {
      COFFER_DATA_DIR: dataDir,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
    }
    recordSecret(JSON.parse((await cli(env, 'org', 'create', 'acme', '--json')).lines[0]!).token)
    assert.equal((await cli(env, 'org', 'suspend', 'acme')).code, 0)
    recordSecret(JSON.parse((await cli(env, 'operator', 'token', 'create', '--json')).lines[0]!).token)
  })
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('lists the system log newest first, as JSON lines, filtered by action', async () => {
    const all = await cli(env, 'operator', 'audit', '--json')
    assert.equal(all.code, 0)
    const entries = all.lines.map((line) => JSON.parse(line))
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['operator_token.created', 'org.suspended', 'org.created'],
    )
    for (const entry of entries) {
      assert.equal(entry.actor, CLI_ACTOR)
      assert.match(entry.actor, /^cli:[A-Za-z0-9._-]+$/)
      assert.equal(new Date(entry.at).toISOString(), entry.at)
    }
    const suspended = await cli(env, 'operator', 'audit', '--action', 'org.suspended')
    assert.equal(suspended.lines.length, 1)
    assert.match(suspended.lines[0]!, /^\S+ {2}cli:\S+ {2}org\.suspended {2}org:[0-9a-f-]{36}$/)
    assert.equal((await cli(env, 'operator', 'audit', '--limit', '1')).lines.length, 1)
  })

  it('refuses a limit outside 1-500', async () => {
    for (const limit of ['0', '501', 'ten']) {
      await assert.rejects(cli(env, 'operator', 'audit', '--limit', limit), (e) =>
        isCofferError(e, 'VALIDATION_FAILED'),
      )
    }
  })
})
