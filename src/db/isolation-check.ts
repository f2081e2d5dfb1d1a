import { CofferError } from '../errors.js'
import type { Queryable } from './sql.js'

/** What the catalog says about one table that has an `org_id` column. */
export interface TenantTableStatus {
  table: string
  rlsEnabled: boolean
  rlsForced: boolean
  /** A permissive ALL policy for coffer_app on `org_id = current_setting('app.org_id')`, in USING and WITH CHECK. */
  hasTenantPolicy: boolean
  /** Other policies that would let coffer_app (or PUBLIC) see rows on some other condition. */
  foreignPolicies: string[]
}

const TENANT_EXPRESSION =
  /^\(org_id = \( SELECT \(NULLIF\(current_setting\('app\.org_id'::text, true\), ''::text\)\)::uuid AS "nullif"\)\)$/

/** Lists every table in the current schema with an `org_id` column, and how it is protected. */
export async function readTenantTables(sql: Queryable): Promise<TenantTableStatus[]> {
  const { rows } = await sql.query<{
    table: string
    rls: boolean
    forced: boolean
    policies: {
      name: string
      cmd: string
      permissive: boolean
      roles: string[]
      qual: string
      check: string | null
    }[]
  }>(`
    SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
      COALESCE((SELECT json_agg(json_build_object(
          'name', p.polname, 'cmd', p.polcmd, 'permissive', p.polpermissive,
          'roles', (SELECT COALESCE(json_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END), '[]'::json)
                    FROM unnest(p.polroles) AS r),
          'qual', pg_get_expr(p.polqual, p.polrelid),
          'check', pg_get_expr(p.polwithcheck, p.polrelid)))
        FROM pg_policy p WHERE p.polrelid = c.oid), '[]'::json) AS policies
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
    ORDER BY c.relname`)
  return rows.map((row) => {
    const forApp = row.policies.filter((p) => p.roles.includes('coffer_app') || p.roles.includes('public'))
    const isTenantPolicy = (p: (typeof forApp)[number]) =>
      p.cmd === '*' &&
      p.permissive &&
      TENANT_EXPRESSION.test(p.qual) &&
      (p.check === null || TENANT_EXPRESSION.test(p.check))
    return {
      table: row.table,
      rlsEnabled: row.rls,
      rlsForced: row.forced,
      hasTenantPolicy: forApp.some(isTenantPolicy),
      foreignPolicies: forApp.filter((p) => !isTenantPolicy(p)).map((p) => p.name),
    }
  })
}

/** Reads the attributes of the application role: it must not log in, bypass RLS, or own anything. */
async function readAppRoleProblems(sql: Queryable): Promise<string[]> {
  const { rows } = await sql.query<{ login: boolean; bypass: boolean; superuser: boolean; owned: number }>(`
    SELECT r.rolcanlogin AS login, r.rolbypassrls AS bypass, r.rolsuper AS superuser,
      (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
    FROM pg_roles r WHERE r.rolname = 'coffer_app'`)
  const role = rows[0]
  if (!role) return ['role coffer_app is missing']
  const problems: string[] = []
  if (role.login) problems.push('coffer_app can log in')
  if (role.bypass || role.superuser) problems.push('coffer_app can bypass RLS')
  if (role.owned > 0) problems.push('coffer_app owns tables')
  return problems
}

/**
 * Every way tenant isolation is not enforced by the database (the role, then each table): empty
 * when it is. `coffer doctor` reports these; `assertTenantIsolation` refuses to start on them.
 */
export async function tenantIsolationProblems(sql: Queryable): Promise<string[]> {
  const problems = await readAppRoleProblems(sql)
  for (const status of await readTenantTables(sql)) {
    if (!status.rlsEnabled) problems.push(`${status.table}: row level security not enabled`)
    if (!status.rlsForced) problems.push(`${status.table}: row level security not forced`)
    if (!status.hasTenantPolicy) problems.push(`${status.table}: no tenant_isolation policy on org_id`)
    for (const policy of status.foreignPolicies) {
      problems.push(`${status.table}: policy ${policy} lets coffer_app see rows on another condition`)
    }
  }
  return problems
}

/**
 * Refuses to run on a schema where tenant isolation is not enforced by the database.
 * @throws TENANT_ISOLATION_BROKEN naming each table (and what it lacks) or the role problem.
 */
export async function assertTenantIsolation(sql: Queryable): Promise<void> {
  const problems = await tenantIsolationProblems(sql)
  if (problems.length > 0) {
    throw new CofferError(
      'TENANT_ISOLATION_BROKEN',
      `tenant isolation is not enforced: ${problems.join('; ')}`,
    )
  }
}
