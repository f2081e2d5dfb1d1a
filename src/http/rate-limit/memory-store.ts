import { assertPositiveInteger } from '../../internal/batches.js'
import { type Clock, SYSTEM_CLOCK } from '../../internal/clock.js'
import {
  checkHitArguments,
  type FailureCount,
  type RateLimitDecision,
  type RateLimitStore,
  RateLimitStoreUnavailable,
  slidingWindowAllows,
  slidingWindowDecision,
  windowPosition,
} from './rate-limit-store.js'

/** The two fixed-window counts of one key. */
interface WindowCounter {
  /** Index of the fixed window `current` counts (`floor(now / windowMs)`). */
  index: number
  windowMs: number
  current: number
  previous: number
}

/** Keys tracked at most, by default: about 140 bytes each (measured, 43-character keys), so some 14 MB. */
export const DEFAULT_MAX_KEYS = 100_000

/** Stale counters dropped, at most, by one hit: keeps every hit O(1). */
const SWEEP_PER_HIT = 8

/**
 * Sliding-window counters in this process's memory (see rate-limit-store.ts for the algorithm).
 * Limits hold per process only: with more than one instance, use the Redis store.
 *
 * Memory is bounded by `maxKeys`. Counters are kept in least-recently-hit order; each hit drops a
 * few counters whose windows have both passed, and when `maxKeys` is reached the least recently
 * hit key is forgotten (its next hit starts from zero). A flood of new keys costs bounded memory,
 * and forgets a key only once `maxKeys` other keys have been hit since that key's last hit.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #clock: Clock
  readonly #maxKeys: number
  /** Map order is insertion order: a hit re-inserts its key, so the first entry is the least recent. */
  readonly #counters = new Map<string, WindowCounter>()
  /** Failure counts with their expiry, in least-recently-failed order, bounded by `maxKeys` too. */
  readonly #failures = new Map<string, FailureCount & { expiresAtMs: number }>()
  #closed = false

  constructor(options: { clock?: Clock; maxKeys?: number } = {}) {
    this.#clock = options.clock ?? SYSTEM_CLOCK
    this.#maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS
    assertPositiveInteger(this.#maxKeys, 'maxKeys')
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.#counters.size
  }

  /**
   * Counts one hit on `key` if it fits `limit` per `windowSeconds`.
   * @throws RateLimitStoreUnavailable after `close`.
   * @throws RangeError when `limit` or `windowSeconds` is not a positive integer.
   */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    checkHitArguments(limit, windowSeconds)
    const now = this.#clock.now()
    const { index, elapsedMs, windowMs } = windowPosition(now, windowSeconds)
    const mapKey = `${windowSeconds}:${key}`
    const counter = this.#take(mapKey) ?? { index, windowMs, current: 0, previous: 0 }
    slideTo(counter, index)
    const counts = { previous: counter.previous, current: counter.current, elapsedMs, windowMs, limit }
    const allowed = slidingWindowAllows(counts)
    if (allowed) counter.current++
    this.#put(mapKey, counter, now)
    return slidingWindowDecision(counts, allowed)
  }

  /** @throws RateLimitStoreUnavailable after `close`. */
  async failures(key: string): Promise<FailureCount | null> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    const entry = this.#failures.get(key)
    if (!entry) return null
    if (entry.expiresAtMs <= this.#clock.now()) {
      this.#failures.delete(key)
      return null
    }
    return { count: entry.count, lastAtMs: entry.lastAtMs }
  }

  /** @throws RateLimitStoreUnavailable after `close`. */
  async recordFailure(key: string, memorySeconds: number): Promise<FailureCount> {
    const previous = await this.failures(key)
    const now = this.#clock.now()
    const count = (previous?.count ?? 0) + 1
    this.#failures.delete(key)
    for (const oldestKey of this.#failures.keys()) {
      if (this.#failures.size < this.#maxKeys) break
      this.#failures.delete(oldestKey)
    }
    this.#failures.set(key, { count, lastAtMs: now, expiresAtMs: now + memorySeconds * 1000 })
    return { count, lastAtMs: now }
  }

  /** @throws RateLimitStoreUnavailable after `close`. */
  async clearFailures(key: string): Promise<void> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    this.#failures.delete(key)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#counters.clear()
    this.#failures.clear()
  }

  /** Removes and returns the counter of `mapKey` (it is put back last, as the most recent). */
  #take(mapKey: string): WindowCounter | undefined {
    const counter = this.#counters.get(mapKey)
    if (counter) this.#counters.delete(mapKey)
    return counter
  }

  #put(mapKey: string, counter: WindowCounter, now: number): void {
    let swept = 0
    for (const [oldestKey, oldest] of this.#counters) {
      const full = this.#counters.size >= this.#maxKeys
      const stale = Math.floor(now / oldest.windowMs) > oldest.index + 1
      if (!full && (!stale || swept >= SWEEP_PER_HIT)) break
      this.#counters.delete(oldestKey)
      swept++
    }
    this.#counters.set(mapKey, counter)
  }
}

/**
 * Moves `counter` to window `index`: one window on keeps the current count as the previous one.
 * A clock that stepped back stays in the counter's window (counts are kept, never reset).
 */
function slideTo(counter: WindowCounter, index: number): void {
  if (index <= counter.index) return
  counter.previous = counter.index === index - 1 ? counter.current : 0
  counter.current = 0
  counter.index = index
}
