import { CofferError } from '../../errors.js'
import { type Clock, SYSTEM_CLOCK } from '../../internal/clock.js'
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

  constructor(decision: RateLimitDecision, message?: string) {
    super('RATE_LIMITED', message ?? `rate limit exceeded; retry after ${decision.retryAfterSeconds} s`)
    this.name = 'RateLimitedError'
    this.decision = decision
  }
}

/** Seconds a client refused during a rate limit store outage (fail mode `closed`) is told to wait. */
export const STORE_OUTAGE_RETRY_AFTER_SECONDS = 5

/** A request refused because the limit store cannot answer and the kind fails closed. */
export class RateLimiterUnavailableError extends CofferError {
  /** What `Retry-After` says: an outage has no window to wait out, so a fixed short pause. */
  readonly retryAfterSeconds = STORE_OUTAGE_RETRY_AFTER_SECONDS

  constructor(options: { cause: unknown }) {
    super('RATE_LIMITED', 'rate limiter unavailable', options)
    this.name = 'RateLimiterUnavailableError'
  }
}

/** Checks sliding-window limits on a store, and applies the configured fail mode when it is down. */
export class RateLimiter {
  readonly #store: RateLimitStore
  readonly #failMode: Readonly<Record<RateLimitKind, RateLimitFailMode>>
  readonly #onStoreError: ((error: unknown) => void) | undefined
  readonly #clock: Clock

  constructor(options: {
    store: RateLimitStore
    failMode: { tokens: RateLimitFailMode; login: RateLimitFailMode }
    /** Called with every store failure, whatever the fail mode: log it, count it. */
    onStoreError?: (error: unknown) => void
    /** The clock login backoff is measured on: the store's, in a server. */
    clock?: Clock
  }) {
    this.#store = options.store
    this.#failMode = { ...options.failMode }
    this.#onStoreError = options.onStoreError
    this.#clock = options.clock ?? SYSTEM_CLOCK
  }

  /**
   * Admits one login attempt from `key` (a client address bucket): refused while the backoff of
   * its recent failures runs, then counted against `limitPerMinute`. A refused attempt is not
   * counted and does not lengthen the backoff.
   * @throws RATE_LIMITED (a `RateLimitedError`, `Retry-After` = the rest of the backoff) during a backoff.
   * @throws RATE_LIMITED as `check` does, for the per-minute limit and a store outage (fail mode `login`).
   */
  async checkLogin(input: { key: string; limitPerMinute: number }): Promise<RateLimitDecision | null> {
    const failures = await this.#orFailMode('login', () => this.#store.failures(`login:${input.key}`))
    if (failures) {
      const waitMs = failures.lastAtMs + loginBackoffSeconds(failures.count) * 1000 - this.#clock.now()
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000)
        throw new RateLimitedError(
          {
            allowed: false,
            limit: input.limitPerMinute,
            remaining: 0,
            resetSeconds: seconds,
            retryAfterSeconds: seconds,
          },
          `too many failed logins; retry after ${seconds} s`,
        )
      }
    }
    return this.check({ ...input, kind: 'login' })
  }

  /**
   * Records the outcome of an admitted login from `key`: a failure lengthens the backoff, a
   * success clears it. Never throws: a store outage here is reported to `onStoreError`, and the
   * next attempt's `checkLogin` applies the fail mode.
   */
  async loginOutcome(key: string, outcome: 'failure' | 'success'): Promise<void> {
    try {
      if (outcome === 'failure') await this.#store.recordFailure(`login:${key}`, LOGIN_FAILURE_MEMORY_SECONDS)
      else await this.#store.clearFailures(`login:${key}`)
    } catch (error) {
      if (!(error instanceof RateLimitStoreUnavailable)) throw error
      this.#onStoreError?.(error)
    }
  }

  /** Runs a store read; when the store is down, null (fail open) or RATE_LIMITED (fail closed). */
  async #orFailMode<T>(kind: RateLimitKind, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read()
    } catch (error) {
      if (!(error instanceof RateLimitStoreUnavailable)) throw error
      this.#onStoreError?.(error)
      if (this.#failMode[kind] === 'open') return null
      throw new RateLimiterUnavailableError({ cause: error })
    }
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
    const decision = await this.#orFailMode(kind, () =>
      this.#store.hit(`${kind}:${key}`, limitPerMinute, RATE_LIMIT_WINDOW_SECONDS),
    )
    if (decision === null) return null
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

/** Consecutive failed logins (per client address bucket) that cost no wait. */
export const LOGIN_FREE_FAILURES = 3

/**
 * How long failures are remembered after the last one, in seconds: a client that stops failing
 * for 15 minutes starts again with its free attempts.
 */
export const LOGIN_FAILURE_MEMORY_SECONDS = 900

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
