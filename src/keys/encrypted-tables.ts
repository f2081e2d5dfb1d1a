/**
 * A table whose columns hold envelopes, and the column that records the key version that sealed
 * them. Rotation re-encrypts every listed column; a test checks that every bytea column of every
 * tenant table is either listed here or known not to hold envelopes.
 */
export interface EncryptedTable {
  table: string
  /** Envelope columns (nullable ones are skipped when NULL). */
  columns: readonly string[]
  /** Integer column with the key version of the row's envelopes. */
  versionColumn: string
}
