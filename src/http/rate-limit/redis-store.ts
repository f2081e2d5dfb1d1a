import { createHash } from 'node:crypto'
import { Redis } from 'ioredis'
import { type Clock, SYSTEM_CLOCK } from '../../internal/clock.js'
import {
  checkHitArguments,
  type FailureCount,
  type RateLimitDecision,
  type RateLimitStore,
  RateLimitStoreUnavailable,
  slidingWindowDecision,
  windowPosition,
} from './rate-limit-store.js'

export { RateLimitStoreUnavailable } from './rate-limit-store.js'

/**
 * One hit, atomically: read both windows' counts, and count the hit in the current window if
 * `previous × (windowMs − elapsedMs) + (current + 1) × windowMs ≤ limit × windowMs` — the same
 * integer inequality as `slidingWindowAllows`. Only integers cross the Lua boundary (Redis
 * truncates Lua numbers), and the rest of the decision is computed in TypeScript.
 * KEYS: current window's counter, previous window's counter.
 * ARGV: limit, windowMs, elapsedMs, ttlMs. Returns { allowed (0|1), previous, current before the hit }.
 */
const HIT_SCRIPT = `
local counts = redis.call('MGET', KEYS[1], KEYS[2])
local current = tonumber(counts[1]) or 0
local previous = tonumber(counts[2]) or 0
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local elapsedMs = tonumber(ARGV[3])
local allowed = 0
if previous * (windowMs - elapsedMs) + (current + 1) * windowMs <= limit * windowMs then
  allowed = 1
  redis.call('INCR', KEYS[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return { allowed, previous, current }
`
/**
 * One more failure, atomically: count it, note when, and keep the pair `memoryMs` after it.
 * KEYS: the failure hash. ARGV: now (ms), memoryMs. Returns the new count.
 */
const FAILURE_SCRIPT = `
local count = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 't', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return count
`
const sha1 = (script: string) => createHash('sha1').update(script).digest('hex')
const SCRIPT_SHA1 = new Map([HIT_SCRIPT, FAILURE_SCRIPT].map((script) => [script, sha1(script)]))

/** Default bound on one hit, connecting included: Redis answers in well under a millisecond on a LAN. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 500

/** Default prefix of every key this store writes. */
export const DEFAULT_REDIS_KEY_PREFIX = 'coffer:rl:'

