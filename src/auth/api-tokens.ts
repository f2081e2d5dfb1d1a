import { generateApiToken, hashApiToken, hasValidTokenChecksum } from '../crypto/api-token.js'
import { withAdmin } from '../db/admin-door.js'
import { asOrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { Principal, Scope } from './scopes.js'

/** A token as issued: the plaintext is returned once and never stored. */
export interface IssuedToken {
  id: string
  token: string
}

interface TokenLookupRow {
  org_id: string
  id: string
  scopes: Scope[]
  expires_at: Date | null
  revoked_at: Date | null
  org_suspended_at: Date | null
}

/**
 * API tokens: `cf_` + 32 random bytes (base62) + CRC32 checksum, stored only as
 * HMAC-SHA256 under the server-held pepper (`COFFER_TOKEN_SECRET`).
 */
export class ApiTokens {
  readonly #pepper: Uint8Array
  readonly #clock: Clock

  constructor(options: { pepper: Uint8Array; clock: Clock }) {
    this.#pepper = options.pepper
    this.#clock = options.clock
  }

  /** Issues a token in the caller's tenant transaction; the plaintext is in the result only. */
  async issue(
    sql: TenantSql,
    input: { name: string; scopes: readonly Scope[]; expiresAt?: Date },
  ): Promise<IssuedToken> {
    const id = uuidV7(this.#clock.now())
    const token = generateApiToken()
    await sql.query(
      `INSERT INTO api_tokens (org_id, id, name, token_hash, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [sql.orgId, id, input.name, hashApiToken(this.#pepper, token), input.scopes, input.expiresAt ?? null],
    )
    return { id, token }
  }

  /**
   * Turns a presented bearer token into a principal. A malformed token or bad checksum is refused
   * before any database lookup. Suspension is decided here, next to the lookup, for every route.
   * @throws TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, ACCOUNT_SUSPENDED
   */
  async authenticate(db: Database, presented: string): Promise<Principal> {
    if (!hasValidTokenChecksum(presented)) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    const hash = hashApiToken(this.#pepper, presented)
    const row = await withAdmin(db, async (sql) => {
      const { rows } = await sql.query<TokenLookupRow>(
        `SELECT t.org_id, t.id, t.scopes, t.expires_at, t.revoked_at, o.suspended_at AS org_suspended_at
         FROM api_tokens t JOIN orgs o ON o.id = t.org_id
         WHERE t.token_hash = $1`,
        [hash],
      )
      return rows[0]
    })
    if (!row) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    if (row.revoked_at !== null) throw new CofferError('TOKEN_REVOKED', 'token was revoked')
    if (row.expires_at !== null && row.expires_at.getTime() <= this.#clock.now()) {
      throw new CofferError('TOKEN_EXPIRED', 'token has expired')
    }
    if (row.org_suspended_at !== null) throw new CofferError('ACCOUNT_SUSPENDED', 'the org is suspended')
    return { orgId: asOrgId(row.org_id), tokenId: row.id, scopes: row.scopes, actor: `token:${row.id}` }
  }
}
