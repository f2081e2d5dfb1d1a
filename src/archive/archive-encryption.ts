import type { EncryptedTable } from '../keys/encrypted-tables.js'
import type { FieldLocation } from '../keys/org-keyring.js'

/**
 * The envelope columns of `archive_settings`, re-encrypted by key rotation. The AAD row id is the
 * settings row id: credentials copied to another row or org do not open.
 */
export const ARCHIVE_ENCRYPTED_TABLE: EncryptedTable = {
  table: 'archive_settings',
  columns: ['access_key_id', 'secret_access_key'],
  versionColumn: 'key_version',
}

/** Where one bucket credential lives, as its envelope's AAD names it. */
export function archiveFieldLocation(
  settingsId: string,
  column: 'access_key_id' | 'secret_access_key',
): FieldLocation {
  return { table: 'archive_settings', column, rowId: settingsId }
}