/**
 * Sliding-window counters on Redis, shared by every Coffer instance that uses the same Redis and
 * key prefix (see rate-limit-store.ts for the algorithm).
 *
 * Each hit is one Lua script (EVALSHA, falling back to EVAL when Redis has not cached it), so
 * concurrent hits from many instances never over-count. Keys are
 * `<prefix><windowSeconds>:{<key>}:<window index>` and expire two windows after they are written.
 * The time comes from this instance's injected clock, not from Redis: instances must keep their
 * clocks in sync (NTP); a skew of s seconds only moves window edges by s between instances.
 *
 * It never queues, never hangs and never throws from an event: the client connects on the first
 * hit, keeps no offline queue, and every hit answers or rejects with `RateLimitStoreUnavailable`
 * within `commandTimeoutMs`, while the client reconnects in the background.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis
  readonly #clock: Clock
  readonly #keyPrefix: string
  readonly #timeoutMs: number
  #closed = false
  #connecting: Promise<void> | undefined

  constructor(options: { url: string; clock?: Clock; keyPrefix?: string; commandTimeoutMs?: number }) {
    this.#clock = options.clock ?? SYSTEM_CLOCK
    this.#keyPrefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX
    this.#timeoutMs = options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS
    this.#redis = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: this.#timeoutMs,
      commandTimeout: this.#timeoutMs,
      // How long `close` lets a socket linger (ioredis waits 2 s by default, even for a dead one).
      disconnectTimeout: this.#timeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    })
    // Failures reach callers as rejected hits; without a listener ioredis would print every
    // reconnection error as an unhandled 'error' event.
    this.#redis.on('error', () => {})
  }

  /**
   * Counts one hit on `key` if it fits `limit` per `windowSeconds`.
   * @throws RateLimitStoreUnavailable when Redis is unreachable, refuses, or does not answer within
   *   `commandTimeoutMs`, and after `close`.
   * @throws RangeError when `limit` or `windowSeconds` is not a positive integer.
   */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    checkHitArguments(limit, windowSeconds)
    const { index, elapsedMs, windowMs } = windowPosition(this.#clock.now(), windowSeconds)
    const keyOf = (windowIndex: number) => `${this.#keyPrefix}${windowSeconds}:{${key}}:${windowIndex}`
    const keys = [keyOf(index), keyOf(index - 1)]
    const args = [limit, windowMs, elapsedMs, 2 * windowMs]
    const reply = await this.#withinTimeout(async () => {
      await this.#connectOnce()
      return this.#runScript(HIT_SCRIPT, keys, args)
    })
    const [allowed, previous, current] = parseReply(reply)
    return slidingWindowDecision({ previous, current, elapsedMs, windowMs, limit }, allowed)
  }

  /** @throws RateLimitStoreUnavailable as `hit` does. */
  async failures(key: string): Promise<FailureCount | null> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    const [count, lastAtMs] = await this.#withinTimeout(async () => {
      await this.#connectOnce()
      return this.#redis.hmget(this.#failureKey(key), 'n', 't')
    })
    if (count === null || lastAtMs === null) return null
    const parsed = { count: Number(count), lastAtMs: Number(lastAtMs) }
    if (!Number.isSafeInteger(parsed.count) || !Number.isSafeInteger(parsed.lastAtMs)) {
      throw new RateLimitStoreUnavailable('redis holds an unreadable failure count')
    }
    return parsed
  }

  /** @throws RateLimitStoreUnavailable as `hit` does. */
  async recordFailure(key: string, memorySeconds: number): Promise<FailureCount> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    const now = this.#clock.now()
    const count = await this.#withinTimeout(async () => {
      await this.#connectOnce()
      return this.#runScript(FAILURE_SCRIPT, [this.#failureKey(key)], [now, memorySeconds * 1000])
    })
    if (!Number.isSafeInteger(count))
      throw new RateLimitStoreUnavailable('redis answered the failure script unexpectedly')
    return { count: count as number, lastAtMs: now }
  }

  /** @throws RateLimitStoreUnavailable as `hit` does. */
  async clearFailures(key: string): Promise<void> {
    if (this.#closed) throw new RateLimitStoreUnavailable('rate-limit store is closed')
    await this.#withinTimeout(async () => {
      await this.#connectOnce()
      await this.#redis.del(this.#failureKey(key))
    })
  }

  #failureKey(key: string): string {
    return `${this.#keyPrefix}fail:{${key}}`
  }

  /** Closes the connection and stops reconnecting; hits afterwards reject. */
  async close(): Promise<void> {
    this.#closed = true
    this.#redis.disconnect()
  }

  /**
   * Connects on the first hit (or after ioredis gave up), and makes concurrent hits wait for that
   * one connection instead of failing on a stream that is not writable yet. While ioredis itself
   * reconnects after a loss, hits fail fast instead of waiting.
   */
  async #connectOnce(): Promise<void> {
    const status = this.#redis.status
    if (this.#connecting === undefined && (status === 'wait' || status === 'end')) {
      this.#connecting = this.#redis.connect().finally(() => {
        this.#connecting = undefined
      })
    }
    await this.#connecting
  }

  async #runScript(script: string, keys: string[], args: number[]): Promise<unknown> {
    try {
      return await this.#redis.evalsha(SCRIPT_SHA1.get(script)!, keys.length, ...keys, ...args)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return this.#redis.eval(script, keys.length, ...keys, ...args)
    }
  }

  /** Runs `work`, turning any failure, or no answer within the timeout, into RateLimitStoreUnavailable. */
  async #withinTimeout<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new RateLimitStoreUnavailable(`redis did not answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      )
    })
    try {
      return await Promise.race([work(), deadline])
    } catch (error) {
      if (error instanceof RateLimitStoreUnavailable) throw error
      throw new RateLimitStoreUnavailable('redis is unavailable', { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }
}

/** The script's `{ allowed, previous, current }`, checked. */
function parseReply(reply: unknown): [allowed: boolean, previous: number, current: number] {
  if (
    Array.isArray(reply) &&
    reply.length === 3 &&
    reply.every((value) => Number.isSafeInteger(value) && value >= 0)
  ) {
    return [reply[0] === 1, reply[1] as number, reply[2] as number]
  }
  throw new RateLimitStoreUnavailable('redis answered the rate-limit script unexpectedly')
}
