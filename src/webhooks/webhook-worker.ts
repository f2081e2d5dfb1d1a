/**
 * The delivery worker: sends due outbox rows, signed, through the SSRF guard, and schedules retries.
 *
 * It runs in every server instance. A pass first asks which endpoints have deliveries due (one
 * cross-org query, so an idle instance does not enter every org), then takes one batch per
 * endpoint in turn, a few endpoints at once, until none has more due (an endpoint whose batch
 * waits on a slow receiver holds up its own next batch, no other endpoint's). A batch is:
 *   1. a claim: one short transaction in the org's scope that picks due rows `FOR UPDATE SKIP
 *      LOCKED`, leases them (pushes `next_attempt_at` past the requests' time limit, so another
 *      instance does not take them meanwhile) and reads each endpoint's URL and secrets once;
 *   2. the requests, all of the batch at once, outside any transaction;
 *   3. one transaction that records every outcome, but only for rows whose lease is still the one
 *      this claim set (a row whose lease ran out and that another instance took is left to it).
 * A process that dies between 1 and 3 leaves its leases to run out: those rows are sent again
 * (at-least-once, with the same `webhook-id`, so receivers dedupe).
 */
import { performance } from 'node:perf_hooks'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { assertPositiveInteger } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { guardedRequest, type HostResolver } from '../net/outbound-request.js'
import { SpanKind, TRACING_OFF, type Tracing } from '../observability/tracing.js'
import { endpointsWithDueDeliveries } from '../tenancy/due-work.js'
import type { WebhookEndpoints, WebhookTarget } from './webhook-endpoints.js'
import { PING_EVENT } from './webhook-events.js'
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

/** How much longer than the attempts' time limit a claim holds its rows against other instances. */
export const CLAIM_LEASE_SLACK_MS = 10_000

/** How often a server looks for due deliveries (± jitter). */
export const DELIVERY_INTERVAL_MS = 2_000

/** Rows claimed per batch, all sent at once, unless told otherwise. */
export const DEFAULT_DELIVERY_BATCH_SIZE = 16

/** Endpoints whose batches run at once, unless told otherwise: a slow one holds up only its own. */
export const DEFAULT_DELIVERY_LANES = 4

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
  event_type: string
  payload: unknown
  attempts: number
}

/** An endpoint as a claim read it: where to send, or why nothing can be sent. */
type ClaimedTarget =
  | { kind: 'target'; target: WebhookTarget }
  | { kind: 'unreadable'; final: boolean }
  | { kind: 'gone' }

interface Claim {
  deliveries: Claimed[]
  targets: Map<string, ClaimedTarget>
  /** The `next_attempt_at` this claim set: recording checks the row still carries it. */
  lease: Date
}

interface AttemptOutcome {
  statusCode: number | null
  error: DeliveryError | null
  latencyMs: number
}

interface Attempt {
  delivery: Claimed
  outcome: AttemptOutcome
  /** No retry: the delivery ends failed on error (endpoint disabled, keys destroyed). */
  final: boolean
  /** A request was made, so the outcome says something about the endpoint's health. */
  sent: boolean
}

/** Delivers due webhook messages of every org. */
export class WebhookWorker {
  readonly #db: Database
  readonly #endpoints: WebhookEndpoints
  readonly #clock: Clock
  readonly #requirePublic: boolean
  readonly #batchSize: number
  readonly #lanes: number
  readonly #random: () => number
  readonly #resolve: HostResolver | undefined
  readonly #timeoutMs: number
  readonly #tracing: Tracing

  /** @throws RangeError for a batch size or lane count that is not a positive integer */
  constructor(options: {
    db: Database
    endpoints: WebhookEndpoints
    clock: Clock
    requirePublicTargets: boolean
    /** Rows per claim, all sent at once. */
    batchSize?: number
    /** Endpoints whose batches run at once. */
    lanes?: number
    /** A number in [0, 1) for the retry jitter; injectable for tests. */
    random?: () => number
    /** Host resolver of public mode (tests only). */
    resolve?: HostResolver
    timeoutMs?: number
    /** A span per delivery, its `traceparent` sent to the receiver; default off. */
    tracing?: Tracing
  }) {
    const batchSize = options.batchSize ?? DEFAULT_DELIVERY_BATCH_SIZE
    const lanes = options.lanes ?? DEFAULT_DELIVERY_LANES
    assertPositiveInteger(batchSize, 'batchSize')
    assertPositiveInteger(lanes, 'lanes')
    this.#db = options.db
    this.#endpoints = options.endpoints
    this.#clock = options.clock
    this.#requirePublic = options.requirePublicTargets
    this.#batchSize = batchSize
    this.#lanes = lanes
    this.#random = options.random ?? Math.random
    this.#resolve = options.resolve
    this.#timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS
    this.#tracing = options.tracing ?? TRACING_OFF
  }

