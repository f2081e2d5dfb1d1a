/**
 * Erasure (GDPR art. 17): hard-deletes every record a principal can see that matches a selector
 * (ids, an entity through its blind index, a namespace, a created_at range; all given must match),
 * in the caller's transaction. An org-wide operator (`'whole-org'`: admin scope,
 * no namespace restriction, no agent) reaches every record of the org, private and already-expired
 * ones too; anyone else erases only what its write reach allows (record-access.ts: its own
 * namespace, private records only of its agent; never through a grant or `public` visibility). Index rows (entity hashes, search terms) go with
 * the records by ON DELETE CASCADE; nothing is soft-deleted. Audited as `records.erased` with the
 * count only: never the ids' owner, never the entity; emitted as `records.erased` with the count
 * and which selector fields were given (their names, never their values); the event's id names
 * the erasure's audit entry (`audit:<seq>`). The erasure answers what it deleted (ids, rows per
 * table) for its receipt (erasure-receipt.ts): the rows are found and locked first, their index
 * rows counted, then they are deleted by id, so the receipt names exactly what went.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { type RecordAccess, recordWritePredicate } from './record-access.js'
import type { RecordsService } from './records-service.js'

/** Ids per erase request, at most. */
export const MAX_ERASE_IDS = 1000

/** Emits one erasure (a count and the selector's field names), in the erasure's transaction. */
export type RecordsErasedEmitter = (
  sql: TenantSql,
  event: { type: 'records.erased'; data: { id: string; count: number; selector: string } },
) => Promise<void>

/** Which records to erase; at least one field set. */
export interface EraseSelector {
  ids?: readonly string[] | undefined
  entity?: string | undefined
  /** A namespace name. */
  namespace?: string | undefined
  createdBefore?: Date | undefined
  createdAfter?: Date | undefined
}

/** A selector of archived records' stubs: an erasure's, or a namespace's id (its deletion). */
export type StubSelector = EraseSelector & { namespaceId?: string | undefined }

/** An archived record's object in the org's bucket (archive/archive-erasure.ts deletes it). */
export interface ArchivedObjectRef {
  id: string
  object_key: string
  endpoint: string | null
  bucket: string | null
}

/**
 * The stubs of archived records as an erasure reaches them (implemented by the archive, which
 * sits outside this module): deletes those `selector` matches under `access`, in the caller's
 * transaction, and answers their objects, to be deleted from the bucket once it commits.
 */
export interface ArchivedStubsEraser {
  eraseMatching(
    sql: TenantSql,
    selector: StubSelector,
    access: RecordAccess | 'whole-org',
  ): Promise<{
    ids: string[]
    objects: ArchivedObjectRef[]
    counts: { archived_records: number; archived_record_entities: number }
  }>
}

/** What an erasure deleted: the records' ids (ascending) and the rows of each table. */
export interface ErasureResult {
  /** Live records and stubs of archived records deleted. */
  deleted: number
  /** Ids of the live and archived records deleted, ascending. */
  ids: string[]
  counts: {
    records: number
    record_entities: number
    /** Blind index entries: rows of record_terms and buckets of record_terms_pending. */
    record_terms: number
    archived_records: number
    archived_record_entities: number
  }
  /** The objects of the archived records deleted (their stubs went; the objects are next). */
  archivedObjects: ArchivedObjectRef[]
  /** The selector fields given (names only). */
  selector: string[]
}

/**
 * Deletes the records `access` may change that match `selector`; returns what it deleted.
 * @throws VALIDATION_FAILED for an empty selector or too many ids; KEY_DESTROYED, KEY_UNAVAILABLE
 *   (an entity selector derives its blind index key)
 */
export async function eraseRecords(
  sql: TenantSql,
  deps: {
    records: RecordsService
    audit: AuditLog
    emitEvent?: RecordsErasedEmitter | undefined
    archived?: ArchivedStubsEraser | undefined
  },
  input: { actor: string; selector: EraseSelector; access: RecordAccess | 'whole-org' },
): Promise<ErasureResult> {
  const { selector } = input
  const where: string[] = []
  const params: unknown[] = [sql.orgId]
  if (selector.ids !== undefined) {
    if (selector.ids.length === 0 || selector.ids.length > MAX_ERASE_IDS) {
      throw new CofferError('VALIDATION_FAILED', `ids: must be 1-${MAX_ERASE_IDS} record ids`)
    }
    where.push(`r.id = ANY ($${params.push([...selector.ids])}::uuid[])`)
  }
  if (selector.namespace !== undefined) {
    where.push(
      `r.namespace_id = (SELECT n.id FROM namespaces n WHERE n.org_id = r.org_id AND n.name = $${params.push(selector.namespace)})`,
    )
  }
  if (selector.createdAfter !== undefined)
    where.push(`r.created_at >= $${params.push(selector.createdAfter)}`)
  if (selector.createdBefore !== undefined)
    where.push(`r.created_at < $${params.push(selector.createdBefore)}`)
  if (selector.entity !== undefined)
    where.push(await deps.records.entityPredicate(sql, selector.entity, params))
  if (where.length === 0) {
    throw new CofferError('VALIDATION_FAILED', 'query: name ids, entity, namespace, before or after')
  }
  const visible =
    input.access === 'whole-org'
      ? { sql: 'TRUE', params: [] }
      : recordWritePredicate(input.access, params.length + 1)
  params.push(...visible.params)
  const { rows } = await sql.query<{ id: string }>(
    `SELECT r.id FROM records r WHERE r.org_id = $1 AND ${visible.sql} ${where.map((c) => `AND ${c}`).join(' ')}
     ORDER BY r.id FOR UPDATE`,
    params,
  )
  const ids = rows.map((row) => row.id)
  const { rows: indexRows } = await sql.query<{ entities: number; terms: number }>(
    `SELECT (SELECT count(*) FROM record_entities WHERE org_id = $1 AND record_id = ANY ($2::uuid[]))::int AS entities,
            ((SELECT count(*) FROM record_terms WHERE org_id = $1 AND record_id = ANY ($2::uuid[]))
             + (SELECT coalesce(sum(cardinality(term_hashes)), 0) FROM record_terms_pending
                WHERE org_id = $1 AND record_id = ANY ($2::uuid[])))::int AS terms`,
    [sql.orgId, ids],
  )
  const { rowCount: liveCount } = await sql.query(
    'DELETE FROM records r WHERE r.org_id = $1 AND r.id = ANY ($2::uuid[])',
    [sql.orgId, ids],
  )
  const archived = deps.archived
    ? await deps.archived.eraseMatching(sql, selector, input.access)
    : { ids: [], objects: [], counts: { archived_records: 0, archived_record_entities: 0 } }
  const rowCount = liveCount + archived.counts.archived_records
  const auditSeq = await deps.audit.append(sql, {
    actor: input.actor,
    action: 'records.erased',
    resource: `records:${rowCount}`,
  })
  const given = (['ids', 'entity', 'namespace', 'createdBefore', 'createdAfter'] as const).filter(
    (field) => selector[field] !== undefined,
  )
  await deps.emitEvent?.(sql, {
    type: 'records.erased',
    data: { id: `audit:${auditSeq}`, count: rowCount, selector: given.join(',') },
  })
  return {
    deleted: rowCount,
    ids: [...ids, ...archived.ids].sort(),
    counts: {
      records: liveCount,
      record_entities: indexRows[0]?.entities ?? 0,
      record_terms: indexRows[0]?.terms ?? 0,
      ...archived.counts,
    },
    archivedObjects: archived.objects,
    selector: [...given],
  }
}
