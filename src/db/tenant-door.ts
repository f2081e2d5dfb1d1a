import { CofferError } from '../errors.js'
import { isUuid, type OrgId } from './org-id.js'
import type { Database, Queryable } from './sql.js'

/** A statement runner scoped to one org: RLS shows it that org's rows only. */
export interface TenantSql extends Queryable {
  readonly orgId: OrgId
}

/**
 * The statement that switches a transaction into one org's scope: role `coffer_app` (which cannot
 * bypass RLS) and `app.org_id`, both transaction-local (`set_config(..., true)` is `SET LOCAL`),
 * so a pooled connection never carries them on. One statement, with the org id inlined so that it
 * can travel with BEGIN: an OrgId is a checked canonical UUID, checked again here.
 * @throws INTERNAL when `orgId` is not a canonical UUID (a cast that skipped asOrgId)
 */
export function tenantScopeScript(orgId: OrgId): string {
  if (!isUuid(orgId)) throw new CofferError('INTERNAL', 'org id is not a UUID')
  return `SELECT set_config('role', 'coffer_app', true), set_config('app.org_id', '${orgId}', true)`
}

/** The TenantSql of a transaction already in `orgId`'s scope. */
function scopedTo(tx: Queryable, orgId: OrgId): TenantSql {
  return { orgId, query: tx.query.bind(tx), exec: tx.exec.bind(tx) }
}

/**
 * Switches an open transaction into one org's scope (see tenantScopeScript). Only the doors call
 * this; feature code receives the TenantSql it returns.
 */
export async function enterTenantScope(tx: Queryable, orgId: OrgId): Promise<TenantSql> {
  await tx.query(tenantScopeScript(orgId))
  return scopedTo(tx, orgId)
}

/**
 * The only door to tenant data: runs `fn` in one transaction in the org's scope, the scope set by
 * the statement sent with BEGIN. On error the transaction rolls back and the connection is
 * destroyed, not returned to the pool.
 */
export function withTenant<T>(db: Database, orgId: OrgId, fn: (sql: TenantSql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(scopedTo(tx, orgId)), { startScript: tenantScopeScript(orgId) })
}
