/**
 * A token (or session) that mints or rotates a token hands out no more life, rate or reach than it
 * holds, and rotation never resurrects a dead token: issue 11, items 5 and 6.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'correct horse battery staple'

for (const target of DATABASE_TARGETS) {
  describe(`child tokens never outlive or out-limit their parents on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()
    recordSecret(PASSWORD)

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'parents', actor: 'test' })
      const { id } = await createUser(coffer.db, { email: 'owner@example.test', password: PASSWORD })
      await coffer.inTenant(org.orgId, (sql) => addMembership(sql, { userId: id, role: 'owner' }))
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    async function mint(body: Record<string, unknown>, as = org.ownerToken) {
      const response = await call(http, as, 'POST', '/v1/tokens', { name: 'child', ...body })
      if (response.statusCode === 201) recordSecret(response.json().token)
      return response
    }

    async function rotate(id: string, as = org.ownerToken) {
      const response = await call(http, as, 'POST', `/v1/tokens/${id}/rotate`, { grace_seconds: 60 })
      if (response.statusCode === 201) recordSecret(response.json().token)
      return response
    }

    it('a child asks for no longer life or higher limit than its parent; unasked, it inherits them', async () => {
      const parent = (
        await mint({ scopes: ['admin'], expires_in_seconds: 60, rate_limit_per_minute: 30 })
      ).json()
      const longer = await mint({ scopes: ['records:read'], expires_in_seconds: 61 }, parent.token)
      assert.equal(longer.json().code, 'INSUFFICIENT_SCOPE')
      assert.match(longer.json().detail, /^expires_in_seconds/)
      const faster = await mint({ scopes: ['records:read'], rate_limit_per_minute: 31 }, parent.token)
      assert.equal(faster.json().code, 'INSUFFICIENT_SCOPE')
      assert.match(faster.json().detail, /^rate_limit_per_minute/)
      const child = (await mint({ scopes: ['records:read'] }, parent.token)).json()
      assert.equal(child.expires_at, parent.expires_at, 'no expiry asked: the parent’s')
      assert.equal(child.rate_limit_per_minute, 30, 'no limit asked: the parent’s')
    })

    it("no token above the org's limit (plan or operator's) from the tenant's own owner", async () => {
      const above = await mint({ scopes: ['records:read'], rate_limit_per_minute: 61 })
      assert.equal(above.json().code, 'INSUFFICIENT_SCOPE', 'free plan: 60')
      await testDb.db.query('UPDATE orgs SET rate_limit_per_minute = 1000 WHERE id = $1', [org.orgId])
      coffer.tokens.forgetCachedVerifications()
      assert.equal((await mint({ scopes: ['records:read'], rate_limit_per_minute: 1000 })).statusCode, 201)
      await testDb.db.query('UPDATE orgs SET rate_limit_per_minute = NULL WHERE id = $1', [org.orgId])
      coffer.tokens.forgetCachedVerifications()
    })

    it('a session mints nothing that outlives the session', async () => {
      const login = await http.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'owner@example.test', password: PASSWORD, org: 'parents' }),
      })
      assert.equal(login.statusCode, 200)
      const cookie = String(login.headers['set-cookie']).split(';')[0]!
      recordSecret(cookie.split('=')[1]!)
      const { csrf_token: csrf, expires_at: sessionEnd } = login.json()
      recordSecret(csrf)
      const asSession = (body: Record<string, unknown>) =>
        http.inject({
          method: 'POST',
          url: '/v1/tokens',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          payload: JSON.stringify({ name: 'from-console', ...body }),
        })
      const forever = await asSession({ scopes: ['records:read'], expires_in_seconds: 365 * 24 * 3600 })
      assert.equal(forever.json().code, 'INSUFFICIENT_SCOPE')
      const unasked = await asSession({ scopes: ['records:read'] })
      assert.equal(unasked.statusCode, 201)
      recordSecret(unasked.json().token)
      assert.equal(unasked.json().expires_at, sessionEnd, 'the session’s end')

      // A session lists and revokes tokens that outlive it, but does not rotate them.
      const lasting = (await mint({ scopes: ['records:read'] })).json()
      const withSession = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
        http.inject({
          method,
          url,
          headers: {
            cookie,
            'x-csrf-token': csrf,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        })
      const listed = (await withSession('GET', '/v1/tokens?limit=100')).json().items
      assert.ok(listed.some((token: { id: string }) => token.id === lasting.id))
      const rotated = await withSession('POST', `/v1/tokens/${lasting.id}/rotate`, { grace_seconds: 0 })
      assert.equal(rotated.json().code, 'NOT_FOUND', 'a rotation would hand out a lasting credential')
      assert.equal((await withSession('DELETE', `/v1/tokens/${lasting.id}`)).statusCode, 204)
    })

    it('rotating the successor keeps the original expiry; a token is rotated once', async () => {
      const original = (await mint({ scopes: ['records:read'], expires_in_seconds: 86_400 })).json()
      const first = await rotate(original.id)
      assert.equal(first.statusCode, 201)
      const again = await rotate(original.id)
      assert.equal(again.json().code, 'CONFLICT', 'rotating an already-rotated token')
      const second = await rotate(first.json().id)
      assert.equal(second.statusCode, 201)
      assert.equal(second.json().expires_at, original.expires_at, 'not the first grace end')
    })

    it('rotating an expired or a revoked token answers 409 CONFLICT and issues nothing', async () => {
      const short = (await mint({ scopes: ['records:read'], expires_in_seconds: 30 })).json()
      const revoked = (await mint({ scopes: ['records:read'] })).json()
      assert.equal((await call(http, org.ownerToken, 'DELETE', `/v1/tokens/${revoked.id}`)).statusCode, 204)
      clock.advance(31_000)
      const count = async () =>
        (await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).rows[0]!.n
      const before = await count()
      assert.equal((await rotate(short.id)).json().code, 'CONFLICT')
      assert.equal((await rotate(revoked.id)).json().code, 'CONFLICT')
      assert.equal(await count(), before)
    })

    it('a restricted admin may revoke and rotate itself, but never the owner', async () => {
      await call(http, org.ownerToken, 'POST', '/v1/namespaces', { name: 'ns1' })
      const self = (await mint({ scopes: ['admin'], namespace: 'ns1' })).json()
      assert.equal((await rotate(org.ownerTokenId, self.token)).json().code, 'NOT_FOUND')
      const rotated = await rotate(self.id, self.token)
      assert.equal(rotated.statusCode, 201)
      const successor = rotated.json().token
      assert.equal((await call(http, successor, 'DELETE', `/v1/tokens/${rotated.json().id}`)).statusCode, 204)
      assert.equal((await call(http, successor, 'GET', '/v1/records')).json().code, 'TOKEN_REVOKED')
    })
  })
}
