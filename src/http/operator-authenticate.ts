import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CofferError } from '../errors.js'
import type { OperatorPrincipal, OperatorTokens } from '../operator/operator-tokens.js'

declare module 'fastify' {
  interface FastifyRequest {
    operator: OperatorPrincipal | null
  }
  interface FastifyContextConfig {
    /** The route belongs to the operator plane: only an operator token (`cfo_`) reaches it. */
    operatorOnly?: true
  }
}

const BEARER = /^Bearer ([^\s]+)$/i

/**
 * Authenticates every request of the operator plugin (`/v1/orgs`) with an operator token, and
 * nothing else: no tenant token, no session cookie. Every failure is one of the same 401 bodies
 * the tenant plane answers.
 */
export function registerOperatorAuthentication(
  app: FastifyInstance,
  deps: { operatorTokens: OperatorTokens },
): void {
  app.decorateRequest('operator', null)
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.operatorOnly !== true) {
      throw new CofferError('INTERNAL', 'route is not marked operatorOnly')
    }
    const header = request.headers.authorization
    if (header === undefined) throw new CofferError('UNAUTHENTICATED', 'send Authorization: Bearer <token>')
    const match = BEARER.exec(header)
    if (!match) throw new CofferError('TOKEN_INVALID', 'token is invalid')
    request.operator = await deps.operatorTokens.authenticate(match[1]!)
  })
}

/** The authenticated operator of a `/v1/orgs` request. */
export function operatorOf(request: FastifyRequest): OperatorPrincipal {
  if (!request.operator) throw new CofferError('UNAUTHENTICATED', 'send Authorization: Bearer <token>')
  return request.operator
}
