import type { TenantSql } from '../db/tenant-door.js'

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
  /** Column whose value is the envelopes' AAD row id (e.g. a secret's `kind`); default `id`. */
  contextColumn?: string
  /**
   * Rebuilds what is derived from the plaintext under the key (blind indexes) for rows just
   * re-encrypted under `version`, in the batch's transaction. `fields` holds each envelope
   * column's plaintext (null where the column was NULL); it is wiped after the call.
   */
  reindex?: (
    sql: TenantSql,
    rows: readonly { id: string; fields: Record<string, Buffer | null> }[],
    version: number,
  ) => Promise<void>
}
