// Stops: an abusive client going unbounded — per token on API routes, per client IP (and IPv6 /64)
// on login — and a refusal clients cannot act on: the answer is 429 problem+json with Retry-After
// and RateLimit-* headers, and allowed answers carry the RateLimit-* headers too.
import assert from 'node:assert/strict'
import { after, beforeEach, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { isCofferError } from '../../../src/errors.js'
import { parseTrustedProxies } from '../../../src/http/rate-limit/client-ip.js'
import { MemoryRateLimitStore } from '../../../src/http/rate-limit/memory-store.js'
import {
  DEFAULT_FAIL_MODES,
  RateLimitedError,
  RateLimiter,
  rateLimitHeaders,
} from '../../../src/http/rate-limit/rate-limiter.js'
import { TestClock } from '../../support/coffer.js'
import { buildLimitedApp } from './limited-app.js'

const MINUTE_START = Date.UTC(2026, 10, 23, 12, 0, 0)

describe('429 over HTTP: per-token and per-IP limits through the error mapper', () => {
  let clock: TestClock
  let app: FastifyInstance
  const apps: FastifyInstance[] = []

  async function start(options: { trustProxy?: string } = {}): Promise<FastifyInstance> {
    const store = new MemoryRateLimitStore({ clock })
    const limiter = new RateLimiter({ store, failMode: DEFAULT_FAIL_MODES })
    const started = await buildLimitedApp({
      limiter,
      tokenLimitPerMinute: 60,
      loginLimitPerMinute: 5,
      trustedProxies: parseTrustedProxies(options.trustProxy),
    })
    apps.push(started)
    return started
  }
  beforeEach(async () => {
    clock = new TestClock(MINUTE_START)
    app = await start()
  })
  after(async () => {
    for (const started of apps) await started.close()
  })

  const ping = (tokenId: string) =>
    app.inject({ method: 'GET', url: '/v1/ping', headers: { 'x-token-id': tokenId } })
  const login = (target: FastifyInstance, remoteAddress: string, headers: Record<string, string> = {}) =>
    target.inject({ method: 'POST', url: '/login', remoteAddress, headers })
  /** The status of each request, sent one after the other. */
  async function statuses(requests: (() => Promise<LightMyRequestResponse>)[]): Promise<number[]> {
    const answers: number[] = []
    for (const request of requests) answers.push((await request()).statusCode)
    return answers
  }

  it('allowed answers carry RateLimit-* headers and no Retry-After', async () => {
    const response = await ping('token-a')
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['ratelimit-limit'], '60')
    assert.equal(response.headers['ratelimit-remaining'], '59')
    assert.equal(response.headers['ratelimit-reset'], '120')
    assert.equal(response.headers['ratelimit-policy'], '"default";q=60;w=60')
    assert.equal(response.headers.ratelimit, '"default";r=59;t=120')
    assert.equal(response.headers['retry-after'], undefined)
  })

  it('the 61st request of a token in a minute is 429 problem+json RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 60; i++) assert.equal((await ping('token-a')).statusCode, 200)
    const refused = await ping('token-a')
    assert.equal(refused.statusCode, 429)
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
    const problem = refused.json()
    assert.equal(problem.code, 'RATE_LIMITED')
    assert.equal(problem.status, 429)
    assert.equal(problem.type, 'urn:coffer:problem:rate-limited')
    // 60 hits at second 0: 60 × (1 − t/60) ≤ 59 one second into the next window.
    assert.equal(refused.headers['retry-after'], '61')
    assert.equal(refused.headers['ratelimit-limit'], '60')
    assert.equal(refused.headers['ratelimit-remaining'], '0')
    assert.equal(refused.headers['ratelimit-reset'], '120')
    // Another token is not affected.
    assert.equal((await ping('token-b')).statusCode, 200)
    // Retry-After is honest: one second early is still refused, on time is served.
    clock.advance(60_000)
    assert.equal((await ping('token-a')).statusCode, 429)
    clock.advance(1_000)
    assert.equal((await ping('token-a')).statusCode, 200)
  })

  it('login is limited per client IP; a forged X-Forwarded-For does not buy new attempts', async () => {
    const forged = Array.from(
      { length: 6 },
      (_, i) => () => login(app, '203.0.113.9', { 'x-forwarded-for': `198.51.100.${i}` }),
    )
    assert.deepEqual(await statuses(forged), [200, 200, 200, 200, 200, 429])
    assert.equal((await login(app, '203.0.113.10')).statusCode, 200, 'another client is not affected')
  })

  it('an IPv6 client cannot rotate addresses inside its /64 to escape the login limit', async () => {
    const rotating = Array.from({ length: 6 }, (_, i) => () => login(app, `2001:db8:1:2::${i + 1}`))
    assert.deepEqual(await statuses(rotating), [200, 200, 200, 200, 200, 429])
    assert.equal((await login(app, '2001:db8:1:3::1')).statusCode, 200, 'the next /64 is another client')
  })

  it('behind a trusted proxy, each client behind it has its own login limit', async () => {
    const proxied = await start({ trustProxy: '10.0.0.0/8' })
    const viaProxy = (client: string) => login(proxied, '10.0.0.2', { 'x-forwarded-for': client })
    const first = Array.from({ length: 6 }, () => () => viaProxy('198.51.100.1'))
    assert.deepEqual(await statuses(first), [200, 200, 200, 200, 200, 429])
    assert.equal((await viaProxy('198.51.100.2')).statusCode, 200)
    // A client behind the proxy that forges a hop is still itself.
    assert.equal((await viaProxy('198.51.100.2, 198.51.100.1')).statusCode, 429)
  })
})

