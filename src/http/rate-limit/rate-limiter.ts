import { CofferError } from '../../errors.js'
import { type RateLimitDecision, type RateLimitStore, RateLimitStoreUnavailable } from './rate-limit-store.js'

/** What is being limited: API calls per token, or login attempts per client IP bucket. */
export type RateLimitKind = 'tokens' | 'login'

/**
 * What the limiter does when its store cannot answer: `open` lets the request through (and
 * reports the error), `closed` refuses it with RATE_LIMITED.
 */
export type RateLimitFailMode = 'open' | 'closed'

/**
 * Fail modes for a store outage: closed for login (an outage must not turn off brute-force
 * protection), open for token routes (an outage must not take the API down with it).
 */
export const DEFAULT_FAIL_MODES: Readonly<Record<RateLimitKind, RateLimitFailMode>> = {
  tokens: 'open',
  login: 'closed',
}

/** Every limit of the limiter is per minute, over a sliding window. */
export const RATE_LIMIT_WINDOW_SECONDS = 60

/** A request refused by its limit, with the decision that refused it (for the response headers). */
export class RateLimitedError extends CofferError {
  readonly decision: RateLimitDecision

  constructor(decision: RateLimitDecision) {
    super('RATE_LIMITED', `rate limit exceeded; retry after ${decision.retryAfterSeconds} s`)
    this.name = 'RateLimitedError'
    this.decision = decision
  }
}

/** Checks sliding-window limits on a store, and applies the configured fail mode when it is down. */
export class RateLimiter {
  readonly #store: RateLimitStore
  readonly #failMode: Readonly<Record<RateLimitKind, RateLimitFailMode>>
  readonly #onStoreError: ((error: unknown) => void) | undefined

  constructor(options: {
    store: RateLimitStore
    failMode: { tokens: RateLimitFailMode; login: RateLimitFailMode }
    /** Called with every store failure, whatever the fail mode: log it, count it. */
    onStoreError?: (error: unknown) => void
  }) {
    this.#store = options.store
    this.#failMode = { ...options.failMode }
    this.#onStoreError = options.onStoreError
  }

  /**
   * Counts one request on `key` (namespaced by `kind`, so a token id and an IP never share a
   * counter) against `limitPerMinute`.
   * Returns the decision, for the RateLimit-* headers, or null when the store is unavailable and
   * the kind fails open.
   * @throws RATE_LIMITED (a `RateLimitedError` with its decision) when the limit is reached.
   * @throws RATE_LIMITED (`rate limiter unavailable`) when the store is unavailable and the kind fails closed.
   * @throws INTERNAL when `limitPerMinute` is not a positive integer.
   */
  async check(input: {
    key: string
    limitPerMinute: number
    kind: RateLimitKind
  }): Promise<RateLimitDecision | null> {
    const { key, limitPerMinute, kind } = input
    if (!Number.isSafeInteger(limitPerMinute) || limitPerMinute < 1) {
      throw new CofferError('INTERNAL', 'limitPerMinute must be a positive integer')
    }
    let decision: RateLimitDecision
    try {
      decision = await this.#store.hit(`${kind}:${key}`, limitPerMinute, RATE_LIMIT_WINDOW_SECONDS)
    } catch (error) {
      if (!(error instanceof RateLimitStoreUnavailable)) throw error
      this.#onStoreError?.(error)
      if (this.#failMode[kind] === 'open') return null
      throw new CofferError('RATE_LIMITED', 'rate limiter unavailable', { cause: error })
    }
    if (!decision.allowed) throw new RateLimitedError(decision)
    return decision
  }
}

/**
 * The response headers for a decision: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
 * (seconds), and `Retry-After` (seconds, RFC 9110) when refused.
 *
 * The three separate fields are those of draft-ietf-httpapi-ratelimit-headers up to -06 and the
 * form clients and proxies widely read. The current draft (-10, 2025) replaced them with two
 * structured fields, `RateLimit-Policy: "default";q=<limit>;w=<window>` and
 * `RateLimit: "default";r=<remaining>;t=<reset>`; both forms are sent, as they do not conflict.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `"default";q=${decision.limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    RateLimit: `"default";r=${decision.remaining};t=${decision.resetSeconds}`,
  }
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds)
  return headers
}

/** Failed logins (per client bucket and account) that cost no wait. */
export const LOGIN_FREE_FAILURES = 3

/** The longest wait between login attempts, in seconds. */
export const LOGIN_MAX_BACKOFF_SECONDS = 300

/**
 * Seconds a client must wait before its next login attempt after `failures` consecutive failures:
 * 0 for the first three, then 1, 2, 4, 8 ... doubling up to 300.
 * @throws RangeError when `failures` is NaN.
 */
export function loginBackoffSeconds(failures: number): number {
  if (Number.isNaN(failures)) throw new RangeError('failures must be a number')
  const over = Math.floor(failures) - LOGIN_FREE_FAILURES
  if (over <= 0) return 0
  return Math.min(2 ** (over - 1), LOGIN_MAX_BACKOFF_SECONDS)
}
