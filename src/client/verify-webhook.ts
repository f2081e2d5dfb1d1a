/**
 * Verifies a Coffer webhook on the receiving side (Standard Webhooks, `v1` signatures only).
 * Self-contained: node:crypto and nothing of the server.
 *
 * @example
 * ```ts
 * const event = verifyWebhook(rawBody, request.headers, process.env.COFFER_WEBHOOK_SECRET!)
 * ```
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { COFFER_WEBHOOK_EVENT_TYPES, type CofferWebhookEvent } from './webhook-event-types.js'

/** Why a webhook was refused. */
export type WebhookRejection =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'timestamp_out_of_window'
  | 'no_matching_signature'
  /** Signed, but the body is not a Coffer event (`type`, `timestamp`, `data`). */
  | 'malformed_payload'
  /** Signed, but of an event type this client does not know: upgrade the client with the server. */
  | 'unknown_event_type'

/** A webhook that must not be trusted; `reason` says why (never the secret or a signature). */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookRejection
  constructor(reason: WebhookRejection) {
    super(`webhook refused: ${reason}`)
    this.name = 'WebhookVerificationError'
    this.reason = reason
  }
}

/** Headers as Node, Fetch or a plain object give them. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>

/** Default window, in seconds, either side of now. */
export const DEFAULT_TOLERANCE_SECONDS = 300

/**
 * Checks `webhook-id`, `webhook-timestamp` (within `toleranceSeconds` of now, past or future) and
 * `webhook-signature` (accepted if any space-separated `v1,` signature matches, compared in
 * constant time), then parses the body and returns the event with the `webhook-id` as its `id`.
 * The body's shape is checked only after the signature: an unsigned body is never parsed.
 * @param rawBody the body exactly as received (before any JSON parsing)
 * @param secret the endpoint's `whsec_...` secret
 * @throws WebhookVerificationError
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): CofferWebhookEvent {
  const id = header(headers, 'webhook-id')
  const timestampText = header(headers, 'webhook-timestamp')
  const signatures = header(headers, 'webhook-signature')
  if (id === undefined || timestampText === undefined || signatures === undefined) {
    throw new WebhookVerificationError('missing_headers')
  }
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookVerificationError('bad_timestamp')
  const timestamp = Number(timestampText)
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    throw new WebhookVerificationError('timestamp_out_of_window')
  }
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8')
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64')
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest()
  key.fill(0) // JS gives no guarantee other copies are gone; this one is.
  let matched = false
  for (const candidate of signatures.split(' ')) {
    const [version, encoded] = candidate.split(',', 2)
    if (version !== 'v1' || encoded === undefined) continue // Unknown versions are ignored, never trusted.
    const given = Buffer.from(encoded, 'base64')
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true
  }
  if (!matched) throw new WebhookVerificationError('no_matching_signature')
  return parseEvent(id, body)
}

const KNOWN_TYPES = new Set<string>(COFFER_WEBHOOK_EVENT_TYPES)

/** The signed body as an event. @throws WebhookVerificationError malformed_payload, unknown_event_type */
function parseEvent(id: string, body: string): CofferWebhookEvent {
  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    throw new WebhookVerificationError('malformed_payload')
  }
  const { type, timestamp, data } = (payload ?? {}) as Record<string, unknown>
  if (
    typeof type !== 'string' ||
    typeof timestamp !== 'string' ||
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    typeof (data as { id?: unknown }).id !== 'string'
  ) {
    throw new WebhookVerificationError('malformed_payload')
  }
  if (!KNOWN_TYPES.has(type)) throw new WebhookVerificationError('unknown_event_type')
  return { id, type, timestamp, data } as CofferWebhookEvent
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const value = (headers as Record<string, string | readonly string[] | undefined>)[name]
  return typeof value === 'string' ? value : value?.[0]
}
