/**
 * The principle as a property of the route table: a credential never hands out, changes or
 * reaches more than it holds. Every route that creates, changes, deletes, rotates, revokes or
 * grants is called with tokens one step narrower than it needs in each dimension (scope,
 * namespace, agent, expiry, rate limit) where the dimension applies; each call must be refused
 * with the route's code and leave every table as it was. A new mutating route without an entry
 * here fails the completeness check.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { SCOPES, type Scope } from '../../src/auth/scopes.js'
import type { Database } from '../../src/db/sql.js'
import type { ErrorCode } from '../../src/errors.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type Narrowing = 'namespace' | 'agent' | 'expiry' | 'limit'

/** The narrow callers, each one step below what the routes need in one dimension. */
type Caller =
  /** admin, restricted to ns1, no agent */
  | 'ns1Admin'
  /** admin, restricted to ns1, agent planner */
  | 'plannerNs1'
  /** admin, every namespace, agent planner */
  | 'plannerOrgWide'
  /** admin, expires in an hour */
  | 'shortLived'
  /** admin, 30 requests a minute */
  | 'limited'
  /** the owner token: unrestricted, but capped by the org's limit */
  | 'owner'
  /** admin whose own limit is above the org's (set before an operator lowered the org's) */
  | 'aboveOrg'

interface Request {
  method: Method
  url: string
  body?: unknown
}

interface Attempt extends Request {
  as: Caller
  /**
   * The refusal: an error code, or a 200 answer that reached nothing (an erasure that counts 0,
   * whose own audit entry and event are the only rows it may add).
   */
  expect: ErrorCode | { status: number; body: unknown; audited: string }
}

interface Fixture {
  ownerTokenId: string
  /** records:read, every namespace, no expiry, the org's limit. */
  readerTokenId: string
  /** records:read restricted to ns2. */
  ns2ReaderTokenId: string
  /** records:write in ns1 as agent diarist. */
  diaristTokenId: string
  /** Shared in ns2; ns1 reads it through a grant. */
  sharedNs2: string
  /** Public in ns2: every namespace reads it. */
  publicNs2: string
  /** Private in ns1, owner agent diarist, allowed_agents [planner]. */
  privateNs1: string
  grantId: string
  webhookId: string
}

interface RouteEntry {
  scope: Scope
  /** A well-formed call of the route (the scope dimension sends it with a token lacking `scope`). */
  request: (f: Fixture) => Request
  /** Calls one step narrower in each other dimension, or why the dimension does not apply. */
  narrower: Record<Narrowing, ((f: Fixture) => Attempt[]) | string>
}

const ORG_CONFIG = 'org configuration, open only to org-wide tokens: no agent, expiry or limit to exceed'
const SECRETS = 'vendor secrets are org-wide, not in a namespace, and carry no agent, expiry or limit'
const CONNECTORS =
  'connector credentials are vendor secrets: org-wide, not in a namespace, and carry no agent, expiry or limit'
const NOT_A_CREDENTIAL = 'creates no credential: nothing to outlive or out-limit'

function tokenReach(action: (id: string) => Request): RouteEntry['narrower'] {
  return {
    namespace: (f) => [
      { as: 'ns1Admin', ...action(f.ownerTokenId), expect: 'NOT_FOUND' },
      { as: 'ns1Admin', ...action(f.ns2ReaderTokenId), expect: 'NOT_FOUND' },
    ],
    agent: (f) => [{ as: 'plannerNs1', ...action(f.diaristTokenId), expect: 'NOT_FOUND' }],
    expiry: (f) => [{ as: 'shortLived', ...action(f.readerTokenId), expect: 'NOT_FOUND' }],
    limit: (f) => [{ as: 'limited', ...action(f.readerTokenId), expect: 'NOT_FOUND' }],
  }
}

