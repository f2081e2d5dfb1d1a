import { readEnvelopeKeyVersion } from '../crypto/envelope.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { EncryptedTable } from '../keys/encrypted-tables.js'

/** Rows read per query of a full scan. */
const SCAN_BATCH = 500
/** Problems kept per org, so a wholly broken table does not flood the report. */
const MAX_PROBLEMS = 20

/** What a scan of one org's envelope columns found. */
export interface EnvelopeScanResult {
  rowsScanned: number
  envelopesChecked: number
  /** `table.column row <id>: what is wrong` (ids only, never the bytes), at most 20. */
  problems: string[]
  /** Problems beyond the first 20. */
  moreProblems: number
}

/** Rows the scan will read in this org (for progress): every row, or at most `sample` per table. */
export async function rowsToScan(
  sql: TenantSql,
  tables: readonly EncryptedTable[],
  options: { sample: number | undefined },
): Promise<number> {
  let total = 0
  for (const table of tables) {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table.table} WHERE org_id = $1`,
      [sql.orgId],
    )
    const n = rows[0]?.n ?? 0
    total += options.sample === undefined ? n : Math.min(n, options.sample)
  }
  return total
}

/** Why one stored value is not an envelope of a live key version of its row; undefined when it is. */
function envelopeProblem(value: Uint8Array, rowVersion: number, liveVersions: ReadonlySet<number>) {
  let headerVersion: number
  try {
    headerVersion = readEnvelopeKeyVersion(value)
  } catch {
    return 'not a Coffer envelope'
  }
  if (headerVersion !== rowVersion) return `envelope names key v${headerVersion}, the row says v${rowVersion}`
  if (!liveVersions.has(headerVersion)) return `key v${headerVersion} is not a live version of the org`
  return undefined
}

/**
 * Reads every envelope column of the org's rows (all of them, or a random `sample` per table) and
 * checks that each non-NULL value parses as a Coffer envelope naming the row's key version, and that
 * the version is live (not destroyed, not missing). Parsing only: nothing is decrypted.
 */
export async function scanOrgEnvelopes(
  sql: TenantSql,
  input: {
    tables: readonly EncryptedTable[]
    liveVersions: ReadonlySet<number>
    sample: number | undefined
    onRows?: (rows: number) => void
  },
): Promise<EnvelopeScanResult> {
  const result: EnvelopeScanResult = { rowsScanned: 0, envelopesChecked: 0, problems: [], moreProblems: 0 }
  for (const table of input.tables) {
    const rowId = table.contextColumn ?? 'id'
    const select = `SELECT ${rowId}::text AS row_id, ${table.versionColumn} AS version, ${table.columns.join(', ')}
      FROM ${table.table} WHERE org_id = $1`
    let after: string | undefined
    for (;;) {
      const { rows } =
        input.sample === undefined
          ? await sql.query<Record<string, unknown>>(
              `${select} ${after === undefined ? '' : `AND ${rowId}::text > $2`} ORDER BY ${rowId}::text LIMIT ${SCAN_BATCH}`,
              after === undefined ? [sql.orgId] : [sql.orgId, after],
            )
          : await sql.query<Record<string, unknown>>(`${select} ORDER BY random() LIMIT $2`, [
              sql.orgId,
              input.sample,
            ])
      for (const row of rows) {
        for (const column of table.columns) {
          const value = row[column]
          if (value === null || value === undefined) continue
          result.envelopesChecked++
          const problem = envelopeProblem(value as Uint8Array, Number(row.version), input.liveVersions)
          if (!problem) continue
          if (result.problems.length < MAX_PROBLEMS) {
            result.problems.push(`${table.table}.${column} row ${String(row.row_id)}: ${problem}`)
          } else result.moreProblems++
        }
      }
      result.rowsScanned += rows.length
      input.onRows?.(rows.length)
      if (input.sample !== undefined || rows.length < SCAN_BATCH) break
      after = String(rows[rows.length - 1]!.row_id)
    }
  }
  return result
}
