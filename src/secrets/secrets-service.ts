import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { TenantRunner } from '../keys/key-ports.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { parseVerifyUrl, type SecretVerifier, type VerifyStatus, verifierFor } from './secret-verifiers.js'
import { secretValueLocation } from './secrets-encryption.js'

/** Secret kinds: 1-63 of a-z 0-9 _ . - (the database checks the same). */
export const SECRET_KIND_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,62}$/

/** Largest value accepted, in UTF-8 bytes. */
export const MAX_SECRET_VALUE_BYTES = 16 * 1024

/** Values shorter than this (in characters) keep `last4` null: four characters would give too much away. */
export const MIN_LENGTH_FOR_LAST4 = 12

/** The purpose recorded with every verification's read of the plaintext. */
export const VERIFY_PURPOSE = 'verify'

/** What a write answers: never the value. */
export interface SecretWritten {
  kind: string
  last4: string | null
  updated_at: string
}

/** A secret as listed: audit fields only, never the value or its envelope. */
export interface SecretSummary {
  kind: string
  last4: string | null
  verify_url: string | null
  created_by: string
  created_at: string
  updated_at: string
  last_used_at: string | null
  last_verified_at: string | null
  verify_status: VerifyStatus | 'unverified'
}

/** A page of secrets, by kind. */
export interface SecretPage {
  items: SecretSummary[]
  next_cursor: string | null
}

/** What a verification stored. */
export interface SecretVerification {
  kind: string
  verify_status: VerifyStatus
  reason: string
  last_verified_at: string
}

interface SummaryRow {
  kind: string
  last4: string | null
  verify_url: string | null
  created_by: string
  created_at: Date
  updated_at: Date
  last_used_at: Date | null
  last_verified_at: Date | null
  verify_status: VerifyStatus | 'unverified'
}

/** The columns a list reads: deliberately not `value`. */
const SUMMARY_COLUMNS =
  'kind, last4, verify_url, created_by, created_at, updated_at, last_used_at, last_verified_at, verify_status'

const iso = (at: Date | null) => (at === null ? null : at.toISOString())

function toSummary(row: SummaryRow): SecretSummary {
  return {
    kind: row.kind,
    last4: row.last4,
    verify_url: row.verify_url,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_used_at: iso(row.last_used_at),
    last_verified_at: iso(row.last_verified_at),
    verify_status: row.verify_status,
  }
}

/** The last four characters of a long enough value; null for short ones. */
export function lastFourOf(value: string): string | null {
  const characters = Array.from(value)
  return characters.length < MIN_LENGTH_FOR_LAST4 ? null : characters.slice(-4).join('')
}

/** @throws VALIDATION_FAILED naming `kind` */
function checkKind(kind: string): void {
  if (!SECRET_KIND_PATTERN.test(kind)) {
    throw new CofferError('VALIDATION_FAILED', 'kind: must be 1-63 of a-z 0-9 _ . -')
  }
}

const notFound = () => new CofferError('NOT_FOUND', 'no secret of this kind')

/** Emits a change of one secret (its kind, never its value), in the change's transaction. */
export type SecretEventEmitter = (
  sql: TenantSql,
  event: { type: 'secret.updated' | 'secret.deleted' | 'secret.resolved'; data: { id: string } },
) => Promise<void>

/**
 * Write-only vendor secrets of an org. Values are stored only as envelopes bound to org and kind;
 * writes answer `last4`, lists never read the envelope, and the plaintext leaves only through
 * `resolve` (and verification), each of which writes `secret_access_log` in the transaction that
 * reads it.
 */
export class SecretsService {
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #inTenant: TenantRunner
  readonly #verifierFor: (kind: string, verifyUrl: string | null) => SecretVerifier
  readonly #emit: SecretEventEmitter

  constructor(options: {
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    inTenant: TenantRunner
    /** Picks the verifier of a secret; default: format checks by kind, then the HTTP check. */
    verifierFor?: (kind: string, verifyUrl: string | null) => SecretVerifier
    /** The default HTTP check calls only public https targets (`COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS`). */
    requirePublicTargets?: boolean
    /**
     * Emits `secret.updated|deleted|resolved` (kind only; never the value, nor a resolve's purpose)
     * in the transaction of the change or read: the webhooks outbox.
     */
    emit?: SecretEventEmitter
  }) {
    this.#emit = options.emit ?? (async () => undefined)
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
    this.#inTenant = options.inTenant
    const requirePublic = options.requirePublicTargets ?? false
    this.#verifierFor =
      options.verifierFor ?? ((kind, verifyUrl) => verifierFor(kind, verifyUrl, { requirePublic }))
  }

