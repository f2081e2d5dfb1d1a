import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openCoffer } from '../../src/app.js'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config/config.js'
import { ensureKeys } from '../../src/config/dev-secrets.js'
import { isCofferError } from '../../src/errors.js'
import { findOrgBySlug } from '../../src/tenancy/orgs.js'

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

describe('`coffer org suspend|unsuspend|limit`', () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv
  let ownerToken: string

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-suspend-'))
    env = {
      COFFER_DATA_DIR: dataDir,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
    }
    ownerToken = JSON.parse((await cli(env, 'org', 'create', 'acme', '--json')).lines[0]!).token
  })
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  /** A fresh server-side view (its verification cache is empty, as on another instance after 5 s). */
  async function authenticate() {
    const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
    try {
      return await coffer.tokens.authenticate(coffer.db, ownerToken)
    } finally {
      await coffer.close()
    }
  }

  it('suspends and unsuspends: tokens answer ACCOUNT_SUSPENDED in between; both are audited', async () => {
    assert.deepEqual(await cli(env, 'org', 'suspend', 'acme'), {
      code: 0,
      lines: ['acme: suspended (every instance within 5 seconds)'],
    })
    await assert.rejects(authenticate(), (e) => isCofferError(e, 'ACCOUNT_SUSPENDED'))
    assert.equal((await cli(env, 'org', 'unsuspend', 'acme')).code, 0)
    assert.equal((await authenticate()).orgId.length, 36)
    const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
    try {
      const org = await findOrgBySlug(coffer.db, 'acme')
      const { rows } = await coffer.inTenant(org.id, (sql) =>
        sql.query<{ action: string }>(
          "SELECT action FROM audit_log WHERE action LIKE 'org.%suspended' ORDER BY seq",
        ),
      )
      assert.deepEqual(
        rows.map((r) => r.action),
        ['org.suspended', 'org.unsuspended'],
      )
    } finally {
      await coffer.close()
    }
    await assert.rejects(cli(env, 'org', 'suspend', 'nope'), (e) => isCofferError(e, 'NOT_FOUND'))
  })

  it('limits: the plan default (free: 60/min), an org override, back to default; bad values refused', async () => {
    assert.equal((await authenticate()).rateLimitPerMinute, 60)
    assert.equal((await cli(env, 'org', 'limit', 'acme', '120')).lines[0], 'acme: 120 requests per minute')
    assert.equal((await authenticate()).rateLimitPerMinute, 120)
    assert.equal((await cli(env, 'org', 'limit', 'acme', 'default')).code, 0)
    assert.equal((await authenticate()).rateLimitPerMinute, 60)
    for (const bad of ['0', '-5', 'lots', '1.5']) {
      await assert.rejects(
        cli(env, 'org', 'limit', 'acme', bad),
        (e) => isCofferError(e, 'VALIDATION_FAILED'),
        bad,
      )
    }
  })
})
