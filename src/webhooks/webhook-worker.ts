/**
 * The delivery worker: sends due outbox rows, signed, through the SSRF guard, and schedules retries.
 *
 * It runs in every server instance. A claim is one short transaction per org that picks due rows
 * `FOR UPDATE SKIP LOCKED` and leases them (pushes `next_attempt_at` past the request's time
 * limit), so two instances never send the same row at once; the request itself runs outside any
 * transaction, and a second transaction records the outcome. A process that dies mid-request
 * leaves the lease to expire: the row is sent again (at-least-once, same `webhook-id`).
 */
import { performance } from 'node:perf_hooks'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { guardedRequest, type HostResolver } from '../net/outbound-request.js'
import { listOrgs } from '../tenancy/orgs.js'
import type { WebhookEndpoints, WebhookTarget } from './webhook-endpoints.js'
import { signatureHeader } from './webhook-signature.js'

/** Waits after failed attempt 1, 2, ...; after the last one the delivery is failed (8 attempts). */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
]

/** Each retry waits its delay plus up to this fraction more, at random (instances drift apart). */
export const RETRY_JITTER_RATIO = 0.1

/** Time limit of one attempt: resolution, connection, response. */
export const DELIVERY_TIMEOUT_MS = 10_000

/** How long a claim holds a row against other instances; well past the attempt's time limit. */
export const CLAIM_LEASE_MS = 60_000

/** How often a server looks for due deliveries (± jitter). */
export const DELIVERY_INTERVAL_MS = 2_000

/** Rows claimed per org per transaction unless told otherwise. */
export const DEFAULT_DELIVERY_BATCH_SIZE = 50

/** Why an attempt failed, as the log shows it: fixed strings, never a URL or a response body. */
export type DeliveryError =
  | 'non_2xx_status'
  | 'redirect_not_followed'
  | 'timeout'
  | 'unreachable'
  | 'unsafe_url'
  | 'endpoint_disabled'
  | 'endpoint_unreadable'
  | 'request_failed'

/** What one pass did. */
export interface DeliveryPassResult {
  delivered: number
  retrying: number
  failed: number
}

interface Claimed {
  id: string
  endpoint_id: string
  payload: unknown
  attempts: number
}

interface AttemptOutcome {
  statusCode: number | null
  error: DeliveryError | null
  latencyMs: number
}

/** Delivers due webhook messages of every org. */
export class WebhookWorker {
  readonly #db: Database
  readonly #endpoints: WebhookEndpoints
  readonly #clock: Clock
  readonly #requirePublic: boolean
  readonly #batchSize: number
  readonly #random: () => number
  readonly #resolve: HostResolver | undefined
  readonly #timeoutMs: number

  constructor(options: {
    db: Database
    endpoints: WebhookEndpoints
    clock: Clock
    requirePublicTargets: boolean
    batchSize?: number
    /** A number in [0, 1) for the retry jitter; injectable for tests. */
    random?: () => number
    /** Host resolver of public mode (tests only). */
    resolve?: HostResolver
    timeoutMs?: number
  }) {
    this.#db = options.db
    this.#endpoints = options.endpoints
    this.#clock = options.clock
    this.#requirePublic = options.requirePublicTargets
    this.#batchSize = options.batchSize ?? DEFAULT_DELIVERY_BATCH_SIZE
    this.#random = options.random ?? Math.random
    this.#resolve = options.resolve
    this.#timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS
  }

