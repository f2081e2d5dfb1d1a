import type { EncryptedTable } from '../keys/encrypted-tables.js'
import type { FieldLocation } from '../keys/org-keyring.js'

/**
 * The envelope column of `org_secrets`, re-encrypted by key rotation. Its AAD row id is the
 * secret's `kind` (not its id), so the context `org:<org_id>/org_secrets.value/<kind>` binds org
 * and kind: an envelope copied to another kind's row or another org's row does not open.
 */
export const SECRETS_ENCRYPTED_TABLE: EncryptedTable = {
  table: 'org_secrets',
  columns: ['value'],
  versionColumn: 'key_version',
  contextColumn: 'kind',
}

/** Where a secret's value lives, as the envelope's AAD names it. */
export function secretValueLocation(kind: string): FieldLocation {
  return { table: 'org_secrets', column: 'value', rowId: kind }
}
