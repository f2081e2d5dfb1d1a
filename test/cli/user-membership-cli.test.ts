// Stops: a removed member keeping access. `coffer user remove` revokes the user's tokens and
// sessions in that org in the transaction that deletes the membership, audits it, and leaves the
// user's access to other orgs alone.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Coffer, openCoffer } from '../../src/app.js'
import { addMembership, findUserIdByEmail } from '../../src/auth/users.js'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config/config.js'
import { ensureKeys } from '../../src/config/dev-secrets.js'
import { isCofferError } from '../../src/errors.js'
import { findOrgBySlug } from '../../src/tenancy/orgs.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'a long and correct password'

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

describe('`coffer user create|remove`', () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv
  recordSecret(PASSWORD)

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-members-'))
    env = {
      COFFER_DATA_DIR: dataDir,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      COFFER_NEW_USER_PASSWORD: PASSWORD,
    }
    for (const slug of ['acme', 'globex']) assert.equal((await cli(env, 'org', 'create', slug)).code, 0)
  })
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  async function withCoffer<T>(fn: (coffer: Coffer) => Promise<T>): Promise<T> {
    const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
    try {
      return await fn(coffer)
    } finally {
      await coffer.close()
    }
  }

  /** Logs the user in to `org` and makes a token with their session: both credentials of theirs. */
  async function credentials(org: string): Promise<{ token: string; cookie: string }> {
    return withCoffer(async (coffer) => {
      const session = await coffer.sessions.login(coffer.db, {
        email: 'ada@example.test',
        password: PASSWORD,
        orgSlug: org,
      })
      recordSecret(session.cookieValue)
      const principal = await coffer.sessions.authenticate(coffer.db, session.cookieValue)
      const issued = await coffer.inTenant(principal.orgId, (sql) =>
        coffer.tokenManagement.create(sql, principal, { name: 'cli-test', scopes: ['records:read'] }),
      )
      recordSecret(issued.token)
      return { token: issued.token, cookie: session.cookieValue }
    })
  }

  it('removal revokes the tokens and sessions of that org only, and is audited', async () => {
    for (const org of ['acme', 'globex']) {
      const created = await cli(
        env,
        'user',
        'create',
        'Ada@Example.test',
        '--org',
        org,
        '--role',
        'member',
      ).catch((error) => error)
      if (org === 'acme') assert.equal(created.code, 0)
      else {
        // The user exists now: a second org adds a membership through the library, as create refuses a known email.
        assert.ok(isCofferError(created, 'CONFLICT'))
        await withCoffer(async (coffer) => {
          const userId = await findUserIdByEmail(coffer.db, 'ada@example.test')
          const globex = await findOrgBySlug(coffer.db, 'globex')
          await coffer.inTenant(globex.id, (sql) => addMembership(sql, { userId, role: 'member' }))
        })
      }
    }
    const acme = await credentials('acme')
    const globex = await credentials('globex')

    const removed = await cli(env, 'user', 'remove', 'ada@example.test', '--org', 'acme')
    assert.equal(removed.code, 0)
    assert.match(removed.lines[0]!, /^ada@example.test is no longer a member of acme/)

    await withCoffer(async (coffer) => {
      await assert.rejects(coffer.tokens.authenticate(coffer.db, acme.token), (e) =>
        isCofferError(e, 'TOKEN_REVOKED'),
      )
      await assert.rejects(coffer.sessions.authenticate(coffer.db, acme.cookie), (e) =>
        isCofferError(e, 'SESSION_INVALID'),
      )
      assert.equal(
        (await coffer.tokens.authenticate(coffer.db, globex.token)).scopes.length,
        1,
        'other org kept',
      )
      assert.ok(await coffer.sessions.authenticate(coffer.db, globex.cookie))
      const org = await findOrgBySlug(coffer.db, 'acme')
      const { rows } = await coffer.inTenant(org.id, (sql) =>
        sql.query<{ action: string }>(
          "SELECT action FROM audit_log WHERE action LIKE 'membership.%' ORDER BY seq",
        ),
      )
      assert.deepEqual(
        rows.map((row) => row.action),
        ['membership.created', 'membership.removed'],
      )
      await assert.rejects(
        coffer.sessions.login(coffer.db, { email: 'ada@example.test', password: PASSWORD, orgSlug: 'acme' }),
        (e) => isCofferError(e, 'INVALID_CREDENTIALS'),
        'no membership, no login',
      )
    })
  })

  it('refuses a second removal, an unknown user or org, and a missing --org, with their codes', async () => {
    const cases: [string[], string][] = [
      [['user', 'remove', 'ada@example.test', '--org', 'acme'], 'NOT_FOUND'],
      [['user', 'remove', 'nobody@example.test', '--org', 'acme'], 'NOT_FOUND'],
      [['user', 'remove', 'ada@example.test', '--org', 'no-such-org'], 'NOT_FOUND'],
      [['user', 'remove', 'ada@example.test'], 'VALIDATION_FAILED'],
    ]
    for (const [argv, code] of cases) {
      await assert.rejects(cli(env, ...argv), (e) => isCofferError(e, code as 'NOT_FOUND'), argv.join(' '))
    }
  })
})
