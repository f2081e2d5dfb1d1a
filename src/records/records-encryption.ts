import type { EncryptedTable } from '../keys/encrypted-tables.js'

/** The envelope columns of `records`, re-encrypted by key rotation. */
export const RECORDS_ENCRYPTED_TABLE: EncryptedTable = {
  table: 'records',
  columns: ['content', 'metadata', 'entities'],
  versionColumn: 'key_version',
}
