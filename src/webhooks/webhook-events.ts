/** The events an endpoint can subscribe to, and the message shape that carries them. */

/** Every event type Coffer emits (plus `ping`, sent only by a test delivery). */
export const WEBHOOK_EVENT_TYPES = [
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
] as const

/** An event type an endpoint can subscribe to. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** A subscription: one event type, or `*` for all of them. */
export type WebhookSubscription = WebhookEventType | '*'

/** The event a test delivery sends, whatever the endpoint subscribes to. */
export const PING_EVENT = 'ping'

/**
 * What a change emits. `data` carries ids and metadata only: never content, never a secret value.
 * `data.id` names the thing that changed.
 */
export interface WebhookEvent {
  type: WebhookEventType
  data: { id: string } & Record<string, string | number | boolean | null>
}

/** The body a receiver gets (Standard Webhooks shape). */
export interface WebhookPayload {
  type: WebhookEventType | typeof PING_EVENT
  /** When the event happened, ISO 8601. */
  timestamp: string
  data: WebhookEvent['data']
}

/** Emits an event in the caller's transaction; what feature services get injected. */
export type EmitWebhookEvent<S> = (sql: S, event: WebhookEvent) => Promise<void>
