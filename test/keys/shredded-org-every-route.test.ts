// Stops: a crypto-shredded org getting 500s (e.g. `IN ()` when no key version is live) or an
// answer that differs from the README's rule. Every /v1 route in the route table is called for an
// org whose keys were destroyed; a route added later is called too, with a generic request.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { type CreatedOrg, createOrg, setOrgRateLimit } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

type Method = 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT'
interface Sample {
  path: string
  body?: unknown
}

for (const target of DATABASE_TARGETS) {
  describe(`every /v1 route of a crypto-shredded org on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const ids: Record<string, string> = {}

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock: new TestClock(Date.now()) })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'shredded', actor: 'test' })
      // More routes than the default plan's 60 requests a minute: the limiter is not what is tested here.
      await setOrgRateLimit(coffer.db, 'shredded', 100_000)
      const t = org.ownerToken
      const expect201 = async (method: Method, path: string, body: unknown) => {
        const response = await http.inject({
          method,
          url: path,
          headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        })
        assert.ok(response.statusCode < 300, `${method} ${path}: ${response.body}`)
        return response.json()
      }
      await expect201('POST', '/v1/namespaces', { name: 'notes' })
      await expect201('POST', '/v1/namespaces', { name: 'other' })
      ids.record = (
        await expect201('POST', '/v1/records', {
          namespace: 'notes',
          content: 'shred me',
          metadata: { m: 1 },
          entities: ['alice'],
        })
      ).id
      await expect201('PUT', '/v1/secrets/openai_key', { value: 'sk-shredded-canary-value' })
      recordCanary('sk-shredded-canary-value')
      const webhook = await expect201('POST', '/v1/webhooks', {
        url: 'https://hooks.example.test/shredded',
        event_types: ['*'],
      })
      recordCanary(webhook.secret)
      ids.webhook = webhook.id
      const token = await expect201('POST', '/v1/tokens', { name: 'second', scopes: ['records:read'] })
      recordCanary(token.token)
      ids.token = token.id
      ids.grant = (await expect201('POST', '/v1/grants', { namespace: 'notes', reads: 'other' })).id
      assert.deepEqual(await destroyOrgKeys(coffer, org.orgId, 'test'), [1])
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    /** A request for each route that would succeed on a live org; routes not listed get a generic one. */
    const samples = (): Record<string, Sample> => ({
      'POST /v1/namespaces': { path: '/v1/namespaces', body: { name: 'later' } },
      'DELETE /v1/namespaces/:name': { path: '/v1/namespaces/later' },
      'POST /v1/records': { path: '/v1/records', body: { namespace: 'notes', content: 'x' } },
      'POST /v1/records/batch': {
        path: '/v1/records/batch',
        body: { records: [{ namespace: 'notes', content: 'x' }] },
      },
      'GET /v1/records': { path: '/v1/records' },
      'PATCH /v1/records/:id': { path: `/v1/records/${ids.record}`, body: { content: 'y' } },
      'GET /v1/records/:id': { path: `/v1/records/${ids.record}` },
      'DELETE /v1/records/:id': { path: `/v1/records/${ids.record}` },
      'DELETE /v1/records': { path: `/v1/records?ids=${ids.record}` },
      'POST /v1/records/search': { path: '/v1/records/search', body: { query: 'shred' } },
      'POST /v1/grants': { path: '/v1/grants', body: { namespace: 'other', reads: 'notes' } },
      'DELETE /v1/grants/:id': { path: `/v1/grants/${ids.grant}` },
      'PUT /v1/secrets/:kind': { path: '/v1/secrets/anthropic_key', body: { value: 'sk-other' } },
      'DELETE /v1/secrets/:kind': { path: '/v1/secrets/openai_key' },
      'POST /v1/secrets/:kind/verify': { path: '/v1/secrets/openai_key/verify', body: {} },
      'POST /v1/secrets/:kind/resolve': { path: '/v1/secrets/openai_key/resolve', body: { purpose: 'test' } },
      'POST /v1/tokens': { path: '/v1/tokens', body: { name: 'third', scopes: ['records:read'] } },
      'DELETE /v1/tokens/:id': { path: `/v1/tokens/${ids.token}` },
      'POST /v1/tokens/:id/rotate': { path: `/v1/tokens/${ids.token}/rotate`, body: {} },
      'POST /v1/webhooks': {
        path: '/v1/webhooks',
        body: { url: 'https://hooks.example.test/x', event_types: ['*'] },
      },
      'PATCH /v1/webhooks/:id': { path: `/v1/webhooks/${ids.webhook}`, body: { description: 'd' } },
      'DELETE /v1/webhooks/:id': { path: `/v1/webhooks/${ids.webhook}` },
      'POST /v1/webhooks/:id/rotate-secret': { path: `/v1/webhooks/${ids.webhook}/rotate-secret`, body: {} },
      'POST /v1/webhooks/:id/test': { path: `/v1/webhooks/${ids.webhook}/test`, body: {} },
      'POST /v1/webhooks/:id/deliveries/retry': {
        path: `/v1/webhooks/${ids.webhook}/deliveries/retry`,
        body: {},
      },
    })

    /** Fills `:params` with the org's ids (or a fresh UUID), for routes without a sample. */
    function generic(url: string, method: string): Sample {
      const path = url
        .replace(':id', ids.webhook ?? '00000000-0000-7000-8000-000000000000')
        .replace(':kind', 'openai_key')
        .replace(':name', 'notes')
      return method === 'GET' || method === 'DELETE' ? { path } : { path, body: {} }
    }

    /**
     * The README's rule (Keys → Crypto-shredding): what needs the org key answers 410; what is
     * stored without it (ids, names, kinds, last4, timestamps, envelopes as stored) still answers,
     * and deleting works.
     */
    const NEEDS_THE_KEY = new Set([
      'GET /v1/records/:id',
      'POST /v1/records',
      'POST /v1/records/batch',
      'PATCH /v1/records/:id',
      'POST /v1/records/search',
      'GET /v1/records?entity=',
      'DELETE /v1/records?entity=',
      'POST /v1/records/search with entities',
      'GET /v1/export?format=plain',
      'PUT /v1/secrets/:kind',
      'POST /v1/secrets/:kind/verify',
      'POST /v1/secrets/:kind/resolve',
      'GET /v1/webhooks',
      'GET /v1/webhooks/:id',
      'POST /v1/webhooks',
      'PATCH /v1/webhooks/:id',
      'POST /v1/webhooks/:id/rotate-secret',
    ])

    it('every route answers as documented: 410 KEY_DESTROYED when it needs the key, else as before; never 500', async () => {
      const table = samples()
      const extra: [string, Method, Sample][] = [
        ['GET /v1/records?entity=', 'GET', { path: '/v1/records?entity=alice' }],
        ['GET /v1/export?format=plain', 'GET', { path: '/v1/export?format=plain' }],
        [
          'POST /v1/records/search with entities',
          'POST',
          { path: '/v1/records/search', body: { query: 'shred', entities: ['alice'] } },
        ],
        ['DELETE /v1/records?entity=', 'DELETE', { path: '/v1/records?entity=alice' }],
      ]
      const requests: [string, Method, Sample][] = [
        ...http.routeScopes
          .filter((route) => route.url.startsWith('/v1/') && !route.url.startsWith('/v1/auth/'))
          .map((route): [string, Method, Sample] => {
            const name = `${route.method} ${route.url}`
            return [name, route.method as Method, table[name] ?? generic(route.url, route.method)]
          }),
        ...extra,
      ]
      assert.ok(requests.length >= 36, `${requests.length} requests`)
      // Reads first, then changes, deletions last: a deletion must not hide what a read would answer.
      const order = (method: string) => (method === 'GET' ? 0 : method === 'DELETE' ? 2 : 1)
      requests.sort((a, b) => order(a[1]) - order(b[1]))
      const wrong: string[] = []
      for (const [name, method, sample] of requests) {
        const response = await http.inject({
          method,
          url: sample.path,
          headers: {
            authorization: `Bearer ${org.ownerToken}`,
            ...(sample.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(sample.body !== undefined ? { payload: JSON.stringify(sample.body) } : {}),
        })
        const code = response.statusCode >= 400 ? response.json().code : ''
        const answer = `${name} -> ${response.statusCode} ${code}`
        if (response.statusCode >= 500) wrong.push(answer)
        else if (NEEDS_THE_KEY.has(name)) {
          if (response.statusCode !== 410 || code !== 'KEY_DESTROYED') wrong.push(`${answer} (expected 410)`)
        } else if (table[name] && response.statusCode >= 400) wrong.push(`${answer} (expected 2xx)`)
      }
      assert.deepEqual(wrong, [])
    })
  })
}
