import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ApiTokens } from '../auth/api-tokens.js'
import { type Principal, requireScope, type Scope } from '../auth/scopes.js'
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

const BEARER = /^Bearer ([^\s]+)$/

/**
 * Authenticates every request of the plugin it is registered in (all of `/v1`), so a new route
 * cannot forget it, and checks the scope named in the route's config.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { db: Database; tokens: ApiTokens },
): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    if (header === undefined) throw new CofferError('UNAUTHENTICATED', 'send Authorization: Bearer <token>')
    const match = BEARER.exec(header)
    if (!match) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    request.principal = await deps.tokens.authenticate(deps.db, match[1]!)
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
