import Fastify, { type FastifyInstance } from 'fastify'
import { registerProblemHandler } from '../../../src/http/problem.js'
import {
  NO_TRUSTED_PROXIES,
  rateLimitBucketOf,
  resolveClientIp,
  type TrustedProxies,
} from '../../../src/http/rate-limit/client-ip.js'
import { rateLimitHook } from '../../../src/http/rate-limit/rate-limit-hook.js'
import type { RateLimiter } from '../../../src/http/rate-limit/rate-limiter.js'

/**
 * A tiny API wired the way the server wires the limiter: the project's problem+json error mapper,
 * `GET /v1/ping` limited per token (the token id stands in the `x-token-id` header, as
 * authentication would have put it on the principal), and `POST /login` limited per client IP
 * bucket, the client IP resolved from the socket and the trusted proxies.
 */
export async function buildLimitedApp(options: {
  limiter: RateLimiter
  tokenLimitPerMinute?: number
  loginLimitPerMinute?: number
  trustedProxies?: TrustedProxies
}): Promise<FastifyInstance> {
  const trusted = options.trustedProxies ?? NO_TRUSTED_PROXIES
  const app = Fastify({ logger: false })
  registerProblemHandler(app)
  await app.register(async (v1) => {
    v1.addHook(
      'onRequest',
      rateLimitHook(options.limiter, (request) => {
        const tokenId = request.headers['x-token-id']
        if (typeof tokenId !== 'string') return null
        return { kind: 'tokens', key: tokenId, limitPerMinute: options.tokenLimitPerMinute ?? 60 }
      }),
    )
    v1.get('/v1/ping', async () => ({ ok: true }))
  })
  await app.register(async (login) => {
    login.addHook(
      'onRequest',
      rateLimitHook(options.limiter, (request) => {
        const ip = resolveClientIp(
          request.socket.remoteAddress ?? '',
          request.headers['x-forwarded-for'],
          trusted,
        )
        return { kind: 'login', key: rateLimitBucketOf(ip), limitPerMinute: options.loginLimitPerMinute ?? 5 }
      }),
    )
    login.post('/login', async () => ({ ok: true }))
  })
  return app
}
