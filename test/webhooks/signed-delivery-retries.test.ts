// Stops: an unsigned or wrongly signed delivery, a lost event when the receiver is down (retries
// must follow the schedule, visible in the log), a redirect leading the worker elsewhere, and
// retrying for ever.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { after, afterEach, before, describe, it } from 'node:test'
import { verifyWebhook } from '../../src/client/verify-webhook.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { RETRY_DELAYS_MS } from '../../src/webhooks/webhook-worker.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { createEndpoint, openWebhooksFixture, Receiver, type WebhooksFixture } from './webhooks-fixture.js'

interface LoggedDelivery {
  id: string
  status: string
  attempts: number
  last_status_code: number | null
  last_error: string | null
  next_attempt_at: string | null
  log: {
    attempt: number
    attempted_at: string
    status_code: number | null
    error: string | null
    latency_ms: number
    outcome: string
    next_attempt_at: string | null
  }[]
}

for (const target of DATABASE_TARGETS) {
  describe(`webhook delivery on ${target.name}`, () => {
    let f: WebhooksFixture
    const receiver = new Receiver()
    let endpointIds: string[] = []

    const endpoint = async (url: string, eventTypes = ['record.created']) => {
      const created = await createEndpoint(f.http, f.orgA, { url, event_types: eventTypes })
      endpointIds.push(created.id)
      return created
    }
    const storeRecord = () =>
      withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'hello' }),
      )
    const deliveryLog = async (endpointId: string): Promise<LoggedDelivery[]> => {
      const response = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/webhooks/${endpointId}/deliveries`)
      assert.equal(response.statusCode, 200, response.body)
      return response.json().items
    }

    before(async () => {
      f = await openWebhooksFixture(target)
      await receiver.start()
    })
    afterEach(async () => {
      for (const id of endpointIds) await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/webhooks/${id}`)
      endpointIds = []
      receiver.received.length = 0
      receiver.status = 204
      receiver.headers = {}
      if (!receiverUp) await receiver.start()
      receiverUp = true
    })
    let receiverUp = true
    after(async () => {
      await receiver.stop()
      await f.close()
    })

    it('sends a signed Standard Webhooks request; the log shows it delivered with its latency', async () => {
      const created = await endpoint(receiver.url)
      const record = await storeRecord()
      const pass = await f.worker.deliverOnce()
      assert.deepEqual(pass, { delivered: 1, retrying: 0, failed: 0 })
      assert.equal(receiver.received.length, 1)
      const [request] = receiver.received
      assert.equal(request!.method, 'POST')
      assert.equal(request!.url, '/hooks/coffer?tenant=a')
      assert.equal(request!.headers['content-type'], 'application/json')
      const id = request!.headers['webhook-id'] as string
      const timestamp = request!.headers['webhook-timestamp'] as string
      assert.match(id, /^msg_[0-9a-f]{32}$/)
      assert.equal(timestamp, String(Math.floor(f.clock.now() / 1000)))
      const expected = createHmac('sha256', Buffer.from(created.secret.slice(6), 'base64'))
        .update(`${id}.${timestamp}.${request!.body}`)
        .digest('base64')
      assert.equal(request!.headers['webhook-signature'], `v1,${expected}`)
      const body = verifyWebhook(request!.body, request!.headers, created.secret, {
        nowSeconds: Math.floor(f.clock.now() / 1000),
      }) as { type: string; timestamp: string; data: { id: string } }
      assert.equal(body.type, 'record.created')
      assert.deepEqual(body.data, { id: record.id })

      const [logged] = await deliveryLog(created.id)
      assert.equal(logged!.id, id)
      assert.equal(logged!.status, 'delivered')
      assert.equal(logged!.last_status_code, 204)
      assert.equal(logged!.log.length, 1)
      assert.equal(logged!.log[0]!.outcome, 'delivered')
      assert.ok(logged!.log[0]!.latency_ms >= 0)
      assert.equal((await f.worker.deliverOnce()).delivered, 0, 'never sent twice')
    })

    it('POST /test queues a ping that the worker delivers', async () => {
      const created = await endpoint(receiver.url, ['secret.deleted'])
      const queued = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/webhooks/${created.id}/test`)
      assert.equal(queued.statusCode, 202)
      await f.worker.deliverOnce()
      assert.equal(receiver.received.length, 1)
      const body = JSON.parse(receiver.received[0]!.body)
      assert.equal(body.type, 'ping')
      assert.equal(receiver.received[0]!.headers['webhook-id'], queued.json().id)
    })

    it('receiver down: retries at 5 s, 5 min, 30 min, then delivered when it is back, same webhook-id', async () => {
      const created = await endpoint(receiver.url)
      await receiver.stop()
      receiverUp = false
      await storeRecord()
      const attempted: number[] = []
      assert.equal((await f.worker.deliverOnce()).retrying, 1)
      attempted.push(f.clock.now())
      for (const delay of RETRY_DELAYS_MS.slice(0, 2)) {
        f.clock.advance(delay - 1)
        assert.equal((await f.worker.deliverOnce()).retrying, 0, 'not before its time')
        f.clock.advance(1)
        assert.equal((await f.worker.deliverOnce()).retrying, 1)
        attempted.push(f.clock.now())
      }
      await receiver.start()
      receiverUp = true
      f.clock.advance(RETRY_DELAYS_MS[2]!)
      assert.equal((await f.worker.deliverOnce()).delivered, 1)
      attempted.push(f.clock.now())
      assert.equal(receiver.received.length, 1)

      const [logged] = await deliveryLog(created.id)
      assert.equal(logged!.status, 'delivered')
      assert.equal(logged!.attempts, 4)
      assert.equal(receiver.received[0]!.headers['webhook-id'], logged!.id)
      assert.deepEqual(
        logged!.log.map((a) => [a.attempt, a.outcome, a.error, Date.parse(a.attempted_at)]),
        [
          [1, 'retrying', 'unreachable', attempted[0]],
          [2, 'retrying', 'unreachable', attempted[1]],
          [3, 'retrying', 'unreachable', attempted[2]],
          [4, 'delivered', null, attempted[3]],
        ],
      )
      assert.deepEqual(
        logged!.log.slice(0, 3).map((a) => Date.parse(a.next_attempt_at!) - Date.parse(a.attempted_at)),
        RETRY_DELAYS_MS.slice(0, 3),
        'the backoff is visible in the log',
      )
    })

    it('non-2xx answers are retried on the whole schedule, then the delivery fails', async () => {
      const created = await endpoint(receiver.url)
      receiver.status = 500
      await storeRecord()
      await f.worker.deliverOnce()
      for (const delay of RETRY_DELAYS_MS) {
        f.clock.advance(delay)
        await f.worker.deliverOnce()
      }
      assert.equal(receiver.received.length, RETRY_DELAYS_MS.length + 1)
      f.clock.advance(24 * 3_600_000)
      await f.worker.deliverOnce()
      assert.equal(receiver.received.length, RETRY_DELAYS_MS.length + 1, 'no attempt after failing')
      const [logged] = await deliveryLog(created.id)
      assert.equal(logged!.status, 'failed')
      assert.equal(logged!.attempts, 8)
      assert.equal(logged!.last_status_code, 500)
      assert.equal(logged!.last_error, 'non_2xx_status')
      assert.equal(logged!.next_attempt_at, null)
      assert.equal(logged!.log.at(-1)!.outcome, 'failed')
    })

    it('a 3xx is not followed: the target is never called and the attempt counts as failed', async () => {
      const elsewhere = new Receiver()
      await elsewhere.start()
      try {
        const created = await endpoint(receiver.url)
        receiver.status = 302
        receiver.headers = { location: elsewhere.url }
        await storeRecord()
        assert.equal((await f.worker.deliverOnce()).retrying, 1)
        assert.equal(elsewhere.received.length, 0)
        const [logged] = await deliveryLog(created.id)
        assert.equal(logged!.last_status_code, 302)
        assert.equal(logged!.last_error, 'redirect_not_followed')
        assert.equal(logged!.status, 'pending')
      } finally {
        await elsewhere.stop()
      }
    })

    it('after rotate-secret both secrets sign, space-separated, for 24 h', async () => {
      const created = await endpoint(receiver.url)
      const rotated = await call(
        f.http,
        f.orgA.ownerToken,
        'POST',
        `/v1/webhooks/${created.id}/rotate-secret`,
      )
      const { secret } = rotated.json()
      await storeRecord()
      await f.worker.deliverOnce()
      const [request] = receiver.received
      const signatures = (request!.headers['webhook-signature'] as string).split(' ')
      assert.equal(signatures.length, 2)
      const now = Math.floor(f.clock.now() / 1000)
      for (const key of [secret, created.secret]) {
        verifyWebhook(request!.body, request!.headers, key, { nowSeconds: now })
      }
    })

    it('a disabled endpoint gets no new events, and its pending deliveries end as failed', async () => {
      const created = await endpoint(receiver.url)
      await storeRecord()
      await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/webhooks/${created.id}`, { enabled: false })
      await storeRecord()
      assert.deepEqual(await f.worker.deliverOnce(), { delivered: 0, retrying: 0, failed: 1 })
      assert.equal(receiver.received.length, 0)
      const logged = await deliveryLog(created.id)
      assert.equal(logged.length, 1)
      assert.equal(logged[0]!.last_error, 'endpoint_disabled')
    })
  })
}
