/**
 * An org's archive settings: where its bucket is (S3-compatible endpoint, bucket, prefix, region),
 * the credentials to write there (stored only as envelopes under the org key; `access_key_last4`
 * is all that is ever answered), the mode (`plaintext`, or `sealed` to the customer's X25519
 * public key) and the policy (records of some namespaces and types, older than N days).
 *
 * Settings are verified before they are stored: a probe object is written under the prefix, read
 * back byte for byte, then deleted (a bucket that refuses the delete is accepted; one that refuses
 * the write or the read is not). Changes are audited (`archive.settings_saved|deleted`).
 */
import { randomBytes } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import type { ArchiveBucket, BucketLocation } from './archive-bucket.js'
import { checkBucketEndpoint } from './archive-bucket.js'
import { archiveFieldLocation } from './archive-encryption.js'
import { type ArchiveMode, parseRecipientPublicKey } from './archive-object.js'

/** Opens a client for a bucket (the S3 adapter in production and in tests). */
export type BucketOpener = (location: BucketLocation) => ArchiveBucket & { close(): void }

/** What a caller saves. */
export interface ArchiveSettingsInput {
  endpoint: string
  bucket: string
  prefix: string
  region: string
  pathStyle: boolean
  accessKeyId: string
  secretAccessKey: string
  mode: ArchiveMode
  /** Base64 X25519 public key; required in `sealed` mode, refused in `plaintext` mode. */
  recipientPublicKey: string | null
  /** Namespace names the policy covers; null for every namespace. */
  namespaces: string[] | null
  /** Record types the policy covers; null for every type. */
  types: string[] | null
  olderThanDays: number
  enabled: boolean
}

/** Settings as the API answers them: never a credential, only the access key id's last four characters. */
export interface ArchiveSettingsView {
  endpoint: string
  bucket: string
  prefix: string
  region: string
  path_style: boolean
  access_key_last4: string
  mode: ArchiveMode
  recipient_public_key: string | null
  policy: { namespaces: string[] | null; types: string[] | null; older_than_days: number }
  enabled: boolean
  next_run_at: string | null
  verified_at: string
  updated_at: string
}

/** Settings with their credentials opened: only for the job and restores, never answered. */
export interface ArchiveTarget {
  view: ArchiveSettingsView
  location: BucketLocation
}

interface SettingsRow {
  id: string
  endpoint: string
  bucket: string
  prefix: string
  region: string
  path_style: boolean
  access_key_id: Uint8Array
  secret_access_key: Uint8Array
  access_key_last4: string
  mode: ArchiveMode
  recipient_public_key: string | null
  namespaces: string[] | null
  types: string[] | null
  older_than_days: number
  enabled: boolean
  next_run_at: Date | null
  verified_at: Date
  updated_at: Date
}

