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

/**
 * Emits a key event (org id and versions, never key material) in the same tenant transaction:
 * the composition root passes the webhooks outbox; `keys/` does not import it.
 */
export type KeyEventEmitter = (
  sql: TenantSql,
  event:
    | { type: 'key.rotated'; data: { id: string; version: number } }
    | { type: 'key.destroyed'; data: { id: string; versions: string } },
) => Promise<void>
