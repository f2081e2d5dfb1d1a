/**
 * The storage quota of the write path: `charge` is the one function every write that adds
 * records or bytes calls, in its own transaction, before its INSERT or UPDATE (the single-record
 * store, PATCH, a batch store with the counts of its N records at once).
 *
 * Far from the quota a write locks one of the org's 8 allotments that has room, skipping the
 * ones other writers hold (`FOR UPDATE SKIP LOCKED`): concurrent writers of one org do not wait
 * for each other. The allotments together never exceed the quota, so the usage cannot either.
 * Only a write that finds no allotment with room takes the slow path: it locks the org's quota
 * state and every allotment (waiting for the writers that hold one to commit), recounts the usage
 * from `usage_records` (exact, kept by triggers), refuses with 413 `QUOTA_EXCEEDED` or splits
 * what is left of the quota anew. The allotments stop at the 80 % line until a write crosses it,
 * so the crossing write always takes the slow path, which sends `usage.quota_warning` once per
 * crossing (and re-arms when usage falls under the line). A transaction should charge once
 * (with counts): the slow path of a transaction already holding an allotment may deadlock (the
 * fast path itself gives back what it locked when it reserves nothing, see usage_reserve).
 */
import type { PlanTable } from '../auth/scopes.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { storageQuotaJson } from './plan-quotas.js'

/** Allotments per org (rows of `usage_allotments`). */
export const QUOTA_SHARDS = 8

/** The warning line: 80 % of a quota. */
export const QUOTA_WARNING_RATIO = 0.8

/** What a dimension without a quota is allotted: more than anything will use (2^62). */
const UNLIMITED = '4611686018427387904'

/** Records and stored bytes a write adds (bytes: octet lengths of the envelopes it stores). */
export interface StorageCharge {
  records: number
  bytes: number
}

/** The name of a storage quota, as the plan table and errors name it. */
export type StorageQuotaName = 'records' | 'storage_bytes'

/** The `usage.quota_warning` event, emitted in the crossing write's transaction. */
export type QuotaWarningEmitter = (
  sql: TenantSql,
  event: {
    type: 'usage.quota_warning'
    data: { id: string; quota: StorageQuotaName; used: number; limit: number; percent: number }
  },
) => Promise<void>

interface FastRow {
  org_found: boolean | null
  records: string | number | null
  bytes: string | number | null
  shard: number | null
}

/** Enforces the plans' `records` and `storage_bytes` quotas on writes (see the file comment). */
export class RecordQuota {
  readonly #quotaJson: string
  /** Whether any plan (or the unknown-plan fallback) has a records or storage_bytes quota. */
  readonly #anyQuota: boolean
  readonly #emit: QuotaWarningEmitter

  constructor(options: { plans: PlanTable; emit?: QuotaWarningEmitter | undefined }) {
    this.#quotaJson = storageQuotaJson(options.plans)
    this.#anyQuota = Object.values(
      JSON.parse(this.#quotaJson) as Record<string, { records: number | null; bytes: number | null }>,
    ).some((quota) => quota.records !== null || quota.bytes !== null)
    this.#emit = options.emit ?? (async () => undefined)
  }

