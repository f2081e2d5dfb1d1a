/**
 * Erasure of archived records: the stubs in the database and the objects in the org's bucket.
 *
 * An erasure (`DELETE /v1/records?...`), a namespace deletion and an org deletion reach archived
 * records as they reach live ones: a stub matches the same selector (ids, entity through the
 * stubs' own copy of the entity blind index, namespace, created_at range) under the same write
 * reach (record-access.ts), restored stubs included (their object stays in the bucket).
 *
 * Order, so that nothing is claimed erased that was not: the objects the selector matches are
 * deleted from the bucket first (outside any transaction: the bucket is a network call); then the
 * stubs go in the erasure's transaction; objects of stubs that appeared in between (a run that
 * archived a matching record meanwhile) are deleted after it commits. An object counts as deleted
 * only when the bucket it was written to, reached with the org's current settings, acknowledged
 * the DELETE; one the bucket refused, whose bucket is no longer the org's, or with no settings
 * left is reported as left (its key, and the first error code) in the answer and the receipt, and
 * audited `archive.objects_erase_failed`. The stubs go either way: the database part of an
 * erasure is always done, and the answer names the objects the customer must delete.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { ENTITY_INDEX_LABEL, entityHash } from '../records/entity-index.js'
import { type RecordAccess, recordWritePredicate } from '../records/record-access.js'
import type { ArchivedObjectRef, ArchivedStubsEraser, StubSelector } from '../records/records-erase.js'
import type { ArchiveSettings } from './archive-settings.js'

/** What happened to the objects of erased archived records. */
export interface ArchivedObjectsOutcome {
  /** Objects the bucket acknowledged deleting. */
  objects_deleted: number
  /** Object keys still in (or unreachable in) the customer's bucket: delete them there. */
  objects_left: string[]
  /** Why the first one was left (e.g. ARCHIVE_BUCKET_REFUSED, ARCHIVE_NOT_CONFIGURED); null when none. */
  error_code: string | null
}

/** An archived object: its key and the bucket it was written to (null: before 0021, the current one). */
export type ArchivedObject = ArchivedObjectRef

/** How many object deletions one erasure sends at once. */
const DELETE_CONCURRENCY = 4

/** The stubs of archived records, as erasure reaches them. */
export class ArchivedRecordsErasure implements ArchivedStubsEraser {
  readonly #db: Database
  readonly #keyring: OrgKeyring
  readonly #settings: ArchiveSettings
  readonly #audit: AuditLog

  constructor(options: { db: Database; keyring: OrgKeyring; settings: ArchiveSettings; audit: AuditLog }) {
    this.#db = options.db
    this.#keyring = options.keyring
    this.#settings = options.settings
    this.#audit = options.audit
  }

  /**
   * The objects of the stubs `selector` matches under `access` (read only, no lock).
   * @throws VALIDATION_FAILED (empty selector); KEY_DESTROYED, KEY_UNAVAILABLE (entity selector)
   */
  async matchingObjects(
    sql: TenantSql,
    selector: StubSelector,
    access: RecordAccess | 'whole-org',
  ): Promise<ArchivedObject[]> {
    return this.#select(sql, selector, access, '')
  }

