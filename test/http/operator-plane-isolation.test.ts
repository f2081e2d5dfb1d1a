/**
 * The operator plane and the tenant plane never reach each other: an operator token (`cfo_`)
 * answers 401 TOKEN_INVALID on every tenant route, and a tenant owner token answers 401 on
 * every `/v1/orgs` route. Both tables come from `http.routeScopes`, so a new route is covered.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const ZERO_ID = '00000000-0000-7000-8000-000000000000'
const concrete = (url: string) => url.replace(/:[a-z_]+/g, (name) => (name === ':kind' ? 'openai' : ZERO_ID))

for (const target of DATABASE_TARGETS) {
  describe(`operator plane isolation (${target.name})`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let operatorToken: string
    let ownerToken: string
    let orgId: string

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      ;({ http } = await buildTestServer(coffer))
      operatorToken = (await coffer.operatorTokens.create({ name: 'ops', actor: 'test' })).token
      recordSecret(operatorToken)
      const created = await call(http, operatorToken, 'POST', '/v1/orgs', { slug: 'acme', plan: 'pro' })
      assert.equal(created.statusCode, 201, created.body)
      ownerToken = created.json().owner_token
      orgId = created.json().org_id
      recordSecret(ownerToken)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('the owner token from POST /v1/orgs works on the tenant plane', async () => {
      assert.equal((await call(http, ownerToken, 'GET', '/v1/namespaces')).statusCode, 200)
    })

    it('an operator token answers 401 TOKEN_INVALID on every tenant route', async () => {
      const tenantRoutes = http.routeScopes.filter(
        (r) =>
          r.url.startsWith('/v1/') &&
          r.scope !== 'operator' &&
          !r.url.startsWith('/v1/auth/') &&
          // No credential at all: the signed single-use state authenticates it (test/connectors).
          r.url !== '/v1/connectors/callback',
      )
      assert.ok(tenantRoutes.length >= 30, `${tenantRoutes.length} tenant routes`)
      const wrong: string[] = []
      for (const route of tenantRoutes) {
        const response = await call(
          http,
          operatorToken,
          route.method as 'GET',
          concrete(route.url),
          route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        )
        if (response.statusCode !== 401 || response.json().code !== 'TOKEN_INVALID')
          wrong.push(`${route.method} ${route.url} -> ${response.statusCode}`)
      }
      assert.deepEqual(wrong, [])
    })

    it('a tenant owner token answers 401 on every /v1/orgs route, and changes nothing', async () => {
      const operatorRoutes = http.routeScopes.filter((r) => r.scope === 'operator')
      assert.deepEqual(operatorRoutes.map((r) => `${r.method} ${r.url}`).sort(), [
        'DELETE /v1/connectors/providers/:name',
        'DELETE /v1/orgs/:id',
        'GET /v1/connectors/providers',
        'GET /v1/connectors/providers/:name',
        'GET /v1/orgs',
        'GET /v1/orgs/:id',
        'GET /v1/system/audit',
        'PATCH /v1/orgs/:id',
        'POST /v1/connectors/providers',
        'POST /v1/orgs',
      ])
      const wrong: string[] = []
      for (const route of operatorRoutes) {
        const url = route.url.replace(':id', orgId)
        const body =
          route.method === 'POST'
            ? { slug: 'evil' }
            : route.method === 'PATCH'
              ? { plan: 'enterprise' }
              : route.method === 'DELETE'
                ? { confirm: 'acme' }
                : undefined
        const response = await call(http, ownerToken, route.method as 'GET', url, body)
        if (response.statusCode !== 401 || response.json().code !== 'TOKEN_INVALID')
          wrong.push(`${route.method} ${route.url} -> ${response.statusCode}`)
      }
      assert.deepEqual(wrong, [])
      const org = await coffer.orgs.get({ id: orgId })
      assert.equal(org.plan, 'pro')
      assert.equal(org.deletedAt, null)
    })

    it('operator API: patch plan and suspension, list, delete needs confirm; revoked token refused', async () => {
      const patched = await call(http, operatorToken, 'PATCH', `/v1/orgs/${orgId}`, { plan: 'nope' })
      assert.equal(patched.json().code, 'VALIDATION_FAILED')
      const ok = await call(http, operatorToken, 'PATCH', `/v1/orgs/${orgId}`, {
        plan: 'enterprise',
        suspended: true,
      })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().plan, 'enterprise')
      assert.equal(ok.json().suspended, true)
      const list = await call(http, operatorToken, 'GET', '/v1/orgs?limit=1')
      assert.equal(list.json().items.length, 1)
      const unconfirmed = await call(http, operatorToken, 'DELETE', `/v1/orgs/${orgId}?confirm=other`)
      assert.equal(unconfirmed.json().code, 'VALIDATION_FAILED')
      const deleted = await call(http, operatorToken, 'DELETE', `/v1/orgs/${orgId}?confirm=acme`)
      assert.equal(deleted.statusCode, 200, deleted.body)
      assert.notEqual(deleted.json().deleted_at, null)
      const { rows } = await testDb.db.query<{ action: string }>(
        'SELECT action FROM system_audit ORDER BY at, id',
      )
      assert.ok(rows.some((r) => r.action === 'org.deleted'))
      const [token] = await coffer.operatorTokens.list()
      await coffer.operatorTokens.revoke(token!.id, 'test')
      assert.equal((await call(http, operatorToken, 'GET', '/v1/orgs')).json().code, 'TOKEN_REVOKED')
    })
  })
}
