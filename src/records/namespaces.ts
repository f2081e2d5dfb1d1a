import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { ArchivedObjectRef, ArchivedStubsEraser } from './records-erase.js'

/** Namespace names: lower-case letters, digits, `_ . -`, 1-63 characters (the DB checks the same). */
export const NAMESPACE_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,62}$/

/**
 * Returns the namespace's id, creating (and auditing) it on first use. The usual case, a namespace
 * that exists, is one SELECT; only a missing one tries the INSERT (and reads again if a concurrent
 * writer created it first).
 */
export async function ensureNamespace(
  sql: TenantSql,
  deps: { audit: AuditLog; clock: Clock; actor: string },
  name: string,
): Promise<string> {
  const existing = await sql.query<{ id: string }>(
    'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
    [sql.orgId, name],
  )
  if (existing.rows[0]) return existing.rows[0].id
  const created = await sql.query<{ id: string }>(
    `INSERT INTO namespaces (org_id, id, name) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, name) DO NOTHING RETURNING id`,
    [sql.orgId, uuidV7(deps.clock.now()), name],
  )
  if (created.rows[0]) {
    await deps.audit.append(sql, {
      actor: deps.actor,
      action: 'namespace.created',
      resource: `namespace:${created.rows[0].id}`,
    })
    return created.rows[0].id
  }
  const { rows } = await sql.query<{ id: string }>(
    'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
    [sql.orgId, name],
  )
  return rows[0]!.id
}

/** A namespace as the API shows it. */
export interface NamespaceView {
  id: string
  name: string
  created_at: string
  /** Live (unexpired) records in it. */
  records: number
}

interface NamespaceRow {
  id: string
  name: string
  created_at: Date
  records: number
}

/**
 * Creates a namespace; audits `namespace.created`.
 * @throws CONFLICT when the org has one of this name already
 */
export async function createNamespace(
  sql: TenantSql,
  deps: { audit: AuditLog; clock: Clock; actor: string },
  name: string,
): Promise<NamespaceView> {
  const id = uuidV7(deps.clock.now())
  const { rows } = await sql.query<{ created_at: Date }>(
    `INSERT INTO namespaces (org_id, id, name, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, name) DO NOTHING RETURNING created_at`,
    [sql.orgId, id, name, new Date(deps.clock.now())],
  )
  if (!rows[0]) throw new CofferError('CONFLICT', 'a namespace of this name exists')
  await deps.audit.append(sql, {
    actor: deps.actor,
    action: 'namespace.created',
    resource: `namespace:${id}`,
  })
  return { id, name, created_at: rows[0].created_at.toISOString(), records: 0 }
}

/** The org's namespaces by name (only `onlyId` for a namespace-restricted caller), with live record counts. */
export async function listNamespaces(
  sql: TenantSql,
  options: { onlyId: string | null; now: Date },
): Promise<NamespaceView[]> {
  const { rows } = await sql.query<NamespaceRow>(
    `SELECT n.id, n.name, n.created_at,
            (SELECT count(*)::int FROM records r WHERE r.org_id = n.org_id AND r.namespace_id = n.id
               AND (r.expires_at IS NULL OR r.expires_at > $3)) AS records
     FROM namespaces n WHERE n.org_id = $1 AND ($2::uuid IS NULL OR n.id = $2::uuid) ORDER BY n.name`,
    [sql.orgId, options.onlyId, options.now],
  )
  return rows.map((row) => ({ ...row, created_at: row.created_at.toISOString() }))
}

/** What a namespace deletion deleted. */
export interface NamespaceDeletion {
  /** Live records deleted. */
  deleted: number
  /** Stubs of archived records of the namespace deleted. */
  archivedRecords: number
  /** Their objects in the org's bucket, to be deleted there once this commits. */
  archivedObjects: ArchivedObjectRef[]
}

/**
 * Deletes a namespace with every record in it (and their index rows, the grants naming it, and
 * the stubs of its archived records through `archived`), hard, in the caller's transaction;
 * audits `namespace.deleted` with the counts.
 * @throws NOT_FOUND; CONFLICT while a live token is restricted to it (revoke those first: the
 *   revoked ones' rows are deleted with the namespace)
 */
export async function deleteNamespace(
  sql: TenantSql,
  deps: { audit: AuditLog; clock: Clock; actor: string; archived?: ArchivedStubsEraser | undefined },
  name: string,
): Promise<NamespaceDeletion> {
  const { rows } = await sql.query<{ id: string }>(
    'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2 FOR UPDATE',
    [sql.orgId, name],
  )
  const namespace = rows[0]
  if (!namespace) throw new CofferError('NOT_FOUND', 'no namespace of this name')
  const { rows: live } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM api_tokens WHERE org_id = $1 AND namespace_id = $2
       AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
    [sql.orgId, namespace.id, new Date(deps.clock.now())],
  )
  if (live[0]!.n > 0) {
    throw new CofferError(
      'CONFLICT',
      `${live[0]!.n} live token(s) are restricted to this namespace; revoke them first`,
    )
  }
  const deleted = await sql.query('DELETE FROM records WHERE org_id = $1 AND namespace_id = $2', [
    sql.orgId,
    namespace.id,
  ])
  const archived = deps.archived
    ? await deps.archived.eraseMatching(sql, { namespaceId: namespace.id }, 'whole-org')
    : { objects: [], counts: { archived_records: 0 } }
  await sql.query('DELETE FROM namespaces WHERE org_id = $1 AND id = $2', [sql.orgId, namespace.id])
  const count = deleted.rowCount ?? 0
  const archivedCount = archived.counts.archived_records
  await deps.audit.append(sql, {
    actor: deps.actor,
    action: 'namespace.deleted',
    resource: `namespace:${namespace.id} records:${count}${archivedCount > 0 ? ` archived:${archivedCount}` : ''}`,
  })
  return { deleted: count, archivedRecords: archivedCount, archivedObjects: archived.objects }
}
