import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { requireWithinPlanLimit } from '../usage/object-limits.js'
import type { ApiTokens, IssuedToken } from './api-tokens.js'
import { childTokenTerms, tokenReachPredicate } from './credential-reach.js'
import { DEFAULT_PLANS, orgRateLimit, type PlanTable, type Principal, type Scope } from './scopes.js'

/** A token as listed: never its hash, never its plaintext. */
export interface TokenView {
  id: string
  name: string
  scopes: Scope[]
  user_id: string | null
  agent: string | null
  namespace: string | null
  rate_limit_per_minute: number | null
  created_at: string
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
  rotated_to: string | null
}

/** Emits a token's creation or revocation (id and name, never the token), in the change's transaction. */
export type TokenEventEmitter = (
  sql: TenantSql,
  event: { type: 'token.created' | 'token.revoked'; data: { id: string; name: string } },
) => Promise<void>

/** What a caller asks for when creating a token. */
export interface CreateTokenInput {
  name: string
  scopes: Scope[]
  agent?: string | undefined
  namespace?: string | undefined
  expiresInSeconds?: number | undefined
  rateLimitPerMinute?: number | undefined
}

interface TokenRow {
  id: string
  name: string
  scopes: Scope[]
  user_id: string | null
  agent: string | null
  namespace: string | null
  namespace_id: string | null
  rate_limit_per_minute: number | null
  created_at: Date
  expires_at: Date | null
  revoked_at: Date | null
  last_used_at: Date | null
  rotated_to: string | null
}

const TOKEN_COLUMNS = `t.id, t.name, t.scopes, t.user_id, t.agent, n.name AS namespace, t.namespace_id,
  t.rate_limit_per_minute, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, t.rotated_to`
/** Default grace period of a rotated token. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 60 * 60

function toView(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    user_id: row.user_id,
    agent: row.agent,
    namespace: row.namespace,
    rate_limit_per_minute: row.rate_limit_per_minute,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    last_used_at: row.last_used_at?.toISOString() ?? null,
    rotated_to: row.rotated_to,
  }
}

/**
 * Creating, listing, revoking and rotating an org's tokens. A token never carries more than its
 * creator holds, and belongs to the creator's user; every change is audited.
 */
export class TokenManagement {
  readonly #tokens: ApiTokens
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #emit: TokenEventEmitter
  readonly #plans: PlanTable

  constructor(options: {
    tokens: ApiTokens
    audit: AuditLog
    clock: Clock
    /** Emits `token.created|revoked` (id and name) in the change's transaction: the webhooks outbox. */
    emit?: TokenEventEmitter
    /** The deployer's plans (COFFER_PLANS): the org's rate limit when it sets none, and `max_tokens`. */
    plans?: PlanTable
  }) {
    this.#tokens = options.tokens
    this.#audit = options.audit
    this.#clock = options.clock
    this.#emit = options.emit ?? (async () => undefined)
    this.#plans = options.plans ?? DEFAULT_PLANS
  }

