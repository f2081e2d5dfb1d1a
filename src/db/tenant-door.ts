import type { OrgId } from './org-id.js'
import type { Database, Queryable } from './sql.js'

/** A statement runner scoped to one org: RLS shows it that org's rows only. */
export interface TenantSql extends Queryable {
  readonly orgId: OrgId
}

/**
 * Switches an open transaction into one org's scope: `SET LOCAL ROLE coffer_app` (which cannot
 * bypass RLS) and `app.org_id` set transaction-locally, so a pooled connection never carries it on.
 * Only the doors call this; feature code receives the TenantSql it returns.
 */
export async function enterTenantScope(tx: Queryable, orgId: OrgId): Promise<TenantSql> {
  await tx.query('SET LOCAL ROLE coffer_app')
  await tx.query("SELECT set_config('app.org_id', $1, true)", [orgId])
  return { orgId, query: tx.query.bind(tx), exec: tx.exec.bind(tx) }
}

/**
 * The only door to tenant data: runs `fn` in one transaction in the org's scope. On error the
 * transaction rolls back and the connection is destroyed, not returned to the pool.
 */
export function withTenant<T>(db: Database, orgId: OrgId, fn: (sql: TenantSql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(await enterTenantScope(tx, orgId)))
}
