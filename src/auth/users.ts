/**
 * Users (global: one person may belong to several orgs) and their memberships (per org, with a
 * role). Users are reached only through the admin door; memberships through the tenant door.
 */
import { withAdmin } from '../db/admin-door.js'
import type { Database } from '../db/sql.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { hashPassword } from './passwords.js'
import { ROLE_SCOPES, type Role } from './scopes.js'

/** The longest email address accepted (RFC 5321 path limit, rounded up as most services do). */
const EMAIL_MAX_LENGTH = 320
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/

function isPostgresError(error: unknown, code: '23503' | '23505'): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

/** The one form an email is stored and looked up in: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Creates a user, with a password (Argon2id) or without one (cannot log in until one is set).
 * @throws VALIDATION_FAILED naming `email` or `password`; CONFLICT when the email is taken.
 */
export async function createUser(
  db: Database,
  input: { email: string; password?: string },
): Promise<{ id: string }> {
  const email = normaliseEmail(input.email)
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw new CofferError('VALIDATION_FAILED', 'email must be an address like name@example.com')
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
  const id = uuidV7()
  try {
    await withAdmin(db, (sql) =>
      sql.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [
        id,
        email,
        passwordHash,
      ]),
    )
  } catch (error) {
    if (isPostgresError(error, '23505')) {
      throw new CofferError('CONFLICT', 'a user with this email exists', { cause: error })
    }
    throw error
  }
  return { id }
}

/**
 * Makes a user a member of the caller's org with a role.
 * @throws VALIDATION_FAILED for an unknown role; NOT_FOUND for an unknown user; CONFLICT when the
 *   user is a member already.
 */
export async function addMembership(sql: TenantSql, input: { userId: string; role: Role }): Promise<void> {
  if (!Object.hasOwn(ROLE_SCOPES, input.role)) {
    throw new CofferError('VALIDATION_FAILED', `role must be one of ${Object.keys(ROLE_SCOPES).join(', ')}`)
  }
  try {
    await sql.query('INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)', [
      sql.orgId,
      input.userId,
      input.role,
    ])
  } catch (error) {
    if (isPostgresError(error, '23505')) {
      throw new CofferError('CONFLICT', 'the user is a member already', { cause: error })
    }
    if (isPostgresError(error, '23503')) throw new CofferError('NOT_FOUND', 'no such user', { cause: error })
    throw error
  }
}

/**
 * Removes a user from the caller's org, in the caller's transaction: revokes every API token the
 * user holds in this org and every session they have open in it, then deletes the membership (the
 * sessions' foreign key cascades). The user's tokens and sessions in other orgs are untouched.
 *
 * Instances that cache token verifications (`ApiTokens`) should forget them after the commit.
 * @throws NOT_FOUND when the user is not a member of this org.
 */
export async function removeMembership(sql: TenantSql, userId: string): Promise<void> {
  const params = [sql.orgId, userId]
  await sql.query(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
     WHERE org_id = $1 AND user_id = $2`,
    params,
  )
  await sql.query(
    `UPDATE sessions SET revoked_at = coalesce(revoked_at, now())
     WHERE org_id = $1 AND user_id = $2`,
    params,
  )
  const deleted = await sql.query('DELETE FROM memberships WHERE org_id = $1 AND user_id = $2', params)
  if (deleted.rowCount === 0) throw new CofferError('NOT_FOUND', 'the user is not a member of this org')
}

/**
 * Suspends or unsuspends a user in every org: their logins, sessions and tokens then answer (or
 * stop answering) 403 ACCOUNT_SUSPENDED.
 * @throws NOT_FOUND when no user has this email.
 */
export async function setUserSuspended(
  db: Database,
  email: string,
  options: { suspended: boolean },
): Promise<void> {
  const { rowCount } = await withAdmin(db, (sql) =>
    sql.query(
      `UPDATE users SET suspended_at = CASE WHEN $2 THEN coalesce(suspended_at, now()) ELSE NULL END
       WHERE email = $1`,
      [normaliseEmail(email), options.suspended],
    ),
  )
  if (rowCount === 0) throw new CofferError('NOT_FOUND', 'no user with this email')
}

/**
 * The id of the user with this email.
 * @throws NOT_FOUND when no user has it
 */
export async function findUserIdByEmail(db: Database, email: string): Promise<string> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [normaliseEmail(email)]),
  )
  if (!rows[0]) throw new CofferError('NOT_FOUND', 'no user with this email')
  return rows[0].id
}

/** A member of an org as the console lists it: no password hash, no other org. */
export interface OrgMember {
  userId: string
  email: string
  role: Role
  joinedAt: Date
  suspended: boolean
}

/**
 * The members of one org with their emails and roles (admin door: emails live in the global
 * users table), oldest membership first.
 */
export async function listOrgMembers(db: Database, orgId: string): Promise<OrgMember[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ user_id: string; email: string; role: Role; created_at: Date; suspended_at: Date | null }>(
      `SELECT m.user_id, u.email, m.role, m.created_at, u.suspended_at
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.org_id = $1 ORDER BY m.created_at, m.user_id`,
      [orgId],
    ),
  )
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    role: row.role,
    joinedAt: row.created_at,
    suspended: row.suspended_at !== null,
  }))
}