function recordWrite(action: (id: string) => Request): RouteEntry['narrower'] {
  return {
    namespace: (f) => [
      { as: 'ns1Admin', ...action(f.sharedNs2), expect: 'INSUFFICIENT_SCOPE' },
      { as: 'ns1Admin', ...action(f.publicNs2), expect: 'INSUFFICIENT_SCOPE' },
    ],
    agent: (f) => [{ as: 'plannerNs1', ...action(f.privateNs1), expect: 'INSUFFICIENT_SCOPE' }],
    expiry: NOT_A_CREDENTIAL,
    limit: NOT_A_CREDENTIAL,
  }
}

function orgWideOnly(request: (f: Fixture) => Request, why = ORG_CONFIG): RouteEntry['narrower'] {
  return {
    namespace: (f) => [{ as: 'ns1Admin', ...request(f), expect: 'INSUFFICIENT_SCOPE' }],
    agent: why,
    expiry: why,
    limit: why,
  }
}

/** Org configuration that an agent-bound token may not change either (members, keys, archive). */
function wholeOrgOnly(request: (f: Fixture) => Request): RouteEntry['narrower'] {
  return {
    namespace: (f) => [{ as: 'ns1Admin', ...request(f), expect: 'INSUFFICIENT_SCOPE' }],
    agent: (f) => [{ as: 'plannerOrgWide', ...request(f), expect: 'INSUFFICIENT_SCOPE' }],
    expiry: ORG_CONFIG,
    limit: ORG_CONFIG,
  }
}

/** A user id that is nobody's: the refusals come before any lookup. */
const NO_SUCH_MEMBER = '00000000-0000-7000-8000-000000000001'

function scopeOnly(why: string): RouteEntry['narrower'] {
  return { namespace: why, agent: why, expiry: why, limit: why }
}

const ARCHIVE_SETTINGS = {
  endpoint: 'http://127.0.0.1:9',
  bucket: 'customer-bucket',
  access_key_id: 'AKIAFIXTURE',
  secret_access_key: 'fixture-secret',
  mode: 'plaintext',
  policy: { older_than_days: 30 },
}

const NEW_TOKEN = { name: 'child', scopes: ['records:read'] }
const webhookCall =
  (method: Method, path: string, body?: unknown) =>
  (f: Fixture): Request => ({ method, url: `/v1/webhooks/${f.webhookId}${path}`, body })

