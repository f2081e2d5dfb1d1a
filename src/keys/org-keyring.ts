import { fieldContext, openEnvelope, readEnvelopeKeyVersion, sealEnvelope } from '../crypto/envelope.js'
import { hkdfSha256 } from '../crypto/hkdf.js'
import { wipe } from '../crypto/secure-memory.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError, isCofferError } from '../errors.js'
import type { KeyLease, OrgKeyCache } from './org-key-cache.js'
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

/** The active key, leased for sealing many fields; call `release` when done. */
export interface FieldSealer {
  version: number
  seal: (at: FieldLocation, plaintext: Uint8Array) => SealedField
  release: () => void
}

/** States of an org key version: `active` takes writes; `retiring` and `retired` only open. */
export type OrgKeyState = 'active' | 'retiring' | 'retired' | 'destroyed'

/** One version of an org's key as the database records it (no key material). */
export interface OrgKeyVersion {
  version: number
  state: OrgKeyState
  provider: string
  rootKeyId: string
  createdAt: Date
  destroyedAt: Date | null
}

export interface OrgKeyRow {
  version: number
  wrapped_key: Uint8Array | null
  state: OrgKeyState
  root_key_id: string
}

const KEY_COLUMNS = 'version, wrapped_key, state, root_key_id'
/** A writer that waited on a rotation re-reads the active version this many times. */
const ACTIVE_KEY_ATTEMPTS = 3

/**
 * Org keys for feature code: seals fields under the active version, opens fields under whichever
 * version their envelope names, rotates, rewraps and destroys. Keys are read through the tenant
 * handle (so RLS applies to org_keys too), unwrapped by the root provider, cached unwrapped.
 */
export class OrgKeyring {
  readonly #provider: RootKeyProvider
  readonly #cache: OrgKeyCache
  /** Key rows already read in a transaction: one state check per transaction and version. */
  readonly #seen = new WeakMap<TenantSql, Map<number, OrgKeyRow>>()
  /**
   * The active row locked FOR SHARE in a transaction: the lock holds to its end (a rotation waits
   * on it), so the row stays the active one and is read once, not once per sealer and index key.
   */
  readonly #lockedActive = new WeakMap<TenantSql, OrgKeyRow>()

  constructor(options: { provider: RootKeyProvider; cache: OrgKeyCache }) {
    this.#provider = options.provider
    this.#cache = options.cache
  }

  get provider(): RootKeyProvider {
    return this.#provider
  }

  /** Creates version 1 of the org's key (at org creation). */
  async createFirstKey(sql: TenantSql): Promise<void> {
    await this.#insertVersion(sql, 1)
  }

  /**
   * Seals `plaintext` for one field under the org's active key.
   * @throws KEY_DESTROYED when the org's keys were destroyed; KEY_UNAVAILABLE when the provider fails.
   */
  async sealField(sql: TenantSql, at: FieldLocation, plaintext: Uint8Array): Promise<SealedField> {
    const sealer = await this.leaseSealer(sql)
    try {
      return sealer.seal(at, plaintext)
    } finally {
      sealer.release()
    }
  }

