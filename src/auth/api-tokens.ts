import { generateApiToken, hashApiToken, hasValidTokenChecksum } from '../crypto/api-token.js'
import { withAdmin } from '../db/admin-door.js'
import { asOrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import {
  DEFAULT_PLANS,
  effectiveScopes,
  orgRateLimit,
  type PlanTable,
  type Principal,
  type Role,
  type Scope,
} from './scopes.js'

/** A token as issued: the plaintext is returned once and never stored. */
export interface IssuedToken {
  id: string
  token: string
}

/** What a new token may carry besides its name and scopes. */
export interface TokenOptions {
  name: string
  scopes: readonly Scope[]
  userId?: string | null
  agent?: string | null
  namespaceId?: string | null
  expiresAt?: Date | null
  rateLimitPerMinute?: number | null
}

interface TokenLookupRow {
  org_id: string
  id: string
  user_id: string | null
  scopes: Scope[]
  expires_at: Date | null
  revoked_at: Date | null
  agent: string | null
  namespace_id: string | null
  rate_limit_per_minute: number | null
  org_suspended_at: Date | null
  org_plan: string
  org_rate_limit_per_minute: number | null
  role: Role | null
  user_suspended_at: Date | null
}

interface CachedLookup {
  row: TokenLookupRow | undefined
  fetchedAtMs: number
}

/** Verification results are reused for at most this long: revocation reaches every instance within it. */
export const TOKEN_CACHE_SECONDS = 5
const LAST_USED_STAMP_MS = 60_000
const MAX_CACHED_TOKENS = 10_000

/**
 * API tokens: `cf_` + 32 random bytes (base62) + CRC32 checksum, stored only as HMAC-SHA256
 * under a pepper derived from `COFFER_TOKEN_SECRET`. Verification is a checksum check, one HMAC
 * and one indexed lookup, whose result is cached for at most 5 seconds (and dropped at once on
 * this instance when it revokes, rotates or suspends).
 */
export class ApiTokens {
  readonly #pepper: Uint8Array
  readonly #clock: Clock
  readonly #plans: PlanTable
  readonly #cache = new Map<string, CachedLookup>()
  readonly #lastStamped = new Map<string, number>()

  constructor(options: { pepper: Uint8Array; clock: Clock; plans?: PlanTable }) {
    this.#pepper = options.pepper
    this.#clock = options.clock
    this.#plans = options.plans ?? DEFAULT_PLANS
  }

  /** Issues a token in the caller's tenant transaction; the plaintext is in the result only. */
  async issue(sql: TenantSql, options: TokenOptions): Promise<IssuedToken> {
    const id = uuidV7(this.#clock.now())
    const token = generateApiToken()
    await sql.query(
      `INSERT INTO api_tokens (org_id, id, user_id, name, token_hash, scopes, agent, namespace_id, expires_at,
                               rate_limit_per_minute, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        sql.orgId,
        id,
        options.userId ?? null,
        options.name,
        hashApiToken(this.#pepper, token),
        options.scopes,
        options.agent ?? null,
        options.namespaceId ?? null,
        options.expiresAt ?? null,
        options.rateLimitPerMinute ?? null,
        new Date(this.#clock.now()),
      ],
    )
    return { id, token }
  }

  /**
   * Turns a presented bearer token into a principal. A malformed token or bad checksum is refused
   * before any database lookup. Suspension (of the org or the token's user) is decided here, next
   * to the lookup, for every route.
   * @throws TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, ACCOUNT_SUSPENDED
   */
  async authenticate(db: Database, presented: string): Promise<Principal> {
    if (!hasValidTokenChecksum(presented)) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    const hash = hashApiToken(this.#pepper, presented)
    const row = await this.#lookup(db, hash)
    if (!row) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    if (row.revoked_at !== null) throw new CofferError('TOKEN_REVOKED', 'token was revoked')
    if (row.expires_at !== null && row.expires_at.getTime() <= this.#clock.now()) {
      throw new CofferError('TOKEN_EXPIRED', 'token has expired')
    }
    // A token whose user is no longer a member is as good as revoked (membership removal revokes it).
    if (row.user_id !== null && row.role === null) throw new CofferError('TOKEN_REVOKED', 'token was revoked')
    if (row.org_suspended_at !== null || row.user_suspended_at !== null) {
      throw new CofferError('ACCOUNT_SUSPENDED', 'the account is suspended')
    }
    this.#stampLastUse(db, row.id, hash)
    return {
      orgId: asOrgId(row.org_id),
      kind: 'token',
      credentialId: row.id,
      userId: row.user_id,
      scopes: effectiveScopes(row.scopes, row.role),
      actor: `token:${row.id}`,
      agent: row.agent,
      namespaceId: row.namespace_id,
      rateLimitPerMinute:
        row.rate_limit_per_minute ??
        orgRateLimit(
          { plan: row.org_plan, rate_limit_per_minute: row.org_rate_limit_per_minute },
          this.#plans,
        ),
      expiresAt: row.expires_at,
    }
  }

  /**
   * What `authenticate` would refuse the token `id` of `orgId` with now, read fresh by id (no
   * cache), or null when it would let it in: for work a token started that finishes without it
   * (the connector callback). TOKEN_INVALID (unknown), TOKEN_REVOKED (also its user no longer a
   * member), TOKEN_EXPIRED, ACCOUNT_SUSPENDED (org or user).
   */
  async refusalById(db: Database, orgId: string, id: string): Promise<CofferError | null> {
    const row = await withAdmin(db, async (sql) => {
      const { rows } = await sql.query<{
        user_id: string | null
        expires_at: Date | null
        revoked_at: Date | null
        role: string | null
        org_suspended_at: Date | null
        user_suspended_at: Date | null
      }>(
        `SELECT t.user_id, t.expires_at, t.revoked_at, m.role, o.suspended_at AS org_suspended_at,
                u.suspended_at AS user_suspended_at
         FROM api_tokens t
         JOIN orgs o ON o.id = t.org_id
         LEFT JOIN memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
         LEFT JOIN users u ON u.id = t.user_id
         WHERE t.org_id = $1 AND t.id = $2`,
        [orgId, id],
      )
      return rows[0]
    })
    if (!row) return new CofferError('TOKEN_INVALID', 'the token that started this is unknown')
    if (row.revoked_at !== null || (row.user_id !== null && row.role === null)) {
      return new CofferError('TOKEN_REVOKED', 'the token that started this was revoked')
    }
    if (row.expires_at !== null && row.expires_at.getTime() <= this.#clock.now()) {
      return new CofferError('TOKEN_EXPIRED', 'the token that started this has expired')
    }
    if (row.org_suspended_at !== null || row.user_suspended_at !== null) {
      return new CofferError('ACCOUNT_SUSPENDED', 'the account is suspended')
    }
    return null
  }

  /** Drops every cached verification (after a revocation, rotation or suspension on this instance). */
  forgetCachedVerifications(): void {
    this.#cache.clear()
  }

  async #lookup(db: Database, hash: Buffer): Promise<TokenLookupRow | undefined> {
    const key = hash.toString('base64')
    const cached = this.#cache.get(key)
    if (cached && this.#clock.now() - cached.fetchedAtMs < TOKEN_CACHE_SECONDS * 1000) return cached.row
    const row = await withAdmin(db, async (sql) => {
      const { rows } = await sql.query<TokenLookupRow>(
        `SELECT t.org_id, t.id, t.user_id, t.scopes, t.expires_at, t.revoked_at, t.agent, t.namespace_id,
                t.rate_limit_per_minute, o.suspended_at AS org_suspended_at, o.plan AS org_plan,
                o.rate_limit_per_minute AS org_rate_limit_per_minute, m.role, u.suspended_at AS user_suspended_at
         FROM api_tokens t
         JOIN orgs o ON o.id = t.org_id
         LEFT JOIN memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
         LEFT JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1`,
        [hash],
      )
      return rows[0]
    })
    if (this.#cache.size >= MAX_CACHED_TOKENS) this.#cache.clear()
    this.#cache.set(key, { row, fetchedAtMs: this.#clock.now() })
    return row
  }

  /** Writes last_used_at at most once a minute per token, off the request's path. */
  #stampLastUse(db: Database, tokenId: string, hash: Buffer): void {
    const now = this.#clock.now()
    if (now - (this.#lastStamped.get(tokenId) ?? Number.NEGATIVE_INFINITY) < LAST_USED_STAMP_MS) return
    this.#lastStamped.set(tokenId, now)
    if (this.#lastStamped.size > MAX_CACHED_TOKENS) this.#lastStamped.clear()
    void withAdmin(db, (sql) =>
      sql.query('UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1', [hash, new Date(now)]),
    ).catch(() => undefined)
  }
}
