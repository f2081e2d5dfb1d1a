import type { OrgId } from '../db/org-id.js'
import type { TenantSql } from '../db/tenant-door.js'

/**
 * Runs `fn` in one tenant transaction of the org. The composition root passes
 * `(orgId, fn) => withTenant(db, orgId, fn)`; `keys/` sits below `db/` and only sees this port.
 */
export type TenantRunner = <T>(orgId: OrgId, fn: (sql: TenantSql) => Promise<T>) => Promise<T>

/**
 * Where key events (rotated, destroyed, ...) are recorded, inside the same tenant transaction.
 * The audit log implements it; `keys/` depends on this port, not on the audit module.
 */
export interface KeyEventRecorder {
  append(sql: TenantSql, event: { actor: string; action: string; resource: string }): Promise<unknown>
}
