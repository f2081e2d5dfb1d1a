import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { isCofferError } from '../../src/errors.js'
import { listenForMetrics, type MetricsListener } from '../../src/observability/metrics-listener.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

/** One sample of the Prometheus text format: name, labels, value. */
interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    assert.ok(match, `a sample line: ${line}`)
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    )
    samples.push({ name: match[1]!, labels, value: Number(match[3]) })
  }
  return samples
}

for (const target of DATABASE_TARGETS) {
  describe(`metrics scraped after traffic on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let listener: MetricsListener
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'metered', actor: 'test' })
      listener = await listenForMetrics(coffer.metrics, { host: '127.0.0.1', port: 0 })
    })
    after(async () => {
      await listener.close()
      await http.close()
      await testDb.drop()
    })

    async function scrape(): Promise<{ text: string; samples: Sample[] }> {
      const response = await fetch(listener.url)
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
      const text = await response.text()
      return { text, samples: parseSamples(text) }
    }
    const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
      samples.filter(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
      )

    it('has request, problem, rate-limit, key, provider, database and backlog series with fixed label sets', async () => {
      const content = `metrics canary ${Math.random()}`
      recordCanary(content)
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', { content, ttl_seconds: 5 })
      assert.equal(stored.statusCode, 201)
      const { id } = stored.json()
      assert.equal((await call(http, org.ownerToken, 'GET', `/v1/records/${id}`)).statusCode, 200)
      assert.equal(
        (await call(http, org.ownerToken, 'GET', '/v1/records/00000000-0000-7000-8000-000000000000')).json()
          .code,
        'NOT_FOUND',
      )
      assert.equal((await call(http, 'cf_nonsense', 'GET', '/v1/records')).json().code, 'TOKEN_INVALID')
      const limited = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
        name: 'one-a-minute',
        scopes: ['records:read'],
        rate_limit_per_minute: 1,
      })
      assert.equal(limited.statusCode, 201)
      const oneAMinute = limited.json().token
      await call(http, oneAMinute, 'GET', '/v1/records')
      assert.equal((await call(http, oneAMinute, 'GET', '/v1/records')).statusCode, 429)
      clock.advance(65_000) // the record's TTL passed a minute ago; no sweeper runs here

      const { text, samples } = await scrape()
      const duration = 'coffer_http_request_duration_seconds_count'
      assert.equal(
        find(samples, duration, { method: 'POST', route: '/v1/records', status_class: '2xx' })[0]?.value,
        1,
      )
      assert.equal(
        find(samples, duration, { method: 'GET', route: '/v1/records/:id', status_class: '2xx' })[0]?.value,
        1,
      )
      assert.equal(
        find(samples, duration, { method: 'GET', route: '/v1/records/:id', status_class: '4xx' })[0]?.value,
        1,
      )
      for (const sample of find(samples, duration)) {
        assert.deepEqual(Object.keys(sample.labels).sort(), ['method', 'route', 'status_class'])
      }
      assert.equal(text.includes(id), false, 'no record id in any label')
      assert.equal(text.includes(content), false, 'no content in the scrape')
      assert.equal(find(samples, 'coffer_http_problems_total', { code: 'NOT_FOUND' })[0]?.value, 1)
      assert.equal(find(samples, 'coffer_http_problems_total', { code: 'TOKEN_INVALID' })[0]?.value, 1)
      assert.equal(find(samples, 'coffer_http_problems_total', { code: 'RATE_LIMITED' })[0]?.value, 1)
      assert.equal(find(samples, 'coffer_http_rate_limited_total', { route: '/v1/records' })[0]?.value, 1)
      assert.equal(find(samples, 'coffer_http_requests_in_flight')[0]?.value, 0)
      assert.ok((find(samples, 'coffer_key_cache_hits')[0]?.value ?? 0) >= 1, 'key cache hits')
      assert.ok((find(samples, 'coffer_key_cache_misses')[0]?.value ?? 0) >= 1, 'key cache misses')
      assert.ok(find(samples, 'coffer_key_cache_entries')[0]!.value >= 1)
      assert.equal(
        find(samples, 'coffer_key_provider_calls_total', { operation: 'generateOrgKey', outcome: 'ok' })[0]
          ?.value,
        1,
        'one org key generated at org creation',
      )
      assert.ok(
        (find(samples, 'coffer_db_transaction_duration_seconds_count', { outcome: 'commit' })[0]?.value ??
          0) > 3,
      )
      assert.equal(find(samples, 'coffer_build_info')[0]?.value, 1)
      assert.ok(find(samples, 'coffer_ttl_sweep_lag_seconds')[0]!.value >= 60, 'the expired record waits')
      assert.equal(find(samples, 'coffer_webhook_deliveries_pending')[0]?.value, 0)
      assert.equal(find(samples, 'coffer_db_pool_connections').length, target.name === 'postgres' ? 3 : 0)
      // Per org: this org's authenticated requests (2 stored/read + 1 not found + token create + 2 by the
      // narrow token, one of them 429); the forged token's request belongs to no org.
      const orgSeries = find(samples, 'coffer_org_requests', { org_id: org.orgId })
      assert.deepEqual(
        Object.fromEntries(orgSeries.map((sample) => [sample.labels.status_class, sample.value])),
        { '2xx': 4, '4xx': 2, '5xx': 0 },
      )
      for (const sample of find(samples, 'coffer_org_requests')) {
        assert.deepEqual(Object.keys(sample.labels).sort(), ['org_id', 'status_class'])
      }
    })

    it('per-org series stay bounded: the 50 busiest orgs by id, every other org summed as "other"', async () => {
      for (let n = 0; n < 60; n++) {
        const orgId = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`
        for (let request = 0; request <= n; request++) coffer.metrics.orgRequests.add(orgId, 200)
      }
      const { samples } = await scrape()
      const ids = new Set(find(samples, 'coffer_org_requests').map((sample) => sample.labels.org_id))
      assert.equal(ids.size, 51, '50 orgs and other')
      assert.ok(ids.has('other'))
      // The ten quietest synthetic orgs (1..10 requests) and the real org (6 requests) are in other.
      assert.equal(ids.has('00000000-0000-7000-8000-000000000000'), false)
      assert.equal(ids.has('00000000-0000-7000-8000-000000000059'), true)
      assert.equal(
        find(samples, 'coffer_org_requests', { org_id: 'other', status_class: '2xx' })[0]?.value,
        55 + 4,
      )
    })

    it('answers 404 off /metrics, and an address in use is CONFIG_INVALID naming the variable', async () => {
      assert.equal((await fetch(listener.url.replace('/metrics', '/'))).status, 404)
      const port = Number(new URL(listener.url).port)
      await assert.rejects(
        listenForMetrics(coffer.metrics, { host: '127.0.0.1', port }),
        (error) => isCofferError(error, 'CONFIG_INVALID') && /COFFER_METRICS_LISTEN/.test(error.message),
      )
    })
  })
}
