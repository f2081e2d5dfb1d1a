import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ApiTokens } from '../auth/api-tokens.js'
import { type Principal, requireScope, type Scope } from '../auth/scopes.js'
import { readSessionCookie, type SessionService } from '../auth/sessions.js'
import { OPERATOR_TOKEN_PREFIX } from '../crypto/api-token.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
  interface FastifyContextConfig {
    /** The scope a route needs; every authenticated route names one. */
    scope?: Scope
  }
}

/** The auth scheme is case-insensitive (RFC 9110 section 11.1): `Bearer`, `bearer`, `BEARER`. */
const BEARER = /^Bearer ([^\s]+)$/i

/** Methods that change nothing: a cookie-authenticated request needs no CSRF token for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** A bearer token when one is sent; else the session cookie, with a CSRF check on mutating requests. */
async function principalFromRequest(
  request: FastifyRequest,
  deps: { db: Database; tokens: ApiTokens; sessions: SessionService },
): Promise<Principal> {
  const header = request.headers.authorization
  if (header !== undefined) {
    const match = BEARER.exec(header)
    // An operator token never reaches tenant data: the same 401 as any unknown token.
    if (!match || match[1]!.startsWith(OPERATOR_TOKEN_PREFIX))
      throw new CofferError('TOKEN_INVALID', 'token is invalid')
    return deps.tokens.authenticate(deps.db, match[1]!)
  }
  const cookie = readSessionCookie(request.headers.cookie)
  if (cookie === undefined) throw new CofferError('UNAUTHENTICATED', 'send Authorization: Bearer <token>')
  if (!SAFE_METHODS.has(request.method)) {
    const csrf = request.headers['x-csrf-token']
    deps.sessions.verifyCsrf(cookie, typeof csrf === 'string' ? csrf : undefined)
  }
  return deps.sessions.authenticate(deps.db, cookie)
}

/**
 * Authenticates every request of the plugin it is registered in (all of `/v1`), so a new route
 * cannot forget it, and checks the scope named in the route's config. A bearer token wins over a
 * session cookie.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { db: Database; tokens: ApiTokens; sessions: SessionService },
): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    request.principal = await principalFromRequest(request, deps)
    const scope = request.routeOptions.config.scope
    if (scope === undefined) throw new CofferError('INTERNAL', 'route declares no scope')
    requireScope(request.principal, scope)
  })
}

/** The authenticated principal of a `/v1` request. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new CofferError('UNAUTHENTICATED', 'send Authorization: Bearer <token>')
  return request.principal
}
