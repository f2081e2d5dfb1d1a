/**
 * Whether the credential behind an audit actor (`token:<id>` or `session:<id>`) would still be
 * let in now: for work that a credential started and that finishes later without it
 * (the connector callback, which the provider's redirect sends with no Coffer credential). The
 * checks are those of `ApiTokens.authenticate` and `SessionService.authenticate`, read by id.
 * Scopes are not re-checked: a token's scopes never change, and every role grants the scopes a
 * member has (ROLE_SCOPES), so a credential still let in holds what it held.
 */
import { withAdmin } from '../db/admin-door.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Role } from './scopes.js'

const ACTOR = /^(token|session):([0-9a-f-]{36})$/

interface CredentialRow {
  expires_at: Date | null
  revoked_at: Date | null
  role: Role | null
  has_user: boolean
  org_suspended_at: Date | null
  user_suspended_at: Date | null
}

/**
 * The error the credential of `actor` in `orgId` would be refused with at `nowMs`, or null when it
 * is still live: TOKEN_REVOKED (also its user no longer a member), TOKEN_EXPIRED, SESSION_INVALID
 * (revoked, expired or its membership gone), ACCOUNT_SUSPENDED (org or user); TOKEN_INVALID for
 * an unknown token.
 */
export async function credentialRefusal(
  db: Database,
  orgId: OrgId,
  actor: string,
  nowMs: number,
): Promise<CofferError | null> {
  const match = ACTOR.exec(actor)
  if (!match) return new CofferError('TOKEN_INVALID', 'the credential that started this is unknown')
  const kind = match[1] as 'token' | 'session'
  const row = await withAdmin(db, async (sql) => {
    const { rows } = await sql.query<CredentialRow>(
      kind === 'token'
        ? `SELECT t.expires_at, t.revoked_at, m.role, t.user_id IS NOT NULL AS has_user,
                  o.suspended_at AS org_suspended_at, u.suspended_at AS user_suspended_at
           FROM api_tokens t
           JOIN orgs o ON o.id = t.org_id
           LEFT JOIN memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
           LEFT JOIN users u ON u.id = t.user_id
           WHERE t.org_id = $1 AND t.id = $2`
        : `SELECT s.expires_at, s.revoked_at, m.role, true AS has_user,
                  o.suspended_at AS org_suspended_at, u.suspended_at AS user_suspended_at
           FROM sessions s
           JOIN orgs o ON o.id = s.org_id
           LEFT JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id
           LEFT JOIN users u ON u.id = s.user_id
           WHERE s.org_id = $1 AND s.id = $2`,
      [orgId, match[2]],
    )
    return rows[0]
  })
  if (!row) {
    return kind === 'token'
      ? new CofferError('TOKEN_INVALID', 'the token that started this is unknown')
      : new CofferError('SESSION_INVALID', 'the session that started this is unknown, expired or revoked')
  }
  const expired = row.expires_at !== null && row.expires_at.getTime() <= nowMs
  if (kind === 'session' && (row.revoked_at !== null || expired || row.role === null)) {
    return new CofferError('SESSION_INVALID', 'the session that started this is unknown, expired or revoked')
  }
  if (row.revoked_at !== null || (row.has_user && row.role === null)) {
    return new CofferError('TOKEN_REVOKED', 'the token that started this was revoked')
  }
  if (expired) return new CofferError('TOKEN_EXPIRED', 'the token that started this has expired')
  if (row.org_suspended_at !== null || row.user_suspended_at !== null) {
    return new CofferError('ACCOUNT_SUSPENDED', 'the account is suspended')
  }
  return null
}
