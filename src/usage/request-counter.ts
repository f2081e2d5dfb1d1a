/**
 * Requests per org per UTC day. Counting each request in the database would add a write to every
 * request, so each instance counts in memory and adds its counts to `usage_requests` every
 * `flushIntervalMs`, when it closes, and before it answers `GET /v1/usage`. A crash loses at most
 * the requests of the last interval of that instance.
 */
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import type { Clock } from '../internal/clock.js'
import { type PeriodicTask, startPeriodic } from '../internal/periodic.js'

/** How often an instance writes its request counts, unless told otherwise. */
export const REQUEST_COUNT_FLUSH_MS = 10_000

/** Counts authenticated tenant requests per org and day; flushes to the database. */
export class RequestCounter {
  readonly #db: Database
  readonly #clock: Clock
  /** `orgId` → `YYYY-MM-DD` → count. */
  #pending = new Map<OrgId, Map<string, number>>()
  #flushing: Promise<void> = Promise.resolve()
  #task: PeriodicTask | undefined

  constructor(options: { db: Database; clock: Clock }) {
    this.#db = options.db
    this.#clock = options.clock
  }

  /** Counts one request of `orgId`, today (UTC, by the clock). */
  count(orgId: OrgId): void {
    const day = new Date(this.#clock.now()).toISOString().slice(0, 10)
    const days = this.#pending.get(orgId) ?? new Map<string, number>()
    days.set(day, (days.get(day) ?? 0) + 1)
    this.#pending.set(orgId, days)
  }

  /** Starts flushing every `intervalMs` (timer unref'd); errors go to `onError`. */
  start(options: { intervalMs?: number; onError: (error: unknown) => void }): void {
    this.#task ??= startPeriodic({
      intervalMs: options.intervalMs ?? REQUEST_COUNT_FLUSH_MS,
      task: () => this.flush(),
      onError: options.onError,
    })
  }

  /** Writes what was counted so far (one transaction per org); one flush at a time. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow())
    return this.#flushing
  }

  /** Stops the timer and flushes the rest. */
  async stop(): Promise<void> {
    await this.#task?.stop()
    this.#task = undefined
    await this.flush()
  }

  async #flushNow(): Promise<void> {
    const pending = this.#pending
    this.#pending = new Map()
    let firstError: unknown
    for (const [orgId, days] of pending) {
      try {
        await withTenant(this.#db, orgId, async (sql) => {
          for (const [day, count] of days) {
            await sql.query(
              `INSERT INTO usage_requests AS u (org_id, day, count) VALUES ($1, $2, $3)
               ON CONFLICT (org_id, day) DO UPDATE SET count = u.count + excluded.count`,
              [sql.orgId, day, count],
            )
          }
        })
      } catch (error) {
        // Kept for the next flush rather than lost; the other orgs are still written.
        const again = this.#pending.get(orgId) ?? new Map<string, number>()
        for (const [day, count] of days) again.set(day, (again.get(day) ?? 0) + count)
        this.#pending.set(orgId, again)
        firstError ??= error
      }
    }
    if (firstError !== undefined) throw firstError
  }
}
