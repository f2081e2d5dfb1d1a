import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../../src/db/sql.js'

/**
 * Suite-wide leak check. Test files run in separate processes; each appends every secret it
 * creates (tokens, their hashes, session ids...) and every log line its servers write to files in
 * COFFER_TEST_CANARY_DIR. After the whole run, scripts/run-tests.mjs searches all the logs for all
 * the secrets and fails the run on any hit. Without the variable (a single file run by hand) these
 * are no-ops.
 */
const DIR = process.env.COFFER_TEST_CANARY_DIR

/** Records a secret that must never appear in any log line. */
export function recordSecret(value: string): void {
  if (DIR && value.length >= 8) appendFileSync(join(DIR, `secrets-${process.pid}.txt`), `${value}\n`)
}

/**
 * Records a canary: stored content, an entity name, a search term, a secret value. Besides never
 * appearing in a log line, it must never appear in any table of any test database, as text or as
 * the bytes of a bytea column (`dumpForLeakCheck` captures each database before it is dropped).
 */
export function recordCanary(value: string): void {
  recordSecret(value)
  if (DIR && value.length >= 8) appendFileSync(join(DIR, `canaries-${process.pid}.txt`), `${value}\n`)
}

/**
 * Captures every row of every table of a test database as JSON text (bytea as hex), for the
 * suite's search for canaries. Called by the test databases' `drop`; a no-op outside the suite.
 */
export async function dumpForLeakCheck(db: Database): Promise<void> {
  if (!DIR) return
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  )
  const file = join(DIR, `dumps-${process.pid}.txt`)
  for (const table of tables) {
    const { rows } = await db.query<{ line: string }>(
      `SELECT row_to_json(t)::text AS line FROM ${table.name} t`,
    )
    if (rows.length > 0) appendFileSync(file, `${rows.map((row) => row.line).join('\n')}\n`)
  }
  appendFileSync(join(DIR, `dump-count-${process.pid}.txt`), '1\n')
}

/** Records one log line written by a server under test. */
export function recordLogLine(line: string): void {
  if (DIR) appendFileSync(join(DIR, `logs-${process.pid}.txt`), line.endsWith('\n') ? line : `${line}\n`)
}

/** Records one exported span payload (OTLP JSON): searched for every secret like a log line. */
export function recordSpanPayload(json: string): void {
  if (DIR) appendFileSync(join(DIR, `spans-${process.pid}.txt`), `${json.replaceAll('\n', ' ')}\n`)
}
