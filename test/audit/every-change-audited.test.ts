// Stops: a route that changes state without an audit entry. The walk below calls every mutating
// route of the route table once, as a real client would, and asserts each call appended the entry
// it must (to the org's log for tenant routes, to the system log for operator routes). A new
// mutating route that is not in the walk fails the first assertion.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
const PASSWORD = 'a long and correct passphrase'
const MUTATING = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Mutating routes that change nothing: a read sent with POST for its body. */
const READS = new Set(['POST /v1/records/search'])

/**
 * Mutating routes whose entries are asserted where their world is set up (an OAuth server, an S3
 * bucket): the route, the action it appends, the test that asserts it.
 */
const AUDITED_ELSEWHERE: Record<string, { action: string; test: string }> = {
  'POST /v1/connectors/providers': {
    action: 'connector_provider.registered (system log)',
    test: 'test/connectors/oauth-connector-flow.test.ts',
  },
  'DELETE /v1/connectors/providers/:name': {
    action: 'connector_provider.deleted (system log)',
    test: 'test/connectors/oauth-connector-flow.test.ts',
  },
  'POST /v1/connectors/:provider/authorize': {
    action: 'connector.authorize',
    test: 'test/connectors/oauth-connector-flow.test.ts',
  },
  'POST /v1/connectors/:id/resolve': {
    action: 'connector.resolved',
    test: 'test/connectors/oauth-connector-flow.test.ts',
  },
  'DELETE /v1/connectors/:id': {
    action: 'connector.deleted',
    test: 'test/connectors/oauth-connector-flow.test.ts',
  },
  'PUT /v1/archive/settings': {
    action: 'archive.settings_saved',
    test: 'test/archive/archive-to-customer-bucket.test.ts',
  },
  'DELETE /v1/archive/settings': {
    action: 'archive.settings_deleted',
    test: 'test/archive/archive-to-customer-bucket.test.ts',
  },
  'POST /v1/archive/runs': { action: 'archive.run', test: 'test/archive/archive-to-customer-bucket.test.ts' },
  'POST /v1/records/:id/restore': {
    action: 'record.restored',
    test: 'test/archive/archive-to-customer-bucket.test.ts',
  },
}

interface Step {
  route: string
  method: Method
  url: () => string
  body?: () => unknown
  /** The action the call must append (the first of what it appended, if several). */
  action: string
  /** Keeps what later steps need from the answer. */
  keep?: (json: Record<string, unknown>) => void
  /** Waits for work the route left running (so its later entries do not land in the next step). */
  settle?: () => Promise<void>
}