  /**
   * One pass over every org not deleted: sends what is due now, batch after batch. An org that
   * fails does not stop the others; the first error is thrown at the end.
   */
  async deliverOnce(): Promise<DeliveryPassResult> {
    const result: DeliveryPassResult = { delivered: 0, retrying: 0, failed: 0 }
    let firstError: unknown
    for (const org of await listOrgs(this.#db)) {
      if (org.deletedAt !== null) continue
      try {
        await this.deliverOrg(org.id, result)
      } catch (error) {
        firstError ??= error
      }
    }
    if (firstError !== undefined) throw firstError
    return result
  }

  /** Sends the org's due deliveries; adds the outcomes to `result`. */
  async deliverOrg(orgId: OrgId, result: DeliveryPassResult): Promise<void> {
    for (;;) {
      const claimed = await withTenant(this.#db, orgId, (sql) => this.#claim(sql))
      for (const delivery of claimed) {
        const outcome = await this.#deliver(orgId, delivery)
        result[outcome]++
      }
      if (claimed.length < this.#batchSize) return
    }
  }

  async #claim(sql: TenantSql): Promise<Claimed[]> {
    const now = this.#clock.now()
    // A locking CTE runs once (an `IN (subquery)` may be rescanned and exceed the LIMIT).
    const { rows } = await sql.query<Claimed>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
         WHERE org_id = $1 AND status = 'pending' AND next_attempt_at <= $2
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = $4 FROM due
       WHERE d.org_id = $1 AND d.id = due.id
       RETURNING d.id, d.endpoint_id, d.payload, d.attempts`,
      [sql.orgId, new Date(now), this.#batchSize, new Date(now + CLAIM_LEASE_MS)],
    )
    return rows
  }

  async #deliver(orgId: OrgId, delivery: Claimed): Promise<'delivered' | 'retrying' | 'failed'> {
    let target: WebhookTarget | null
    try {
      target = await withTenant(this.#db, orgId, (sql) => this.#endpoints.targetOf(sql, delivery.endpoint_id))
    } catch (error) {
      // Keys destroyed: nothing can ever be sent, the delivery ends here; unavailable: retried.
      const destroyed = error instanceof CofferError && error.code === 'KEY_DESTROYED'
      const outcome = { statusCode: null, error: 'endpoint_unreadable', latencyMs: 0 } as const
      return this.#record(orgId, delivery, outcome, { final: destroyed })
    }
    if (target === null) return 'failed' // The endpoint was deleted; its deliveries went with it.
    if (!target.enabled) {
      return this.#record(
        orgId,
        delivery,
        { statusCode: null, error: 'endpoint_disabled', latencyMs: 0 },
        { final: true },
      )
    }
    const outcome = await this.#send(target, delivery)
    return this.#record(orgId, delivery, outcome, { final: false })
  }

  async #send(target: WebhookTarget, delivery: Claimed): Promise<AttemptOutcome> {
    const body = JSON.stringify(delivery.payload)
    const timestamp = Math.floor(this.#clock.now() / 1000)
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Coffer-Webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(target.secrets, { id: delivery.id, timestamp, body }),
    }
    const started = performance.now()
    const latency = () => Math.round(performance.now() - started)
    try {
      const response = await guardedRequest(target.url, {
        method: 'POST',
        headers,
        body,
        timeoutMs: this.#timeoutMs,
        requirePublic: this.#requirePublic,
        ...(this.#resolve ? { resolve: this.#resolve } : {}),
      })
      const { status } = response
      if (status >= 200 && status < 300) return { statusCode: status, error: null, latencyMs: latency() }
      const error = status >= 300 && status < 400 ? 'redirect_not_followed' : 'non_2xx_status'
      return { statusCode: status, error, latencyMs: latency() }
    } catch (error) {
      return { statusCode: null, error: deliveryErrorOf(error), latencyMs: latency() }
    }
  }

  /** Stores the attempt and the delivery's next state, in one transaction. */
  async #record(
    orgId: OrgId,
    delivery: Claimed,
    outcome: AttemptOutcome,
    options: { final: boolean },
  ): Promise<'delivered' | 'retrying' | 'failed'> {
    const now = this.#clock.now()
    const attempt = delivery.attempts + 1
    const delay = RETRY_DELAYS_MS[attempt - 1]
    const state =
      outcome.error === null ? 'delivered' : options.final || delay === undefined ? 'failed' : 'retrying'
    const nextAttemptAt =
      state === 'retrying'
        ? new Date(now + Math.round(delay! * (1 + RETRY_JITTER_RATIO * this.#random())))
        : null
    await withTenant(this.#db, orgId, async (sql) => {
      await sql.query(
        `UPDATE webhook_deliveries SET attempts = $3, status = $4, next_attempt_at = $5, last_status_code = $6,
                last_error = $7, finished_at = $8
         WHERE org_id = $1 AND id = $2`,
        [
          sql.orgId,
          delivery.id,
          attempt,
          state === 'retrying' ? 'pending' : state,
          nextAttemptAt,
          outcome.statusCode,
          outcome.error,
          state === 'retrying' ? null : new Date(now),
        ],
      )
      await sql.query(
        `INSERT INTO webhook_attempts (org_id, id, delivery_id, endpoint_id, attempt, attempted_at, status_code,
                                       error, latency_ms, outcome, next_attempt_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
         WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE org_id = $1 AND id = $3)`,
        [
          sql.orgId,
          uuidV7(now),
          delivery.id,
          delivery.endpoint_id,
          attempt,
          new Date(now),
          outcome.statusCode,
          outcome.error,
          outcome.latencyMs,
          state,
          nextAttemptAt,
        ],
      )
    })
    return state
  }
}

/** The fixed string for what a failed request threw. */
function deliveryErrorOf(error: unknown): DeliveryError {
  if (!(error instanceof CofferError)) return 'request_failed'
  switch (error.code) {
    case 'UPSTREAM_TIMEOUT':
      return 'timeout'
    case 'UPSTREAM_UNREACHABLE':
      return 'unreachable'
    case 'UNSAFE_URL':
      return 'unsafe_url'
    default:
      return 'request_failed'
  }
}
