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
}

/** Requests per minute by plan, when neither the token nor the org sets a limit. */
export const PLAN_RATE_LIMITS: Readonly<Record<string, number>> = { free: 60, pro: 600, enterprise: 6000 }

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
