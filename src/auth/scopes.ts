import type { OrgId } from '../db/org-id.js'
import { CofferError } from '../errors.js'

/** Every scope a token can carry. */
export const SCOPES = [
  'records:read',
  'records:write',
  'secrets:write',
  'secrets:resolve',
  'audit:read',
  'admin',
] as const

export type Scope = (typeof SCOPES)[number]

/** Roles of a membership, and the most each may ever be granted. */
export const ROLE_SCOPES: Readonly<Record<'owner' | 'admin' | 'member', readonly Scope[]>> = {
  owner: SCOPES,
  admin: SCOPES,
  member: ['records:read', 'records:write', 'secrets:write', 'secrets:resolve'],
}

export type Role = keyof typeof ROLE_SCOPES

/**
 * Who is calling, from an API token or a session. Lives on the request, never in a module global.
 * `scopes` are already capped by the user's role: a token never grants more than its user may do.
 */
export interface Principal {
  orgId: OrgId
  kind: 'token' | 'session'
  /** The token's or the session's id. */
  credentialId: string
  /** The user behind it; null for operator tokens made by `coffer org create`. */
  userId: string | null
  scopes: readonly Scope[]
  /** How this principal appears in the audit log: `token:<id>` or `session:<id>`. */
  actor: string
  /** The agent the token acts as (record visibility); null for none. */
  agent: string | null
  /** The only namespace the token may reach; null for all. */
  namespaceId: string | null
  /** Requests per minute for this principal: the token's own limit, else the org's, else its plan's. */
  rateLimitPerMinute: number
  /** When the credential stops working (a token's expiry or grace end, a session's end); null for never. */
  expiresAt: Date | null
}

/** A plan of the deployer's plan table (`COFFER_PLANS`). Quotas other than the rate limit are optional. */
export interface Plan {
  /** Requests per minute of each credential of the org, when neither the token nor the org sets one. */
  rateLimitPerMinute: number
  /** Bytes of record envelopes the org may store (usage/record-quota.ts: 413 QUOTA_EXCEEDED past it). */
  storageBytes?: number
  /** Records the org may store (usage/record-quota.ts). */
  records?: number
  /** Live (not revoked) API tokens the org may hold; checked by `TokenManagement.create` (usage/object-limits.ts). */
  maxTokens?: number
  /** Webhook endpoints the org may hold (never more than the server's own cap). */
  maxWebhookEndpoints?: number
}

/** Plans by name; the first one is the plan of a new org that names none. */
export type PlanTable = Readonly<Record<string, Plan>>

/** The plan table when `COFFER_PLANS` is unset. */
export const DEFAULT_PLANS: PlanTable = {
  free: { rateLimitPerMinute: 60 },
  pro: { rateLimitPerMinute: 600 },
  enterprise: { rateLimitPerMinute: 6000 },
}

/**
 * The org's own limit when an operator set one (`coffer org limit`), else its plan's. A plan the
 * table no longer has gets the table's lowest limit (fails towards less, never towards more).
 */
export function orgRateLimit(
  org: { plan: string; rate_limit_per_minute: number | null },
  plans: PlanTable = DEFAULT_PLANS,
): number {
  if (org.rate_limit_per_minute !== null) return org.rate_limit_per_minute
  const plan = Object.hasOwn(plans, org.plan) ? plans[org.plan] : undefined
  return plan?.rateLimitPerMinute ?? Math.min(...Object.values(plans).map((p) => p.rateLimitPerMinute))
}

/** The scopes a credential carries, capped by what the user's role allows (no user: no cap). */
export function effectiveScopes(granted: readonly Scope[], role: Role | null): Scope[] {
  if (role === null) return [...granted]
  return granted.filter((scope) => ROLE_SCOPES[role].includes(scope))
}

/** True when the principal holds `scope` (`admin` carries every scope). */
export function holdsScope(principal: Pick<Principal, 'scopes'>, scope: Scope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes('admin')
}

/**
 * Refuses a principal that lacks `scope` (`admin` carries every scope).
 * @throws INSUFFICIENT_SCOPE
 */
export function requireScope(principal: Principal, scope: Scope): void {
  if (!holdsScope(principal, scope)) {
    throw new CofferError('INSUFFICIENT_SCOPE', `this route needs the ${scope} scope`)
  }
}

/**
 * Refuses a namespace-restricted principal: for routes that change the whole org's configuration
 * (namespaces, grants), which no namespace-restricted credential may do.
 * @throws INSUFFICIENT_SCOPE
 */
export function requireOrgWide(principal: Principal): void {
  if (principal.namespaceId !== null) {
    throw new CofferError('INSUFFICIENT_SCOPE', 'this token is restricted to one namespace')
  }
}
