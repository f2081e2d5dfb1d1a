// Stops: a request that cannot be followed across Coffer and its callers: no server span, a
// caller's trace id dropped, statements or key provider calls outside the request's tree, log
// lines without the trace id, a webhook receiver that cannot join the delivery's trace; and
// span names that carry a URL, a query or SQL text.
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { COFFER_VERSION } from '../../src/internal/version.js'
import { startTracing } from '../../src/observability/tracing.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { WebhookWorker } from '../../src/webhooks/webhook-worker.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js'

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const CALLER_SPAN_ID = '00f067aa0ba902b7'

for (const target of DATABASE_TARGETS) {
  describe(`the trace of one request on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let logs: LogCapture
    let org: CreatedOrg
    const receiver = new OtlpReceiver()
    const clock = new TestClock(Date.now())

    before(async () => {
      await receiver.start()
      const tracing = startTracing(
        {
          tracesUrl: receiver.url,
          serviceName: 'coffer-test',
          sampler: 'parentbased_always_on',
          samplerRatio: 1,
        },
        { version: COFFER_VERSION },
      )
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock, tracing })
      ;({ http, logs } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'traced', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await coffer.tracing.shutdown()
      await testDb.drop()
      await receiver.close()
    })

    /** Flushes until a span matching `find` arrived (bounded: the server span ends after the reply). */
    async function spansOfTrace(find: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan[]> {
      for (let tries = 0; tries < 50 && !receiver.spans.some(find); tries++) {
        await new Promise((resolve) => setImmediate(resolve))
        await coffer.tracing.flush()
      }
      const root = receiver.spans.find(find)
      assert.ok(root, 'the span arrived at the collector')
      return receiver.spans.filter((span) => span.traceId === root.traceId)
    }

    it('a traced transaction keeps the tenant scope: role coffer_app and the org, inside a span and outside', async () => {
      const scopeOf = () =>
        withTenant(coffer.db, org.orgId, async (sql) => {
          const { rows } = await sql.query<{ role: string; org: string | null }>(
            "SELECT current_user AS role, current_setting('app.org_id', true) AS org",
          )
          return rows[0]
        })
      assert.deepEqual({ ...(await scopeOf()) }, { role: 'coffer_app', org: org.orgId })
      const inSpan = await coffer.tracing.inSpan('test', {}, scopeOf)
      assert.deepEqual({ ...inSpan }, { role: 'coffer_app', org: org.orgId })
    })

    it('joins the caller trace: server span, then transaction and statement spans, then the provider call', async () => {
      const content = `trace canary ${Math.random()}`
      recordCanary(content)
      coffer.keyCache.clear() // the org key must be unwrapped inside this request
      const response = await call(
        http,
        org.ownerToken,
        'POST',
        '/v1/records?entity_hint=secret-query-value',
        { content },
        { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
      )
      assert.equal(response.statusCode, 201)
      const trace = await spansOfTrace(
        (span) => span.traceId === CALLER_TRACE_ID && span.name === 'POST /v1/records',
      )
      const server = trace.find((span) => span.name === 'POST /v1/records')!
      assert.equal(server.parentSpanId, CALLER_SPAN_ID, 'child of the caller span')
      assert.equal(server.kind, 2, 'SPAN_KIND_SERVER')
      assert.equal(server.attributes['http.route'], '/v1/records')
      assert.equal(server.attributes['http.request.method'], 'POST')
      assert.equal(Number(server.attributes['http.response.status_code']), 201)

      const children = (parent: ReceivedSpan) => trace.filter((span) => span.parentSpanId === parent.spanId)
      const transactions = children(server).filter((span) => span.name === 'transaction')
      assert.ok(transactions.length >= 1, 'transactions are children of the server span')
      for (const transaction of transactions) {
        assert.equal(transaction.attributes['db.system'], target.name === 'pglite' ? 'pglite' : 'postgresql')
      }
      const statements = transactions.flatMap(children).filter((span) => span.attributes['db.system'])
      assert.ok(
        statements.some((span) => span.name === 'INSERT records'),
        `an INSERT records statement span (got ${statements.map((span) => span.name).join(', ')})`,
      )
      for (const statement of statements) {
        assert.match(statement.name, /^[A-Z]+( [a-z_0-9]+)?$/, 'keyword and table only')
        assert.equal(statement.attributes['db.statement'], undefined)
        assert.equal(statement.attributes['db.query.text'], undefined)
      }
      const unwrap = trace.find((span) => span.name === 'key_provider unwrapOrgKey')
      assert.ok(unwrap, 'the provider call is in the trace')
      assert.ok(
        transactions.some((transaction) => transaction.spanId === unwrap.parentSpanId),
        'the provider call is a child of a transaction span',
      )
      assert.equal(unwrap.attributes['coffer.key_provider.name'], 'local')
      const text = receiver.text()
      assert.equal(text.includes('secret-query-value'), false, 'no query value in any span')
      assert.equal(text.includes('entity_hint'), false, 'no query at all')
      assert.equal(text.includes(response.json().id), false, 'no raw URL or record id')
    })

    it('puts the trace id on every log line of the request', async () => {
      const before = logs.lines.length
      const response = await call(http, org.ownerToken, 'GET', '/v1/records', undefined, {
        traceparent: `00-${CALLER_TRACE_ID.replace(/^4/, '5')}-${CALLER_SPAN_ID}-01`,
      })
      assert.equal(response.statusCode, 200)
      const lines = logs.lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>)
      const ofRequest = lines.filter((line) => line.reqId !== undefined)
      assert.ok(ofRequest.length >= 2, 'incoming request and request completed at least')
      for (const line of ofRequest) {
        assert.equal(line.trace_id, CALLER_TRACE_ID.replace(/^4/, '5'), String(line.msg))
        assert.match(String(line.span_id), /^[0-9a-f]{16}$/)
      }
      assert.ok(ofRequest.some((line) => line.msg === 'incoming request'))
      assert.ok(ofRequest.some((line) => line.msg === 'request completed'))
    })

    it('names an unmatched request by its method only, and a fresh trace without traceparent', async () => {
      const response = await call(http, org.ownerToken, 'GET', '/v1/no-such-route/abc123?x=1')
      assert.equal(response.statusCode, 404)
      const trace = await spansOfTrace(
        (span) => span.kind === 2 && Number(span.attributes['http.response.status_code']) === 404,
      )
      const server = trace.find((span) => span.kind === 2)!
      assert.equal(server.name, 'GET')
      assert.equal(server.parentSpanId, undefined)
      assert.notEqual(server.traceId, CALLER_TRACE_ID)
      assert.equal(receiver.text().includes('no-such-route'), false)
    })

    it('sends each webhook delivery in a span of its own, with its traceparent to the receiver', async () => {
      const received: IncomingHttpHeaders[] = []
      const hook: Server = createServer((request, response) => {
        received.push(request.headers)
        request.resume()
        request.on('end', () => response.writeHead(204).end())
      })
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
      try {
        const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook?token=receiver-secret`
        const created = await call(http, org.ownerToken, 'POST', '/v1/webhooks', {
          url,
          event_types: ['record.created'],
        })
        assert.equal(created.statusCode, 201, created.body)
        recordCanary(created.json().secret)
        const stored = await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'webhook trace' })
        assert.equal(stored.statusCode, 201)
        const worker = new WebhookWorker({
          db: coffer.db,
          endpoints: coffer.webhooks.endpoints,
          clock,
          requirePublicTargets: false,
          random: () => 0,
          timeoutMs: 2_000,
          tracing: coffer.tracing,
        })
        const pass = await worker.deliverOnce()
        assert.equal(pass.delivered, 1)
        assert.equal(received.length, 1)
        const traceparent = String(received[0]!.traceparent)
        const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(traceparent)
        assert.ok(match, 'a W3C traceparent reached the receiver')
        const trace = await spansOfTrace((span) => span.spanId === match[2])
        const delivery = trace.find((span) => span.spanId === match[2])!
        assert.equal(delivery.name, 'webhook deliver')
        assert.equal(delivery.traceId, match[1])
        assert.equal(delivery.attributes['coffer.webhook.event_type'], 'record.created')
        assert.equal(delivery.attributes['coffer.webhook.outcome'], 'delivered')
        assert.equal(Number(delivery.attributes['http.response.status_code']), 204)
        assert.equal(delivery.attributes['coffer.webhook.delivery_id'], received[0]!['webhook-id'])
        assert.equal(receiver.text().includes('receiver-secret'), false, 'no URL in any span')
      } finally {
        await new Promise<void>((resolve) => hook.close(() => resolve()))
      }
    })
  })
}
