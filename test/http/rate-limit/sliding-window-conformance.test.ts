// Stops: an abusive client getting more than its limit, or a well-behaved one refused, because one
// store counts differently from the other. One suite over every RateLimitStore, on a TestClock.
import assert from 'node:assert/strict'
import { after, describe, it as test } from 'node:test'
import { MemoryRateLimitStore } from '../../../src/http/rate-limit/memory-store.js'
import type { RateLimitDecision, RateLimitStore } from '../../../src/http/rate-limit/rate-limit-store.js'
import { RedisRateLimitStore } from '../../../src/http/rate-limit/redis-store.js'
import { TestClock } from '../../support/coffer.js'
import {
  deleteKeysWithPrefix,
  keysWithPrefix,
  openTestRedis,
  SKIP_WITHOUT_REDIS,
  TEST_REDIS_URL,
  uniqueKeyPrefix,
} from '../../support/redis.js'

/** The start of a minute: fixed windows of 60 s (and of 10 s) begin here. */
const MINUTE_START = Date.UTC(2026, 10, 23, 12, 0, 0)
const WINDOW_SECONDS = 60

interface StoreTarget {
  name: string
  skip: false | string
  open(clock: TestClock): RateLimitStore
  /** Removes what the suite left behind (Redis keys). */
  cleanUp(): Promise<void>
}

const MEMORY: StoreTarget = {
  name: 'memory',
  skip: false,
  open: (clock) => new MemoryRateLimitStore({ clock }),
  async cleanUp() {},
}

function redisTarget(): StoreTarget {
  const keyPrefix = uniqueKeyPrefix('conformance')
  return {
    name: 'redis',
    skip: SKIP_WITHOUT_REDIS,
    open: (clock) => new RedisRateLimitStore({ url: TEST_REDIS_URL!, clock, keyPrefix }),
    async cleanUp() {
      if (!TEST_REDIS_URL) return
      const redis = openTestRedis()
      try {
        const left = await keysWithPrefix(redis, keyPrefix)
        assert.ok(left.length > 0, 'the suite wrote its counters under its own key prefix')
        // Every counter key carries a TTL of at most two 60 s windows: nothing is left forever.
        for (const key of left) {
          const ttl = await redis.pttl(key)
          assert.ok(ttl > 0 && ttl <= 2 * WINDOW_SECONDS * 1000, `${key} has TTL ${ttl} ms`)
        }
        await deleteKeysWithPrefix(redis, keyPrefix)
      } finally {
        redis.disconnect()
      }
    },
  }
}

async function hits(store: RateLimitStore, key: string, count: number, limit: number) {
  const decisions: RateLimitDecision[] = []
  for (let i = 0; i < count; i++) decisions.push(await store.hit(key, limit, WINDOW_SECONDS))
  return decisions
}

