/**
 * The events a Coffer webhook carries, as a discriminated union on `type`. `data` holds ids and
 * metadata only: never content, never a secret value. Kept beside the server's list
 * (`src/webhooks/webhook-events.ts`); test/client/webhook-event-union.test.ts fails if they drift.
 */

/** `data` of each event type. `id` names the thing that changed. */
export interface WebhookEventData {
  'record.created': { id: string }
  'record.updated': { id: string }
  'record.deleted': { id: string }
  'record.expired': { id: string }
  /** `count` records erased by one request; `selector` says which selector was used. */
  'records.erased': { id: string; count: number; selector: string }
  /** `id` is the secret's kind. */
  'secret.updated': { id: string }
  'secret.resolved': { id: string }
  'secret.deleted': { id: string }
  'token.created': { id: string; name: string }
  'token.revoked': { id: string; name: string }
  /** `id` is the org; `version` the org key version that now takes the writes. */
  'key.rotated': { id: string; version: number }
  /** `id` is the org; `versions` the destroyed key versions. */
  'key.destroyed': { id: string; versions: string }
  /** A new signed checkpoint of the org's audit log (`note` is the C2SP signed note). */
  'audit.checkpoint': { id: string; tree_size: number; note: string }
  /** A write crossed 80% of a storage quota (`id` is the org); sent once per crossing. */
  'usage.quota_warning': {
    id: string
    quota: 'records' | 'storage_bytes'
    used: number
    limit: number
    percent: number
  }
  /** The provider refused to refresh a connector credential (`id`): authorize it again. */
  'connector.reauth_required': { id: string; provider: string }
  /** An archive run (`id`) closed: `completed`, or `failed` with the bucket's error code. */
  'archive.run_completed': {
    id: string
    status: 'completed' | 'failed'
    archived: number
    skipped: number
    remaining: boolean
    error_code: string | null
  }
  /** A test delivery (`POST /v1/webhooks/:id/test`); `id` is the endpoint. */
  ping: { id: string }
}

/** Every event type a receiver can get, `ping` included. */
export type CofferWebhookEventType = keyof WebhookEventData

/** The event types, at run time (the receiver refuses any other). */
export const COFFER_WEBHOOK_EVENT_TYPES: readonly CofferWebhookEventType[] = [
  'record.created',
  'record.updated',
  'record.deleted',
  'record.expired',
  'records.erased',
  'secret.updated',
  'secret.resolved',
  'secret.deleted',
  'token.created',
  'token.revoked',
  'key.rotated',
  'key.destroyed',
  'audit.checkpoint',
  'usage.quota_warning',
  'connector.reauth_required',
  'archive.run_completed',
  'ping',
]

/**
 * A verified webhook: `id` is the `webhook-id` header (the same on every retry of one delivery:
 * use it to drop duplicates), `timestamp` when the event happened (ISO 8601). Switch on `type` and
 * `data` is typed for it.
 */
export type CofferWebhookEvent = {
  [T in CofferWebhookEventType]: { id: string; type: T; timestamp: string; data: WebhookEventData[T] }
}[CofferWebhookEventType]
