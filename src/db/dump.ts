/**
 * `coffer dump`: every row of every table, as stored. A role that bypasses row-level security
 * (superuser, `BYPASSRLS`; the embedded database) reads each table plainly. Any other role, such
 * as the non-superuser owner the README recommends, sees nothing of a FORCE'd table by itself, so
 * tenant tables are read org by org through the tenant door; a table it can reach neither way is
 * named in the error that ends the dump (after every readable table was printed).
 */
import { CofferError } from '../errors.js'
import type { OrgId } from './org-id.js'
import type { Database, Queryable } from './sql.js'
import { withTenant } from './tenant-door.js'

/** One row as a snapshot holds it: bytea shown as `\x` hex. */
export interface DumpEntry {
  table: string
  row: Record<string, unknown>
}

interface TableInfo {
  name: string
  /** Row-level security applies to the current role (enabled, and forced or not its owner). */
  rls_applies: boolean
  /** The column naming the org: `org_id`, or `id` for `orgs` itself; null for shared tables. */
  tenant_key: string | null
  /** `coffer_app` may SELECT it (the tenant door's role). */
  tenant_door_reads: boolean
}

const TABLES = `
  SELECT c.relname AS name,
         c.relrowsecurity AND NOT r.bypass AND (c.relforcerowsecurity OR c.relowner <> r.oid) AS rls_applies,
         CASE WHEN c.relname = 'orgs' THEN 'id'
              WHEN EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id'
                           AND NOT a.attisdropped) THEN 'org_id' END AS tenant_key,
         EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'coffer_app')
           AND has_table_privilege('coffer_app', c.oid, 'SELECT') AS tenant_door_reads
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
       (SELECT oid, rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user) r
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

function shown(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : value,
    ]),
  )
}

async function rowsOf(
  sql: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  return (await sql.query<Record<string, unknown>>(text, params)).rows
}

/**
 * Every row of every table in the current schema. `orgIds` (every org, deleted ones included)
 * is needed when the connected role does not bypass row-level security.
 * @throws INTERNAL naming each table that could not be read, after yielding all others
 */
export async function* dumpTables(
  db: Database,
  options: { orgIds?: readonly OrgId[] } = {},
): AsyncGenerator<DumpEntry> {
  const { rows: tables } = await db.query<TableInfo>(TABLES)
  const unreadable: string[] = []
  for (const table of tables) {
    if (!table.rls_applies) {
      for (const row of await rowsOf(db, `SELECT * FROM ${quoted(table.name)}`))
        yield { table: table.name, row: shown(row) }
      continue
    }
    if (table.tenant_key === null || !table.tenant_door_reads || options.orgIds === undefined) {
      unreadable.push(table.name)
      continue
    }
    const text = `SELECT * FROM ${quoted(table.name)} WHERE ${quoted(table.tenant_key)} = $1`
    for (const orgId of options.orgIds) {
      const rows = await withTenant(db, orgId, (sql) => rowsOf(sql, text, [orgId]))
      for (const row of rows) yield { table: table.name, row: shown(row) }
    }
  }
  if (unreadable.length > 0) {
    throw new CofferError(
      'INTERNAL',
      `dump could not read ${unreadable.length} of ${tables.length} tables under row-level security: ${unreadable.join(', ')} (connect as the schema owner, or a role with BYPASSRLS)`,
    )
  }
}
