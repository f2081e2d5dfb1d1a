/**
 * Browser sessions: login with email, password and org; a random cookie whose HMAC alone is
 * stored; a CSRF token derived from the cookie (stateless double-submit bound to the session).
 */

import type { AuditLog } from '../audit/audit-log.js'
import { constantTimeEqual } from '../crypto/compare.js'
import { hmacSha256 } from '../crypto/hmac.js'
import { randomBytes } from '../crypto/random.js'
import { withAdmin } from '../db/admin-door.js'
import { asOrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { assertPositiveInteger, untilShortBatch } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { ARGON2_PASSWORD_VERIFIER, type PasswordVerifier } from './passwords.js'
import {
  DEFAULT_PLANS,
  orgRateLimit,
  type PlanTable,
  type Principal,
  ROLE_SCOPES,
  type Role,
} from './scopes.js'
import { normaliseEmail } from './users.js'

/** The session cookie's name. */
export const SESSION_COOKIE = 'coffer_session'
/** Sessions last this long from login unless the constructor says otherwise. */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 24 * 3600

const COOKIE_VALUE_BYTES = 32
/** 32 bytes in unpadded base64url: anything else is refused before any lookup. */
const COOKIE_VALUE_PATTERN = /^[A-Za-z0-9_-]{43}$/
const COOKIE_ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict'

/** A session as issued at login: the cookie value and CSRF token are returned once and never stored. */
export interface IssuedSession {
  cookieValue: string
  csrfToken: string
  sessionId: string
  expiresAt: Date
}

interface LoginRow {
  user_id: string | null
  password_hash: string | null
  user_suspended_at: Date | null
  org_id: string | null
  org_suspended_at: Date | null
  role: Role | null
}

interface SessionRow {
  org_id: string
  id: string
  user_id: string
  expires_at: Date
  revoked_at: Date | null
  role: Role
  user_suspended_at: Date | null
  org_suspended_at: Date | null
  org_plan: string
  org_rate_limit_per_minute: number | null
}

/** The `Set-Cookie` value that stores a session cookie until `expiresAt`. */
export function sessionCookieHeader(value: string, expiresAt: Date): string {
  return `${SESSION_COOKIE}=${value}; ${COOKIE_ATTRIBUTES}; Expires=${expiresAt.toUTCString()}`
}

/** The `Set-Cookie` value that makes the browser drop the session cookie (logout). */
export function clearedSessionCookieHeader(): string {
  return `${SESSION_COOKIE}=; ${COOKIE_ATTRIBUTES}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`
}

/**
 * The session cookie's value from a `Cookie` request header; undefined when there is none, or more
 * than one (a cookie planted by a sibling domain must not be able to shadow the real one).
 */
export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined
  const values = cookieHeader
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
    .map((pair) => pair.slice(SESSION_COOKIE.length + 1))
  return values.length === 1 ? values[0] : undefined
}

function invalidCredentials(): CofferError {
  return new CofferError('INVALID_CREDENTIALS', 'email or password is wrong')
}

function invalidSession(): CofferError {
  return new CofferError('SESSION_INVALID', 'the session is invalid or has ended')
}

/**
 * Logs users in and turns session cookies into principals. The cookie holds 32 random bytes; the
 * database holds only HMAC-SHA256(secret, cookie), so a stolen sessions table opens no session.
 */
export class SessionService {
  readonly #secret: Uint8Array
  readonly #clock: Clock
  readonly #lifetimeMs: number
  readonly #passwords: PasswordVerifier
  readonly #plans: PlanTable
  readonly #audit: { log: AuditLog; emailKey: Uint8Array } | undefined

  /**
   * @param options.secret HMAC key for session hashes and CSRF tokens, 32 bytes or more
   *   (`deriveKey(tokenSecret, 'coffer/session')`).
   * @param options.passwords the Argon2id verifier unless a test counts calls.
   * @throws RangeError for a secret shorter than 32 bytes or a lifetime that is not a positive integer.
   */
  constructor(options: {
    secret: Uint8Array
    clock: Clock
    lifetimeSeconds?: number
    passwords?: PasswordVerifier
    /** The deployer's plans (COFFER_PLANS): a session's rate limit when the org sets none. */
    plans?: PlanTable
    /**
     * Audits logins (success and failure) and logouts in the org's log. A failure's actor is
     * `login:<tag>`, the tag HMAC-SHA256(`emailKey`, normalised email) cut to 16 bytes (hex):
     * the same address gives the same tag, and the log never holds the address.
     */
    audit?: { log: AuditLog; emailKey: Uint8Array } | undefined
  }) {
    const lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_SESSION_LIFETIME_SECONDS
    if (options.secret.byteLength < 32) throw new RangeError('secret must be at least 32 bytes')
    assertPositiveInteger(lifetimeSeconds, 'lifetimeSeconds')
    this.#secret = options.secret
    this.#clock = options.clock
    this.#lifetimeMs = lifetimeSeconds * 1000
    this.#passwords = options.passwords ?? ARGON2_PASSWORD_VERIFIER
    this.#plans = options.plans ?? DEFAULT_PLANS
    this.#audit = options.audit
  }

