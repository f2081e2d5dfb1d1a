/**
 * The outbox: one `webhook_deliveries` row per subscribed, enabled endpoint, written in the
 * transaction of the change that emits the event, so a rolled-back change emits nothing and a
 * committed one is delivered at least once by the worker.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { PING_EVENT, type WebhookEvent, type WebhookPayload } from './webhook-events.js'

/** A fresh `webhook-id`: `msg_` and a UUIDv7 in hex, stable across the delivery's retries. */
export function newMessageId(nowMs: number): string {
  return `msg_${uuidV7(nowMs).replaceAll('-', '')}`
}

/** One attempt of a delivery as the log shows it. */
export interface WebhookAttemptView {
  attempt: number
  attempted_at: string
  status_code: number | null
  error: string | null
  latency_ms: number
  outcome: 'delivered' | 'retrying' | 'failed'
  next_attempt_at: string | null
}

/** A delivery as the log shows it: ids and status, never the endpoint's URL or secret. */
export interface WebhookDeliveryView {
  id: string
  event_type: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  next_attempt_at: string | null
  last_status_code: number | null
  last_error: string | null
  created_at: string
  finished_at: string | null
  log: WebhookAttemptView[]
}

interface DeliveryRow {
  id: string
  event_type: string
  status: WebhookDeliveryView['status']
  attempts: number
  next_attempt_at: Date | null
  last_status_code: number | null
  last_error: string | null
  created_at: Date
  finished_at: Date | null
}

interface AttemptRow {
  delivery_id: string
  attempt: number
  attempted_at: Date
  status_code: number | null
  error: string | null
  latency_ms: number
  outcome: WebhookAttemptView['outcome']
  next_attempt_at: Date | null
}

const iso = (at: Date | null) => (at === null ? null : at.toISOString())

/** Writes deliveries into the outbox, reads the delivery log and queues failed deliveries again. */
export class WebhookOutbox {
  readonly #clock: Clock
  readonly #audit: AuditLog

  constructor(options: { clock: Clock; audit: AuditLog }) {
    this.#clock = options.clock
    this.#audit = options.audit
  }

