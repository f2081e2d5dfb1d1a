import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'

/** Namespace names: lower-case letters, digits, `_ . -`, 1-63 characters (the DB checks the same). */
export const NAMESPACE_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,62}$/

/** Returns the namespace's id, creating (and auditing) it on first use. */
export async function ensureNamespace(
  sql: TenantSql,
  deps: { audit: AuditLog; clock: Clock; actor: string },
  name: string,
): Promise<string> {
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
