import { generateOperatorToken, hashApiToken, hasValidOperatorTokenChecksum } from '../crypto/api-token.js'
import { withAdmin } from '../db/admin-door.js'
import { isUuid } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { SystemAudit } from './system-audit.js'

/** The deployer, calling the operator plane (`/v1/orgs`). It belongs to no org and reaches no tenant data. */
export interface OperatorPrincipal {
  kind: 'operator'
  credentialId: string
  /** How it appears in the audit logs: `operator:<id>`. */
  actor: string
}

/** An operator token as listed: never its plaintext or digest. */
export interface OperatorTokenSummary {
  id: string
  name: string
  createdBy: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

interface OperatorTokenRow {
  id: string
  name: string
  created_by: string
  created_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
}

const LAST_USED_STAMP_MS = 60_000
const MAX_NAME_LENGTH = 100

function toSummary(row: OperatorTokenRow): OperatorTokenSummary {
  return {
    id: row.id,
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

/**
 * Operator tokens: `cfo_` + 32 random bytes (base62) + CRC32 checksum, stored only as HMAC-SHA256
 * under their own pepper (HKDF of `COFFER_TOKEN_SECRET`, label `coffer/operator-token-hash`).
 * Never tenant-scoped; revocation takes effect on the next request (no verification cache).
 * Creation and revocation are written to the system audit log.
 */
export class OperatorTokens {
  readonly #db: Database
  readonly #pepper: Uint8Array
  readonly #clock: Clock
  readonly #audit: SystemAudit
  readonly #lastStamped = new Map<string, number>()

  constructor(options: { db: Database; pepper: Uint8Array; clock: Clock; audit: SystemAudit }) {
    this.#db = options.db
    this.#pepper = options.pepper
    this.#clock = options.clock
    this.#audit = options.audit
  }

  /**
   * Issues an operator token; the plaintext is in the result only (shown once).
   * @throws VALIDATION_FAILED for a name that is empty or longer than 100 characters
   */
  async create(options: { name: string; actor: string }): Promise<OperatorTokenSummary & { token: string }> {
    if (options.name.length === 0 || options.name.length > MAX_NAME_LENGTH) {
      throw new CofferError('VALIDATION_FAILED', 'name must be 1-100 characters')
    }
    const now = new Date(this.#clock.now())
    const id = uuidV7(now.getTime())
    const token = generateOperatorToken()
    await withAdmin(this.#db, async (sql) => {
      await sql.query(
        `INSERT INTO operator_tokens (id, name, token_hash, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, options.name, hashApiToken(this.#pepper, token), options.actor, now],
      )
      await this.#audit.append(sql, {
        actor: options.actor,
        action: 'operator_token.created',
        resource: `operator_token:${id}`,
      })
    })
    return {
      id,
      name: options.name,
      createdBy: options.actor,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      token,
    }
  }

  /** Every operator token, oldest first, revoked ones included. */
  async list(): Promise<OperatorTokenSummary[]> {
    const { rows } = await withAdmin(this.#db, (sql) =>
      sql.query<OperatorTokenRow>(
        'SELECT id, name, created_by, created_at, last_used_at, revoked_at FROM operator_tokens ORDER BY id',
      ),
    )
    return rows.map(toSummary)
  }

  /**
   * Revokes an operator token at once (revoking a revoked one changes nothing).
   * @throws VALIDATION_FAILED for an id that is not a UUID; NOT_FOUND
   */
  async revoke(id: string, actor: string): Promise<OperatorTokenSummary> {
    if (!isUuid(id)) throw new CofferError('VALIDATION_FAILED', 'id must be a UUID')
    const row = await withAdmin(this.#db, async (sql) => {
      const { rows } = await sql.query<OperatorTokenRow>(
        `UPDATE operator_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1
         RETURNING id, name, created_by, created_at, last_used_at, revoked_at`,
        [id, new Date(this.#clock.now())],
      )
      if (!rows[0]) throw new CofferError('NOT_FOUND', 'no operator token with this id')
      await this.#audit.append(sql, {
        actor,
        action: 'operator_token.revoked',
        resource: `operator_token:${id}`,
      })
      return rows[0]
    })
    return toSummary(row)
  }

  /**
   * Turns a presented bearer token into the operator principal. Anything that is not a well-formed
   * `cfo_` token (a tenant `cf_` token included) is refused before any lookup.
   * @throws TOKEN_INVALID, TOKEN_REVOKED
   */
  async authenticate(presented: string): Promise<OperatorPrincipal> {
    if (!hasValidOperatorTokenChecksum(presented)) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    const hash = hashApiToken(this.#pepper, presented)
    const { rows } = await withAdmin(this.#db, (sql) =>
      sql.query<{ id: string; revoked_at: Date | null }>(
        'SELECT id, revoked_at FROM operator_tokens WHERE token_hash = $1',
        [hash],
      ),
    )
    const row = rows[0]
    if (!row) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    if (row.revoked_at !== null) throw new CofferError('TOKEN_REVOKED', 'token was revoked')
    this.#stampLastUse(row.id)
    return { kind: 'operator', credentialId: row.id, actor: `operator:${row.id}` }
  }

  /** Writes last_used_at at most once a minute per token, off the request's path. */
  #stampLastUse(id: string): void {
    const now = this.#clock.now()
    if (now - (this.#lastStamped.get(id) ?? Number.NEGATIVE_INFINITY) < LAST_USED_STAMP_MS) return
    this.#lastStamped.set(id, now)
    void withAdmin(this.#db, (sql) =>
      sql.query('UPDATE operator_tokens SET last_used_at = $2 WHERE id = $1', [id, new Date(now)]),
    ).catch(() => undefined)
  }
}
