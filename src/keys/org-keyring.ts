import { fieldContext, openEnvelope, readEnvelopeKeyVersion, sealEnvelope } from '../crypto/envelope.js'
import { wipe } from '../crypto/secure-memory.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError, isCofferError } from '../errors.js'
import type { OrgKeyCache } from './org-key-cache.js'
import type { RootKeyProvider } from './root-key-provider.js'

/** Where an encrypted field lives; it becomes the AAD context `org:<id>/<table>.<column>/<row>`. */
export interface FieldLocation {
  table: string
  column: string
  rowId: string
}

/** A sealed field and the org key version that sealed it. */
export interface SealedField {
  envelope: Buffer
  keyVersion: number
}

interface OrgKeyRow {
  version: number
  wrapped_key: Uint8Array | null
  state: string
}

/**
 * Org keys for feature code: makes an org's first key, seals fields under the active version,
 * opens fields under whichever version their envelope names. Keys are read through the tenant
 * handle (so RLS applies to org_keys too), unwrapped by the root provider, cached unwrapped.
 */
export class OrgKeyring {
  readonly #provider: RootKeyProvider
  readonly #cache: OrgKeyCache

  constructor(options: { provider: RootKeyProvider; cache: OrgKeyCache }) {
    this.#provider = options.provider
    this.#cache = options.cache
  }

  get provider(): RootKeyProvider {
    return this.#provider
  }

  /** Creates version 1 of the org's key (at org creation). */
  async createFirstKey(sql: TenantSql): Promise<void> {
    const { key, wrapped } = await this.#provider.generateOrgKey({ orgId: sql.orgId, version: 1 })
    wipe(key)
    await sql.query(
      `INSERT INTO org_keys (org_id, version, wrapped_key, provider, root_key_id, state)
       VALUES ($1, 1, $2, $3, $4, 'active')`,
      [sql.orgId, wrapped, this.#provider.name, this.#provider.rootKeyId],
    )
  }

  /**
   * Seals `plaintext` for one field under the org's active key.
   * @throws KEY_DESTROYED when the org's keys were destroyed; KEY_UNAVAILABLE when the provider fails.
   */
  async sealField(sql: TenantSql, at: FieldLocation, plaintext: Uint8Array): Promise<SealedField> {
    const { rows } = await sql.query<OrgKeyRow>(
      `SELECT version, wrapped_key, state FROM org_keys WHERE org_id = $1 AND state = 'active'`,
      [sql.orgId],
    )
    const active = rows[0]
    if (!active) throw await this.#noActiveKey(sql)
    const context = this.#context(sql, at)
    const envelope = await this.#useKey(sql, active, (key) =>
      sealEnvelope({ key, keyVersion: active.version, plaintext, context }),
    )
    return { envelope, keyVersion: active.version }
  }

  /**
   * Opens one field's envelope under the version its header names.
   * @throws DECRYPTION_FAILED for any bad envelope; KEY_DESTROYED; KEY_UNAVAILABLE.
   */
  async openField(sql: TenantSql, at: FieldLocation, envelope: Uint8Array): Promise<Buffer> {
    const version = readEnvelopeKeyVersion(envelope)
    const context = this.#context(sql, at)
    return this.#cache.useKey(
      sql.orgId,
      version,
      async () => this.#unwrap(sql, await this.#loadVersion(sql, version)),
      (key) => openEnvelope({ key, envelope, context }),
    )
  }

  /** Drops every cached key of the org (after rotation or destruction). */
  forgetOrg(orgId: string): void {
    this.#cache.forgetOrg(orgId)
  }

  #context(sql: TenantSql, at: FieldLocation): string {
    return fieldContext({ orgId: sql.orgId, ...at })
  }

  #useKey<T>(sql: TenantSql, row: OrgKeyRow, use: (key: Buffer) => T): Promise<T> {
    return this.#cache.useKey(sql.orgId, row.version, () => this.#unwrap(sql, row), use)
  }

  async #loadVersion(sql: TenantSql, version: number): Promise<OrgKeyRow> {
    const { rows } = await sql.query<OrgKeyRow>(
      'SELECT version, wrapped_key, state FROM org_keys WHERE org_id = $1 AND version = $2',
      [sql.orgId, version],
    )
    const row = rows[0]
    // An envelope naming a version this org never had is a bad envelope, nothing more.
    if (!row) throw new CofferError('DECRYPTION_FAILED', 'envelope names an unknown key version')
    return row
  }

  async #unwrap(sql: TenantSql, row: OrgKeyRow): Promise<Buffer> {
    if (row.state === 'destroyed' || row.wrapped_key === null) {
      throw new CofferError('KEY_DESTROYED', "the org's keys were destroyed")
    }
    try {
      return await this.#provider.unwrapOrgKey(row.wrapped_key, { orgId: sql.orgId, version: row.version })
    } catch (error) {
      if (isCofferError(error)) throw error
      throw new CofferError('KEY_UNAVAILABLE', 'the root key provider could not unwrap the org key', {
        cause: error,
      })
    }
  }

  async #noActiveKey(sql: TenantSql): Promise<CofferError> {
    const { rows } = await sql.query<{ destroyed: boolean }>(
      `SELECT bool_or(state = 'destroyed') AS destroyed FROM org_keys WHERE org_id = $1`,
      [sql.orgId],
    )
    return rows[0]?.destroyed
      ? new CofferError('KEY_DESTROYED', "the org's keys were destroyed")
      : new CofferError('INTERNAL', 'org has no active key')
  }
}
