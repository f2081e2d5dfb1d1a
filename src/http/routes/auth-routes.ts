import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  clearedSessionCookieHeader,
  type IssuedSession,
  readSessionCookie,
  type SessionService,
  sessionCookieHeader,
} from '../../auth/sessions.js'
import type { Database } from '../../db/sql.js'
import { CofferError, isCofferError } from '../../errors.js'
import { ORG_SLUG_PATTERN } from '../../tenancy/orgs.js'
import { SESSION } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

/** Called around each login: before verifying, then with how it ended (the IP limiter and backoff). */
export type LoginRateLimit = (
  request: FastifyRequest,
  outcome: 'attempt' | 'failure' | 'success',
) => Promise<void>

const LOGIN_BODY = z.strictObject({
  email: z.string().min(1).max(320),
  // Bounds the work only; the rules for a new password (12-1024 characters) are hashPassword's.
  password: z.string().min(1).max(4096),
  org: z.string().regex(ORG_SLUG_PATTERN, 'must be an org slug'),
})

/**
 * `POST /auth/login` and `POST /auth/logout`, on a plugin outside bearer-token authentication.
 * Login answers the session cookie (HttpOnly, Secure, SameSite=Strict) and the CSRF token every
 * cookie-authenticated request that changes state must send as `x-csrf-token`; logout needs both
 * and clears the cookie.
 * @throws (as problem+json) login: VALIDATION_FAILED, INVALID_CREDENTIALS, ACCOUNT_SUSPENDED and
 *   whatever `loginRateLimit` throws (RATE_LIMITED); logout: UNAUTHENTICATED (no cookie),
 *   CSRF_FAILED, SESSION_INVALID, ACCOUNT_SUSPENDED.
 */
export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { db: Database; sessions: SessionService; loginRateLimit?: LoginRateLimit },
): void {
  app.post(
    '/auth/login',
    {
      config: {
        doc: {
          summary: 'Log in: answers the session cookie (Set-Cookie) and its CSRF token',
          security: 'none',
          body: LOGIN_BODY,
          responses: { 200: SESSION },
          errors: ['INVALID_CREDENTIALS', 'ACCOUNT_SUSPENDED', 'RATE_LIMITED'],
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(LOGIN_BODY, request.body, 'body')
      await deps.loginRateLimit?.(request, 'attempt')
      let session: IssuedSession
      try {
        session = await deps.sessions.login(deps.db, {
          email: body.email,
          password: body.password,
          orgSlug: body.org,
        })
      } catch (error) {
        if (isCofferError(error, 'INVALID_CREDENTIALS') || isCofferError(error, 'ACCOUNT_SUSPENDED')) {
          await deps.loginRateLimit?.(request, 'failure')
        }
        throw error
      }
      await deps.loginRateLimit?.(request, 'success')
      return reply
        .code(200)
        .header('set-cookie', sessionCookieHeader(session.cookieValue, session.expiresAt))
        .header('cache-control', 'no-store')
        .send({
          session_id: session.sessionId,
          expires_at: session.expiresAt.toISOString(),
          csrf_token: session.csrfToken,
        })
    },
  )

  app.post(
    '/auth/logout',
    {
      config: {
        doc: {
          summary: 'Log out: ends the session and clears the cookie',
          security: 'session',
          responses: { 204: null },
          errors: ['UNAUTHENTICATED', 'CSRF_FAILED', 'SESSION_INVALID', 'ACCOUNT_SUSPENDED'],
        },
      },
    },
    async (request, reply) => {
      const cookie = readSessionCookie(request.headers.cookie)
      if (cookie === undefined) throw new CofferError('UNAUTHENTICATED', 'send the session cookie')
      const csrf = request.headers['x-csrf-token']
      deps.sessions.verifyCsrf(cookie, typeof csrf === 'string' ? csrf : undefined)
      const principal = await deps.sessions.authenticate(deps.db, cookie)
      await deps.sessions.logout(deps.db, principal)
      return reply.code(204).header('set-cookie', clearedSessionCookieHeader()).send()
    },
  )
}