  /** The tag a failed login of `email` carries in the audit log (`login:<tag>`). */
  loginTag(email: string): string | undefined {
    if (!this.#audit) return undefined
    return hmacSha256(this.#audit.emailKey, normaliseEmail(email)).subarray(0, 16).toString('hex')
  }

  /**
   * Checks email, password and membership of the org, and opens a session in that org.
   *
   * Every way of being wrong (unknown email, wrong password, no password set, not a member of the
   * org, unknown org) answers the same error after exactly one Argon2 verify, against a dummy hash
   * when there is no real one. Suspension is told only to a caller whose password verified.
   * @throws INVALID_CREDENTIALS, ACCOUNT_SUSPENDED
   */
  async login(
    db: Database,
    input: { email: string; password: string; orgSlug: string },
  ): Promise<IssuedSession> {
    const row = await withAdmin(db, async (sql) => {
      const { rows } = await sql.query<LoginRow>(
        `SELECT u.id AS user_id, u.password_hash, u.suspended_at AS user_suspended_at,
                o.id AS org_id, o.suspended_at AS org_suspended_at, m.role
         FROM (SELECT 1) AS one
         LEFT JOIN users u ON u.email = $1
         LEFT JOIN orgs o ON o.slug = $2
         LEFT JOIN memberships m ON m.org_id = o.id AND m.user_id = u.id`,
        [normaliseEmail(input.email), input.orgSlug],
      )
      return rows[0]
    })
    const passwordHash = row?.password_hash ?? null
    const verified =
      passwordHash === null
        ? await this.#passwords.verifyAgainstDummy(input.password)
        : await this.#passwords.verify(passwordHash, input.password)
    if (!verified || row === undefined || row.user_id === null || row.org_id === null || row.role === null) {
      await this.#auditFailure(db, row?.org_id ?? null, input.email, 'denied')
      throw invalidCredentials()
    }
    if (row.user_suspended_at !== null || row.org_suspended_at !== null) {
      await this.#auditFailure(db, row.org_id, input.email, 'suspended')
      throw new CofferError('ACCOUNT_SUSPENDED', 'the account is suspended')
    }
    return this.#open(db, { orgId: row.org_id, userId: row.user_id })
  }

  /** A failed login in the org's log (an unknown org has no log: nothing is written). */
  async #auditFailure(db: Database, orgId: string | null, email: string, outcome: string): Promise<void> {
    if (!this.#audit || orgId === null) return
    const audit = this.#audit
    await withTenant(db, asOrgId(orgId), (sql) =>
      audit.log.append(sql, {
        actor: `login:${this.loginTag(email)}`,
        action: 'session.login',
        resource: `org:${orgId}`,
        outcome,
      }),
    )
  }

  /**
   * Turns a session cookie into a principal carrying its role's scopes.
   * @throws SESSION_INVALID for an unknown, malformed, expired or revoked session (or one whose
   *   membership is gone); ACCOUNT_SUSPENDED when the user or the org is suspended.
   */
  async authenticate(db: Database, cookieValue: string): Promise<Principal> {
    if (!COOKIE_VALUE_PATTERN.test(cookieValue)) throw invalidSession()
    const hash = hmacSha256(this.#secret, cookieValue)
    const row = await withAdmin(db, async (sql) => {
      const { rows } = await sql.query<SessionRow>(
        `SELECT s.org_id, s.id, s.user_id, s.expires_at, s.revoked_at, m.role,
                u.suspended_at AS user_suspended_at, o.suspended_at AS org_suspended_at,
                o.plan AS org_plan, o.rate_limit_per_minute AS org_rate_limit_per_minute
         FROM sessions s
         JOIN orgs o ON o.id = s.org_id
         JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id
         JOIN users u ON u.id = s.user_id
         WHERE s.session_hash = $1`,
        [hash],
      )
      return rows[0]
    })
    if (row === undefined || row.revoked_at !== null) throw invalidSession()
    if (row.expires_at.getTime() <= this.#clock.now()) throw invalidSession()
    if (row.user_suspended_at !== null || row.org_suspended_at !== null) {
      throw new CofferError('ACCOUNT_SUSPENDED', 'the account is suspended')
    }
    return {
      orgId: asOrgId(row.org_id),
      kind: 'session',
      credentialId: row.id,
      userId: row.user_id,
      scopes: [...ROLE_SCOPES[row.role]],
      actor: `session:${row.id}`,
      agent: null,
      namespaceId: null,
      rateLimitPerMinute: orgRateLimit(
        { plan: row.org_plan, rate_limit_per_minute: row.org_rate_limit_per_minute },
        this.#plans,
      ),
      expiresAt: row.expires_at,
    }
  }

  /**
   * What `authenticate` would refuse the session `id` of `orgId` with now, read by id, or null
   * when it would let it in (the connector callback): SESSION_INVALID (unknown, revoked, expired,
   * its membership gone), ACCOUNT_SUSPENDED (org or user).
   */
  async refusalById(db: Database, orgId: string, id: string): Promise<CofferError | null> {
    const row = await withAdmin(db, async (sql) => {
      const { rows } = await sql.query<{
        expires_at: Date
        revoked_at: Date | null
        org_suspended_at: Date | null
        user_suspended_at: Date | null
      }>(
        `SELECT s.expires_at, s.revoked_at, o.suspended_at AS org_suspended_at, u.suspended_at AS user_suspended_at
         FROM sessions s
         JOIN orgs o ON o.id = s.org_id
         JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id
         JOIN users u ON u.id = s.user_id
         WHERE s.org_id = $1 AND s.id = $2`,
        [orgId, id],
      )
      return rows[0]
    })
    if (row === undefined || row.revoked_at !== null || row.expires_at.getTime() <= this.#clock.now()) {
      return new CofferError(
        'SESSION_INVALID',
        'the session that started this is unknown, expired or revoked',
      )
    }
    if (row.user_suspended_at !== null || row.org_suspended_at !== null) {
      return new CofferError('ACCOUNT_SUSPENDED', 'the account is suspended')
    }
    return null
  }

  /**
   * Checks the `x-csrf-token` header of a cookie-authenticated request against the token bound to
   * that cookie, in constant time. Call it on every request that changes state.
   * @throws CSRF_FAILED when the header is missing or wrong.
   */
  verifyCsrf(cookieValue: string, header: string | undefined): void {
    const expected = Buffer.from(this.#csrfToken(cookieValue), 'utf8')
    if (header === undefined || !constantTimeEqual(Buffer.from(header, 'utf8'), expected)) {
      throw new CofferError('CSRF_FAILED', 'x-csrf-token is missing or wrong')
    }
  }

  /**
   * Ends the principal's session (in its org, through the tenant door).
   * @throws SESSION_INVALID when the principal did not come from a session.
   */
  async logout(db: Database, principal: Principal): Promise<void> {
    if (principal.kind !== 'session') throw invalidSession()
    await withTenant(db, principal.orgId, async (sql) => {
      await sql.query(
        'UPDATE sessions SET revoked_at = coalesce(revoked_at, $3) WHERE org_id = $1 AND id = $2',
        [sql.orgId, principal.credentialId, new Date(this.#clock.now())],
      )
      await this.#audit?.log.append(sql, {
        actor: principal.actor,
        action: 'session.logout',
        resource: `session:${principal.credentialId}`,
        outcome: 'ok',
      })
    })
  }

  async #open(db: Database, member: { orgId: string; userId: string }): Promise<IssuedSession> {
    const now = this.#clock.now()
    const sessionId = uuidV7(now)
    const cookieValue = randomBytes(COOKIE_VALUE_BYTES).toString('base64url')
    const expiresAt = new Date(now + this.#lifetimeMs)
    await withTenant(db, asOrgId(member.orgId), async (sql) => {
      await sql.query(
        `INSERT INTO sessions (org_id, id, user_id, session_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          sql.orgId,
          sessionId,
          member.userId,
          hmacSha256(this.#secret, cookieValue),
          new Date(now),
          expiresAt,
        ],
      )
      await this.#audit?.log.append(sql, {
        actor: `user:${member.userId}`,
        action: 'session.login',
        resource: `session:${sessionId}`,
        outcome: 'ok',
      })
    })
    return { cookieValue, csrfToken: this.#csrfToken(cookieValue), sessionId, expiresAt }
  }

  /** Domain-separated from the session hash: a cookie value never starts with `csrf:`. */
  #csrfToken(cookieValue: string): string {
    return hmacSha256(this.#secret, 'csrf:', cookieValue).toString('base64url')
  }
}

/** Revoked sessions are kept this long after their revocation, then swept. */
export const REVOKED_SESSION_RETENTION_MS = 24 * 3600 * 1000

/** How often a server sweeps sessions (± jitter). */
export const SESSION_SWEEP_INTERVAL_MS = 10 * 60 * 1000

/**
 * Deletes sessions expired at `now` and sessions revoked more than a day before it, across orgs
 * (admin door), `batchSize` rows per transaction until a batch comes back short; returns how many.
 * Safe in every instance at once: a row is deleted once, and a second sweeper finds it gone.
 * @throws RangeError for a batch size that is not a positive integer
 */
export async function sweepExpiredSessions(db: Database, now: Date, batchSize: number): Promise<number> {
  assertPositiveInteger(batchSize, 'batchSize')
  const revokedBefore = new Date(now.getTime() - REVOKED_SESSION_RETENTION_MS)
  return untilShortBatch(batchSize, () =>
    withAdmin(db, async (sql) => {
      const { rowCount } = await sql.query(
        `WITH batch AS (SELECT org_id, id FROM sessions WHERE expires_at <= $1 OR revoked_at <= $2 LIMIT $3)
         DELETE FROM sessions s USING batch WHERE s.org_id = batch.org_id AND s.id = batch.id`,
        [now, revokedBefore, batchSize],
      )
      return rowCount
    }),
  )
}