  /**
   * Stores (or replaces) the org's secret of `kind`, encrypted; audits `secret.updated`. A
   * replacement resets the verification and sets `verify_url` to the given one (or none).
   * @throws VALIDATION_FAILED (kind, empty value, verify_url); PAYLOAD_TOO_LARGE; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async put(
    sql: TenantSql,
    actor: string,
    kind: string,
    input: { value: string; verifyUrl?: string | null | undefined },
  ): Promise<SecretWritten> {
    checkKind(kind)
    if (input.value.length === 0) throw new CofferError('VALIDATION_FAILED', 'value: must not be empty')
    if (Buffer.byteLength(input.value, 'utf8') > MAX_SECRET_VALUE_BYTES) {
      throw new CofferError('PAYLOAD_TOO_LARGE', 'value: must be at most 16 KiB')
    }
    const verifyUrl = input.verifyUrl == null ? null : parseVerifyUrl(input.verifyUrl)
    const now = new Date(this.#clock.now())
    const plaintext = Buffer.from(input.value, 'utf8')
    let sealed: Awaited<ReturnType<OrgKeyring['sealField']>>
    try {
      sealed = await this.#keyring.sealField(sql, secretValueLocation(kind), plaintext)
    } finally {
      plaintext.fill(0) // JS gives no guarantee other copies are gone; this one is.
    }
    const last4 = lastFourOf(input.value)
    await sql.query(
      `INSERT INTO org_secrets (org_id, id, kind, value, key_version, last4, verify_url, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (org_id, kind) DO UPDATE SET
         value = EXCLUDED.value, key_version = EXCLUDED.key_version, last4 = EXCLUDED.last4,
         verify_url = EXCLUDED.verify_url, updated_at = EXCLUDED.updated_at,
         verify_status = 'unverified', last_verified_at = NULL`,
      [
        sql.orgId,
        uuidV7(now.getTime()),
        kind,
        sealed.envelope,
        sealed.keyVersion,
        last4,
        verifyUrl,
        actor,
        now,
      ],
    )
    await this.#audit.append(sql, { actor, action: 'secret.updated', resource: `secret:${kind}` })
    await this.#emit(sql, { type: 'secret.updated', data: { id: kind } })
    return { kind, last4, updated_at: now.toISOString() }
  }

  /** Lists the org's secrets by kind, without values; `afterKind` is the last kind of the previous page. */
  async list(
    sql: TenantSql,
    options: { limit: number; afterKind?: string | undefined },
  ): Promise<SecretPage> {
    const { rows } = await sql.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM org_secrets
       WHERE org_id = $1 AND ($2::text IS NULL OR kind > $2::text)
       ORDER BY kind LIMIT $3`,
      [sql.orgId, options.afterKind ?? null, options.limit + 1],
    )
    const page = rows.slice(0, options.limit)
    const last = page.at(-1)
    return { items: page.map(toSummary), next_cursor: rows.length > options.limit && last ? last.kind : null }
  }

  /**
   * Deletes the org's secret of `kind`; audits `secret.deleted`. Its access log stays.
   * @throws NOT_FOUND (also for another org's kind)
   */
  async delete(sql: TenantSql, actor: string, kind: string): Promise<void> {
    checkKind(kind)
    const { rowCount } = await sql.query('DELETE FROM org_secrets WHERE org_id = $1 AND kind = $2', [
      sql.orgId,
      kind,
    ])
    if (rowCount === 0) throw notFound()
    await this.#audit.append(sql, { actor, action: 'secret.deleted', resource: `secret:${kind}` })
    await this.#emit(sql, { type: 'secret.deleted', data: { id: kind } })
  }

  /**
   * Returns the plaintext of the org's secret of `kind` for `purpose`. In the caller's one
   * transaction: stamps `last_used_at`, writes `secret_access_log` and audits `secret.resolved`,
   * and only then decrypts. If any of these fails, or the transaction does not commit, the
   * caller's `withTenant` throws and no plaintext is returned.
   * @throws VALIDATION_FAILED (kind, purpose); NOT_FOUND; DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async resolve(
    sql: TenantSql,
    actor: string,
    kind: string,
    purpose: string,
  ): Promise<{ kind: string; value: string }> {
    checkKind(kind)
    if (purpose.length < 1 || purpose.length > 200) {
      throw new CofferError('VALIDATION_FAILED', 'purpose: must be 1-200 characters')
    }
    const now = new Date(this.#clock.now())
    const { rows } = await sql.query<{ id: string; value: Uint8Array }>(
      `UPDATE org_secrets SET last_used_at = $3 WHERE org_id = $1 AND kind = $2 RETURNING id, value`,
      [sql.orgId, kind, now],
    )
    const row = rows[0]
    if (!row) throw notFound()
    await this.#logAccess(sql, { secretId: row.id, kind, actor, purpose, at: now })
    await this.#audit.append(sql, { actor, action: 'secret.resolved', resource: `secret:${kind}` })
    await this.#emit(sql, { type: 'secret.resolved', data: { id: kind } })
    return { kind, value: await this.#open(sql, kind, row.value) }
  }

  /**
   * Verifies the org's secret of `kind` and stores the outcome; audits `secret.verified`. The read
   * is access-logged (purpose `verify`) in its own transaction; the check (which may call a
   * verify URL for up to 5 s) runs outside any transaction; a second transaction stores the
   * outcome unless the envelope changed meanwhile (replaced, deleted, or re-encrypted by a rotation).
   * @throws VALIDATION_FAILED (a kind with neither a format check nor a verify URL); NOT_FOUND;
   *   CONFLICT (the secret changed during the check); DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async verify(orgId: OrgId, actor: string, kind: string): Promise<SecretVerification> {
    checkKind(kind)
    const read = await this.#inTenant(orgId, async (sql) => {
      const { rows } = await sql.query<{ id: string; value: Uint8Array; verify_url: string | null }>(
        'SELECT id, value, verify_url FROM org_secrets WHERE org_id = $1 AND kind = $2',
        [sql.orgId, kind],
      )
      const row = rows[0]
      if (!row) throw notFound()
      const verifier = this.#verifierFor(kind, row.verify_url)
      await this.#logAccess(sql, {
        secretId: row.id,
        kind,
        actor,
        purpose: VERIFY_PURPOSE,
        at: new Date(this.#clock.now()),
      })
      return { id: row.id, envelope: row.value, verifier, value: await this.#open(sql, kind, row.value) }
    })
    const outcome = await read.verifier(read.value)
    const verifiedAt = new Date(this.#clock.now())
    await this.#inTenant(orgId, async (sql) => {
      const { rowCount } = await sql.query(
        `UPDATE org_secrets SET verify_status = $4, last_verified_at = $5
         WHERE org_id = $1 AND id = $2 AND value = $3`,
        [sql.orgId, read.id, read.envelope, outcome.status, verifiedAt],
      )
      if (rowCount === 0) {
        throw new CofferError('CONFLICT', 'kind: the secret changed during verification; verify again')
      }
      await this.#audit.append(sql, { actor, action: 'secret.verified', resource: `secret:${kind}` })
    })
    return {
      kind,
      verify_status: outcome.status,
      reason: outcome.reason,
      last_verified_at: verifiedAt.toISOString(),
    }
  }

  async #logAccess(
    sql: TenantSql,
    entry: { secretId: string; kind: string; actor: string; purpose: string; at: Date },
  ): Promise<void> {
    await sql.query(
      `INSERT INTO secret_access_log (org_id, id, secret_id, kind, actor, purpose, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        sql.orgId,
        uuidV7(entry.at.getTime()),
        entry.secretId,
        entry.kind,
        entry.actor,
        entry.purpose,
        entry.at,
      ],
    )
  }

  /** @throws DECRYPTION_FAILED for an envelope of another kind or org; KEY_DESTROYED; KEY_UNAVAILABLE */
  async #open(sql: TenantSql, kind: string, envelope: Uint8Array): Promise<string> {
    const plaintext = await this.#keyring.openField(sql, secretValueLocation(kind), envelope)
    try {
      return plaintext.toString('utf8')
    } finally {
      plaintext.fill(0) // JS gives no guarantee other copies are gone; this one is.
    }
  }
}
