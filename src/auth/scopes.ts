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

/** Who is calling: the token's org, id and scopes. Lives on the request, never in a module global. */
export interface Principal {
  orgId: OrgId
  tokenId: string
  scopes: readonly Scope[]
  /** How this principal appears in the audit log. */
  actor: string
}

/**
 * Refuses a principal that lacks `scope` (`admin` carries every scope).
 * @throws INSUFFICIENT_SCOPE
 */
export function requireScope(principal: Principal, scope: Scope): void {
  if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
    throw new CofferError('INSUFFICIENT_SCOPE', `this route needs the ${scope} scope`)
  }
}
