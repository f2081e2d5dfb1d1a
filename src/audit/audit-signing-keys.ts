/**
 * The instance's checkpoint signing keys (Ed25519). A key's 32-byte seed is made by the root key
 * provider and stored only wrapped by it (local, PKCS#11 and AWS KMS alike), like an org key; the
 * public key is stored beside it and stays published after rotation. The first key is made on
 * first use. This table holds no tenant data and is reached through the table owner's
 * connection, never through a tenant or admin scope.
 */
import type { KeyObject } from 'node:crypto'
import { ed25519PrivateKey, rawEd25519PublicKey } from '../crypto/signed-note.js'
import type { Database, Queryable } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import type { OrgKeyContext, RootKeyProvider } from '../keys/root-key-provider.js'

/** The wrap context of signing key `version`: `audit-signing-key` is no org id, so no org key wrap fits it. */
const wrapContext = (version: number): OrgKeyContext => ({ orgId: 'audit-signing-key', version })

/** A signing key, unwrapped in this process. */
export interface AuditSigningKey {
  version: number
  privateKey: KeyObject
  publicKey: Buffer
}

/** A published public key. */
export interface AuditPublicKey {
  version: number
  publicKey: Buffer
  createdAt: Date
  retiredAt: Date | null
}

interface KeyRow {
  version: number
  public_key: Uint8Array
  wrapped_seed: Uint8Array
}

/** Loads, creates and rotates the checkpoint signing key. */
export class AuditSigningKeys {
  readonly #db: Database
  readonly #provider: RootKeyProvider
  readonly #clock: Clock
  #current: AuditSigningKey | undefined

  constructor(options: { db: Database; provider: RootKeyProvider; clock: Clock }) {
    this.#db = options.db
    this.#provider = options.provider
    this.#clock = options.clock
  }

  /**
   * The current signing key: the one cached here while it is still current, else unwrapped from
   * the table, else made now (first use).
   * @throws KEY_UNAVAILABLE, DECRYPTION_FAILED
   */
  async current(): Promise<AuditSigningKey> {
    const { rows } = await this.#db.query<KeyRow>(
      'SELECT version, public_key, wrapped_seed FROM audit_signing_keys WHERE retired_at IS NULL',
    )
    const row = rows[0]
    if (row && this.#current?.version === row.version) return this.#current
    if (row) {
      this.#current = await this.#open(row)
      return this.#current
    }
    await this.#create(1)
    return this.current()
  }

  /** Every public key ever used, newest first. */
  async publicKeys(): Promise<AuditPublicKey[]> {
    const { rows } = await this.#db.query<{
      version: number
      public_key: Uint8Array
      created_at: Date
      retired_at: Date | null
    }>('SELECT version, public_key, created_at, retired_at FROM audit_signing_keys ORDER BY version DESC')
    return rows.map((row) => ({
      version: row.version,
      publicKey: Buffer.from(row.public_key),
      createdAt: row.created_at,
      retiredAt: row.retired_at,
    }))
  }

  /**
   * Retires the current key and makes the next one; later checkpoints are signed by the new key,
   * earlier ones keep verifying with the old public key.
   * @throws KEY_UNAVAILABLE
   */
  async rotate(): Promise<number> {
    const { rows } = await this.#db.query<{ next: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS next FROM audit_signing_keys',
    )
    const version = Number(rows[0]!.next)
    const generated = await this.#provider.generateOrgKey(wrapContext(version))
    try {
      const publicKey = rawEd25519PublicKey(ed25519PrivateKey(generated.key))
      await this.#db.transaction(async (tx) => {
        await tx.query('UPDATE audit_signing_keys SET retired_at = $1 WHERE retired_at IS NULL', [
          new Date(this.#clock.now()),
        ])
        await tx.query(
          'INSERT INTO audit_signing_keys (version, public_key, wrapped_seed, created_at) VALUES ($1, $2, $3, $4)',
          [version, publicKey, generated.wrapped, new Date(this.#clock.now())],
        )
      })
    } finally {
      // Best effort: JS gives no guarantee that no copy of the seed remains.
      generated.key.fill(0)
    }
    this.#current = undefined
    return version
  }

  /**
   * Root key rotation: rewraps every signing key's seed that a previous root wrapped (the root is
   * read from the wrap, this table keeps no root key id), retired ones too, in one transaction with
   * `audit` per key. The seeds and public keys stay the same. Returns the versions rewrapped.
   * @throws DECRYPTION_FAILED when a wrap was made under a root the provider no longer has; KEY_UNAVAILABLE
   */
  async rewrap(
    audit: (tx: Queryable, version: number) => Promise<void> = async () => undefined,
  ): Promise<number[]> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ version: number; wrapped_seed: Uint8Array }>(
        'SELECT version, wrapped_seed FROM audit_signing_keys ORDER BY version FOR UPDATE',
      )
      const rewrapped: number[] = []
      for (const row of rows) {
        if (this.#provider.rootKeyIdOf(row.wrapped_seed) === this.#provider.rootKeyId) continue
        const seed = await this.#provider.unwrapOrgKey(row.wrapped_seed, wrapContext(row.version))
        try {
          const wrapped = await this.#provider.wrapOrgKey(seed, wrapContext(row.version))
          await tx.query('UPDATE audit_signing_keys SET wrapped_seed = $2 WHERE version = $1', [
            row.version,
            wrapped,
          ])
        } finally {
          seed.fill(0)
        }
        await audit(tx, row.version)
        rewrapped.push(row.version)
      }
      return rewrapped
    })
  }

  async #create(version: number): Promise<void> {
    const generated = await this.#provider.generateOrgKey(wrapContext(version))
    try {
      const publicKey = rawEd25519PublicKey(ed25519PrivateKey(generated.key))
      // Two instances starting together: one insert wins, the other reads the winner's key.
      await this.#db.query(
        `INSERT INTO audit_signing_keys (version, public_key, wrapped_seed, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [version, publicKey, generated.wrapped, new Date(this.#clock.now())],
      )
    } finally {
      generated.key.fill(0)
    }
  }

  async #open(row: KeyRow): Promise<AuditSigningKey> {
    const seed = await this.#provider.unwrapOrgKey(row.wrapped_seed, wrapContext(row.version))
    try {
      const privateKey = ed25519PrivateKey(seed)
      const publicKey = rawEd25519PublicKey(privateKey)
      if (!publicKey.equals(Buffer.from(row.public_key)))
        throw new CofferError('DECRYPTION_FAILED', 'audit signing key does not match its public key')
      return { version: row.version, privateKey, publicKey }
    } finally {
      seed.fill(0)
    }
  }
}
