/**
 * The rate-limit store port: one counter per key, over a sliding window.
 *
 * Both stores use the two-fixed-window weighted approximation of a sliding window (the one
 * Cloudflare describes): time is cut into fixed windows of `windowSeconds`, each key keeps the
 * count of the current window and of the previous one, and a hit is allowed when
 *
 *     previous × (fraction of the previous window still inside the sliding window) + current + 1 ≤ limit
 *
 * Why not an exact log of timestamps: the log costs memory per request (6000 entries per key for
 * a 6000/min token, a sorted set of that size on Redis), while two integers per key make a hit
 * O(1) in memory and one small atomic script on Redis. The price is the assumption that the
 * previous window's hits were spread evenly. No fixed window ever holds more than `limit` hits,
 * and unlike a fixed-window counter there is no fresh burst at a window's edge; but when the
 * previous window's hits all came at its very end, a true 60 s span can see up to nearly twice
 * the limit. That bounds abuse well enough for API quotas and login throttling (whose backoff is
 * separate), and costs no memory per request.
 * Refused hits are not counted, so a client that stops gets served again as the window slides.
 */

/** The answer to one hit. All durations are whole seconds, rounded up. */
export interface RateLimitDecision {
  /** True when the hit was within the limit (and was counted). */
  allowed: boolean
  /** The limit the hit was checked against. */
  limit: number
  /** Hits still allowed right now, after this one. */
  remaining: number
  /** Seconds until the whole limit is available again if no further hit comes. */
  resetSeconds: number
  /** Seconds until the next hit would be allowed; 0 when this one was allowed. */
  retryAfterSeconds: number
}

/** Where sliding-window counters live: process memory, or Redis shared by every instance. */
export interface RateLimitStore {
  /**
   * Counts one hit on `key` if it is within `limit` hits per `windowSeconds` (sliding), atomically.
   * @throws RateLimitStoreUnavailable when the backend cannot answer (within its timeout).
   */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision>
  /**
   * The consecutive failures recorded on `key` (login backoff), or null when none is remembered.
   * @throws RateLimitStoreUnavailable when the backend cannot answer.
   */
  failures(key: string): Promise<FailureCount | null>
  /**
   * Counts one more failure on `key`, at the store's clock, atomically; the count is forgotten
   * `memorySeconds` after its last failure.
   * @throws RateLimitStoreUnavailable when the backend cannot answer.
   */
  recordFailure(key: string, memorySeconds: number): Promise<FailureCount>
  /**
   * Forgets the failures of `key` (a success).
   * @throws RateLimitStoreUnavailable when the backend cannot answer.
   */
  clearFailures(key: string): Promise<void>
  /** Releases connections and timers; `hit` afterwards rejects. */
  close(): Promise<void>
}

/** Consecutive failures of one key: how many, and when the last one was (ms since the epoch). */
export interface FailureCount {
  count: number
  lastAtMs: number
}

/**
 * The store's backend could not answer (unreachable, timed out, refused the command). Not a
 * `CofferError`: the RateLimiter decides what it means, by its fail mode.
 */
export class RateLimitStoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'RateLimitStoreUnavailable'
  }
}

/** The counts of one key around the instant of a hit, before the hit is counted. */
export interface SlidingWindowCounts {
  /** Hits counted in the previous fixed window. */
  previous: number
  /** Hits counted so far in the current fixed window. */
  current: number
  /** Milliseconds since the current fixed window began (0 ≤ elapsedMs < windowMs). */
  elapsedMs: number
  windowMs: number
  limit: number
}

/**
 * True when one more hit fits: `previous × (windowMs − elapsedMs) / windowMs + current + 1 ≤ limit`,
 * multiplied out so that it is exact in integers. The Redis script evaluates the same inequality.
 */
export function slidingWindowAllows(counts: SlidingWindowCounts): boolean {
  const { previous, current, elapsedMs, windowMs, limit } = counts
  return previous * (windowMs - elapsedMs) + (current + 1) * windowMs <= limit * windowMs
}

/**
 * The decision for a hit, given the counts before it and whether it was counted.
 * Shared by every store so that they answer alike.
 */
export function slidingWindowDecision(counts: SlidingWindowCounts, allowed: boolean): RateLimitDecision {
  const { previous, elapsedMs, windowMs, limit } = counts
  const current = counts.current + (allowed ? 1 : 0)
  const untilWindowEndMs = windowMs - elapsedMs
  // limit − estimate, scaled by windowMs so that it is exact in integers (as in slidingWindowAllows).
  const headroom = limit * windowMs - previous * untilWindowEndMs - current * windowMs
  const remaining = Math.max(0, Math.floor(headroom / windowMs))
  // Everything counted is gone when the current window has slid out too (or the previous one, if
  // the current window holds nothing).
  const resetMs = current > 0 ? untilWindowEndMs + windowMs : previous > 0 ? untilWindowEndMs : 0
  return {
    allowed,
    limit,
    remaining,
    resetSeconds: Math.ceil(resetMs / 1000),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(retryAfterMs(previous, current, counts) / 1000)),
  }
}

/** Milliseconds until `estimate + 1 ≤ limit` again, with no further hits. */
function retryAfterMs(
  previous: number,
  current: number,
  { elapsedMs, windowMs, limit }: SlidingWindowCounts,
): number {
  const room = limit - 1
  if (current <= room) {
    // Still inside this window: wait until previous × (windowMs − t) / windowMs ≤ room − current.
    const t = windowMs * (1 - (room - current) / previous)
    return Math.max(0, t - elapsedMs)
  }
  // Next window: this window's count becomes the previous one, and must decay to `room`.
  const t = windowMs * (1 - room / current)
  return windowMs - elapsedMs + t
}

/** Where `nowMs` falls in the fixed windows of `windowSeconds`: the window's index and the time into it. */
export function windowPosition(
  nowMs: number,
  windowSeconds: number,
): { index: number; elapsedMs: number; windowMs: number } {
  const windowMs = windowSeconds * 1000
  const index = Math.floor(nowMs / windowMs)
  return { index, elapsedMs: nowMs - index * windowMs, windowMs }
}

/**
 * Refuses arguments no store can honour: a programming error, not a client's.
 * @throws RangeError when `limit` or `windowSeconds` is not a positive safe integer.
 */
export function checkHitArguments(limit: number, windowSeconds: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer')
  if (!Number.isSafeInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError('windowSeconds must be a positive integer')
  }
}
