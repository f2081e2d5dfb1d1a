import { appendFileSync } from 'node:fs'
import { join } from 'node:path'

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

/** Records one log line written by a server under test. */
export function recordLogLine(line: string): void {
  if (DIR) appendFileSync(join(DIR, `logs-${process.pid}.txt`), line.endsWith('\n') ? line : `${line}\n`)
}
