/**
 * The delivery log does not grow for ever: deliveries that finished (delivered or failed) more
 * than 30 days ago are deleted with their attempts, batch by batch in each org's scope. Pending
 * deliveries are never touched. Runs hourly in every instance; `SKIP LOCKED` keeps two instances
 * from waiting on each other.
 */
import type { Database } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import { assertPositiveInteger, forEachSettled, untilShortBatch } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { orgsWithFinishedDeliveries } from '../tenancy/due-work.js'

/** How long a finished delivery stays in the log (`GET /v1/webhooks/:id/deliveries`). */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 3_600_000

/** How often a server prunes the delivery log (± jitter). */
export const DELIVERY_LOG_PRUNE_INTERVAL_MS = 3_600_000

/**
 * Deletes every delivery of every org that finished before the retention window, `batchSize`
 * rows per transaction; returns how many. An org that fails does not stop the others; the first
 * error is thrown at the end.
 * @throws RangeError for a batch size that is not a positive integer
 */
export async function pruneDeliveryLog(db: Database, clock: Clock, batchSize: number): Promise<number> {
  assertPositiveInteger(batchSize, 'batchSize')
  const before = new Date(clock.now() - DELIVERY_LOG_RETENTION_MS)
  let total = 0
  await forEachSettled(await orgsWithFinishedDeliveries(db, before), async (orgId) => {
    total += await untilShortBatch(batchSize, () =>
      withTenant(db, orgId, async (sql) => {
        // A locking CTE runs once (an `IN (subquery)` may be rescanned and exceed the LIMIT).
        const { rowCount } = await sql.query(
          `WITH old AS (
             SELECT id FROM webhook_deliveries WHERE org_id = $1 AND finished_at < $2
             ORDER BY finished_at LIMIT $3 FOR UPDATE SKIP LOCKED)
           DELETE FROM webhook_deliveries d USING old WHERE d.org_id = $1 AND d.id = old.id`,
          [sql.orgId, before, batchSize],
        )
        return rowCount
      }),
    )
  })
  return total
}