/** Every mutating `/v1` route, keyed `METHOD url`. */
const ROUTES: Record<string, RouteEntry> = {
  'POST /v1/tokens': {
    scope: 'admin',
    request: () => ({ method: 'POST', url: '/v1/tokens', body: NEW_TOKEN }),
    narrower: {
      namespace: () => [
        {
          as: 'ns1Admin',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, namespace: 'ns2' },
          expect: 'INSUFFICIENT_SCOPE',
        },
      ],
      agent: () => [
        {
          as: 'ns1Admin',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, agent: 'diarist' },
          expect: 'INSUFFICIENT_SCOPE',
        },
        {
          as: 'plannerOrgWide',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, agent: 'diarist' },
          expect: 'INSUFFICIENT_SCOPE',
        },
      ],
      expiry: () => [
        {
          as: 'shortLived',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, expires_in_seconds: 3601 },
          expect: 'INSUFFICIENT_SCOPE',
        },
      ],
      limit: () => [
        {
          as: 'limited',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, rate_limit_per_minute: 31 },
          expect: 'INSUFFICIENT_SCOPE',
        },
        {
          as: 'owner',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, rate_limit_per_minute: 1_000_000 },
          expect: 'INSUFFICIENT_SCOPE',
        },
        {
          as: 'aboveOrg',
          method: 'POST',
          url: '/v1/tokens',
          body: { ...NEW_TOKEN, rate_limit_per_minute: 100_000 },
          expect: 'INSUFFICIENT_SCOPE',
        },
      ],
    },
  },
  'POST /v1/tokens/:id/rotate': {
    scope: 'admin',
    request: (f) => ({
      method: 'POST',
      url: `/v1/tokens/${f.ownerTokenId}/rotate`,
      body: { grace_seconds: 0 },
    }),
    narrower: tokenReach((id) => ({
      method: 'POST',
      url: `/v1/tokens/${id}/rotate`,
      body: { grace_seconds: 0 },
    })),
  },
  'DELETE /v1/tokens/:id': {
    scope: 'admin',
    request: (f) => ({ method: 'DELETE', url: `/v1/tokens/${f.ownerTokenId}` }),
    narrower: tokenReach((id) => ({ method: 'DELETE', url: `/v1/tokens/${id}` })),
  },
  'POST /v1/grants': {
    scope: 'admin',
    request: () => ({ method: 'POST', url: '/v1/grants', body: { namespace: 'ns1', reads: 'ns3' } }),
    narrower: orgWideOnly(() => ({
      method: 'POST',
      url: '/v1/grants',
      body: { namespace: 'ns1', reads: 'ns3' },
    })),
  },
  'DELETE /v1/grants/:id': {
    scope: 'admin',
    request: (f) => ({ method: 'DELETE', url: `/v1/grants/${f.grantId}` }),
    narrower: orgWideOnly((f) => ({ method: 'DELETE', url: `/v1/grants/${f.grantId}` })),
  },
  'POST /v1/keys/rotate': {
    scope: 'admin',
    request: () => ({ method: 'POST', url: '/v1/keys/rotate' }),
    narrower: wholeOrgOnly(() => ({ method: 'POST', url: '/v1/keys/rotate' })),
  },
  'DELETE /v1/members/:user_id': {
    scope: 'admin',
    request: () => ({ method: 'DELETE', url: `/v1/members/${NO_SUCH_MEMBER}` }),
    narrower: wholeOrgOnly(() => ({ method: 'DELETE', url: `/v1/members/${NO_SUCH_MEMBER}` })),
  },
  'POST /v1/namespaces': {
    scope: 'records:write',
    request: () => ({ method: 'POST', url: '/v1/namespaces', body: { name: 'ns9' } }),
    narrower: orgWideOnly(() => ({ method: 'POST', url: '/v1/namespaces', body: { name: 'ns9' } })),
  },
  'DELETE /v1/namespaces/:name': {
    scope: 'admin',
    request: () => ({ method: 'DELETE', url: '/v1/namespaces/ns2' }),
    narrower: orgWideOnly(() => ({ method: 'DELETE', url: '/v1/namespaces/ns2' })),
  },
  'POST /v1/records': {
    scope: 'records:write',
    request: () => ({ method: 'POST', url: '/v1/records', body: { namespace: 'ns2', content: 'x' } }),
    narrower: {
      namespace: () => [
        {
          as: 'ns1Admin',
          method: 'POST',
          url: '/v1/records',
          body: { namespace: 'ns2', content: 'x' },
          expect: 'INSUFFICIENT_SCOPE',
        },
      ],
      agent: 'the writer becomes the owner agent; no body field names another agent as owner',
      expiry: NOT_A_CREDENTIAL,
      limit: NOT_A_CREDENTIAL,
    },
  },
  'POST /v1/records/batch': {
    scope: 'records:write',
    request: () => ({
      method: 'POST',
      url: '/v1/records/batch',
      body: { records: [{ namespace: 'ns2', content: 'x' }] },
    }),
    narrower: {
      namespace: () => [
        {
          as: 'ns1Admin',
          method: 'POST',
          url: '/v1/records/batch',
          body: {
            records: [
              { namespace: 'ns1', content: 'x' },
              { namespace: 'ns2', content: 'x' },
            ],
          },
          expect: 'INSUFFICIENT_SCOPE',
        },
      ],
      agent: 'the writer becomes the owner agent of every record; no body field names another agent as owner',
      expiry: NOT_A_CREDENTIAL,
      limit: NOT_A_CREDENTIAL,
    },
  },
  'PATCH /v1/records/:id': {
    scope: 'records:write',
    request: (f) => ({ method: 'PATCH', url: `/v1/records/${f.sharedNs2}`, body: { visibility: 'public' } }),
    narrower: recordWrite((id) => ({
      method: 'PATCH',
      url: `/v1/records/${id}`,
      body: { visibility: 'public' },
    })),
  },
  'DELETE /v1/records/:id': {
    scope: 'records:write',
    request: (f) => ({ method: 'DELETE', url: `/v1/records/${f.sharedNs2}` }),
    narrower: recordWrite((id) => ({ method: 'DELETE', url: `/v1/records/${id}` })),
  },
  'DELETE /v1/records': {
    scope: 'records:write',
    request: (f) => ({ method: 'DELETE', url: `/v1/records?ids=${f.sharedNs2}` }),
    narrower: {
      namespace: (f) => [
        {
          as: 'ns1Admin',
          method: 'DELETE',
          url: `/v1/records?ids=${f.sharedNs2},${f.publicNs2}`,
          expect: { status: 200, body: { deleted: 0 }, audited: 'records.erased records:0' },
        },
      ],
      agent: (f) => [
        {
          as: 'plannerNs1',
          method: 'DELETE',
          url: `/v1/records?ids=${f.privateNs1}`,
          expect: { status: 200, body: { deleted: 0 }, audited: 'records.erased records:0' },
        },
        {
          as: 'plannerOrgWide',
          method: 'DELETE',
          url: `/v1/records?ids=${f.privateNs1}`,
          expect: { status: 200, body: { deleted: 0 }, audited: 'records.erased records:0' },
        },
      ],
      expiry: NOT_A_CREDENTIAL,
      limit: NOT_A_CREDENTIAL,
    },
  },
  'POST /v1/records/search': {
    scope: 'records:read',
    request: () => ({ method: 'POST', url: '/v1/records/search', body: { query: 'x' } }),
    narrower: scopeOnly(
      'a read (POST for its body); what it shows is the read predicate, tested in search-leakage',
    ),
  },
  'PUT /v1/audit/settings': {
    scope: 'admin',
    request: () => ({ method: 'PUT', url: '/v1/audit/settings', body: { record_reads: false } }),
    narrower: orgWideOnly(() => ({
      method: 'PUT',
      url: '/v1/audit/settings',
      body: { record_reads: false },
    })),
  },
  'PUT /v1/secrets/:kind': {
    scope: 'secrets:write',
    request: () => ({ method: 'PUT', url: '/v1/secrets/vendor-x', body: { value: 'sk-new-value-000' } }),
    narrower: scopeOnly(SECRETS),
  },
  'DELETE /v1/secrets/:kind': {
    scope: 'secrets:write',
    request: () => ({ method: 'DELETE', url: '/v1/secrets/vendor-x' }),
    narrower: scopeOnly(SECRETS),
  },
  'POST /v1/secrets/:kind/verify': {
    scope: 'secrets:write',
    request: () => ({ method: 'POST', url: '/v1/secrets/vendor-x/verify' }),
    narrower: scopeOnly(SECRETS),
  },
  'POST /v1/secrets/:kind/resolve': {
    scope: 'secrets:resolve',
    request: () => ({ method: 'POST', url: '/v1/secrets/vendor-x/resolve', body: { purpose: 'test' } }),
    narrower: scopeOnly(SECRETS),
  },
  'POST /v1/connectors/:provider/authorize': {
    scope: 'secrets:write',
    request: () => ({ method: 'POST', url: '/v1/connectors/some-idp/authorize' }),
    narrower: scopeOnly(CONNECTORS),
  },
  'DELETE /v1/connectors/:id': {
    scope: 'secrets:write',
    request: () => ({ method: 'DELETE', url: '/v1/connectors/00000000-0000-7000-8000-000000000000' }),
    narrower: scopeOnly(CONNECTORS),
  },
  'POST /v1/connectors/:id/resolve': {
    scope: 'secrets:resolve',
    request: () => ({
      method: 'POST',
      url: '/v1/connectors/00000000-0000-7000-8000-000000000000/resolve',
      body: { purpose: 'test' },
    }),
    narrower: scopeOnly(CONNECTORS),
  },
  'PUT /v1/archive/settings': {
    scope: 'admin',
    request: () => ({ method: 'PUT', url: '/v1/archive/settings', body: ARCHIVE_SETTINGS }),
    narrower: wholeOrgOnly(() => ({ method: 'PUT', url: '/v1/archive/settings', body: ARCHIVE_SETTINGS })),
  },
  'DELETE /v1/archive/settings': {
    scope: 'admin',
    request: () => ({ method: 'DELETE', url: '/v1/archive/settings' }),
    narrower: wholeOrgOnly(() => ({ method: 'DELETE', url: '/v1/archive/settings' })),
  },
  'POST /v1/archive/runs': {
    scope: 'admin',
    request: () => ({ method: 'POST', url: '/v1/archive/runs', body: {} }),
    narrower: wholeOrgOnly(() => ({ method: 'POST', url: '/v1/archive/runs', body: {} })),
  },
  'POST /v1/records/:id/restore': {
    scope: 'admin',
    request: (f) => ({ method: 'POST', url: `/v1/records/${f.sharedNs2}/restore` }),
    narrower: wholeOrgOnly((f) => ({ method: 'POST', url: `/v1/records/${f.sharedNs2}/restore` })),
  },
  'POST /v1/webhooks': {
    scope: 'admin',
    request: () => ({
      method: 'POST',
      url: '/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/other', event_types: ['*'] },
    }),
    narrower: orgWideOnly(() => ({
      method: 'POST',
      url: '/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/other', event_types: ['*'] },
    })),
  },
  'PATCH /v1/webhooks/:id': {
    scope: 'admin',
    request: webhookCall('PATCH', '', { enabled: false }),
    narrower: orgWideOnly(webhookCall('PATCH', '', { enabled: false })),
  },
  'DELETE /v1/webhooks/:id': {
    scope: 'admin',
    request: webhookCall('DELETE', ''),
    narrower: orgWideOnly(webhookCall('DELETE', '')),
  },
  'POST /v1/webhooks/:id/rotate-secret': {
    scope: 'admin',
    request: webhookCall('POST', '/rotate-secret'),
    narrower: orgWideOnly(webhookCall('POST', '/rotate-secret')),
  },
  'POST /v1/webhooks/:id/test': {
    scope: 'admin',
    request: webhookCall('POST', '/test'),
    narrower: orgWideOnly(webhookCall('POST', '/test')),
  },
  'POST /v1/webhooks/:id/deliveries/retry': {
    scope: 'admin',
    request: webhookCall('POST', '/deliveries/retry', {}),
    narrower: orgWideOnly(webhookCall('POST', '/deliveries/retry', {})),
  },
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Routes that authenticate nobody (they are how a credential is obtained or ended). */
const UNAUTHENTICATED = new Set(['POST /v1/auth/login', 'POST /v1/auth/logout'])

