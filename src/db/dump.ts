import type { Queryable } from './sql.js'

/** Every row of every table in the current schema, bytea shown as `\x` hex: what a snapshot holds. */
export async function* dumpTables(
  sql: Queryable,
): AsyncGenerator<{ table: string; row: Record<string, unknown> }> {
  const { rows: tables } = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  )
  for (const { name } of tables) {
    const { rows } = await sql.query<Record<string, unknown>>(`SELECT * FROM "${name.replaceAll('"', '""')}"`)
    for (const row of rows) {
      const shown = Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          column,
          value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : value,
        ]),
      )
      yield { table: name, row: shown }
    }
  }
}
