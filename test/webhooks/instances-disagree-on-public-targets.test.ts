// Stops: two instances that disagree on COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS sharing one delivery
// queue silently, so that an instance allowing private addresses delivers to an endpoint a strict
// (production) instance accepted or changed. Each endpoint records the policy it was registered
// under, and every worker applies the stricter of its own setting and the endpoint's.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { WebhookWorker } from '../../src/webhooks/webhook-worker.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { createEndpoint, openWebhooksFixture, Receiver, type WebhooksFixture } from './webhooks-fixture.js'

for (const target of DATABASE_TARGETS) {
  describe(`instances that disagree on public-targets mode on ${target.name}`, () => {
    let f: WebhooksFixture
    let strict: Coffer
    const receiver = new Receiver()

    before(async () => {
      await receiver.start()
      f = await openWebhooksFixture(target) // outside production: private targets allowed
      assert.equal(f.coffer.config.requirePublicTargets, false)
      // A second instance on the same database, keys and secrets, in public-targets mode.
      strict = await wireTestCoffer(f.testDb.db, {
        clock: f.clock,
        config: {
          masterKey: f.coffer.config.masterKey,
          tokenSecret: f.coffer.config.tokenSecret,
          requirePublicTargets: true,
        },
      })
    })
    after(async () => {
      await f?.close()
      await receiver.stop()
    })

    const storeRecord = () =>
      withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'hello' }),
      )
    const lastDelivery = async (endpointId: string) => {
      const response = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/webhooks/${endpointId}/deliveries`)
      assert.equal(response.statusCode, 200, response.body)
      return response.json().items[0] as { status: string; last_error: string | null }
    }

    it('a lax instance delivers to a private target that only lax instances registered', async () => {
      const endpoint = await createEndpoint(f.http, f.orgA, {
        url: receiver.url,
        event_types: ['record.created'],
      })
      const before = receiver.received.length
      await storeRecord()
      await f.worker.deliverOnce()
      assert.equal(receiver.received.length, before + 1)
      assert.equal((await lastDelivery(endpoint.id)).status, 'delivered')
    })

    it('once a strict instance changes the endpoint, the lax worker refuses the private target too', async () => {
      const endpoint = await createEndpoint(f.http, f.orgA, {
        url: receiver.url,
        event_types: ['record.created'],
      })
      await withTenant(strict.db, f.orgA.orgId, (sql) =>
        strict.webhooks.endpoints.update(sql, 'test', endpoint.id, { description: 'edited in production' }),
      )
      const before = receiver.received.length
      await storeRecord()
      await f.worker.deliverOnce() // the lax instance's worker
      // Another endpoint of the org (the first test's) still gets the event; this one does not.
      assert.equal(receiver.received.length, before + 1)
      const delivery = await lastDelivery(endpoint.id)
      assert.equal(delivery.last_error, 'unsafe_url')
      assert.notEqual(delivery.status, 'delivered')
    })

    it('a lax instance changing it back does not relax what a strict instance recorded', async () => {
      const endpoint = await createEndpoint(f.http, f.orgA, {
        url: receiver.url,
        event_types: ['record.created'],
      })
      await withTenant(strict.db, f.orgA.orgId, (sql) =>
        strict.webhooks.endpoints.update(sql, 'test', endpoint.id, { enabled: true }),
      )
      const patched = await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/webhooks/${endpoint.id}`, {
        url: `${receiver.url}&again=1`,
      })
      assert.equal(patched.statusCode, 200, patched.body)
      const target = await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.webhooks.endpoints.targetOf(sql, endpoint.id),
      )
      assert.equal(target?.requirePublicTargets, true)
    })

    it('a strict worker refuses a private target a lax instance registered (its own setting wins too)', async () => {
      const endpoint = await createEndpoint(f.http, f.orgA, {
        url: receiver.url,
        event_types: ['record.created'],
      })
      const ping = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/webhooks/${endpoint.id}/test`)
      assert.equal(ping.statusCode, 202, ping.body)
      const strictWorker = new WebhookWorker({
        db: strict.db,
        endpoints: strict.webhooks.endpoints,
        clock: f.clock,
        requirePublicTargets: true,
        random: () => 0,
        timeoutMs: 2_000,
      })
      const before = receiver.received.length
      await strictWorker.deliverOnce()
      const delivery = await lastDelivery(endpoint.id)
      assert.equal(delivery.last_error, 'unsafe_url')
      assert.equal(
        receiver.received.length,
        before,
        'nothing reaches a loopback receiver from a strict worker',
      )
    })
  })
}