/**
 * One md5 per table over every row (as JSON), through the test's own handle: RLS does not hide
 * rows from it. `last_used_at` is left out: any authenticated request may stamp it.
 */
async function tableDigests(db: Database): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  )
  const digests: Record<string, string> = {}
  for (const { name } of tables) {
    const { rows } = await db.query<{ digest: string }>(
      `SELECT md5(coalesce(string_agg(row_json, '|' ORDER BY row_json), '')) AS digest
       FROM (SELECT (to_jsonb(t) - 'last_used_at')::text AS row_json FROM "${name}" t) s`,
    )
    digests[name] = rows[0]!.digest
  }
  return digests
}

for (const target of DATABASE_TARGETS) {
  describe(`narrow tokens never climb, route by route, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let fixture: Fixture
    const tokens = new Map<Caller | `lacks:${Scope}`, string>()
    const clock = new TestClock()

    async function send(token: string, request: Request) {
      return http.inject({
        method: request.method,
        url: request.url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { payload: JSON.stringify(request.body) } : {}),
      })
    }

    async function lastAudited(): Promise<string> {
      const { rows } = await testDb.db.query<{ entry: string }>(
        "SELECT action || ' ' || resource AS entry FROM audit_log WHERE org_id = $1 ORDER BY seq DESC LIMIT 1",
        [org.orgId],
      )
      return rows[0]!.entry
    }

    async function asOwner(request: Request, status: number) {
      const response = await send(org.ownerToken, request)
      assert.equal(response.statusCode, status, `${request.method} ${request.url}: ${response.body}`)
      return response.json()
    }

    async function mint(body: Record<string, unknown>): Promise<{ id: string; token: string }> {
      return asOwner({ method: 'POST', url: '/v1/tokens', body: { name: 'fixture', ...body } }, 201)
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'climb', actor: 'test' })
      // Enough requests a minute for the whole file; the limit dimension is still 30 below it.
      await testDb.db.query("UPDATE orgs SET plan = 'enterprise' WHERE id = $1", [org.orgId])
      for (const name of ['ns1', 'ns2', 'ns3']) {
        await asOwner({ method: 'POST', url: '/v1/namespaces', body: { name } }, 201)
      }
      for (const scope of new Set(Object.values(ROUTES).map((route) => route.scope))) {
        const scopes = SCOPES.filter((held) => held !== scope && held !== 'admin')
        tokens.set(`lacks:${scope}`, (await mint({ scopes })).token)
      }
      tokens.set('owner', org.ownerToken)
      tokens.set('ns1Admin', (await mint({ scopes: ['admin'], namespace: 'ns1' })).token)
      tokens.set('plannerNs1', (await mint({ scopes: ['admin'], namespace: 'ns1', agent: 'planner' })).token)
      tokens.set('plannerOrgWide', (await mint({ scopes: ['admin'], agent: 'planner' })).token)
      tokens.set('shortLived', (await mint({ scopes: ['admin'], expires_in_seconds: 3600 })).token)
      tokens.set('limited', (await mint({ scopes: ['admin'], rate_limit_per_minute: 30 })).token)
      const aboveOrg = await mint({ scopes: ['admin'] })
      await testDb.db.query('UPDATE api_tokens SET rate_limit_per_minute = 1000000 WHERE id = $1', [
        aboveOrg.id,
      ])
      tokens.set('aboveOrg', aboveOrg.token)
      const diarist = await mint({
        scopes: ['records:read', 'records:write'],
        namespace: 'ns1',
        agent: 'diarist',
      })
      const record = async (token: string, body: Record<string, unknown>) =>
        (await send(token, { method: 'POST', url: '/v1/records', body })).json().id as string
      recordSecret('sk-fixture-value-000')
      recordSecret('sk-new-value-000')
      await asOwner(
        { method: 'PUT', url: '/v1/secrets/vendor-x', body: { value: 'sk-fixture-value-000' } },
        200,
      )
      const webhook = await asOwner(
        {
          method: 'POST',
          url: '/v1/webhooks',
          body: { url: 'http://127.0.0.1:9/hook', event_types: ['key.rotated'] },
        },
        201,
      )
      recordSecret(webhook.secret)
      fixture = {
        ownerTokenId: org.ownerTokenId,
        readerTokenId: (await mint({ scopes: ['records:read'] })).id,
        ns2ReaderTokenId: (await mint({ scopes: ['records:read'], namespace: 'ns2' })).id,
        diaristTokenId: diarist.id,
        sharedNs2: await record(org.ownerToken, { namespace: 'ns2', content: 'shared' }),
        publicNs2: await record(org.ownerToken, {
          namespace: 'ns2',
          content: 'public',
          visibility: 'public',
        }),
        privateNs1: await record(diarist.token, {
          namespace: 'ns1',
          content: 'private',
          visibility: 'private',
          allowed_agents: ['planner'],
        }),
        grantId: (
          await asOwner({ method: 'POST', url: '/v1/grants', body: { namespace: 'ns1', reads: 'ns2' } }, 201)
        ).id,
        webhookId: webhook.id,
      }
      // The fixture is what the narrow tokens try to climb over: check that they can see it.
      for (const id of [fixture.sharedNs2, fixture.publicNs2]) {
        const read = await send(tokens.get('ns1Admin')!, {
          method: 'GET' as Method,
          url: `/v1/records/${id}`,
        })
        assert.equal(read.statusCode, 200, 'ns1 reads ns2 through the grant or visibility')
      }
      const privateRead = await send(tokens.get('plannerNs1')!, {
        method: 'GET' as Method,
        url: `/v1/records/${fixture.privateNs1}`,
      })
      assert.equal(privateRead.statusCode, 200, 'planner is an allowed agent of the private record')
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('the table names every mutating /v1 route with its declared scope (a new route fails here)', () => {
      const declared = http.routeScopes
        .filter((route) => route.url.startsWith('/v1/') && MUTATING.has(route.method))
        .filter((route) => !UNAUTHENTICATED.has(`${route.method} ${route.url}`))
        // The operator plane (/v1/orgs) takes no tenant token at all: operator-plane-isolation.test.ts.
        .filter((route) => route.scope !== 'operator')
        .map((route) => `${route.method} ${route.url} ${route.scope}`)
        .sort()
      const tabled = Object.entries(ROUTES)
        .map(([route, entry]) => `${route} ${entry.scope}`)
        .sort()
      assert.deepEqual(tabled, declared)
    })

    for (const [route, entry] of Object.entries(ROUTES)) {
      it(`${route}: refused one step narrower, and nothing changes`, async () => {
        const attempts: Array<Attempt & { dimension: string; token: string }> = [
          {
            dimension: 'scope',
            as: 'owner',
            token: tokens.get(`lacks:${entry.scope}`)!,
            ...entry.request(fixture),
            expect: 'INSUFFICIENT_SCOPE',
          },
        ]
        for (const [dimension, narrower] of Object.entries(entry.narrower)) {
          if (typeof narrower === 'string') continue
          for (const attempt of narrower(fixture))
            attempts.push({ dimension, token: tokens.get(attempt.as)!, ...attempt })
        }
        for (const attempt of attempts) {
          const label = `${route} narrower in ${attempt.dimension} (${attempt.dimension === 'scope' ? `lacks ${entry.scope}` : attempt.as})`
          const before = await tableDigests(testDb.db)
          const response = await send(attempt.token, attempt)
          const after = await tableDigests(testDb.db)
          if (typeof attempt.expect === 'string') {
            assert.equal(
              response.json().code,
              attempt.expect,
              `${label}: ${response.statusCode} ${response.body}`,
            )
          } else {
            assert.equal(response.statusCode, attempt.expect.status, label)
            // An erasure's signed receipt (test/subjects/erasure-receipt.test.ts) is not compared here.
            const { receipt: _receipt, ...body } = response.json()
            assert.deepEqual(body, attempt.expect.body, label)
            assert.equal(await lastAudited(), attempt.expect.audited, label)
            // audit_signing_keys: an erasure's receipt is signed, and the first signature makes the key.
            for (const table of ['audit_log', 'webhook_deliveries', 'audit_signing_keys'])
              after[table] = before[table]!
          }
          assert.deepEqual(after, before, `${label}: the database changed`)
        }
      })
    }

    it('lists show only what the caller reaches: tokens by reach, grants not to a restricted token', async () => {
      const list = async (as: Caller) =>
        (
          await http.inject({
            method: 'GET',
            url: '/v1/tokens?limit=100',
            headers: { authorization: `Bearer ${tokens.get(as)}` },
          })
        ).json().items as Array<{
          id: string
          namespace: string | null
          agent: string | null
          expires_at: string | null
          rate_limit_per_minute: number | null
        }>
      const ns1 = await list('ns1Admin')
      assert.ok(ns1.length >= 1, 'itself at least')
      assert.ok(ns1.every((token) => token.namespace === 'ns1' && token.agent === null))
      assert.ok((await list('plannerNs1')).every((token) => token.agent !== 'diarist'))
      assert.ok((await list('shortLived')).every((token) => token.expires_at !== null))
      assert.ok((await list('limited')).every((token) => token.rate_limit_per_minute !== null))
      assert.ok(
        (await list('owner')).some((token) => token.agent === 'diarist'),
        'the org-wide owner sees every agent',
      )
      const grants = await http.inject({
        method: 'GET',
        url: '/v1/grants',
        headers: { authorization: `Bearer ${tokens.get('ns1Admin')}` },
      })
      assert.equal(grants.json().code, 'INSUFFICIENT_SCOPE')
    })
  })
}