  /**
   * Leases the active key for sealing many fields (the rotation job's batches). The active row
   * is locked FOR SHARE until the transaction ends, so a rotation waits for this writer.
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async leaseSealer(sql: TenantSql): Promise<FieldSealer> {
    const active = await this.#lockActive(sql)
    const lease = await this.#lease(sql, active)
    return {
      version: active.version,
      seal: (at, plaintext) => ({
        envelope: sealEnvelope({
          key: lease.key,
          keyVersion: active.version,
          plaintext,
          context: this.#context(sql, at),
        }),
        keyVersion: active.version,
      }),
      release: lease.release,
    }
  }

  /**
   * Opens one field's envelope under the version its header names. The version's state is read
   * once per transaction, so a destroyed key is refused even where a copy is still cached.
   * @throws DECRYPTION_FAILED for any bad envelope; KEY_DESTROYED; KEY_UNAVAILABLE.
   */
  async openField(sql: TenantSql, at: FieldLocation, envelope: Uint8Array): Promise<Buffer> {
    const row = await this.#versionRow(sql, readEnvelopeKeyVersion(envelope))
    const lease = await this.#lease(sql, row)
    try {
      return openEnvelope({ key: lease.key, envelope, context: this.#context(sql, at) })
    } finally {
      lease.release()
    }
  }

  /**
   * A key for one blind index (`label`, e.g. `records.entities`), derived with HKDF-SHA256 from
   * the org key `version` (or the active one): separate per org, per index and per version, so a
   * rotation changes every hash and the rotation job rebuilds the index under the new version.
   * The caller wipes the returned key.
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE; DECRYPTION_FAILED for a version the org never had.
   */
  async indexKey(
    sql: TenantSql,
    version: number | 'active',
    label: string,
  ): Promise<{ version: number; key: Buffer }> {
    const row = version === 'active' ? await this.#lockActive(sql) : await this.#versionRow(sql, version)
    const lease = await this.#lease(sql, row)
    try {
      return {
        version: row.version,
        key: hkdfSha256({ ikm: lease.key, info: `coffer/blind-index/v1/${label}`, length: 32 }),
      }
    } finally {
      lease.release()
    }
  }

  /**
   * The versions that may still seal data or an index: the active one and any retiring one (a
   * rotation in progress). Lookups by blind index hash a term under each of them.
   */
  async liveVersions(sql: TenantSql): Promise<number[]> {
    const { rows } = await sql.query<{ version: number }>(
      `SELECT version FROM org_keys WHERE org_id = $1 AND state IN ('active', 'retiring') ORDER BY version`,
      [sql.orgId],
    )
    return rows.map((row) => row.version)
  }

  /**
   * Makes a new version the active one at once; the previous active version becomes `retiring`
   * (still opens) until the rotation job has re-encrypted its envelopes. Returns the new version.
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async rotate(sql: TenantSql): Promise<number> {
    const { rows } = await sql.query<{ version: number }>(
      `SELECT version FROM org_keys WHERE org_id = $1 AND state = 'active' FOR UPDATE`,
      [sql.orgId],
    )
    if (!rows[0]) throw await this.#noActiveKey(sql)
    const { rows: max } = await sql.query<{ version: number }>(
      'SELECT max(version) AS version FROM org_keys WHERE org_id = $1',
      [sql.orgId],
    )
    const next = max[0]!.version + 1
    await sql.query(`UPDATE org_keys SET state = 'retiring' WHERE org_id = $1 AND state = 'active'`, [
      sql.orgId,
    ])
    await this.#insertVersion(sql, next)
    this.#seen.delete(sql)
    this.#lockedActive.delete(sql)
    return next
  }

  /** Marks versions below `version` that are retiring as retired (no envelope uses them any more). */
  async retireBelow(sql: TenantSql, version: number): Promise<number[]> {
    const { rows } = await sql.query<{ version: number }>(
      `UPDATE org_keys SET state = 'retired' WHERE org_id = $1 AND state = 'retiring' AND version < $2 RETURNING version`,
      [sql.orgId, version],
    )
    return rows.map((row) => row.version).sort((a, b) => a - b)
  }

  /**
   * Rewraps every live version of the org's key under the provider's current root, touching no
   * record. Returns how many versions were rewrapped (0 when all are under the current root).
   * @throws DECRYPTION_FAILED when a wrap was made under a root the provider no longer has; KEY_UNAVAILABLE
   */
  async rewrap(sql: TenantSql): Promise<number> {
    const { rows } = await sql.query<OrgKeyRow>(
      `SELECT ${KEY_COLUMNS} FROM org_keys WHERE org_id = $1 AND state <> 'destroyed' AND root_key_id <> $2
       ORDER BY version FOR UPDATE`,
      [sql.orgId, this.#provider.rootKeyId],
    )
    for (const row of rows) {
      const context = { orgId: sql.orgId, version: row.version }
      const key = await this.#provider.unwrapOrgKey(row.wrapped_key!, context)
      try {
        const wrapped = await this.#provider.wrapOrgKey(key, context)
        await sql.query(
          'UPDATE org_keys SET wrapped_key = $3, root_key_id = $4, provider = $5 WHERE org_id = $1 AND version = $2',
          [sql.orgId, row.version, wrapped, this.#provider.rootKeyId, this.#provider.name],
        )
      } finally {
        wipe(key)
      }
    }
    return rows.length
  }

  /**
   * Crypto-shredding: destroys every version of the org's key. The rows stay as tombstones (who,
   * when); the wrapped keys are gone, and so is every cached copy. Every ciphertext of the org,
   * backups included, is unreadable afterwards. Returns the versions destroyed.
   */
  async destroyAll(sql: TenantSql, actor: string): Promise<number[]> {
    const { rows } = await sql.query<{ version: number }>(
      `UPDATE org_keys SET wrapped_key = NULL, state = 'destroyed', destroyed_at = now(), destroyed_by = $2
       WHERE org_id = $1 AND state <> 'destroyed' RETURNING version`,
      [sql.orgId, actor],
    )
    this.#cache.forgetOrg(sql.orgId)
    this.#seen.delete(sql)
    this.#lockedActive.delete(sql)
    return rows.map((row) => row.version).sort((a, b) => a - b)
  }

  /** The org's key versions, oldest first. */
  async versions(sql: TenantSql): Promise<OrgKeyVersion[]> {
    const { rows } = await sql.query<{
      version: number
      state: OrgKeyState
      provider: string
      root_key_id: string
      created_at: Date
      destroyed_at: Date | null
    }>(
      'SELECT version, state, provider, root_key_id, created_at, destroyed_at FROM org_keys WHERE org_id = $1 ORDER BY version',
      [sql.orgId],
    )
    return rows.map((row) => ({
      version: row.version,
      state: row.state,
      provider: row.provider,
      rootKeyId: row.root_key_id,
      createdAt: row.created_at,
      destroyedAt: row.destroyed_at,
    }))
  }

  /** Drops every cached key of the org. */
  forgetOrg(orgId: string): void {
    this.#cache.forgetOrg(orgId)
  }

  #context(sql: TenantSql, at: FieldLocation): string {
    return fieldContext({ orgId: sql.orgId, ...at })
  }

  async #insertVersion(sql: TenantSql, version: number): Promise<void> {
    const { key, wrapped } = await this.#provider.generateOrgKey({ orgId: sql.orgId, version })
    wipe(key)
    await sql.query(
      `INSERT INTO org_keys (org_id, version, wrapped_key, provider, root_key_id, state)
       VALUES ($1, $2, $3, $4, $5, 'active')`,
      [sql.orgId, version, wrapped, this.#provider.name, this.#provider.rootKeyId],
    )
  }

  async #lockActive(sql: TenantSql): Promise<OrgKeyRow> {
    const locked = this.#lockedActive.get(sql)
    if (locked) return locked
    for (let attempt = 0; attempt < ACTIVE_KEY_ATTEMPTS; attempt++) {
      // A writer that waited here on a rotation finds the old row no longer active (and, under
      // READ COMMITTED, not yet the new one): it reads again with a fresh snapshot.
      const { rows } = await sql.query<OrgKeyRow>(
        `SELECT ${KEY_COLUMNS} FROM org_keys WHERE org_id = $1 AND state = 'active' FOR SHARE`,
        [sql.orgId],
      )
      if (rows[0]) {
        this.#lockedActive.set(sql, rows[0])
        return rows[0]
      }
    }
    throw await this.#noActiveKey(sql)
  }

  /**
   * Keeps a key row the caller read in this transaction (joined to the row it decrypts), so opening
   * that row's envelopes reads no key row again. Rows of another org or without a version are ignored.
   */
  noteVersionRow(sql: TenantSql, row: OrgKeyRow | null): void {
    if (!row || !Number.isSafeInteger(row.version)) return
    let seen = this.#seen.get(sql)
    if (!seen) {
      seen = new Map()
      this.#seen.set(sql, seen)
    }
    if (!seen.has(row.version)) seen.set(row.version, row)
  }

  async #versionRow(sql: TenantSql, version: number): Promise<OrgKeyRow> {
    const locked = this.#lockedActive.get(sql)
    if (locked?.version === version) return locked
    const known = this.#seen.get(sql)?.get(version)
    if (known) return known
    const { rows } = await sql.query<OrgKeyRow>(
      `SELECT ${KEY_COLUMNS} FROM org_keys WHERE org_id = $1 AND version = $2`,
      [sql.orgId, version],
    )
    const row = rows[0]
    // An envelope naming a version this org never had is a bad envelope, nothing more.
    if (!row) throw new CofferError('DECRYPTION_FAILED', 'envelope names an unknown key version')
    this.noteVersionRow(sql, row)
    return row
  }

  async #lease(sql: TenantSql, row: OrgKeyRow): Promise<KeyLease> {
    if (row.state === 'destroyed' || row.wrapped_key === null) {
      this.#cache.forgetOrg(sql.orgId)
      throw new CofferError('KEY_DESTROYED', "the org's keys were destroyed")
    }
    return this.#cache.lease(sql.orgId, row.version, () => this.#unwrap(sql, row))
  }

  async #unwrap(sql: TenantSql, row: OrgKeyRow): Promise<Buffer> {
    try {
      return await this.#provider.unwrapOrgKey(row.wrapped_key!, { orgId: sql.orgId, version: row.version })
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