  /**
   * Queues `event` for every enabled endpoint of the org subscribed to its type (or to `*`), in
   * the caller's transaction: one deferred statement (TenantSql.defer) that reads the endpoints and
   * writes their deliveries, so a change that emits sends no statement of its own. Each delivery's
   * message id is one fresh id with its last byte replaced by the endpoint's place in id order
   * (at most MAX_ENDPOINTS_PER_ORG, under 256): unique, and as unguessable as any other.
   */
  async emit(sql: TenantSql, event: WebhookEvent): Promise<void> {
    const now = new Date(this.#clock.now())
    const stem = newMessageId(now.getTime()).slice(0, -2)
    const payload: WebhookPayload = { type: event.type, timestamp: now.toISOString(), data: event.data }
    await sql.defer(
      `INSERT INTO webhook_deliveries (org_id, id, endpoint_id, event_type, payload, next_attempt_at, created_at)
       SELECT $1, $2 || lpad(to_hex((row_number() OVER (ORDER BY e.id) - 1)::int), 2, '0'), e.id, $3, $4, $5, $5
       FROM webhook_endpoints e
       WHERE e.org_id = $1 AND e.enabled AND ($3 = ANY (e.event_types) OR '*' = ANY (e.event_types))`,
      [sql.orgId, stem, event.type, JSON.stringify(payload), now],
    )
  }

  /**
   * Queues a `ping` to one endpoint, whatever it subscribes to and even if disabled; audited as
   * `webhook.tested`.
   * @throws NOT_FOUND
   */
  async enqueuePing(sql: TenantSql, endpointId: string, actor: string): Promise<{ id: string }> {
    await this.#endpoint(sql, endpointId)
    const id = await this.#enqueue(sql, endpointId, PING_EVENT, { id: endpointId })
    await this.#audit.append(sql, { actor, action: 'webhook.tested', resource: `webhook:${endpointId}` })
    return { id }
  }

  /**
   * The endpoint's deliveries, newest first, each with its attempts; `beforeId` is the last id of
   * the previous page.
   * @throws NOT_FOUND
   */
  async listDeliveries(
    sql: TenantSql,
    endpointId: string,
    options: { limit: number; beforeId?: string | undefined },
  ): Promise<{ items: WebhookDeliveryView[]; next_cursor: string | null }> {
    await this.#endpoint(sql, endpointId)
    const { rows } = await sql.query<DeliveryRow>(
      `SELECT id, event_type, status, attempts, next_attempt_at, last_status_code, last_error, created_at, finished_at
       FROM webhook_deliveries WHERE org_id = $1 AND endpoint_id = $2 AND id < $3
       ORDER BY id DESC LIMIT $4`,
      [sql.orgId, endpointId, options.beforeId ?? 'msg_g', options.limit + 1],
    )
    const page = rows.slice(0, options.limit)
    const { rows: attempts } = await sql.query<AttemptRow>(
      `SELECT delivery_id, attempt, attempted_at, status_code, error, latency_ms, outcome, next_attempt_at
       FROM webhook_attempts WHERE org_id = $1 AND delivery_id = ANY ($2) ORDER BY delivery_id, attempt`,
      [sql.orgId, page.map((row) => row.id)],
    )
    const items = page.map((row) => ({
      id: row.id,
      event_type: row.event_type,
      status: row.status,
      attempts: row.attempts,
      next_attempt_at: iso(row.next_attempt_at),
      last_status_code: row.last_status_code,
      last_error: row.last_error,
      created_at: row.created_at.toISOString(),
      finished_at: iso(row.finished_at),
      log: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .map((attempt) => ({
          attempt: attempt.attempt,
          attempted_at: attempt.attempted_at.toISOString(),
          status_code: attempt.status_code,
          error: attempt.error,
          latency_ms: attempt.latency_ms,
          outcome: attempt.outcome,
          next_attempt_at: iso(attempt.next_attempt_at),
        })),
    }))
    const last = page.at(-1)
    return { items, next_cursor: rows.length > options.limit && last ? last.id : null }
  }

  /**
   * Queues the endpoint's failed deliveries again, due now, with their `webhook-id`: all of them,
   * or those in `ids`, or those that failed at or after `since` (both: both must hold). A retried
   * delivery gets one more attempt; if that fails too it ends failed again. Audited
   * `webhook.deliveries_retried`.
   * @throws NOT_FOUND; CONFLICT when the endpoint is disabled (its deliveries would end at once)
   */
  async retryFailed(
    sql: TenantSql,
    actor: string,
    endpointId: string,
    filter: { ids?: string[] | undefined; since?: Date | undefined },
  ): Promise<{ requeued: number }> {
    const endpoint = await this.#endpoint(sql, endpointId, { forShare: true })
    if (!endpoint.enabled) {
      throw new CofferError(
        'CONFLICT',
        'the endpoint is disabled: enable it first, then retry its deliveries',
      )
    }
    const { rowCount } = await sql.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, finished_at = NULL
       WHERE org_id = $1 AND endpoint_id = $2 AND status = 'failed'
         AND ($4::text[] IS NULL OR id = ANY ($4)) AND ($5::timestamptz IS NULL OR finished_at >= $5)`,
      [sql.orgId, endpointId, new Date(this.#clock.now()), filter.ids ?? null, filter.since ?? null],
    )
    await this.#audit.append(sql, {
      actor,
      action: 'webhook.deliveries_retried',
      resource: `webhook:${endpointId}`,
    })
    return { requeued: rowCount }
  }

  /**
   * The org's endpoint, or NOT_FOUND; `forShare` keeps it from changing until the transaction ends.
   * @throws NOT_FOUND
   */
  async #endpoint(
    sql: TenantSql,
    endpointId: string,
    options: { forShare?: boolean } = {},
  ): Promise<{ enabled: boolean }> {
    const { rows } = await sql.query<{ enabled: boolean }>(
      `SELECT enabled FROM webhook_endpoints WHERE org_id = $1 AND id = $2${options.forShare ? ' FOR SHARE' : ''}`,
      [sql.orgId, endpointId],
    )
    if (!rows[0]) throw new CofferError('NOT_FOUND', 'no webhook endpoint with this id')
    return rows[0]
  }

  async #enqueue(
    sql: TenantSql,
    endpointId: string,
    type: WebhookPayload['type'],
    data: WebhookEvent['data'],
  ): Promise<string> {
    const now = new Date(this.#clock.now())
    const id = newMessageId(now.getTime())
    const payload: WebhookPayload = { type, timestamp: now.toISOString(), data }
    await sql.query(
      `INSERT INTO webhook_deliveries (org_id, id, endpoint_id, event_type, payload, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [sql.orgId, id, endpointId, type, JSON.stringify(payload), now],
    )
    return id
  }
}
