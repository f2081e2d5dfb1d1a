/**
 * A credential never hands out, changes or reaches more than it holds. Its reach has five
 * dimensions, compared the same way for every token a caller creates, lists, rotates or revokes:
 *
 * - scopes: only scopes the caller holds (`admin` holds every scope);
 * - namespace: a namespace-restricted caller reaches only tokens restricted to its namespace;
 * - agent: a caller bound to agent X reaches tokens of agent X and tokens without an agent; a caller
 *   with neither an agent nor a namespace restriction stands for the whole org and reaches every
 *   agent (this is how an owner makes agent tokens); any other caller only tokens without an agent;
 * - expiry: never later than the caller's own end (a session's end for a session);
 * - rate limit: never above the caller's effective limit, nor above the org's effective limit
 *   (the operator's word: `coffer org limit`, else the plan's).
 *
 * A caller always reaches its own token (revoking or rotating itself gives nothing new). A session
 * lists and revokes tokens that outlive it (its user logs in again; cutting a token off hands out
 * nothing), but rotates only those that do not (a rotation hands out a new credential).
 */
import { CofferError } from '../errors.js'
import { holdsScope, type Principal, SCOPES, type Scope } from './scopes.js'

/** What a new token would carry, as asked for (undefined: not asked). */
export interface ChildTokenRequest {
  scopes: readonly Scope[]
  agent: string | undefined
  expiresAt: Date | undefined
  rateLimitPerMinute: number | undefined
}

/** The agent, expiry and limit a new token gets once checked against its creator. */
export interface ChildTokenTerms {
  agent: string | null
  expiresAt: Date | null
  rateLimitPerMinute: number | null
}

function refuse(message: string): never {
  throw new CofferError('INSUFFICIENT_SCOPE', message)
}

/** True when `caller` may hold or hand out a token bound to `agent` (null: no agent). */
export function reachesAgent(
  caller: Pick<Principal, 'agent' | 'namespaceId'>,
  agent: string | null,
): boolean {
  return agent === null || agent === caller.agent || (caller.agent === null && caller.namespaceId === null)
}

/**
 * Checks a new token against its creator. Unasked, the expiry is the creator's own and the limit
 * the creator's when that is below the org's (null otherwise: the token follows the org's limit).
 * The namespace is checked by the caller (it needs a lookup).
 * @throws INSUFFICIENT_SCOPE naming the field that asks for more than the creator holds
 */
export function childTokenTerms(
  creator: Principal,
  request: ChildTokenRequest,
  orgLimitPerMinute: number,
): ChildTokenTerms {
  const beyond = request.scopes.filter((scope) => !holdsScope(creator, scope))
  if (beyond.length > 0) refuse(`a token cannot carry scopes its creator lacks: ${beyond.join(', ')}`)
  const agent = request.agent ?? null
  if (!reachesAgent(creator, agent))
    refuse('agent: a token cannot act as an agent its creator does not reach')
  if (
    request.expiresAt !== undefined &&
    creator.expiresAt !== null &&
    request.expiresAt.getTime() > creator.expiresAt.getTime()
  ) {
    refuse('expires_in_seconds: a token cannot outlive its creator')
  }
  const cap = Math.min(creator.rateLimitPerMinute, orgLimitPerMinute)
  if (request.rateLimitPerMinute !== undefined && request.rateLimitPerMinute > cap) {
    refuse("rate_limit_per_minute: a token cannot exceed its creator's or its org's limit")
  }
  return {
    agent,
    expiresAt: request.expiresAt ?? creator.expiresAt,
    rateLimitPerMinute: request.rateLimitPerMinute ?? (cap < orgLimitPerMinute ? cap : null),
  }
}

/**
 * The SQL predicate over `api_tokens t` true for the tokens `caller` reaches (parameters from
 * `$first` on): what `list` shows and `revoke` may touch (`purpose: 'see'`), and what `rotate`
 * may touch (`purpose: 'rotate'`).
 */
export function tokenReachPredicate(
  caller: Principal,
  options: { orgLimitPerMinute: number; first: number; purpose: 'see' | 'rotate' },
): { sql: string; params: unknown[] } {
  const { orgLimitPerMinute, first } = options
  const [self, scopes, ns, agent, orgWide, expires, orgLimit, limit] = Array.from(
    { length: 8 },
    (_, index) => `$${first + index}`,
  )
  return {
    sql: `(t.id = ${self}::uuid OR (
      t.scopes <@ ${scopes}::text[]
      AND (${ns}::uuid IS NULL OR t.namespace_id = ${ns}::uuid)
      AND (t.agent IS NULL OR t.agent = ${agent}::text OR ${orgWide}::boolean)
      AND (${expires}::timestamptz IS NULL OR t.expires_at <= ${expires}::timestamptz)
      AND coalesce(t.rate_limit_per_minute, ${orgLimit}::integer) <= ${limit}::integer))`,
    params: [
      caller.kind === 'token' ? caller.credentialId : null,
      holdsScope(caller, 'admin') ? [...SCOPES] : [...caller.scopes],
      caller.namespaceId,
      caller.agent,
      caller.agent === null && caller.namespaceId === null,
      caller.kind === 'session' && options.purpose === 'see' ? null : caller.expiresAt,
      orgLimitPerMinute,
      caller.rateLimitPerMinute,
    ],
  }
}
