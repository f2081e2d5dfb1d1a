import type { FastifyReply, FastifyRequest } from 'fastify'
import { RateLimitedError, type RateLimiter, type RateLimitKind, rateLimitHeaders } from './rate-limiter.js'

/** The limit one request counts against. */
export interface RateLimitTarget {
  key: string
  limitPerMinute: number
  kind: RateLimitKind
}

/**
 * A Fastify `onRequest` hook that counts each request against `targetOf(request)` (null: not
 * limited) and puts the RateLimit-* headers on the reply, refused or not. Register it after
 * authentication for per-token limits, so that `request.principal` is set.
 * @throws RATE_LIMITED from `RateLimiter.check`, for the server's error mapper (429 problem+json).
 */
export function rateLimitHook(
  limiter: RateLimiter,
  targetOf: (request: FastifyRequest) => RateLimitTarget | null,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const target = targetOf(request)
    if (target === null) return
    try {
      const decision = await limiter.check(target)
      if (decision !== null) reply.headers(rateLimitHeaders(decision))
    } catch (error) {
      // Headers set before the throw stay on the reply the error mapper sends.
      if (error instanceof RateLimitedError) reply.headers(rateLimitHeaders(error.decision))
      throw error
    }
  }
}