  /**
   * Creates a token for the caller's user; returns it with its plaintext, shown once. The token
   * never reaches more than its creator (see credential-reach.ts): unasked, it ends when its
   * creator ends and keeps its creator's limit.
   * The org's plan's `max_tokens` is checked here, in the caller's transaction, for every caller.
   * @throws INSUFFICIENT_SCOPE when asking for a scope, namespace, agent, expiry or limit beyond the
   *   creator's; VALIDATION_FAILED for an unknown namespace; LIMIT_REACHED past the plan's
   *   `max_tokens` (the caller's transaction must then roll back, as throwing does).
   */
  async create(
    sql: TenantSql,
    creator: Principal,
    input: CreateTokenInput,
  ): Promise<TokenView & IssuedToken> {
    const terms = childTokenTerms(
      creator,
      {
        scopes: input.scopes,
        agent: input.agent,
        expiresAt:
          input.expiresInSeconds === undefined
            ? undefined
            : new Date(this.#clock.now() + input.expiresInSeconds * 1000),
        rateLimitPerMinute: input.rateLimitPerMinute,
      },
      await this.#orgLimit(sql),
    )
    const namespaceId =
      input.namespace === undefined ? creator.namespaceId : await this.#namespaceId(sql, input.namespace)
    if (creator.namespaceId !== null && namespaceId !== creator.namespaceId) {
      throw new CofferError(
        'INSUFFICIENT_SCOPE',
        'namespace: a namespace-restricted token can only create tokens for its namespace',
      )
    }
    const issued = await this.#tokens.issue(sql, {
      name: input.name,
      scopes: input.scopes,
      userId: creator.userId,
      agent: terms.agent,
      namespaceId,
      expiresAt: terms.expiresAt,
      rateLimitPerMinute: terms.rateLimitPerMinute,
    })
    // The plan's max_tokens, counted with this one: throwing rolls the caller's transaction back.
    await requireWithinPlanLimit(sql, this.#plans, 'tokens')
    await this.#audit.append(sql, {
      actor: creator.actor,
      action: 'token.created',
      resource: `token:${issued.id}`,
    })
    await this.#emit(sql, { type: 'token.created', data: { id: issued.id, name: input.name } })
    return { ...(await this.#get(sql, issued.id)), ...issued }
  }

  /**
   * Lists the tokens the caller reaches (its own always), newest first, with a cursor (the last id
   * of the previous page).
   */
  async list(
    sql: TenantSql,
    caller: Principal,
    options: { limit: number; afterId?: string | undefined },
  ): Promise<{ items: TokenView[]; next_cursor: string | null }> {
    const reach = tokenReachPredicate(caller, {
      orgLimitPerMinute: await this.#orgLimit(sql),
      first: 4,
      purpose: 'see',
    })
    const { rows } = await sql.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens t LEFT JOIN namespaces n ON n.org_id = t.org_id AND n.id = t.namespace_id
       WHERE t.org_id = $1 AND ($2::uuid IS NULL OR t.id < $2::uuid) AND ${reach.sql} ORDER BY t.id DESC LIMIT $3`,
      [sql.orgId, options.afterId ?? null, options.limit + 1, ...reach.params],
    )
    const page = rows.slice(0, options.limit)
    return {
      items: page.map(toView),
      next_cursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    }
  }

  /**
   * Revokes a token the caller reaches, at once; audited as `token.revoked`. Idempotent.
   * @throws NOT_FOUND (also for a token beyond the caller's reach)
   */
  async revoke(sql: TenantSql, actor: Principal, tokenId: string): Promise<void> {
    const reach = tokenReachPredicate(actor, {
      orgLimitPerMinute: await this.#orgLimit(sql),
      first: 4,
      purpose: 'see',
    })
    const { rows } = await sql.query<{ name: string }>(
      `UPDATE api_tokens t SET revoked_at = coalesce(revoked_at, $3) WHERE t.org_id = $1 AND t.id = $2
         AND ${reach.sql}
       RETURNING name`,
      [sql.orgId, tokenId, new Date(this.#clock.now()), ...reach.params],
    )
    const revoked = rows[0]
    if (!revoked) throw new CofferError('NOT_FOUND', 'no token with this id')
    await this.#audit.append(sql, {
      actor: actor.actor,
      action: 'token.revoked',
      resource: `token:${tokenId}`,
    })
    await this.#emit(sql, { type: 'token.revoked', data: { id: tokenId, name: revoked.name } })
    this.#tokens.forgetCachedVerifications()
  }

  /**
   * Rotates a token the caller reaches: a new one with the same name, scopes, agent, namespace and
   * expiry (its limit capped at the org's); the old one keeps working for `graceSeconds` (0
   * allowed), then answers TOKEN_EXPIRED. A token is rotated once: its successor is rotated next.
   * Audited as `token.rotated`.
   * @throws NOT_FOUND (also beyond the caller's reach); CONFLICT when the token is revoked,
   *   expired or already rotated
   */
  async rotate(
    sql: TenantSql,
    actor: Principal,
    tokenId: string,
    graceSeconds: number,
  ): Promise<TokenView & IssuedToken> {
    const orgLimit = await this.#orgLimit(sql)
    const old = await this.#row(
      sql,
      tokenId,
      tokenReachPredicate(actor, { orgLimitPerMinute: orgLimit, first: 3, purpose: 'rotate' }),
    )
    const now = this.#clock.now()
    if (old.revoked_at !== null) throw new CofferError('CONFLICT', 'a revoked token cannot be rotated')
    if (old.rotated_to !== null) throw new CofferError('CONFLICT', 'this token was already rotated')
    if (old.expires_at !== null && old.expires_at.getTime() <= now) {
      throw new CofferError('CONFLICT', 'an expired token cannot be rotated')
    }
    const graceEnd = new Date(now + graceSeconds * 1000)
    const issued = await this.#tokens.issue(sql, {
      name: old.name,
      scopes: old.scopes,
      userId: old.user_id,
      agent: old.agent,
      namespaceId: old.namespace_id,
      expiresAt: old.expires_at,
      rateLimitPerMinute:
        old.rate_limit_per_minute === null ? null : Math.min(old.rate_limit_per_minute, orgLimit),
    })
    await sql.query(
      `UPDATE api_tokens SET rotated_to = $3,
         expires_at = CASE WHEN expires_at IS NULL OR expires_at > $4 THEN $4 ELSE expires_at END
       WHERE org_id = $1 AND id = $2`,
      [sql.orgId, tokenId, issued.id, graceEnd],
    )
    await this.#audit.append(sql, {
      actor: actor.actor,
      action: 'token.rotated',
      resource: `token:${tokenId}`,
    })
    this.#tokens.forgetCachedVerifications()
    return { ...(await this.#get(sql, issued.id)), ...issued }
  }

  async #get(sql: TenantSql, tokenId: string): Promise<TokenView> {
    return toView(await this.#row(sql, tokenId))
  }

  /** One token; with `reach`, only if the caller reaches it, locked until the transaction ends. */
  async #row(
    sql: TenantSql,
    tokenId: string,
    reach: { sql: string; params: unknown[] } = { sql: 'TRUE', params: [] },
  ): Promise<TokenRow> {
    const { rows } = await sql.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens t LEFT JOIN namespaces n ON n.org_id = t.org_id AND n.id = t.namespace_id
       WHERE t.org_id = $1 AND t.id = $2 AND ${reach.sql} FOR UPDATE OF t`,
      [sql.orgId, tokenId, ...reach.params],
    )
    if (!rows[0]) throw new CofferError('NOT_FOUND', 'no token with this id')
    return rows[0]
  }

  /** The org's effective limit: the operator's (`coffer org limit`), else the plan's. */
  async #orgLimit(sql: TenantSql): Promise<number> {
    const { rows } = await sql.query<{ plan: string; rate_limit_per_minute: number | null }>(
      'SELECT plan, rate_limit_per_minute FROM orgs WHERE id = $1',
      [sql.orgId],
    )
    if (!rows[0]) throw new CofferError('NOT_FOUND', 'no org with this id')
    return orgRateLimit(rows[0], this.#plans)
  }

  async #namespaceId(sql: TenantSql, name: string): Promise<string> {
    const { rows } = await sql.query<{ id: string }>(
      'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
      [sql.orgId, name],
    )
    if (!rows[0]) throw new CofferError('VALIDATION_FAILED', 'namespace: no namespace with this name')
    return rows[0].id
  }
}
