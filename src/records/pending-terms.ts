/**
 * The term indexer: moves each record's pending blind index row (`record_terms_pending`: its
 * buckets and their frequencies as two arrays, written with the record) into `record_terms`, one
 * row per bucket, where search reads the posting lists of older records by index. Every ~1 s, in
 * batches (TERM_INDEX_BATCH_SIZE records per tenant transaction), each batch one statement whose
 * rows go in bucket order (each leaf page of the by-bucket index visited once per batch, where a
 * write of its own visited ~100). Search reads pending rows too, so nothing waits for this job:
 * it only keeps the pending table short.
 *
 * Never waits for a lock, so it can neither deadlock nor slow a writer: it takes only pending rows
 * that no other transaction holds (`FOR UPDATE SKIP LOCKED`). Whatever deletes a record's index
 * rows (the delete trigger on records, a re-index by an update or a rotation) deletes its pending
 * row first and its `record_terms` rows after, in two statements: the first waits for a batch
 * holding the pending row to commit, and the second, with a snapshot taken after it, deletes what
 * the batch moved. Any number of instances may run it at once.
 */
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { assertPositiveInteger, forEachSettled, untilShortBatch } from '../internal/batches.js'
import { orgsWithPendingTerms } from '../tenancy/due-work.js'

/** How often each instance runs the term indexer. */
export const TERM_INDEX_INTERVAL_MS = 1000

/**
 * Records per term indexer transaction: 500 on PostgreSQL (about 0.7 s of one backend under load,
 * while requests run on the others); 50 on PGlite, whose one connection serves no request while a
 * batch runs, so a batch holds requests up for tens of milliseconds, not a second.
 */
export const TERM_INDEX_BATCH_SIZE = { postgres: 500, pglite: 50 } as const

/** Moves pending blind index rows into `record_terms` (see the file comment). */
export class PendingTerms {
  readonly #db: Database
  readonly #batchSize: number

  /** @throws RangeError for a batch size that is not a positive integer. */
  constructor(options: { db: Database; batchSize?: number }) {
    this.#batchSize = options.batchSize ?? TERM_INDEX_BATCH_SIZE[options.db.kind]
    assertPositiveInteger(this.#batchSize, 'batchSize')
    this.#db = options.db
  }

  /**
   * One pass over every org with pending rows (one admin query finds them); returns how many
   * records' rows were moved. One org that fails does not stop the others.
   * @throws the first org's error, after the others ran.
   */
  async moveDue(): Promise<number> {
    let moved = 0
    await forEachSettled(await orgsWithPendingTerms(this.#db), async (orgId) => {
      moved += await this.moveOrg(orgId)
    })
    return moved
  }

  /** Moves one org's pending rows (those no other transaction holds), in batches; returns how many. */
  moveOrg(orgId: OrgId): Promise<number> {
    return untilShortBatch(this.#batchSize, () => withTenant(this.#db, orgId, (sql) => this.moveBatch(sql)))
  }

  /**
   * Moves up to one batch of the org's pending rows in the caller's transaction (one statement);
   * returns how many records' rows it moved.
   */
  async moveBatch(sql: TenantSql): Promise<number> {
    const { rows } = await sql.query<{ moved: number }>(
      `WITH batch AS (
         SELECT p.record_id, p.key_version FROM record_terms_pending p
         WHERE p.org_id = $1 ORDER BY p.record_id LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), moved AS (
         DELETE FROM record_terms_pending p USING batch b
         WHERE p.org_id = $1 AND p.record_id = b.record_id AND p.key_version = b.key_version
         RETURNING p.record_id, p.key_version, p.term_hashes, p.tfs
       ), inserted AS (
         INSERT INTO record_terms (org_id, record_id, key_version, term_hash, tf)
         SELECT $1, m.record_id, m.key_version, u.h, u.f
         FROM moved m CROSS JOIN LATERAL unnest(m.term_hashes, m.tfs) AS u(h, f)
         ORDER BY u.h, m.record_id
       )
       SELECT count(*)::int AS moved FROM moved`,
      [sql.orgId, this.#batchSize],
    )
    return rows[0]?.moved ?? 0
  }
}