describe('RateLimiter', () => {
  const limiter = () =>
    new RateLimiter({
      store: new MemoryRateLimitStore({ clock: new TestClock(MINUTE_START) }),
      failMode: DEFAULT_FAIL_MODES,
    })

  it('refuses with a RateLimitedError carrying the decision', async () => {
    const rateLimiter = limiter()
    const first = await rateLimiter.check({ key: 't', limitPerMinute: 1, kind: 'tokens' })
    assert.deepEqual(first, {
      allowed: true,
      limit: 1,
      remaining: 0,
      resetSeconds: 120,
      retryAfterSeconds: 0,
    })
    await assert.rejects(rateLimiter.check({ key: 't', limitPerMinute: 1, kind: 'tokens' }), (error) => {
      assert.ok(error instanceof RateLimitedError && isCofferError(error, 'RATE_LIMITED'))
      assert.equal(error.status, 429)
      assert.deepEqual(error.decision, {
        allowed: false,
        limit: 1,
        remaining: 0,
        resetSeconds: 120,
        retryAfterSeconds: 120,
      })
      return true
    })
  })

  it('keeps token and login counters apart even for the same key', async () => {
    const rateLimiter = limiter()
    await rateLimiter.check({ key: 'same', limitPerMinute: 1, kind: 'tokens' })
    assert.ok(await rateLimiter.check({ key: 'same', limitPerMinute: 1, kind: 'login' }))
  })

  it('refuses a limit that is not a positive integer as INTERNAL (a wiring bug, not a client error)', async () => {
    for (const limitPerMinute of [0, -1, 2.5, Number.NaN]) {
      await assert.rejects(limiter().check({ key: 't', limitPerMinute, kind: 'tokens' }), (error) =>
        isCofferError(error, 'INTERNAL'),
      )
    }
  })

  it('rateLimitHeaders adds Retry-After only to a refusal', () => {
    const decision = { allowed: true, limit: 10, remaining: 3, resetSeconds: 42, retryAfterSeconds: 0 }
    assert.deepEqual(rateLimitHeaders(decision), {
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '3',
      'RateLimit-Reset': '42',
      'RateLimit-Policy': '"default";q=10;w=60',
      RateLimit: '"default";r=3;t=42',
    })
    const refused = { ...decision, allowed: false, remaining: 0, retryAfterSeconds: 7 }
    assert.equal(rateLimitHeaders(refused)['Retry-After'], '7')
  })
})
