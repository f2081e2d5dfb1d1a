// Stops: password guessing at full speed. After three failed logins each further attempt waits
// twice as long as the one before, up to five minutes; the first few typos cost nothing.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  LOGIN_FREE_FAILURES,
  LOGIN_MAX_BACKOFF_SECONDS,
  loginBackoffSeconds,
} from '../../../src/http/rate-limit/rate-limiter.js'

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