  /**
   * Reserves room for `charge` under the org's plan quotas, in the caller's transaction (a
   * rollback gives it back). Negative or zero counts reserve nothing.
   * @throws QUOTA_EXCEEDED naming the quota; VALIDATION_FAILED for counts that are not integers
   */
  async charge(sql: TenantSql, charge: StorageCharge): Promise<void> {
    if (!Number.isSafeInteger(charge.records) || !Number.isSafeInteger(charge.bytes)) {
      throw new CofferError('VALIDATION_FAILED', 'charge: records and bytes must be integers')
    }
    const records = Math.max(0, charge.records)
    const bytes = Math.max(0, charge.bytes)
    // A plan table without storage quotas (every instance reads the same one): nothing to reserve,
    // no statement. The usage itself is still counted by the triggers.
    if ((records === 0 && bytes === 0) || !this.#anyQuota) return
    // One statement (0020_usage_reserve.sql): reserves in an allotment with room, or gives back
    // any allotment lock it took, so the slow path below never starts holding one.
    const { rows } = await sql.query<FastRow>(
      'SELECT org_found, quota_records AS records, quota_bytes AS bytes, shard FROM usage_reserve($1, $2, $3, $4::jsonb)',
      [sql.orgId, records, bytes, this.#quotaJson],
    )
    const row = rows[0]
    if (!row?.org_found) throw new CofferError('NOT_FOUND', 'no org with this id')
    if (row.shard !== null) return
    const limits = {
      records: row.records === null ? null : Number(row.records),
      storage_bytes: row.bytes === null ? null : Number(row.bytes),
    }
    if (limits.records === null && limits.storage_bytes === null) return
    await this.#slowPath(sql, { records, storage_bytes: bytes }, limits)
  }

  /** Locks the org's quota, recounts, refuses or re-splits, warns at the line. */
  async #slowPath(
    sql: TenantSql,
    adding: Record<StorageQuotaName, number>,
    limits: Record<StorageQuotaName, number | null>,
  ): Promise<void> {
    await sql.query('INSERT INTO usage_quota_state (org_id) VALUES ($1) ON CONFLICT DO NOTHING', [sql.orgId])
    const { rows: stateRows } = await sql.query<{ records_warned: boolean; bytes_warned: boolean }>(
      'SELECT records_warned, bytes_warned FROM usage_quota_state WHERE org_id = $1 FOR UPDATE',
      [sql.orgId],
    )
    await sql.query(
      `INSERT INTO usage_allotments (org_id, shard, records_used, bytes_used, records_allot, bytes_allot)
       SELECT $1, s, 0, 0, 0, 0 FROM generate_series(0, ${QUOTA_SHARDS - 1}) s ON CONFLICT DO NOTHING`,
      [sql.orgId],
    )
    await sql.query('SELECT shard FROM usage_allotments WHERE org_id = $1 ORDER BY shard FOR UPDATE', [
      sql.orgId,
    ])
    // Every allotment is held now: every write that reserved before has committed or rolled back,
    // and this statement sees what they counted.
    const { rows: totals } = await sql.query<{ records: string | number; bytes: string | number }>(
      'SELECT coalesce(sum(records), 0) AS records, coalesce(sum(bytes), 0) AS bytes FROM usage_records WHERE org_id = $1',
      [sql.orgId],
    )
    const used = { records: Number(totals[0]!.records), storage_bytes: Number(totals[0]!.bytes) }
    const warned = {
      records: stateRows[0]!.records_warned,
      storage_bytes: stateRows[0]!.bytes_warned,
    }
    const split: Record<StorageQuotaName, { first: string; each: string; after: number }> = {
      records: { first: UNLIMITED, each: UNLIMITED, after: 0 },
      storage_bytes: { first: UNLIMITED, each: UNLIMITED, after: 0 },
    }
    const warnings: StorageQuotaName[] = []
    for (const quota of ['records', 'storage_bytes'] as const) {
      const limit = limits[quota]
      const after = used[quota] + adding[quota]
      if (limit === null) {
        split[quota] = { first: UNLIMITED, each: UNLIMITED, after: 0 }
        continue
      }
      if (adding[quota] > 0 && after > limit) {
        throw new CofferError(
          'QUOTA_EXCEEDED',
          `this write would pass the plan's ${quota} quota (${limit}): ${used[quota]} in use`,
        )
      }
      const line = Math.ceil(limit * QUOTA_WARNING_RATIO)
      if (after >= line && !warned[quota]) {
        warnings.push(quota)
        warned[quota] = true
      } else if (after < line) {
        warned[quota] = false
      }
      // Under the line the allotments stop just before it, so the crossing write comes here.
      const cap = after >= line ? limit : line - 1
      const free = Math.max(0, cap - after)
      const each = Math.floor(free / QUOTA_SHARDS)
      split[quota] = { first: String(after + free - each * (QUOTA_SHARDS - 1)), each: String(each), after }
    }
    await sql.query(
      `UPDATE usage_allotments SET quota_records = $2, quota_bytes = $3,
              records_used = CASE WHEN shard = 0 THEN $4::bigint ELSE 0 END,
              bytes_used = CASE WHEN shard = 0 THEN $5::bigint ELSE 0 END,
              records_allot = CASE WHEN shard = 0 THEN $6::bigint ELSE $7::bigint END,
              bytes_allot = CASE WHEN shard = 0 THEN $8::bigint ELSE $9::bigint END
       WHERE org_id = $1`,
      [
        sql.orgId,
        limits.records,
        limits.storage_bytes,
        split.records.after,
        split.storage_bytes.after,
        split.records.first,
        split.records.each,
        split.storage_bytes.first,
        split.storage_bytes.each,
      ],
    )
    await sql.query('UPDATE usage_quota_state SET records_warned = $2, bytes_warned = $3 WHERE org_id = $1', [
      sql.orgId,
      warned.records,
      warned.storage_bytes,
    ])
    for (const quota of warnings) {
      const limit = limits[quota]!
      await this.#emit(sql, {
        type: 'usage.quota_warning',
        data: {
          id: `quota:${quota}`,
          quota,
          used: split[quota].after,
          limit,
          percent: Math.floor((split[quota].after * 100) / limit),
        },
      })
    }
  }
}
