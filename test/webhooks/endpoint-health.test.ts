// Stops: an endpoint failing for ever being retried for ever (it must be disabled after 5 days of
// continuous failure, audited), a single success not ending the streak, a re-enabled endpoint
// staying marked, a worker sending one request at a time (a slow receiver would stall the batch),
// a worker whose lease ran out overwriting the outcome of the instance that took the row, a
// delivery log that grows for ever, and failed deliveries that cannot be sent again.
import assert from 'node:assert/strict'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, afterEach, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { withTenant } from '../../src/db/tenant-door.js'
import type { CreatedOrg } from '../../src/tenancy/orgs.js'
import { AUTO_DISABLE_AFTER_MS, WEBHOOK_WORKER_ACTOR } from '../../src/webhooks/webhook-endpoints.js'
import { DELIVERY_LOG_RETENTION_MS, pruneDeliveryLog } from '../../src/webhooks/webhook-retention.js'
import { CLAIM_LEASE_SLACK_MS, RETRY_DELAYS_MS, WebhookWorker } from '../../src/webhooks/webhook-worker.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { createEndpoint, openWebhooksFixture, Receiver, type WebhooksFixture } from './webhooks-fixture.js'

const DAY_MS = 24 * 3_600_000

for (const target of DATABASE_TARGETS) {
  describe(`webhook endpoint health and concurrent delivery on ${target.name}`, () => {
    let f: WebhooksFixture
    const receiver = new Receiver()
    let endpointIds: string[] = []

    const endpoint = async (url: string) => {
      const created = await createEndpoint(f.http, f.orgA, { url, event_types: ['record.created'] })
      endpointIds.push(created.id)
      return created
    }
    const storeRecord = () =>
      withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'hello' }),
      )
    const getEndpoint = async (id: string) => {
      const response = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/webhooks/${id}`)
      assert.equal(response.statusCode, 200, response.body)
      return response.json()
    }
    const auditOf = (id: string) =>
      withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
        const { rows } = await sql.query<{ actor: string; action: string }>(
          'SELECT actor, action FROM audit_log WHERE org_id = $1 AND resource = $2 ORDER BY seq',
          [sql.orgId, `webhook:${id}`],
        )
        return rows
      })
    /** Stores one record a day for `days` days at failing status, delivering due work each time. */
    const failDaily = async (days: number) => {
      for (let day = 0; day < days; day++) {
        f.clock.advance(DAY_MS)
        await storeRecord()
        await f.worker.deliverOnce()
      }
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
    })
    after(async () => {
      await receiver.stop()
      await f.close()
    })

    it('5 days of continuous failure disable the endpoint, audited; its pending deliveries end', async () => {
      const created = await endpoint(receiver.url)
      receiver.status = 500
      const firstFailure = f.clock.now()
      await storeRecord()
      await f.worker.deliverOnce()
      assert.equal((await getEndpoint(created.id)).failing_since, new Date(firstFailure).toISOString())

      await failDaily(4)
      f.clock.advance(DAY_MS - 60_000)
      await storeRecord()
      await f.worker.deliverOnce()
      let view = await getEndpoint(created.id)
      assert.equal(view.enabled, true, 'one minute short of 5 days: still enabled')
      assert.equal(view.disabled_reason, null)

      f.clock.advance(60_000)
      await storeRecord()
      await f.worker.deliverOnce()
      view = await getEndpoint(created.id)
      assert.equal(view.enabled, false)
      assert.equal(view.disabled_reason, 'continuous_failure')
      assert.equal(view.failing_since, new Date(firstFailure).toISOString())
      const audited = (await auditOf(created.id)).filter((entry) => entry.action === 'webhook.disabled')
      assert.deepEqual(audited, [{ actor: WEBHOOK_WORKER_ACTOR, action: 'webhook.disabled' }])

      // Still pending retries of earlier events end without another request.
      const sent = receiver.received.length
      f.clock.advance(DAY_MS)
      const pass = await f.worker.deliverOnce()
      assert.ok(pass.failed >= 1, 'pending deliveries end as failed')
      assert.equal(pass.delivered + pass.retrying, 0)
      assert.equal(receiver.received.length, sent, 'no request to a disabled endpoint')
      assert.equal(AUTO_DISABLE_AFTER_MS, 5 * DAY_MS)
    })

    it('one delivered attempt ends the streak: failures after it count from their own start', async () => {
      const created = await endpoint(receiver.url)
      receiver.status = 500
      await storeRecord()
      await f.worker.deliverOnce()
      await failDaily(3)
      receiver.status = 204
      f.clock.advance(DAY_MS)
      await storeRecord()
      await f.worker.deliverOnce()
      assert.equal((await getEndpoint(created.id)).failing_since, null, 'a delivery clears the streak')
      receiver.status = 500
      await failDaily(3)
      const view = await getEndpoint(created.id)
      assert.equal(view.enabled, true, '7 days since the first failure, but only 3 since the last delivery')
      assert.notEqual(view.failing_since, null)
    })

    it('enabling again clears the reason and the streak; a ping is sent even while disabled', async () => {
      const created = await endpoint(receiver.url)
      receiver.status = 500
      await storeRecord()
      await f.worker.deliverOnce()
      await failDaily(5)
      assert.equal((await getEndpoint(created.id)).disabled_reason, 'continuous_failure')

      receiver.status = 204
      const sent = receiver.received.length
      const ping = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/webhooks/${created.id}/test`)
      assert.equal(ping.statusCode, 202)
      assert.equal((await f.worker.deliverOnce()).delivered, 1)
      assert.equal(receiver.received.length, sent + 1)
      assert.equal(JSON.parse(receiver.received.at(-1)!.body).type, 'ping')
      assert.equal((await getEndpoint(created.id)).enabled, false, 'a ping does not enable the endpoint')

      const enabled = await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/webhooks/${created.id}`, {
        enabled: true,
      })
      assert.equal(enabled.statusCode, 200)
      assert.equal(enabled.json().enabled, true)
      assert.equal(enabled.json().disabled_reason, null)
      assert.equal(enabled.json().failing_since, null)
    })

    it('failed deliveries are retried on request, with their webhook-id; refused while disabled', async () => {
      const created = await endpoint(receiver.url)
      receiver.status = 500
      await storeRecord()
      await storeRecord()
      await f.worker.deliverOnce()
      for (const delay of RETRY_DELAYS_MS) {
        f.clock.advance(delay)
        await f.worker.deliverOnce()
      }
      const path = `/v1/webhooks/${created.id}/deliveries`
      const failed = (await call(f.http, f.orgA.ownerToken, 'GET', path)).json().items
      assert.deepEqual(
        failed.map((delivery: { status: string }) => delivery.status),
        ['failed', 'failed'],
      )
      receiver.status = 204
      receiver.received.length = 0

      const one = await call(f.http, f.orgA.ownerToken, 'POST', `${path}/retry`, { ids: [failed[1].id] })
      assert.equal(one.statusCode, 202, one.body)
      assert.deepEqual(one.json(), { requeued: 1 })
      assert.deepEqual(await f.worker.deliverOnce(), { delivered: 1, retrying: 0, failed: 0 })
      assert.equal(receiver.received[0]!.headers['webhook-id'], failed[1].id, 'the same webhook-id')
      const retried = (await call(f.http, f.orgA.ownerToken, 'GET', path)).json().items[1]
      assert.equal(retried.status, 'delivered')
      assert.equal(retried.attempts, RETRY_DELAYS_MS.length + 2)
      assert.equal(retried.log.at(-1).outcome, 'delivered')

      const since = await call(f.http, f.orgA.ownerToken, 'POST', `${path}/retry`, {
        since: new Date(Date.parse(failed[0].finished_at) + 1).toISOString(),
      })
      assert.deepEqual(since.json(), { requeued: 0 }, 'it failed before `since`')
      const rest = await call(f.http, f.orgA.ownerToken, 'POST', `${path}/retry`)
      assert.deepEqual(rest.json(), { requeued: 1 }, 'no body: every failed delivery')
      const again = await call(f.http, f.orgA.ownerToken, 'POST', `${path}/retry`)
      assert.deepEqual(again.json(), { requeued: 0 })

      const bad = await call(f.http, f.orgA.ownerToken, 'POST', `${path}/retry`, { ids: ['1; DROP TABLE'] })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().code, 'VALIDATION_FAILED')
      const foreign = await call(f.http, f.orgB.ownerToken, 'POST', `${path}/retry`)
      assert.equal(foreign.statusCode, 404)
      assert.equal(foreign.json().code, 'NOT_FOUND')
      await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/webhooks/${created.id}`, { enabled: false })
      const disabled = await call(f.http, f.orgA.ownerToken, 'POST', `${path}/retry`)
      assert.equal(disabled.statusCode, 409)
      assert.equal(disabled.json().code, 'CONFLICT')
      const audited = (await auditOf(created.id)).filter(
        (entry) => entry.action === 'webhook.deliveries_retried',
      )
      assert.equal(audited.length, 4, 'each accepted retry request is audited')
    })

    it('finished deliveries leave the log 30 days after they finished, with their attempts; pending ones stay', async () => {
      const created = await endpoint(receiver.url)
      await storeRecord()
      await f.worker.deliverOnce() // delivered now
      f.clock.advance(DAY_MS)
      receiver.status = 500
      await storeRecord()
      await f.worker.deliverOnce() // pending, retrying
      const counts = () =>
        withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
          const { rows } = await sql.query<{ deliveries: number; attempts: number }>(
            `SELECT (SELECT count(*)::int FROM webhook_deliveries WHERE org_id = $1 AND endpoint_id = $2) AS deliveries,
                    (SELECT count(*)::int FROM webhook_attempts WHERE org_id = $1 AND endpoint_id = $2) AS attempts`,
            [sql.orgId, created.id],
          )
          return rows[0]!
        })
      f.clock.advance(DELIVERY_LOG_RETENTION_MS - DAY_MS - 1)
      assert.equal(await pruneDeliveryLog(f.coffer.db, f.clock, 1), 0, 'one millisecond short of 30 days')
      f.clock.advance(2)
      assert.equal(await pruneDeliveryLog(f.coffer.db, f.clock, 1), 1)
      assert.deepEqual(await counts(), { deliveries: 1, attempts: 1 }, 'the pending one and its attempt stay')
      f.clock.advance(DELIVERY_LOG_RETENTION_MS)
      assert.equal(await pruneDeliveryLog(f.coffer.db, f.clock, 1), 0, 'pending, however old')
    })

    it('a batch is sent at once: 16 requests in flight together', async () => {
      // The receiver answers nobody until 16 requests are open (or 1.5 s have passed): sent one
      // at a time, each request would wait out the time limit instead.
      const open: ServerResponse[] = []
      let mostOpen = 0
      const gate = createServer((request, response) => {
        request.resume()
        request.on('end', () => {
          open.push(response)
          mostOpen = Math.max(mostOpen, open.length)
          if (open.length >= 16) for (const waiting of open.splice(0)) waiting.writeHead(204).end()
        })
      })
      await new Promise<void>((done) => gate.listen(0, '127.0.0.1', done))
      const release = setInterval(() => {
        for (const waiting of open.splice(0)) waiting.writeHead(204).end()
      }, 1_500)
      try {
        await endpoint(`http://127.0.0.1:${(gate.address() as AddressInfo).port}/hooks`)
        await withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
          for (let n = 0; n < 16; n++) {
            await f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: `n${n}` })
          }
        })
        assert.deepEqual(await f.worker.deliverOnce(), { delivered: 16, retrying: 0, failed: 0 })
        assert.equal(mostOpen, 16)
      } finally {
        clearInterval(release)
        gate.closeAllConnections()
        await new Promise<void>((done) => gate.close(() => done()))
      }
    })

    /**
     * Endpoint "A" (the one the pass takes first: endpoints go in (org, id) order) answers only
     * once B's delivery has arrived, or after 1.5 s (below the worker's 2 s limit). Handled one
     * endpoint after the other, B's delivery would come only after A's answer.
     */
    const slowDoesNotHoldUp = async (orgs: [CreatedOrg, CreatedOrg]) => {
      let arrivedForB = false
      let answeredA = false
      const hold: ServerResponse[] = []
      const answerA = () => {
        for (const waiting of hold.splice(0)) {
          answeredA = true
          waiting.writeHead(204).end()
        }
      }
      const slow = createServer((request, response) => {
        request.resume()
        request.on('end', () => hold.push(response))
      })
      let answeredBeforeB = true
      const fast = createServer((request, response) => {
        request.resume()
        request.on('end', () => {
          answeredBeforeB = answeredA
          arrivedForB = true
          response.writeHead(204).end()
        })
      })
      for (const server of [slow, fast])
        await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
      const answer = setInterval(() => {
        if (arrivedForB) answerA()
      }, 10)
      const giveUp = setTimeout(answerA, 1_500)
      try {
        const created = []
        for (const org of orgs) {
          const placeholder = { url: 'http://127.0.0.1:9/placeholder', event_types: ['record.created'] }
          created.push({ org, ...(await createEndpoint(f.http, org, placeholder)) })
        }
        created.sort((x, y) => (`${x.org.orgId}/${x.id}` < `${y.org.orgId}/${y.id}` ? -1 : 1))
        for (const [index, server] of [slow, fast].entries()) {
          const { org, id } = created[index]!
          const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
          const patched = await call(f.http, org.ownerToken, 'PATCH', `/v1/webhooks/${id}`, { url })
          assert.equal(patched.statusCode, 200, patched.body)
        }
        for (const org of new Set(orgs)) {
          await withTenant(f.coffer.db, org.orgId, (sql) =>
            f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'x' }),
          )
        }
        assert.deepEqual(await f.worker.deliverOnce(), { delivered: 2, retrying: 0, failed: 0 })
        assert.equal(arrivedForB, true)
        assert.equal(answeredBeforeB, false, "B's delivery arrived before A's request was answered")
        for (const { org, id } of created) await call(f.http, org.ownerToken, 'DELETE', `/v1/webhooks/${id}`)
      } finally {
        clearInterval(answer)
        clearTimeout(giveUp)
        for (const server of [slow, fast]) {
          server.closeAllConnections()
          await new Promise<void>((done) => server.close(() => done()))
        }
      }
    }

    it("a slow receiver does not hold up another org's deliveries", () => slowDoesNotHoldUp([f.orgA, f.orgB]))

    it("a slow receiver does not hold up another endpoint's deliveries in the same org", () =>
      slowDoesNotHoldUp([f.orgA, f.orgA]))

    it('a worker whose lease ran out leaves the row to the instance that took it over', async () => {
      // Worker A's request hangs; the lease runs out; worker B takes the row and delivers it; when
      // A's answer finally comes, A records nothing: one attempt in the log, by B.
      const hangs: ServerResponse[] = []
      const slow = createServer((request, response) => {
        request.resume()
        request.on('end', () => {
          if (hangs.length === 0) hangs.push(response)
          else response.writeHead(204).end()
        })
      })
      await new Promise<void>((done) => slow.listen(0, '127.0.0.1', done))
      try {
        const created = await endpoint(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/hooks`)
        await storeRecord()
        const workerB = new WebhookWorker({
          db: f.coffer.db,
          endpoints: f.coffer.webhooks.endpoints,
          clock: f.clock,
          requirePublicTargets: false,
          random: () => 0,
          timeoutMs: 2_000,
        })
        const passA = f.worker.deliverOnce()
        for (let waited = 0; hangs.length === 0; waited += 10) {
          assert.ok(waited < 5_000, 'worker A never sent')
          await sleep(10)
        }
        f.clock.advance(2_000 + CLAIM_LEASE_SLACK_MS + 1)
        assert.deepEqual(await workerB.deliverOnce(), { delivered: 1, retrying: 0, failed: 0 })
        hangs[0]!.writeHead(204).end()
        assert.deepEqual(await passA, { delivered: 0, retrying: 0, failed: 0 }, 'A recorded nothing')
        const log = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/webhooks/${created.id}/deliveries`)
        const [delivery] = log.json().items
        assert.equal(delivery.status, 'delivered')
        assert.equal(delivery.attempts, 1)
        assert.equal(delivery.log.length, 1)
      } finally {
        slow.closeAllConnections()
        await new Promise<void>((done) => slow.close(() => done()))
      }
    })
  })
}