for (const target of DATABASE_TARGETS) {
  describe(`every mutating route appends its audit entry on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let operatorToken: string
    const ids: Record<string, string> = {}

    const send = (
      token: string,
      method: Method,
      url: string,
      body?: unknown,
    ): Promise<LightMyRequestResponse> =>
      http.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      })
    const count = async (sql: string, params: unknown[] = []) =>
      (await testDb.db.query<{ n: number }>(sql, params)).rows[0]!.n
    const actionsAfter = async (table: 'audit_log' | 'system_audit', skip: number) =>
      (
        await testDb.db.query<{ action: string }>(
          table === 'audit_log'
            ? 'SELECT action FROM audit_log WHERE org_id = $1 ORDER BY id OFFSET $2'
            : 'SELECT action FROM system_audit ORDER BY at, id OFFSET $1',
          table === 'audit_log' ? [org.orgId, skip] : [skip],
        )
      ).rows.map((row) => row.action)

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = (await buildTestServer(coffer)).http
      org = await createOrg(coffer, { slug: 'walk', actor: 'test' })
      operatorToken = (await coffer.operatorTokens.create({ name: 'walk', actor: 'test' })).token
      recordSecret(operatorToken)
      recordSecret('sk-walkvalue0000000000000000000000000000001')
      recordSecret(PASSWORD)
      // A member for the walk to remove.
      const member = await createUser(coffer.db, { email: 'removed@example.test' })
      await withTenant(coffer.db, org.orgId, (sql) =>
        addMembership(sql, { userId: member.id, role: 'member' }),
      )
      ids.member = member.id
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const keepId = (name: string) => (json: Record<string, unknown>) => {
      ids[name] = json.id as string
      if (typeof json.secret === 'string') recordSecret(json.secret)
      if (typeof json.token === 'string') recordSecret(json.token)
    }
    const webhook =
      (path = '') =>
      () =>
        `/v1/webhooks/${ids.webhook}${path}`

    const TENANT: Step[] = [
      {
        route: 'POST /v1/namespaces',
        method: 'POST',
        url: () => '/v1/namespaces',
        body: () => ({ name: 'walk' }),
        action: 'namespace.created',
      },
      {
        route: 'POST /v1/records',
        method: 'POST',
        url: () => '/v1/records',
        body: () => ({ namespace: 'walk', content: 'x' }),
        action: 'record.created',
        keep: keepId('record'),
      },
      {
        route: 'POST /v1/records/batch',
        method: 'POST',
        url: () => '/v1/records/batch',
        body: () => ({ records: [{ namespace: 'walk', content: 'y' }] }),
        action: 'record.created',
      },
      {
        route: 'PATCH /v1/records/:id',
        method: 'PATCH',
        url: () => `/v1/records/${ids.record}`,
        body: () => ({ visibility: 'public' }),
        action: 'record.updated',
      },
      {
        route: 'POST /v1/grants',
        method: 'POST',
        url: () => '/v1/grants',
        body: () => ({ namespace: 'default', reads: 'walk' }),
        action: 'grant.created',
        keep: keepId('grant'),
      },
      {
        route: 'DELETE /v1/grants/:id',
        method: 'DELETE',
        url: () => `/v1/grants/${ids.grant}`,
        action: 'grant.deleted',
      },
      {
        route: 'POST /v1/tokens',
        method: 'POST',
        url: () => '/v1/tokens',
        body: () => ({ name: 'walk', scopes: ['records:read'] }),
        action: 'token.created',
        keep: keepId('token'),
      },
      {
        route: 'POST /v1/tokens/:id/rotate',
        method: 'POST',
        url: () => `/v1/tokens/${ids.token}/rotate`,
        body: () => ({ grace_seconds: 0 }),
        action: 'token.rotated',
        keep: keepId('rotated'),
      },
      {
        route: 'DELETE /v1/tokens/:id',
        method: 'DELETE',
        url: () => `/v1/tokens/${ids.rotated}`,
        action: 'token.revoked',
      },
      {
        route: 'PUT /v1/secrets/:kind',
        method: 'PUT',
        url: () => '/v1/secrets/openai_key',
        body: () => ({ value: 'sk-walkvalue0000000000000000000000000000001' }),
        action: 'secret.updated',
      },
      {
        route: 'POST /v1/secrets/:kind/verify',
        method: 'POST',
        url: () => '/v1/secrets/openai_key/verify',
        action: 'secret.verified',
      },
      {
        route: 'POST /v1/secrets/:kind/resolve',
        method: 'POST',
        url: () => '/v1/secrets/openai_key/resolve',
        body: () => ({ purpose: 'walk' }),
        action: 'secret.resolved',
      },
      {
        route: 'DELETE /v1/secrets/:kind',
        method: 'DELETE',
        url: () => '/v1/secrets/openai_key',
        action: 'secret.deleted',
      },
      {
        route: 'POST /v1/webhooks',
        method: 'POST',
        url: () => '/v1/webhooks',
        body: () => ({ url: 'http://127.0.0.1:9/hook', event_types: ['*'] }),
        action: 'webhook.created',
        keep: keepId('webhook'),
      },
      {
        route: 'PATCH /v1/webhooks/:id',
        method: 'PATCH',
        url: webhook(),
        body: () => ({ description: 'walked' }),
        action: 'webhook.updated',
      },
      {
        route: 'POST /v1/webhooks/:id/rotate-secret',
        method: 'POST',
        url: webhook('/rotate-secret'),
        action: 'webhook.secret_rotated',
      },
      {
        route: 'POST /v1/webhooks/:id/test',
        method: 'POST',
        url: webhook('/test'),
        action: 'webhook.tested',
      },
      {
        route: 'POST /v1/webhooks/:id/deliveries/retry',
        method: 'POST',
        url: webhook('/deliveries/retry'),
        body: () => ({}),
        action: 'webhook.deliveries_retried',
      },
      { route: 'DELETE /v1/webhooks/:id', method: 'DELETE', url: webhook(), action: 'webhook.deleted' },
      {
        route: 'PUT /v1/audit/settings',
        method: 'PUT',
        url: () => '/v1/audit/settings',
        body: () => ({ record_reads: true }),
        action: 'audit.settings_changed',
      },
      {
        route: 'POST /v1/keys/rotate',
        method: 'POST',
        url: () => '/v1/keys/rotate',
        action: 'key.rotated',
        // The re-encryption goes on in the background and ends with key.rotation_completed.
        settle: async () => {
          for (let attempt = 0; attempt < 600; attempt++) {
            const done = await count(
              "SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'key.rotation_completed'",
              [org.orgId],
            )
            if (done > 0) return
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
          assert.fail('the rotation did not complete within 30 s')
        },
      },
      {
        route: 'DELETE /v1/members/:user_id',
        method: 'DELETE',
        url: () => `/v1/members/${ids.member}`,
        action: 'membership.removed',
      },
      {
        route: 'DELETE /v1/records/:id',
        method: 'DELETE',
        url: () => `/v1/records/${ids.record}`,
        action: 'record.deleted',
      },
      {
        route: 'DELETE /v1/records',
        method: 'DELETE',
        url: () => `/v1/records?namespace=walk`,
        action: 'records.erased',
      },
      {
        route: 'DELETE /v1/namespaces/:name',
        method: 'DELETE',
        url: () => '/v1/namespaces/walk',
        action: 'namespace.deleted',
      },
    ]
    const OPERATOR: Step[] = [
      {
        route: 'POST /v1/orgs',
        method: 'POST',
        url: () => '/v1/orgs',
        body: () => ({ slug: 'walked' }),
        action: 'org.created',
        keep: (json) => {
          ids.org = json.org_id as string
          recordSecret(json.owner_token as string)
        },
      },
      {
        route: 'PATCH /v1/orgs/:id',
        method: 'PATCH',
        url: () => `/v1/orgs/${ids.org}`,
        body: () => ({ suspended: true }),
        action: 'org.suspended',
      },
      {
        route: 'DELETE /v1/orgs/:id',
        method: 'DELETE',
        url: () => `/v1/orgs/${ids.org}?confirm=walked`,
        action: 'key.destroyed',
      },
    ]

    const SESSION_ROUTES = ['POST /v1/auth/login', 'POST /v1/auth/logout']

    it('login and logout append session.login and session.logout', async () => {
      const user = await createUser(coffer.db, { email: 'walker@example.test', password: PASSWORD })
      await withTenant(coffer.db, org.orgId, (sql) => addMembership(sql, { userId: user.id, role: 'member' }))
      const before = await count('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1', [org.orgId])
      const login = await http.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'walker@example.test', password: PASSWORD, org: 'walk' }),
      })
      assert.equal(login.statusCode, 200, login.body)
      assert.deepEqual(await actionsAfter('audit_log', before), ['session.login'])
      const cookie = String(login.headers['set-cookie']).split(';')[0]!
      recordSecret(cookie.slice(cookie.indexOf('=') + 1))
      const logout = await http.inject({
        method: 'POST',
        url: '/v1/auth/logout',
        headers: { cookie, 'x-csrf-token': login.json().csrf_token },
      })
      assert.equal(logout.statusCode, 204, logout.body)
      assert.deepEqual(await actionsAfter('audit_log', before), ['session.login', 'session.logout'])
    })

    it('the walk names every mutating route of the route table', () => {
      const declared = http.routeScopes
        .filter((route) => route.url.startsWith('/v1/') && MUTATING.has(route.method))
        .map((route) => `${route.method} ${route.url}`)
        .filter((route) => !READS.has(route))
        .sort()
      assert.deepEqual(
        [
          ...[...TENANT, ...OPERATOR].map((step) => step.route),
          ...SESSION_ROUTES,
          ...Object.keys(AUDITED_ELSEWHERE),
        ].sort(),
        declared,
      )
      for (const { action, test } of Object.values(AUDITED_ELSEWHERE)) {
        const name = action.split(' ')[0]!
        assert.ok(readFileSync(test, 'utf8').includes(name), `${test} asserts ${name}`)
      }
    })

    it('each tenant route appends its entry to the org log', async () => {
      for (const step of TENANT) {
        const before = await count('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1', [org.orgId])
        const response = await send(org.ownerToken, step.method, step.url(), step.body?.())
        assert.ok(response.statusCode < 300, `${step.route}: ${response.statusCode} ${response.body}`)
        if (response.statusCode !== 204 && response.body !== '') step.keep?.(response.json())
        const appended = await actionsAfter('audit_log', before)
        assert.equal(appended[0], step.action, `${step.route} appended ${JSON.stringify(appended)}`)
        await step.settle?.()
      }
    })

    it('each operator route appends its entry to the system log', async () => {
      for (const step of OPERATOR) {
        const before = await count('SELECT count(*)::int AS n FROM system_audit')
        const response = await send(operatorToken, step.method, step.url(), step.body?.())
        assert.ok(response.statusCode < 300, `${step.route}: ${response.statusCode} ${response.body}`)
        step.keep?.(response.json())
        const appended = await actionsAfter('system_audit', before)
        assert.equal(appended[0], step.action, `${step.route} appended ${JSON.stringify(appended)}`)
      }
    })
  })
}