/** Where the probe object of a verification goes, under the prefix. */
export const PROBE_OBJECT_NAME = '.coffer-archive-probe'

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const REGION = /^[a-z0-9][a-z0-9-]{0,63}$/
/** S3's "safe characters" for keys, and `/`; no `..` segment, no leading `/`. */
const PREFIX = /^(?:[A-Za-z0-9!_.*'()-]+\/)*[A-Za-z0-9!_.*'()-]*$/

/** The one settings row of an org and the job's view of it. */
export class ArchiveSettings {
  readonly #db: Database
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #requirePublic: boolean
  readonly #openBucket: BucketOpener

  constructor(options: {
    db: Database
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    requirePublicTargets: boolean
    openBucket: BucketOpener
  }) {
    this.#db = options.db
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
    this.#requirePublic = options.requirePublicTargets
    this.#openBucket = options.openBucket
  }

  /** Opens a client for a target's bucket; the caller closes it. */
  openBucket(location: BucketLocation): ArchiveBucket & { close(): void } {
    return this.#openBucket(location)
  }

  /**
   * Checks, verifies against the bucket, and stores the org's settings (replacing any); audits
   * `archive.settings_saved`. The first scheduled run is due at once.
   * @throws VALIDATION_FAILED; UNSAFE_URL; ARCHIVE_BUCKET_REFUSED, UPSTREAM_UNREACHABLE,
   *   UPSTREAM_TIMEOUT (verification failed: nothing stored); KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async save(orgId: OrgId, actor: string, input: ArchiveSettingsInput): Promise<ArchiveSettingsView> {
    const checked = this.#check(input)
    await this.#verify(checked)
    const now = new Date(this.#clock.now())
    return withTenant(this.#db, orgId, async (sql) => {
      const { rows: existing } = await sql.query<{ id: string }>(
        'SELECT id FROM archive_settings WHERE org_id = $1 FOR UPDATE',
        [sql.orgId],
      )
      const id = existing[0]?.id ?? uuidV7(now.getTime())
      const sealer = await this.#keyring.leaseSealer(sql)
      let sealed: { accessKeyId: Buffer; secret: Buffer; version: number }
      try {
        sealed = {
          accessKeyId: sealer.seal(
            archiveFieldLocation(id, 'access_key_id'),
            Buffer.from(checked.accessKeyId, 'utf8'),
          ).envelope,
          secret: sealer.seal(
            archiveFieldLocation(id, 'secret_access_key'),
            Buffer.from(checked.secretAccessKey, 'utf8'),
          ).envelope,
          version: sealer.version,
        }
      } finally {
        sealer.release()
      }
      const values = [
        sql.orgId,
        id,
        checked.endpoint,
        checked.bucket,
        checked.prefix,
        checked.region,
        checked.pathStyle,
        sealed.accessKeyId,
        sealed.secret,
        checked.accessKeyId.slice(-4),
        sealed.version,
        checked.mode,
        checked.recipientPublicKey,
        checked.namespaces,
        checked.types,
        checked.olderThanDays,
        checked.enabled,
        checked.enabled ? now : null,
        now,
        actor,
      ]
      await sql.query(
        `INSERT INTO archive_settings (org_id, id, endpoint, bucket, prefix, region, path_style, access_key_id,
            secret_access_key, access_key_last4, key_version, mode, recipient_public_key, namespaces, types,
            older_than_days, enabled, next_run_at, verified_at, updated_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $19, $19)
         ON CONFLICT (org_id, id) DO UPDATE SET endpoint = $3, bucket = $4, prefix = $5, region = $6,
            path_style = $7, access_key_id = $8, secret_access_key = $9, access_key_last4 = $10, key_version = $11,
            mode = $12, recipient_public_key = $13, namespaces = $14, types = $15, older_than_days = $16,
            enabled = $17, next_run_at = $18, verified_at = $19, updated_by = $20, updated_at = $19`,
        values,
      )
      await this.#audit.append(sql, {
        actor,
        action: 'archive.settings_saved',
        resource: `archive_settings:${id}`,
      })
      return (await this.get(sql))!
    })
  }

  /** The org's settings without credentials; null when none are saved. */
  async get(sql: TenantSql): Promise<ArchiveSettingsView | null> {
    const row = await this.#row(sql)
    return row ? viewOf(row) : null
  }

  /**
   * The org's settings with their credentials opened, for a run or a restore.
   * @throws ARCHIVE_NOT_CONFIGURED; DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async target(sql: TenantSql): Promise<ArchiveTarget> {
    const row = await this.#row(sql)
    if (!row) throw new CofferError('ARCHIVE_NOT_CONFIGURED', 'this org has no archive settings')
    const open = async (column: 'access_key_id' | 'secret_access_key', envelope: Uint8Array) =>
      (await this.#keyring.openField(sql, archiveFieldLocation(row.id, column), envelope)).toString('utf8')
    return {
      view: viewOf(row),
      location: {
        endpoint: row.endpoint,
        bucket: row.bucket,
        region: row.region,
        pathStyle: row.path_style,
        accessKeyId: await open('access_key_id', row.access_key_id),
        secretAccessKey: await open('secret_access_key', row.secret_access_key),
      },
    }
  }

  /**
   * Deletes the org's settings (stubs and the objects in the bucket stay); audits
   * `archive.settings_deleted`.
   * @throws NOT_FOUND when none are saved
   */
  async delete(sql: TenantSql, actor: string): Promise<void> {
    const { rows } = await sql.query<{ id: string }>(
      'DELETE FROM archive_settings WHERE org_id = $1 RETURNING id',
      [sql.orgId],
    )
    if (rows.length === 0) throw new CofferError('NOT_FOUND', 'this org has no archive settings')
    await this.#audit.append(sql, {
      actor,
      action: 'archive.settings_deleted',
      resource: `archive_settings:${rows[0]!.id}`,
    })
  }

  /** Sets when the next scheduled run is due (the job, after a scheduled run). */
  async scheduleNext(sql: TenantSql, at: Date): Promise<void> {
    await sql.query('UPDATE archive_settings SET next_run_at = $2 WHERE org_id = $1 AND enabled', [
      sql.orgId,
      at,
    ])
  }

  async #row(sql: TenantSql): Promise<SettingsRow | null> {
    const { rows } = await sql.query<SettingsRow>(
      `SELECT id, endpoint, bucket, prefix, region, path_style, access_key_id, secret_access_key, access_key_last4,
              mode, recipient_public_key, namespaces, types, older_than_days, enabled, next_run_at, verified_at,
              updated_at
       FROM archive_settings WHERE org_id = $1`,
      [sql.orgId],
    )
    return rows[0] ?? null
  }

  /** @throws VALIDATION_FAILED; UNSAFE_URL */
  #check(input: ArchiveSettingsInput): ArchiveSettingsInput {
    const endpoint = checkBucketEndpoint(input.endpoint, { requirePublic: this.#requirePublic })
    if (!BUCKET_NAME.test(input.bucket)) {
      throw new CofferError('VALIDATION_FAILED', 'bucket: must be 3-63 of a-z 0-9 . - (an S3 bucket name)')
    }
    if (
      input.prefix.length > 256 ||
      !PREFIX.test(input.prefix) ||
      input.prefix.split('/').some((segment) => segment === '.' || segment === '..')
    ) {
      throw new CofferError(
        'VALIDATION_FAILED',
        "prefix: must be at most 256 of A-Z a-z 0-9 ! _ . * ' ( ) - in /-separated segments, no . or .. segment",
      )
    }
    if (!REGION.test(input.region))
      throw new CofferError('VALIDATION_FAILED', 'region: must be 1-64 of a-z 0-9 -')
    if (input.mode === 'sealed') {
      if (input.recipientPublicKey === null) {
        throw new CofferError('VALIDATION_FAILED', 'recipient_public_key: is required in sealed mode')
      }
      parseRecipientPublicKey(input.recipientPublicKey)
    } else if (input.recipientPublicKey !== null) {
      throw new CofferError('VALIDATION_FAILED', 'recipient_public_key: is only for sealed mode')
    }
    return { ...input, endpoint }
  }

  /**
   * Writes, reads back and deletes a probe object with the given credentials.
   * @throws ARCHIVE_BUCKET_REFUSED; UPSTREAM_UNREACHABLE; UPSTREAM_TIMEOUT; UNSAFE_URL
   */
  async #verify(input: ArchiveSettingsInput): Promise<void> {
    const bucket = this.#openBucket({
      endpoint: input.endpoint,
      bucket: input.bucket,
      region: input.region,
      pathStyle: input.pathStyle,
      accessKeyId: input.accessKeyId,
      secretAccessKey: input.secretAccessKey,
    })
    try {
      const key = `${input.prefix}${PROBE_OBJECT_NAME}`
      const probe = Buffer.from(
        JSON.stringify({ format: 'coffer.archive-probe.v1', nonce: randomBytes(16).toString('hex') }),
        'utf8',
      )
      await bucket.put(key, probe, 'application/json')
      const back = await bucket.get(key)
      if (!back?.equals(probe)) {
        throw new CofferError(
          'ARCHIVE_BUCKET_REFUSED',
          'bucket: the probe object did not read back as written',
        )
      }
      await bucket.delete(key).catch(() => undefined)
    } finally {
      bucket.close()
    }
  }
}

function viewOf(row: SettingsRow): ArchiveSettingsView {
  return {
    endpoint: row.endpoint,
    bucket: row.bucket,
    prefix: row.prefix,
    region: row.region,
    path_style: row.path_style,
    access_key_last4: row.access_key_last4,
    mode: row.mode,
    recipient_public_key: row.recipient_public_key,
    policy: { namespaces: row.namespaces, types: row.types, older_than_days: row.older_than_days },
    enabled: row.enabled,
    next_run_at: row.next_run_at?.toISOString() ?? null,
    verified_at: row.verified_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}
