import type { EncryptedTable } from '../keys/encrypted-tables.js'
import type { FieldLocation } from '../keys/org-keyring.js'

/**
 * The envelope columns of `webhook_endpoints`, re-encrypted by key rotation. The AAD row id is
 * the endpoint id, so `org:<org_id>/webhook_endpoints.<column>/<id>` binds org, column and
 * endpoint: a URL or secret copied to another endpoint or org does not open.
 */
export const WEBHOOKS_ENCRYPTED_TABLE: EncryptedTable = {
  table: 'webhook_endpoints',
  columns: ['url', 'secret', 'previous_secret'],
  versionColumn: 'key_version',
}

/** Where an endpoint's URL or signing secret lives, as the envelope's AAD names it. */
export function webhookFieldLocation(
  endpointId: string,
  column: 'url' | 'secret' | 'previous_secret',
): FieldLocation {
  return { table: 'webhook_endpoints', column, rowId: endpointId }
}
