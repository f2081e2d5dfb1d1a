/**
 * The TTL sweeper: deletes records whose `expires_at` has passed (their index rows go with them,
 * by ON DELETE CASCADE). Reads already hide them from that instant (record-access.ts); the sweeper
 * makes the deletion real within a minute.
 *
 * It runs in every server instance. Each batch is one transaction in one org's scope (RLS stays
 * on) that deletes up to `batchSize` expired rows picked `FOR UPDATE SKIP LOCKED`, so two
 * instances sweeping at once take disjoint rows and never count a row twice; the batch audits
 * what it deleted as a count (`records.expired`, `records:<n>`) and emits one `record.expired`
 * (the id only) per deleted record, in the same transaction.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import type { TenantSql } from '../db/tenant-door.js'
import { withTenant } from '../db/tenant-door.js'
import { assertPositiveInteger, forEachSettled, untilShortBatch } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { orgsWithExpiredRecords } from '../tenancy/due-work.js'

/** How the sweeper appears in the audit log. */
export const TTL_SWEEPER_ACTOR = 'system:ttl-sweeper'
/** Rows deleted per transaction unless told otherwise. */
export const DEFAULT_TTL_SWEEP_BATCH_SIZE = 1000
/** How often a server sweeps (± jitter): an expired record is deleted within 60 s. */
export const TTL_SWEEP_INTERVAL_MS = 30_000

/** Emits the expiry of one record (its id only), in the sweeping batch's transaction. */
export type ExpiredRecordEmitter = (
  sql: TenantSql,
  event: { type: 'record.expired'; data: { id: string } },
) => Promise<void>

/** What one sweep deleted. */
export interface SweepResult {
  deleted: number
  /** Orgs in which something was deleted. */
  orgs: number
}

/** Deletes expired records of every org, in batches. */
export class RecordsSweeper {
  readonly #db: Database
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #batchSize: number
  readonly #emit: ExpiredRecordEmitter

  /** @throws RangeError for a batch size that is not a positive integer */
  constructor(options: {
    db: Database
    audit: AuditLog
    clock: Clock
    batchSize?: number
    /** Emits `record.expired` per deleted record (at most `batchSize` per transaction): the webhooks outbox. */
    emit?: ExpiredRecordEmitter
  }) {
    const batchSize = options.batchSize ?? DEFAULT_TTL_SWEEP_BATCH_SIZE
    assertPositiveInteger(batchSize, 'batchSize')
    this.#db = options.db
    this.#audit = options.audit
    this.#clock = options.clock
    this.#batchSize = batchSize
    this.#emit = options.emit ?? (async () => undefined)
  }

  /**
   * Sweeps every org not deleted that has expired records (one cross-org lookup finds them), at the
   * clock's current time, batch after batch until none is left. An org that fails does not stop
   * the others; the first error is thrown at the end.
   */
  async sweepOnce(): Promise<SweepResult> {
    const now = new Date(this.#clock.now())
    const result: SweepResult = { deleted: 0, orgs: 0 }
    await forEachSettled(await orgsWithExpiredRecords(this.#db, now), async (orgId) => {
      const deleted = await this.sweepOrg(orgId, now)
      result.deleted += deleted
      if (deleted > 0) result.orgs++
    })
    return result
  }

  /** Deletes the org's records expired at `now`, one batch per transaction; returns how many. */
  sweepOrg(orgId: OrgId, now: Date): Promise<number> {
    return untilShortBatch(this.#batchSize, () =>
      withTenant(this.#db, orgId, async (sql) => {
        // records_expiry_by_org finds the candidates; SKIP LOCKED leaves rows another instance holds.
        // A locking CTE runs once (an `IN (subquery)` may be rescanned and exceed the LIMIT).
        const { rows } = await sql.query<{ id: string }>(
          `WITH batch AS (
             SELECT id FROM records WHERE org_id = $1 AND expires_at IS NOT NULL AND expires_at <= $2
             ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED)
           DELETE FROM records r USING batch WHERE r.org_id = $1 AND r.id = batch.id RETURNING r.id`,
          [sql.orgId, now, this.#batchSize],
        )
        const rowCount = rows.length
        for (const row of rows) await this.#emit(sql, { type: 'record.expired', data: { id: row.id } })
        if (rowCount > 0) {
          await this.#audit.append(sql, {
            actor: TTL_SWEEPER_ACTOR,
            action: 'records.expired',
            resource: `records:${rowCount}`,
          })
        }
        return rowCount
      }),
    )
  }
}