  /**
   * One pass: the endpoints with deliveries due wait in a queue; `lanes` runners each take the
   * next endpoint, send one batch of it, and queue it again at the back when the batch was full.
   * An endpoint is never in two lanes at once. One that fails drops out of the pass without
   * stopping the others; the first error is thrown at the end.
   */
  async deliverOnce(): Promise<DeliveryPassResult> {
    const result: DeliveryPassResult = { delivered: 0, retrying: 0, failed: 0 }
    let firstError: unknown
    const queue = await endpointsWithDueDeliveries(this.#db, new Date(this.#clock.now()))
    const lane = async () => {
      for (let due = queue.shift(); due !== undefined; due = queue.shift()) {
        try {
          if (await this.#deliverBatch(due.orgId, result, due.endpointId)) queue.push(due)
        } catch (error) {
          firstError ??= error
        }
      }
    }
    await Promise.all(Array.from({ length: this.#lanes }, lane))
    if (firstError !== undefined) throw firstError
    return result
  }

  /** Sends the org's due deliveries, every endpoint's, batch after batch; adds the outcomes to `result`. */
  async deliverOrg(orgId: OrgId, result: DeliveryPassResult): Promise<void> {
    while (await this.#deliverBatch(orgId, result)) {}
  }

  /**
   * Claims, sends and records one batch of the org (of one endpoint when given); true when the
   * batch was full (more may be due).
   */
  async #deliverBatch(orgId: OrgId, result: DeliveryPassResult, endpointId?: string): Promise<boolean> {
    const claim = await withTenant(this.#db, orgId, (sql) => this.#claim(sql, endpointId))
    if (claim.deliveries.length === 0) return false
    const attempts = await Promise.all(
      claim.deliveries.map((delivery) => this.#attempt(delivery, claim.targets.get(delivery.endpoint_id)!)),
    )
    const states = await withTenant(this.#db, orgId, (sql) =>
      this.#record(
        sql,
        claim.lease,
        attempts.filter((attempt) => attempt !== null),
      ),
    )
    for (const state of states) result[state]++
    return claim.deliveries.length === this.#batchSize
  }

  async #claim(sql: TenantSql, endpointId: string | undefined): Promise<Claim> {
    const now = this.#clock.now()
    const lease = new Date(now + this.#timeoutMs + CLAIM_LEASE_SLACK_MS)
    // A locking CTE runs once (an `IN (subquery)` may be rescanned and exceed the LIMIT).
    const { rows } = await sql.query<Claimed>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
         WHERE org_id = $1 AND status = 'pending' AND next_attempt_at <= $2
           AND ($5::uuid IS NULL OR endpoint_id = $5)
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = $4 FROM due
       WHERE d.org_id = $1 AND d.id = due.id
       RETURNING d.id, d.endpoint_id, d.event_type, d.payload, d.attempts`,
      [sql.orgId, new Date(now), this.#batchSize, lease, endpointId ?? null],
    )
    const targets = new Map<string, ClaimedTarget>()
    for (const endpointId of new Set(rows.map((row) => row.endpoint_id))) {
      targets.set(endpointId, await this.#targetOf(sql, endpointId))
    }
    return { deliveries: rows, targets, lease }
  }

  /** The endpoint's target; keys destroyed end its deliveries, keys unavailable retry them. */
  async #targetOf(sql: TenantSql, endpointId: string): Promise<ClaimedTarget> {
    try {
      const target = await this.#endpoints.targetOf(sql, endpointId)
      return target === null ? { kind: 'gone' } : { kind: 'target', target }
    } catch (error) {
      if (!(error instanceof CofferError)) throw error
      return { kind: 'unreadable', final: error.code === 'KEY_DESTROYED' }
    }
  }

  /**
   * Sends one delivery, unless its endpoint is gone (null), unreadable or disabled, in a span of
   * its own (`webhook deliver`): ids, event type, attempt, status and outcome; never the URL or body.
   */
  async #attempt(delivery: Claimed, claimed: ClaimedTarget): Promise<Attempt | null> {
    if (claimed.kind === 'gone') return null // The endpoint was deleted; its deliveries went with it.
    const attributes = {
      'coffer.webhook.delivery_id': delivery.id,
      'coffer.webhook.endpoint_id': delivery.endpoint_id,
      'coffer.webhook.event_type': delivery.event_type,
      'coffer.webhook.attempt': delivery.attempts + 1,
    }
    return this.#tracing.inSpan('webhook deliver', { kind: SpanKind.PRODUCER, attributes }, async (span) => {
      const attempt = await this.#attemptUntraced(delivery, claimed)
      if (attempt.outcome.statusCode !== null)
        span.setAttribute('http.response.status_code', attempt.outcome.statusCode)
      span.setAttribute('coffer.webhook.outcome', attempt.outcome.error ?? 'delivered')
      return attempt
    })
  }

  async #attemptUntraced(
    delivery: Claimed,
    claimed: Exclude<ClaimedTarget, { kind: 'gone' }>,
  ): Promise<Attempt> {
    if (claimed.kind === 'unreadable') {
      const outcome = { statusCode: null, error: 'endpoint_unreadable', latencyMs: 0 } as const
      return { delivery, outcome, final: claimed.final, sent: false }
    }
    // A ping is someone testing the endpoint by hand: it is sent even while disabled.
    if (!claimed.target.enabled && delivery.event_type !== PING_EVENT) {
      const outcome = { statusCode: null, error: 'endpoint_disabled', latencyMs: 0 } as const
      return { delivery, outcome, final: true, sent: false }
    }
    return { delivery, outcome: await this.#send(claimed.target, delivery), final: false, sent: true }
  }

  async #send(target: WebhookTarget, delivery: Claimed): Promise<AttemptOutcome> {
    const body = JSON.stringify(delivery.payload)
    const timestamp = Math.floor(this.#clock.now() / 1000)
    const headers = {
      // The delivery span's W3C trace context, so the receiver's work joins the trace.
      ...this.#tracing.outboundHeaders(),
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
        // The stricter of this instance's setting and the one the endpoint was registered under.
        requirePublic: this.#requirePublic || target.requirePublicTargets,
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

  /**
   * Stores each attempt and its delivery's next state, and each endpoint's health, in the caller's
   * transaction. Rows no longer carrying `lease` belong to another claim and are left alone.
   */
  async #record(
    sql: TenantSql,
    lease: Date,
    attempts: Attempt[],
  ): Promise<Array<'delivered' | 'retrying' | 'failed'>> {
    const now = this.#clock.now()
    const states: Array<'delivered' | 'retrying' | 'failed'> = []
    /** Per endpoint that was sent to: whether any attempt was delivered. */
    const health = new Map<string, boolean>()
    for (const { delivery, outcome, final, sent } of attempts) {
      const attempt = delivery.attempts + 1
      const delay = RETRY_DELAYS_MS[attempt - 1]
      const state =
        outcome.error === null ? 'delivered' : final || delay === undefined ? 'failed' : 'retrying'
      const nextAttemptAt =
        state === 'retrying'
          ? new Date(now + Math.round(delay! * (1 + RETRY_JITTER_RATIO * this.#random())))
          : null
      const { rowCount } = await sql.query(
        `UPDATE webhook_deliveries SET attempts = $3, status = $4, next_attempt_at = $5, last_status_code = $6,
                last_error = $7, finished_at = $8
         WHERE org_id = $1 AND id = $2 AND status = 'pending' AND next_attempt_at = $9`,
        [
          sql.orgId,
          delivery.id,
          attempt,
          state === 'retrying' ? 'pending' : state,
          nextAttemptAt,
          outcome.statusCode,
          outcome.error,
          state === 'retrying' ? null : new Date(now),
          lease,
        ],
      )
      if (rowCount === 0) continue // Lease lost (or the endpoint deleted): another claim owns the row.
      await sql.query(
        `INSERT INTO webhook_attempts (org_id, id, delivery_id, endpoint_id, attempt, attempted_at, status_code,
                                       error, latency_ms, outcome, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
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
      states.push(state)
      if (sent)
        health.set(delivery.endpoint_id, (health.get(delivery.endpoint_id) ?? false) || state === 'delivered')
    }
    for (const [endpointId, delivered] of health) {
      await this.#endpoints.noteAttempts(sql, endpointId, { delivered, at: new Date(now) })
    }
    return states
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
