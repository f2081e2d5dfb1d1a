// Stops: a connector callback that stores a credential for a caller who is no longer let in: its
// token revoked or expired, its org suspended, or its role no longer granting secrets:write, between
// `POST /v1/connectors/:provider/authorize` and `GET /v1/connectors/callback`.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { readSessionCookie, SESSION_COOKIE } from '../../src/auth/sessions.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { setOrgSuspended } from '../../src/tenancy/orgs.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'
import { type ConnectorsFixture, openConnectorsFixture, PROVIDER } from './connectors-fixture.js'

const PASSWORD = 'correct horse battery staple'

for (const target of DATABASE_TARGETS) {
  describe(`connector callback re-checks the caller who started it on ${target.name}`, () => {
    let f: ConnectorsFixture
    before(async () => {
      f = await openConnectorsFixture(target)
    })
    after(() => f.close())

    /** A token of org A made by its owner, with `secrets:write`. */
    async function newToken(body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
      const created = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'connector starter',
        scopes: ['secrets:write'],
        ...body,
      })
      assert.equal(created.statusCode, 201, created.body)
      return created.json()
    }

    async function credentials(): Promise<number> {
      const { rows } = await withTenant(f.testDb.db, f.orgA.orgId, (sql) =>
        sql.query<{ n: number }>('SELECT count(*)::int AS n FROM connector_credentials WHERE org_id = $1', [
          sql.orgId,
        ]),
      )
      return rows[0]!.n
    }

    async function refusals(): Promise<{ actor: string; resource: string; outcome: string | null }[]> {
      const { rows } = await withTenant(f.testDb.db, f.orgA.orgId, (sql) =>
        sql.query<{ actor: string; resource: string; outcome: string | null }>(
          `SELECT actor, resource, outcome FROM audit_log WHERE org_id = $1 AND action = 'connector.connect_refused' ORDER BY seq`,
          [sql.orgId],
        ),
      )
      return rows
    }

    /** The callback is refused with `code`, nothing is stored, the refusal is audited, the state is used up. */
    async function assertRefused(callbackUrl: string, actor: string, status: number, code: string) {
      const before = await credentials()
      const audited = (await refusals()).length
      const refused = await f.callback(callbackUrl)
      assert.equal(refused.statusCode, status, refused.body)
      assert.equal(refused.json().code, code)
      assert.equal(await credentials(), before, 'nothing was stored')
      const entries = await refusals()
      assert.equal(entries.length, audited + 1)
      assert.equal(entries.at(-1)!.actor, actor)
      assert.equal(entries.at(-1)!.outcome, code)
      assert.match(entries.at(-1)!.resource, /^connector-provider:[0-9a-f-]{36}$/)
      const again = await f.callback(callbackUrl)
      assert.equal(again.json().code, 'STATE_INVALID', 'the state is used up by the refusal')
    }

    it('a live token finishes the flow (control)', async () => {
      const starter = await newToken()
      const before = await credentials()
      await f.connect(starter.token)
      assert.equal(await credentials(), before + 1)
    })

    it('the token revoked after authorize: 401 TOKEN_REVOKED, nothing stored, audited', async () => {
      const starter = await newToken()
      const { callbackUrl } = await f.startAndConsent(starter.token)
      const revoked = await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/tokens/${starter.id}`)
      assert.equal(revoked.statusCode, 204)
      const exchanges = f.oauth.counts.authorizationCode
      await assertRefused(callbackUrl, `token:${starter.id}`, 401, 'TOKEN_REVOKED')
      assert.equal(f.oauth.counts.authorizationCode, exchanges, 'the code was never exchanged')
    })

    it('the token expired after authorize (state still unexpired): 401 TOKEN_EXPIRED', async () => {
      const starter = await newToken({ expires_in_seconds: 60 })
      const { callbackUrl } = await f.startAndConsent(starter.token)
      f.clock.advance(61_000)
      await assertRefused(callbackUrl, `token:${starter.id}`, 401, 'TOKEN_EXPIRED')
    })

    it("the token's user removed from the org: 401 TOKEN_REVOKED", async () => {
      const user = await createUser(f.coffer.db, { email: 'starter@example.test', password: PASSWORD })
      await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        addMembership(sql, { userId: user.id, role: 'member' }),
      )
      const issued = await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.tokens.issue(sql, { name: 'member user', scopes: ['secrets:write'], userId: user.id }),
      )
      const { callbackUrl } = await f.startAndConsent(issued.token)
      await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        sql.query('DELETE FROM memberships WHERE org_id = $1 AND user_id = $2', [sql.orgId, user.id]),
      )
      await assertRefused(callbackUrl, `token:${issued.id}`, 401, 'TOKEN_REVOKED')
    })

    it('the console session logged out after authorize: 401 SESSION_INVALID', async () => {
      const user = await createUser(f.coffer.db, { email: 'console@example.test', password: PASSWORD })
      await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        addMembership(sql, { userId: user.id, role: 'admin' }),
      )
      const login = await f.http.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'console@example.test', password: PASSWORD, org: 'conn-a' },
      })
      assert.equal(login.statusCode, 200, login.body)
      const cookie = readSessionCookie(String(login.headers['set-cookie']).split(';')[0])!
      const { csrf_token: csrf, session_id: sessionId } = login.json()
      recordSecret(cookie)
      recordSecret(csrf)
      const headers = { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': csrf }
      const started = await f.http.inject({
        method: 'POST',
        url: `/v1/connectors/${PROVIDER}/authorize`,
        headers,
      })
      assert.equal(started.statusCode, 200, started.body)
      const back = await f.oauth.authorizeAsUser(started.json().authorization_url)
      recordSecret(back.searchParams.get('code')!)
      const logout = await f.http.inject({ method: 'POST', url: '/v1/auth/logout', headers })
      assert.equal(logout.statusCode, 204, logout.body)
      await assertRefused(back.toString(), `session:${sessionId}`, 401, 'SESSION_INVALID')
    })

    it('the org suspended after authorize: 403 ACCOUNT_SUSPENDED', async () => {
      const starter = await newToken()
      const { callbackUrl } = await f.startAndConsent(starter.token)
      await setOrgSuspended(f.coffer, 'conn-a', { suspended: true, actor: 'test' })
      try {
        await assertRefused(callbackUrl, `token:${starter.id}`, 403, 'ACCOUNT_SUSPENDED')
      } finally {
        await setOrgSuspended(f.coffer, 'conn-a', { suspended: false, actor: 'test' })
      }
    })

    it('the token revoked while the code is exchanged: the tokens got are dropped, nothing stored', async () => {
      const starter = await newToken()
      const { callbackUrl } = await f.startAndConsent(starter.token)
      // Revoke as the token endpoint answers: the first check passed, the second must not.
      f.oauth.beforeTokenAnswer = async () => {
        await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
          sql.query('UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND id = $2', [
            sql.orgId,
            starter.id,
          ]),
        )
      }
      try {
        const exchanges = f.oauth.counts.authorizationCode
        const before = await credentials()
        const refused = await f.callback(callbackUrl)
        assert.equal(refused.statusCode, 401, refused.body)
        assert.equal(refused.json().code, 'TOKEN_REVOKED')
        assert.equal(f.oauth.counts.authorizationCode, exchanges + 1, 'the code was exchanged')
        assert.equal(await credentials(), before, 'nothing was stored')
        assert.equal((await refusals()).at(-1)!.outcome, 'TOKEN_REVOKED')
      } finally {
        f.oauth.beforeTokenAnswer = null
      }
    })
  })
}
