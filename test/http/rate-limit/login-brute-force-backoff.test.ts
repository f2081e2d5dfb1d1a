// Stops: password guessing at full speed. After three failed logins each further attempt waits
// twice as long as the one before, up to five minutes; the first few typos cost nothing.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { isCofferError } from '../../../src/errors.js'
import { MemoryRateLimitStore } from '../../../src/http/rate-limit/memory-store.js'
import type { RateLimitStore } from '../../../src/http/rate-limit/rate-limit-store.js'
import {
  LOGIN_FAILURE_MEMORY_SECONDS,
  LOGIN_FREE_FAILURES,
  LOGIN_MAX_BACKOFF_SECONDS,
  loginBackoffSeconds,
  RateLimitedError,
  RateLimiter,
} from '../../../src/http/rate-limit/rate-limiter.js'
import { RedisRateLimitStore } from '../../../src/http/rate-limit/redis-store.js'
import { TestClock } from '../../support/coffer.js'
import {
  deleteKeysWithPrefix,
  openTestRedis,
  SKIP_WITHOUT_REDIS,
  TEST_REDIS_URL,
  uniqueKeyPrefix,
} from '../../support/redis.js'

describe('login backoff after failed attempts', () => {
  it('is free for the first three failures, then doubles from 1 s up to 300 s', () => {
    const waits = Array.from({ length: 16 }, (_, failures) => loginBackoffSeconds(failures))
    assert.deepEqual(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300])
    assert.equal(LOGIN_FREE_FAILURES, 3)
    assert.equal(LOGIN_MAX_BACKOFF_SECONDS, 300)
  })

  it('never decreases as failures grow, and stays capped for huge counts', () => {
    let previous = 0
    for (let failures = 0; failures < 2000; failures++) {
      const wait = loginBackoffSeconds(failures)
      assert.ok(wait >= previous && wait <= 300, `${failures} failures: ${wait} s`)
      previous = wait
    }
    assert.equal(loginBackoffSeconds(Number.MAX_SAFE_INTEGER), 300)
    assert.equal(loginBackoffSeconds(Number.POSITIVE_INFINITY), 300)
  })

  it('treats odd counts safely: negatives are none, fractions round down, NaN is refused', () => {
    assert.equal(loginBackoffSeconds(-5), 0)
    assert.equal(loginBackoffSeconds(4.9), 1)
    assert.throws(() => loginBackoffSeconds(Number.NaN), RangeError)
  })
})

/** The Retry-After of a refused `checkLogin`, or 0 when it was admitted. */
async function waitOf(limiter: RateLimiter, key: string): Promise<number> {
  try {
    await limiter.checkLogin({ key, limitPerMinute: 1000 })
    return 0
  } catch (error) {
    assert.ok(error instanceof RateLimitedError && isCofferError(error, 'RATE_LIMITED'), String(error))
    assert.equal(error.decision.retryAfterSeconds, error.decision.resetSeconds)
    return error.decision.retryAfterSeconds
  }
}

const STORES: { name: string; skip: false | string; open(clock: TestClock): RateLimitStore }[] = [
  { name: 'memory', skip: false, open: (clock) => new MemoryRateLimitStore({ clock }) },
  {
    name: 'Redis',
    skip: SKIP_WITHOUT_REDIS,
    open: (clock) => new RedisRateLimitStore({ url: TEST_REDIS_URL!, clock, keyPrefix: redisPrefix }),
  },
]
const redisPrefix = uniqueKeyPrefix('backoff')

for (const { name, skip, open } of STORES) {
  describe(`login backoff enforced by the limiter, on the ${name} store`, { skip }, () => {
    const clock = new TestClock()
    const stores: RateLimitStore[] = []
    const limiterOn = (store: RateLimitStore) =>
      new RateLimiter({ store, clock, failMode: { tokens: 'closed', login: 'closed' } })
    after(async () => {
      for (const store of stores) await store.close()
      if (name !== 'Redis') return
      const redis = openTestRedis()
      await deleteKeysWithPrefix(redis, redisPrefix).finally(() => redis.disconnect())
    })
    const newStore = () => {
      const store = open(clock)
      stores.push(store)
      return store
    }

    it('after three free failures each attempt waits 1, 2, 4 s ...; a refused attempt does not lengthen it', async () => {
      const limiter = limiterOn(newStore())
      const key = `198.51.100.1-${name}`
      for (let i = 0; i < LOGIN_FREE_FAILURES; i++) {
        assert.equal(await waitOf(limiter, key), 0, `failure ${i + 1} is free`)
        await limiter.loginOutcome(key, 'failure')
      }
      for (const expected of [1, 2, 4, 8]) {
        assert.equal(await waitOf(limiter, key), 0, 'admitted once the wait has run')
        await limiter.loginOutcome(key, 'failure')
        assert.equal(await waitOf(limiter, key), expected)
        clock.advance(expected * 1000 - 1)
        assert.equal(await waitOf(limiter, key), 1, 'refused attempts are not failures')
        clock.advance(1)
      }
      assert.equal(await waitOf(limiter, 'another-client'), 0, 'another client is not held')
    })

    it('a success clears the backoff; failures are forgotten 15 minutes after the last one', async () => {
      const limiter = limiterOn(newStore())
      const key = `198.51.100.2-${name}`
      for (let i = 0; i < 6; i++) await limiter.loginOutcome(key, 'failure')
      assert.equal(await waitOf(limiter, key), loginBackoffSeconds(6))
      await limiter.loginOutcome(key, 'success')
      assert.equal(await waitOf(limiter, key), 0)
      await limiter.loginOutcome(key, 'failure')
      assert.equal(await waitOf(limiter, key), 0, 'counting starts again from one')

      for (let i = 0; i < 6; i++) await limiter.loginOutcome(key, 'failure')
      clock.advance(LOGIN_FAILURE_MEMORY_SECONDS * 1000)
      if (name === 'Redis') {
        // Redis expires on its own clock: the key's TTL is what forgets, checked directly.
        const redis = openTestRedis()
        try {
          const ttl = await redis.pttl(`${redisPrefix}fail:{login:${key}}`)
          assert.ok(ttl > 0 && ttl <= LOGIN_FAILURE_MEMORY_SECONDS * 1000, `ttl ${ttl}`)
        } finally {
          redis.disconnect()
        }
      } else {
        await limiter.loginOutcome(key, 'failure')
        assert.equal(await waitOf(limiter, key), 0, 'one failure after the memory ran out is a first one')
      }
    })

    it('two instances on one store hold one backoff', async () => {
      const store = newStore()
      const a = limiterOn(store)
      const b = limiterOn(name === 'Redis' ? newStore() : store)
      const key = `198.51.100.3-${name}`
      for (let i = 0; i < LOGIN_FREE_FAILURES + 1; i++)
        await (i % 2 === 0 ? a : b).loginOutcome(key, 'failure')
      assert.equal(await waitOf(a, key), 1)
      assert.equal(await waitOf(b, key), 1)
    })
  })
}
