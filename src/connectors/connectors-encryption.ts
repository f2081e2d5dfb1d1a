import type { TenantSql } from '../db/tenant-door.js'
import type { EncryptedTable } from '../keys/encrypted-tables.js'
import type { FieldLocation, OrgKeyring } from '../keys/org-keyring.js'

/**
 * The envelope columns of `connector_credentials`, re-encrypted by key rotation. The AAD row id is
 * the credential's id: `org:<org_id>/connector_credentials.access_token/<id>` (and
 * `.refresh_token`), so an envelope moved to another credential, column or org does not open.
 */
export const CONNECTORS_ENCRYPTED_TABLE: EncryptedTable = {
  table: 'connector_credentials',
  columns: ['access_token', 'refresh_token'],
  versionColumn: 'key_version',
}

/** Where a credential's token lives, as the envelope's AAD names it. */
export function connectorTokenLocation(id: string, column: 'access_token' | 'refresh_token'): FieldLocation {
  return { table: 'connector_credentials', column, rowId: id }
}

/** Seals a credential's tokens under the org's active key, in one lease (one key version for both). */
export async function sealTokens(
  keyring: OrgKeyring,
  sql: TenantSql,
  id: string,
  access: string,
  refresh: string | null,
): Promise<{ access: Buffer; refresh: Buffer | null; keyVersion: number }> {
  const sealer = await keyring.leaseSealer(sql)
  const plaintexts = [Buffer.from(access, 'utf8'), refresh === null ? null : Buffer.from(refresh, 'utf8')]
  try {
    return {
      access: sealer.seal(connectorTokenLocation(id, 'access_token'), plaintexts[0]!).envelope,
      refresh: plaintexts[1]
        ? sealer.seal(connectorTokenLocation(id, 'refresh_token'), plaintexts[1]).envelope
        : null,
      keyVersion: sealer.version,
    }
  } finally {
    sealer.release()
    for (const plaintext of plaintexts) plaintext?.fill(0) // best effort: JS keeps no promise
  }
}
