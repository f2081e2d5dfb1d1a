import type { OrgId } from './org-id.js'
import type { Database, Queryable } from './sql.js'
import { enterTenantScope, type TenantSql } from './tenant-door.js'

/**
 * The second door, for the few steps that must cross orgs before an org is known (looking a
 * token up by its hash, finding an org by slug). Runs `fn` in one transaction as `coffer_admin`,
 * a role that reaches only the tables and rows its own grants and policies allow. Only the modules
 * on the allow-list in test/admin-door-allow-list.test.ts may import this file.
 */
export function withAdmin<T>(db: Database, fn: (sql: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE coffer_admin')
    return fn(tx)
  })
}

/**
 * Creates an org and sets it up in one transaction: the `orgs` row is inserted as `coffer_admin`,
 * then the transaction enters the new org's scope for `fn` (keys, namespace, first token, audit).
 * Either all of it exists afterwards, or none.
 */
export function withNewOrg<T>(
  db: Database,
  org: { id: OrgId; slug: string; name: string; plan: string },
  fn: (sql: TenantSql) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE coffer_admin')
    await tx.query('INSERT INTO orgs (id, slug, name, plan) VALUES ($1, $2, $3, $4)', [
      org.id,
      org.slug,
      org.name,
      org.plan,
    ])
    return fn(await enterTenantScope(tx, org.id))
  })
}

/**
 * Runs `adminFn` as `coffer_admin` (an operator's change to the `orgs` row, its system audit
 * entry), then enters `orgId`'s scope in the same transaction for `tenantFn` (the org's own audit
 * entry): both commit together, or neither does.
 */
export function withAdminThenTenant<A, T>(
  db: Database,
  orgId: OrgId,
  adminFn: (sql: Queryable) => Promise<A>,
  tenantFn: (sql: TenantSql, fromAdmin: A) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE coffer_admin')
    const fromAdmin = await adminFn(tx)
    return tenantFn(await enterTenantScope(tx, orgId), fromAdmin)
  })
}
