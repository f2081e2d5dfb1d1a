import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, testConfig, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'

for (const target of DATABASE_TARGETS) {
  describe(`API token lifecycle on ${target.name}`, () => {
    let testDb: TestDatabase
    let config: KeyedConfig
    let coffer: Coffer
    let http: FastifyInstance
    let logs: LogCapture
    let org: CreatedOrg
    const clock = new TestClock()
    const plaintexts: string[] = []

    before(async () => {
      testDb = await target.create()
      config = testConfig()
      coffer = await wireTestCoffer(testDb.db, { config, clock })
      ;({ http, logs } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      plaintexts.push(org.ownerToken)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    async function createToken(body: Record<string, unknown>, as = org.ownerToken) {
      const response = await call(http, as, 'POST', '/v1/tokens', body)
      if (response.statusCode === 201) plaintexts.push(response.json().token)
      return response
    }

    it('creates a token shown once; lists never show a token or a hash', async () => {
      const created = await createToken({
        name: 'ci',
        scopes: ['records:read'],
        agent: 'planner',
        expires_in_seconds: 3600,
      })
      assert.equal(created.statusCode, 201)
      const body = created.json()
      assert.match(body.token, /^cf_[0-9A-Za-z]{49}$/)
      assert.equal(body.agent, 'planner')
      assert.deepEqual(body.scopes, ['records:read'])
      const list = await call(http, org.ownerToken, 'GET', '/v1/tokens')
      assert.equal(list.statusCode, 200)
      const listed = list.json().items.find((item: { id: string }) => item.id === body.id)
      assert.ok(listed)
      for (const field of ['token', 'token_hash', 'hash']) assert.equal(field in listed, false, field)
      assert.equal(list.body.includes(body.token), false)
      assert.equal((await call(http, body.token, 'GET', '/v1/records')).statusCode, 200)
      assert.equal(
        (await call(http, body.token, 'POST', '/v1/records', { content: 'x' })).json().code,
        'INSUFFICIENT_SCOPE',
      )
    })

    it('a token can never carry more than its creator; only admins manage tokens', async () => {
      const limited = (await createToken({ name: 'limited', scopes: ['records:read', 'admin'] })).json().token
      const reader = (await createToken({ name: 'reader', scopes: ['records:read'] })).json().token
      assert.equal(
        (await createToken({ name: 'x', scopes: ['records:write'] }, reader)).json().code,
        'INSUFFICIENT_SCOPE',
      )
      assert.equal((await call(http, reader, 'GET', '/v1/tokens')).json().code, 'INSUFFICIENT_SCOPE')
      assert.equal(
        (await createToken({ name: 'x', scopes: ['records:write'] }, limited)).statusCode,
        201,
        'admin carries all',
      )
      const unknown = await createToken({ name: 'x', scopes: ['records:read'], namespace: 'nope' })
      assert.equal(unknown.json().code, 'VALIDATION_FAILED')
      assert.match(unknown.json().detail, /^namespace/)
      assert.equal((await createToken({ name: 'x', scopes: ['root'] })).json().code, 'VALIDATION_FAILED')
    })

    it('revocation takes effect at once here, and within 5 seconds on another instance', async () => {
      const other = await wireTestCoffer(testDb.db, { config, clock })
      const { http: otherHttp } = await buildTestServer(other)
      try {
        const { id, token } = (await createToken({ name: 'revoke-me', scopes: ['records:read'] })).json()
        assert.equal(
          (await call(otherHttp, token, 'GET', '/v1/records')).statusCode,
          200,
          'verified and cached there',
        )
        assert.equal((await call(http, org.ownerToken, 'DELETE', `/v1/tokens/${id}`)).statusCode, 204)
        assert.equal(
          (await call(http, token, 'GET', '/v1/records')).json().code,
          'TOKEN_REVOKED',
          'at once here',
        )
        clock.advance(5_000)
        assert.equal(
          (await call(otherHttp, token, 'GET', '/v1/records')).json().code,
          'TOKEN_REVOKED',
          'within 5 s there',
        )
        assert.equal(
          (await call(http, org.ownerToken, 'DELETE', `/v1/tokens/${id}`)).statusCode,
          204,
          'idempotent',
        )
      } finally {
        await otherHttp.close()
      }
    })

    it('rotation: the new token works at once, the old one until its grace period ends', async () => {
      const { id, token } = (await createToken({ name: 'rotating', scopes: ['records:read'] })).json()
      const rotated = await call(http, org.ownerToken, 'POST', `/v1/tokens/${id}/rotate`, {
        grace_seconds: 60,
      })
      assert.equal(rotated.statusCode, 201)
      const fresh = rotated.json()
      plaintexts.push(fresh.token)
      assert.notEqual(fresh.id, id)
      assert.equal(fresh.name, 'rotating')
      assert.equal((await call(http, fresh.token, 'GET', '/v1/records')).statusCode, 200)
      assert.equal((await call(http, token, 'GET', '/v1/records')).statusCode, 200, 'old one within grace')
      clock.advance(61_000)
      assert.equal((await call(http, token, 'GET', '/v1/records')).json().code, 'TOKEN_EXPIRED')
      assert.equal((await call(http, fresh.token, 'GET', '/v1/records')).statusCode, 200)

      const { id: id2, token: token2 } = (await createToken({ name: 'now', scopes: ['records:read'] })).json()
      const immediate = await call(http, org.ownerToken, 'POST', `/v1/tokens/${id2}/rotate`, {
        grace_seconds: 0,
      })
      plaintexts.push(immediate.json().token)
      assert.equal((await call(http, token2, 'GET', '/v1/records')).json().code, 'TOKEN_EXPIRED', 'grace 0')
      const listed = (await call(http, org.ownerToken, 'GET', '/v1/tokens')).json().items
      assert.equal(listed.find((t: { id: string }) => t.id === id2).rotated_to, immediate.json().id)
    })

    it('expiry, and last use stamped at most once a minute', async () => {
      const { id, token } = (
        await createToken({ name: 'short', scopes: ['records:read'], expires_in_seconds: 30 })
      ).json()
      assert.equal((await call(http, token, 'GET', '/v1/records')).statusCode, 200)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const stamped = (await call(http, org.ownerToken, 'GET', '/v1/tokens'))
        .json()
        .items.find((t: { id: string }) => t.id === id)
      assert.ok(stamped.last_used_at, 'last_used_at written')
      clock.advance(31_000)
      assert.equal((await call(http, token, 'GET', '/v1/records')).json().code, 'TOKEN_EXPIRED')
      assert.equal(
        (await call(http, org.ownerToken, 'DELETE', '/v1/tokens/00000000-0000-7000-8000-000000000000')).json()
          .code,
        'NOT_FOUND',
      )
    })

    it('every /v1 route declares its scope (a new route without one fails this table)', () => {
      const expected = [
        'DELETE /v1/archive/settings admin',
        'DELETE /v1/connectors/:id secrets:write',
        'DELETE /v1/grants/:id admin',
        'DELETE /v1/members/:user_id admin',
        'DELETE /v1/namespaces/:name admin',
        'DELETE /v1/records records:write',
        'DELETE /v1/records/:id records:write',
        'DELETE /v1/secrets/:kind secrets:write',
        'DELETE /v1/tokens/:id admin',
        'DELETE /v1/webhooks/:id admin',
        'GET /v1/archive/runs admin',
        'GET /v1/archive/settings admin',
        'GET /v1/audit audit:read',
        'GET /v1/audit/checkpoint audit:read',
        'GET /v1/audit/checkpoint-key audit:read',
        'GET /v1/audit/export audit:read',
        'GET /v1/audit/proof/consistency audit:read',
        'GET /v1/audit/proof/inclusion audit:read',
        'GET /v1/audit/settings audit:read',
        'GET /v1/audit/stream audit:read',
        'GET /v1/connectors secrets:write',
        'GET /v1/connectors/:id secrets:write',
        'GET /v1/export records:read',
        'GET /v1/grants admin',
        'GET /v1/keys admin',
        'GET /v1/members admin',
        'GET /v1/namespaces records:read',
        'GET /v1/records records:read',
        'GET /v1/records/:id records:read',
        'GET /v1/secrets secrets:write',
        'GET /v1/session admin',
        'GET /v1/subjects/:entity/export records:read',
        'GET /v1/tokens admin',
        'GET /v1/usage admin',
        'GET /v1/webhooks admin',
        'GET /v1/webhooks/:id admin',
        'GET /v1/webhooks/:id/deliveries admin',
        'PATCH /v1/records/:id records:write',
        'PATCH /v1/webhooks/:id admin',
        'POST /v1/archive/runs admin',
        'POST /v1/connectors/:id/resolve secrets:resolve',
        'POST /v1/connectors/:provider/authorize secrets:write',
        'POST /v1/grants admin',
        'POST /v1/keys/rotate admin',
        'POST /v1/namespaces records:write',
        'POST /v1/records records:write',
        'POST /v1/records/:id/restore admin',
        'POST /v1/records/batch records:write',
        'POST /v1/records/search records:read',
        'POST /v1/secrets/:kind/resolve secrets:resolve',
        'POST /v1/secrets/:kind/verify secrets:write',
        'POST /v1/tokens admin',
        'POST /v1/tokens/:id/rotate admin',
        'POST /v1/webhooks admin',
        'POST /v1/webhooks/:id/deliveries/retry admin',
        'POST /v1/webhooks/:id/rotate-secret admin',
        'POST /v1/webhooks/:id/test admin',
        'PUT /v1/archive/settings admin',
        'PUT /v1/audit/settings admin',
        'PUT /v1/secrets/:kind secrets:write',
      ]
      const UNAUTHENTICATED = new Set([
        'POST /v1/auth/login',
        'POST /v1/auth/logout',
        // The OAuth provider's redirect back: its signed single-use state is the credential.
        'GET /v1/connectors/callback',
      ])
      const actual = http.routeScopes
        .filter(
          (route) =>
            route.url.startsWith('/v1/') &&
            !UNAUTHENTICATED.has(`${route.method} ${route.url}`) &&
            // The operator plane: operator-plane-isolation.test.ts.
            route.scope !== 'operator',
        )
        .map((route) => `${route.method} ${route.url} ${route.scope}`)
        .sort()
      assert.deepEqual(actual, expected)
    })

    it('no token plaintext or hash reached the logs or any table', async () => {
      const text = logs.text()
      assert.ok(plaintexts.length >= 8)
      for (const token of plaintexts) assert.equal(text.includes(token), false)
      const dump = await testDb.db.query<{ t: string }>(
        "SELECT string_agg(t::text, '|') AS t FROM api_tokens t",
      )
      for (const token of plaintexts) assert.equal(dump.rows[0]!.t.includes(token), false)
    })
  })
}