  /** Deletes the matching stubs (and their entity rows) in the caller's transaction. */
  async eraseMatching(
    sql: TenantSql,
    selector: StubSelector,
    access: RecordAccess | 'whole-org',
  ): Promise<{
    ids: string[]
    objects: ArchivedObject[]
    counts: { archived_records: number; archived_record_entities: number }
  }> {
    const objects = await this.#select(sql, selector, access, 'FOR UPDATE OF r')
    const ids = objects.map((o) => o.id)
    if (ids.length === 0)
      return { ids, objects, counts: { archived_records: 0, archived_record_entities: 0 } }
    const { rows } = await sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM archived_record_entities WHERE org_id = $1 AND record_id = ANY ($2::uuid[])',
      [sql.orgId, ids],
    )
    const { rowCount } = await sql.query(
      'DELETE FROM archived_records WHERE org_id = $1 AND id = ANY ($2::uuid[])',
      [sql.orgId, ids],
    )
    return {
      ids,
      objects,
      counts: { archived_records: rowCount, archived_record_entities: rows[0]?.n ?? 0 },
    }
  }

  /**
   * Deletes objects from the org's bucket, each only from the bucket it was written to; never
   * throws for the bucket's answers (they are the outcome). `alreadyDeleted` keys (an earlier
   * pass of the same erasure) count as deleted without another request. Settings that are gone
   * or whose credentials no longer open leave every object, with that error's code.
   */
  async deleteObjects(
    orgId: OrgId,
    objects: readonly ArchivedObject[],
    alreadyDeleted: ReadonlySet<string> = new Set(),
  ): Promise<ArchivedObjectsOutcome & { deletedKeys: Set<string> }> {
    const deletedKeys = new Set<string>()
    const left: string[] = []
    let errorCode: string | null = null
    const leave = (key: string, code: string) => {
      left.push(key)
      errorCode ??= code
    }
    const pending = objects.filter((o) => {
      if (!alreadyDeleted.has(o.object_key)) return true
      deletedKeys.add(o.object_key)
      return false
    })
    if (pending.length > 0) {
      // No settings, or credentials that no longer open (keys destroyed): the objects are out of reach.
      const target = await withTenant(this.#db, orgId, (sql) => this.#settings.target(sql)).catch(
        (error: unknown) => {
          if (error instanceof CofferError) return error
          throw error
        },
      )
      if (target instanceof CofferError) {
        for (const o of pending) leave(o.object_key, target.code)
      } else {
        const reachable = pending.filter((o) => {
          const same =
            (o.endpoint === null || o.endpoint === target.location.endpoint) &&
            (o.bucket === null || o.bucket === target.location.bucket)
          if (!same) leave(o.object_key, 'ARCHIVE_BUCKET_CHANGED')
          return same
        })
        const bucket = this.#settings.openBucket(target.location)
        try {
          for (let i = 0; i < reachable.length; i += DELETE_CONCURRENCY) {
            const group = reachable.slice(i, i + DELETE_CONCURRENCY)
            const outcomes = await Promise.allSettled(group.map((o) => bucket.delete(o.object_key)))
            outcomes.forEach((outcome, j) => {
              const key = group[j]!.object_key
              if (outcome.status === 'fulfilled') deletedKeys.add(key)
              else leave(key, outcome.reason instanceof CofferError ? outcome.reason.code : 'INTERNAL')
            })
          }
        } finally {
          bucket.close()
        }
      }
    }
    return {
      objects_deleted: deletedKeys.size,
      objects_left: left.sort(),
      error_code: errorCode,
      deletedKeys,
    }
  }

  /**
   * Runs an erasure (`erase`, its own transaction, which must delete the stubs through
   * `eraseMatching`) with the objects of the stubs `selector` matches deleted from the bucket
   * before it, and those of stubs that appeared meanwhile after it. Answers the erasure's result
   * and, when archived records were reached, what became of their objects; audits
   * `archive.objects_erase_failed` (counts and the error code) when any object is left.
   * @throws what `erase` throws; KEY_DESTROYED, KEY_UNAVAILABLE (an entity selector)
   */
  async around<T extends { archivedObjects: ArchivedObjectRef[] }>(
    orgId: OrgId,
    actor: string,
    target: { selector: StubSelector; access: RecordAccess | 'whole-org' },
    erase: () => Promise<T>,
  ): Promise<{ result: T; archive: ArchivedObjectsOutcome | undefined }> {
    const before = await withTenant(this.#db, orgId, (sql) =>
      this.matchingObjects(sql, target.selector, target.access),
    )
    const first = before.length > 0 ? await this.deleteObjects(orgId, before) : undefined
    const result = await erase()
    if (result.archivedObjects.length === 0 && !first) return { result, archive: undefined }
    const outcome = await this.deleteObjects(orgId, result.archivedObjects, first?.deletedKeys)
    const archive: ArchivedObjectsOutcome = {
      objects_deleted: outcome.objects_deleted,
      objects_left: outcome.objects_left,
      error_code: outcome.error_code,
    }
    await this.#auditLeft(orgId, actor, archive)
    return { result, archive }
  }

  /**
   * Deletes every object of the org's archived records from its bucket (an org deletion, before
   * the org's keys are destroyed); the stubs go with the org's rows. Undefined when the org has
   * none. Never throws for the bucket or the keys: what could not be deleted is the outcome,
   * audited `archive.objects_erase_failed`.
   */
  async purgeOrg(orgId: OrgId, actor: string): Promise<ArchivedObjectsOutcome | undefined> {
    const objects = await withTenant(this.#db, orgId, async (sql) => {
      const { rows } = await sql.query<ArchivedObject>(
        'SELECT id, object_key, endpoint, bucket FROM archived_records WHERE org_id = $1 ORDER BY id',
        [sql.orgId],
      )
      return rows
    })
    if (objects.length === 0) return undefined
    const outcome = await this.deleteObjects(orgId, objects)
    const archive: ArchivedObjectsOutcome = {
      objects_deleted: outcome.objects_deleted,
      objects_left: outcome.objects_left,
      error_code: outcome.error_code,
    }
    await this.#auditLeft(orgId, actor, archive)
    return archive
  }

  async #auditLeft(orgId: OrgId, actor: string, archive: ArchivedObjectsOutcome): Promise<void> {
    if (archive.objects_left.length === 0) return
    await withTenant(this.#db, orgId, (sql) =>
      this.#audit.append(sql, {
        actor,
        action: 'archive.objects_erase_failed',
        resource: `archive_objects:left:${archive.objects_left.length}:deleted:${archive.objects_deleted}`,
        outcome: archive.error_code ?? 'failed',
      }),
    )
  }

  async #select(
    sql: TenantSql,
    selector: StubSelector,
    access: RecordAccess | 'whole-org',
    lock: string,
  ): Promise<ArchivedObject[]> {
    const where: string[] = []
    const params: unknown[] = [sql.orgId]
    if (selector.ids !== undefined) where.push(`r.id = ANY ($${params.push([...selector.ids])}::uuid[])`)
    if (selector.namespace !== undefined) where.push(`r.namespace = $${params.push(selector.namespace)}`)
    if (selector.namespaceId !== undefined)
      where.push(`r.namespace_id = $${params.push(selector.namespaceId)}::uuid`)
    if (selector.createdAfter !== undefined)
      where.push(`r.created_at >= $${params.push(selector.createdAfter)}`)
    if (selector.createdBefore !== undefined)
      where.push(`r.created_at < $${params.push(selector.createdBefore)}`)
    if (selector.entity !== undefined) {
      const hashes = await archivedEntityHashes(sql, this.#keyring, selector.entity)
      if (hashes.length === 0) return []
      const list = hashes.map((hash) => `$${params.push(hash)}::bytea`).join(', ')
      where.push(`EXISTS (SELECT 1 FROM archived_record_entities e WHERE e.org_id = r.org_id
        AND e.record_id = r.id AND e.entity_hash IN (${list}))`)
    }
    if (where.length === 0) {
      throw new CofferError('VALIDATION_FAILED', 'query: name ids, entity, namespace, before or after')
    }
    const visible =
      access === 'whole-org' ? { sql: 'TRUE', params: [] } : recordWritePredicate(access, params.length + 1)
    params.push(...visible.params)
    // The subquery gives a stub the shape `records r` has for the shared predicate (no expiry).
    const { rows } = await sql.query<ArchivedObject>(
      `SELECT r.id, r.object_key, r.endpoint, r.bucket
       FROM (SELECT s.*, NULL::timestamptz AS expires_at FROM archived_records s WHERE s.org_id = $1) r
       WHERE ${visible.sql} ${where.map((c) => `AND ${c}`).join(' ')}
       ORDER BY r.id ${lock}`,
      params,
    )
    return rows
  }
}

/**
 * An entity's hash under every key version the stubs' entity index uses (a stub keeps the version
 * of the record it replaced, retired ones included: their keys are still wrapped, not destroyed).
 * @throws KEY_DESTROYED, KEY_UNAVAILABLE
 */
export async function archivedEntityHashes(
  sql: TenantSql,
  keyring: OrgKeyring,
  entity: string,
): Promise<Buffer[]> {
  const { rows } = await sql.query<{ key_version: number }>(
    'SELECT DISTINCT key_version FROM archived_record_entities WHERE org_id = $1 ORDER BY key_version',
    [sql.orgId],
  )
  const hashes: Buffer[] = []
  for (const { key_version } of rows) {
    const { key } = await keyring.indexKey(sql, key_version, ENTITY_INDEX_LABEL)
    try {
      hashes.push(entityHash(key, entity))
    } finally {
      // JS gives no guarantee the key leaves no copy; this wipes the one we hold.
      key.fill(0)
    }
  }
  return hashes
}
