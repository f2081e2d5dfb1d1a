// Stops: the receiver's event union drifting from what the server emits (a new event type the
// client would refuse, or one it types that never comes), and a signed-but-odd body passing as a
// typed event. The shape is checked only after the signature: an unsigned body is never parsed.
import assert from 'node:assert/strict'
import { createHmac, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  COFFER_WEBHOOK_EVENT_TYPES,
  type CofferWebhookEvent,
  verifyWebhook,
  WebhookVerificationError,
} from '../../src/client/index.js'
import { PING_EVENT, WEBHOOK_EVENT_TYPES } from '../../src/webhooks/webhook-events.js'

const secret = `whsec_${randomBytes(32).toString('base64')}`

function signed(body: string, id = 'msg_1') {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const key = Buffer.from(secret.slice(6), 'base64')
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` }
}

const rejects = (body: string, reason: string, headers = signed(body)) =>
  assert.throws(
    () => verifyWebhook(body, headers, secret),
    (error: unknown) => error instanceof WebhookVerificationError && error.reason === reason,
  )

describe('verifyWebhook returns a typed Coffer event', () => {
  it('knows exactly the server’s event types and ping', () => {
    assert.deepEqual([...COFFER_WEBHOOK_EVENT_TYPES].sort(), [...WEBHOOK_EVENT_TYPES, PING_EVENT].sort())
  })

  it('returns { id, type, timestamp, data } with id = webhook-id; data narrows on type', () => {
    const body = JSON.stringify({
      type: 'records.erased',
      timestamp: '2026-12-07T02:00:00.000Z',
      data: { id: 'req_1', count: 3, selector: 'entity' },
    })
    const event: CofferWebhookEvent = verifyWebhook(body, signed(body, 'msg_42'), secret)
    assert.equal(event.id, 'msg_42')
    assert.equal(event.timestamp, '2026-12-07T02:00:00.000Z')
    if (event.type !== 'records.erased') assert.fail(event.type)
    const count: number = event.data.count // Typed by the union: no cast.
    assert.equal(count, 3)
  })

  it('refuses a signed body that is not an event, or of an unknown type', () => {
    rejects('not json', 'malformed_payload')
    rejects('[]', 'malformed_payload')
    rejects(JSON.stringify({ type: 'record.created', timestamp: 'x', data: null }), 'malformed_payload')
    rejects(JSON.stringify({ type: 'record.created', timestamp: 'x', data: {} }), 'malformed_payload')
    rejects(
      JSON.stringify({ type: 'record.stolen', timestamp: 'x', data: { id: 'r' } }),
      'unknown_event_type',
    )
  })

  it('checks the signature before the shape: an unsigned odd body is a signature failure', () => {
    const odd = 'not json'
    rejects(odd, 'no_matching_signature', signed('something else'))
  })
})