for (const target of [MEMORY, redisTarget()]) {
  describe(`sliding-window limits on the ${target.name} store`, () => {
    // Skipped test by test (not the whole suite) so that the run's summary counts them as skipped.
    const it = (name: string, fn: () => Promise<void>) => test(name, { skip: target.skip }, fn)
    const stores: RateLimitStore[] = []
    let keyCount = 0
    /** A fresh store on a fresh clock at the start of a minute, and a key no other test uses. */
    function setUp(startMs = MINUTE_START) {
      const clock = new TestClock(startMs)
      const store = target.open(clock)
      stores.push(store)
      return { clock, store, key: `key-${++keyCount}` }
    }
    after(async () => {
      for (const store of stores) await store.close()
      await target.cleanUp()
    })

    it('allows `limit` hits, counting remaining down, then refuses', async () => {
      const { store, key } = setUp()
      const allowed = await hits(store, key, 5, 5)
      assert.deepEqual(
        allowed.map((d) => [d.allowed, d.remaining]),
        [
          [true, 4],
          [true, 3],
          [true, 2],
          [true, 1],
          [true, 0],
        ],
      )
      assert.ok(allowed.every((d) => d.limit === 5 && d.retryAfterSeconds === 0))
      const refused = await store.hit(key, 5, WINDOW_SECONDS)
      assert.equal(refused.allowed, false)
      assert.equal(refused.remaining, 0)
      assert.ok(refused.retryAfterSeconds >= 1)
    })

    it('slides: half a window into the next one, half of the previous count still weighs', async () => {
      const { clock, store, key } = setUp()
      assert.ok((await hits(store, key, 10, 10)).every((d) => d.allowed))
      clock.advance(90_000) // the next window, 30 s in: 10 × 0.5 = 5 still count
      const decisions = await hits(store, key, 6, 10)
      assert.deepEqual(
        decisions.map((d) => d.allowed),
        [true, true, true, true, true, false],
      )
      assert.deepEqual(
        decisions.map((d) => d.remaining),
        [4, 3, 2, 1, 0, 0],
      )
    })

    it('keeps counting a hit of the previous window 59 s after it (no fixed-window reset burst)', async () => {
      const { clock, store, key } = setUp(MINUTE_START + 59_000)
      assert.ok((await hits(store, key, 10, 10)).every((d) => d.allowed))
      clock.advance(1_000) // a new fixed window begins: a fixed-window limiter would allow 10 more here
      assert.equal((await store.hit(key, 10, WINDOW_SECONDS)).allowed, false)
    })

    it('forgets everything two windows later: the whole limit is back', async () => {
      const { clock, store, key } = setUp()
      await hits(store, key, 11, 10)
      clock.advance(120_000)
      const decisions = await hits(store, key, 10, 10)
      assert.ok(decisions.every((d) => d.allowed))
      assert.equal(decisions.at(-1)!.remaining, 0)
    })

    it('says when to retry and when the limit is whole again, and is right about both', async () => {
      const { clock, store, key } = setUp()
      const last = (await hits(store, key, 10, 10)).at(-1)!
      // All 10 hits are in this window: they weigh fully until it ends, then fade over the next.
      assert.equal(last.resetSeconds, 120)
      const refused = await store.hit(key, 10, WINDOW_SECONDS)
      // Next window, 10 × (1 − t/60) ≤ 9 from t = 6 s: 60 + 6 s from now.
      assert.equal(refused.retryAfterSeconds, 66)
      assert.equal(refused.resetSeconds, 120)
      clock.advance(65_000)
      assert.equal((await store.hit(key, 10, WINDOW_SECONDS)).allowed, false, 'refused 1 s too early')
      clock.advance(1_000)
      assert.equal((await store.hit(key, 10, WINDOW_SECONDS)).allowed, true, 'allowed when it said')
    })

    it('gives a retry-after inside the window when the previous count is what refuses', async () => {
      const { clock, store, key } = setUp()
      await hits(store, key, 10, 10)
      clock.advance(90_000)
      await hits(store, key, 5, 10) // 10 × 0.5 + 5 = 10
      const refused = await store.hit(key, 10, WINDOW_SECONDS)
      // 10 × (1 − t/60) + 5 ≤ 9 from t = 36 s; it is now 30 s into the window.
      assert.equal(refused.retryAfterSeconds, 6)
      assert.equal(refused.resetSeconds, 90) // the 5 hits of this window fade out by the end of the next
      clock.advance(5_000)
      assert.equal((await store.hit(key, 10, WINDOW_SECONDS)).allowed, false)
      clock.advance(1_000)
      assert.equal((await store.hit(key, 10, WINDOW_SECONDS)).allowed, true)
    })

    it('does not count refused hits: hammering does not extend the wait', async () => {
      const { clock, store, key } = setUp()
      await hits(store, key, 3, 3)
      const first = await store.hit(key, 3, WINDOW_SECONDS)
      await hits(store, key, 50, 3)
      const later = await store.hit(key, 3, WINDOW_SECONDS)
      assert.equal(later.retryAfterSeconds, first.retryAfterSeconds)
      clock.advance(first.retryAfterSeconds * 1000)
      assert.equal((await store.hit(key, 3, WINDOW_SECONDS)).allowed, true)
    })

    it('keeps keys, and window sizes of one key, apart', async () => {
      const { store, key } = setUp()
      await hits(store, key, 2, 2)
      assert.equal((await store.hit(key, 2, WINDOW_SECONDS)).allowed, false)
      assert.equal((await store.hit(`${key}-other`, 2, WINDOW_SECONDS)).allowed, true)
      assert.equal((await store.hit(key, 2, 10)).allowed, true)
    })

    it('applies the limit given with each hit (a token whose limit was raised gets the room at once)', async () => {
      const { store, key } = setUp()
      await hits(store, key, 3, 3)
      assert.equal((await store.hit(key, 3, WINDOW_SECONDS)).allowed, false)
      const raised = await store.hit(key, 5, WINDOW_SECONDS)
      assert.equal(raised.allowed, true)
      assert.equal(raised.remaining, 1)
    })

    it('allows exactly `limit` of many concurrent hits', async () => {
      const { store, key } = setUp()
      const decisions = await Promise.all(
        Array.from({ length: 50 }, () => store.hit(key, 20, WINDOW_SECONDS)),
      )
      assert.equal(decisions.filter((d) => d.allowed).length, 20)
    })

    it('refuses a limit or window that is not a positive integer', async () => {
      const { store, key } = setUp()
      for (const [limit, window] of [
        [0, 60],
        [1.5, 60],
        [10, 0],
        [Number.NaN, 60],
      ] as const) {
        await assert.rejects(store.hit(key, limit, window), RangeError)
      }
    })
  })
}
