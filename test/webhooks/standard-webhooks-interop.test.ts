// Stops: Coffer's signatures drifting from the Standard Webhooks spec, and the receiver helper
// accepting forged, stale, future or unknown-version signatures. The reference is the spec's own
// JavaScript library (`standardwebhooks`, devDependency), in both directions.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Webhook } from 'standardwebhooks'
import { verifyWebhook, WebhookVerificationError } from '../../src/client/verify-webhook.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { generateWebhookSecret } from '../../src/webhooks/webhook-signature.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { createEndpoint, openWebhooksFixture, Receiver, type WebhooksFixture } from './webhooks-fixture.js'

const rejects = (fn: () => unknown, reason: string) =>
  assert.throws(fn, (error: unknown) => error instanceof WebhookVerificationError && error.reason === reason)

describe('verifyWebhook checks what the standardwebhooks library signs', () => {
  const secret = generateWebhookSecret()
  const body = JSON.stringify({
    type: 'record.created',
    timestamp: new Date().toISOString(),
    data: { id: 'r1' },
  })
  const signed = (at: Date, id = 'msg_1') => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  })

  it('accepts a signature made by the library, from a plain object or a Fetch Headers', () => {
    const headers = signed(new Date())
    const event = { id: 'msg_1', ...JSON.parse(body) }
    assert.deepEqual(verifyWebhook(body, headers, secret), event)
    assert.deepEqual(verifyWebhook(Buffer.from(body), new Headers(headers), secret), event)
  })

  it('accepts when any of several space-separated signatures matches', () => {
    const headers = signed(new Date())
    const other = new Webhook(generateWebhookSecret()).sign('msg_1', new Date(), body)
    const both = { ...headers, 'webhook-signature': `${other} ${headers['webhook-signature']}` }
    verifyWebhook(body, both, secret)
  })

  it('refuses a changed body, id, another secret, an unknown version, missing headers', () => {
    const headers = signed(new Date())
    rejects(() => verifyWebhook(`${body} `, headers, secret), 'no_matching_signature')
    rejects(() => verifyWebhook(body, { ...headers, 'webhook-id': 'msg_2' }, secret), 'no_matching_signature')
    rejects(() => verifyWebhook(body, headers, generateWebhookSecret()), 'no_matching_signature')
    const v2 = { ...headers, 'webhook-signature': headers['webhook-signature'].replace(/^v1,/, 'v2,') }
    rejects(() => verifyWebhook(body, v2, secret), 'no_matching_signature')
    rejects(() => verifyWebhook(body, { 'webhook-id': 'msg_1' }, secret), 'missing_headers')
  })

  it('refuses timestamps outside the tolerance, past or future', () => {
    const now = Date.now()
    rejects(() => verifyWebhook(body, signed(new Date(now - 301_000)), secret), 'timestamp_out_of_window')
    rejects(() => verifyWebhook(body, signed(new Date(now + 301_000)), secret), 'timestamp_out_of_window')
    verifyWebhook(body, signed(new Date(now - 290_000)), secret)
    verifyWebhook(body, signed(new Date(now - 600_000)), secret, { toleranceSeconds: 900 })
  })
})

for (const target of DATABASE_TARGETS.slice(0, 1)) {
  describe(`the standardwebhooks library verifies Coffer's deliveries (${target.name})`, () => {
    let f: WebhooksFixture
    const receiver = new Receiver()
    before(async () => {
      f = await openWebhooksFixture(target)
      await receiver.start()
    })
    after(async () => {
      await receiver.stop()
      await f.close()
    })

    it('a delivery verifies with the library and the endpoint secret', async () => {
      const created = await createEndpoint(f.http, f.orgA, { url: receiver.url, event_types: ['*'] })
      await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'x' }),
      )
      await f.worker.deliverOnce()
      const [request] = receiver.received
      const headers = {
        'webhook-id': request!.headers['webhook-id'] as string,
        'webhook-timestamp': request!.headers['webhook-timestamp'] as string,
        'webhook-signature': request!.headers['webhook-signature'] as string,
      }
      const payload = new Webhook(created.secret).verify(request!.body, headers) as { type: string }
      assert.equal(payload.type, 'record.created')
      assert.throws(() => new Webhook(generateWebhookSecret()).verify(request!.body, headers))
    })
  })
}
