/**
 * Whether the credential behind an audit actor (`token:<id>` or `session:<id>`) would still be
 * let in now: for work that a credential started and that finishes later without it (the
 * connector callback, which the provider's redirect sends with no Coffer credential). The checks
 * are those of `ApiTokens.authenticate` and `SessionService.authenticate`, read fresh by id.
 * Scopes are not re-checked: a token's scopes never change, and every role grants the scopes a
 * member has (ROLE_SCOPES), so a credential still let in holds what it held.
 */
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { ApiTokens } from './api-tokens.js'
import type { SessionService } from './sessions.js'

const ACTOR = /^(token|session):([0-9a-f-]{36})$/

/** The error the credential of `actor` would now be refused with, or null when it is live. */
export type CredentialRefusal = (orgId: OrgId, actor: string) => Promise<CofferError | null>

/**
 * TOKEN_INVALID, TOKEN_REVOKED (also its user no longer a member), TOKEN_EXPIRED, SESSION_INVALID
 * (unknown, revoked, expired or its membership gone), ACCOUNT_SUSPENDED (org or user); TOKEN_INVALID
 * for an actor that names no token or session.
 */
export function credentialRefusal(deps: {
  db: Database
  tokens: Pick<ApiTokens, 'refusalById'>
  sessions: Pick<SessionService, 'refusalById'>
}): CredentialRefusal {
  return async (orgId, actor) => {
    const match = ACTOR.exec(actor)
    if (!match) return new CofferError('TOKEN_INVALID', 'the credential that started this is unknown')
    return match[1] === 'token'
      ? deps.tokens.refusalById(deps.db, orgId, match[2]!)
      : deps.sessions.refusalById(deps.db, orgId, match[2]!)
  }
}
