// Stops: a Redis outage deciding by accident what the limiter does — hanging requests, crashing the
// process with an unhandled 'error' event, or silently switching brute-force protection off.
// The behaviour is the configured fail mode: closed for login, open for token routes by default.
import assert from 'node:assert/strict'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { after, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { isCofferError } from '../../../src/errors.js'
import { MemoryRateLimitStore } from '../../../src/http/rate-limit/memory-store.js'
import type { RateLimitStore } from '../../../src/http/rate-limit/rate-limit-store.js'
import {
  DEFAULT_FAIL_MODES,
  RateLimitedError,
  RateLimiter,
} from '../../../src/http/rate-limit/rate-limiter.js'
import { RateLimitStoreUnavailable, RedisRateLimitStore } from '../../../src/http/rate-limit/redis-store.js'
import {
  deleteKeysWithPrefix,
  openTestRedis,
  SKIP_WITHOUT_REDIS,
  TEST_REDIS_URL,
  uniqueKeyPrefix,
} from '../../support/redis.js'
import { buildLimitedApp } from './limited-app.js'

/** Port 1 on loopback: nothing listens there, so connections are refused at once. */
const CLOSED_PORT_URL = 'redis://127.0.0.1:1'
const TIMEOUT_MS = 300

/** A TCP server on loopback that accepts connections and never answers: a hung Redis. */
async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  assert.ok(address !== null && typeof address === 'object')
  return {
    url: `redis://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A TCP relay on loopback to the test Redis that can be cut (`stop`) and restored on the same port. */
async function startRedisRelay(
  target: URL,
): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
      socket.on('close', () => sockets.delete(socket))
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  assert.ok(address !== null && typeof address === 'object')
  const port = address.port
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
    start: () => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve)),
  }
}

async function timed<T>(work: Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const start = performance.now()
  const [result] = await Promise.allSettled([work])
  return { ms: performance.now() - start, result: result! }
}

function rejectionOf(result: PromiseSettledResult<unknown>): unknown {
  assert.equal(result.status, 'rejected')
  return (result as PromiseRejectedResult).reason
}

describe('Redis unreachable: the store rejects quickly, never hangs or crashes', () => {
  const stores: RateLimitStore[] = []
  after(async () => {
    for (const store of stores) await store.close()
  })

  it('a closed port: every hit rejects with RateLimitStoreUnavailable within the timeout', async () => {
    const store = new RedisRateLimitStore({ url: CLOSED_PORT_URL, commandTimeoutMs: TIMEOUT_MS })
    stores.push(store)
    // The first hit connects; later ones find ioredis reconnecting and fail fast instead of queueing.
    for (let i = 0; i < 3; i++) {
      const { ms, result } = await timed(store.hit('k', 10, 60))
      assert.ok(rejectionOf(result) instanceof RateLimitStoreUnavailable, `hit ${i + 1}`)
      assert.ok(ms < TIMEOUT_MS + 200, `hit ${i + 1} took ${ms.toFixed(0)} ms`)
    }
  })

  it('a server that accepts and never answers: the hit rejects after the timeout, not later', async () => {
    const silent = await startSilentServer()
    const store = new RedisRateLimitStore({ url: silent.url, commandTimeoutMs: TIMEOUT_MS })
    try {
      const hits = await Promise.all([timed(store.hit('k', 10, 60)), timed(store.hit('k', 10, 60))])
      for (const { ms, result } of hits) {
        assert.ok(rejectionOf(result) instanceof RateLimitStoreUnavailable)
        assert.ok(ms >= TIMEOUT_MS - 20 && ms < TIMEOUT_MS + 300, `took ${ms.toFixed(0)} ms`)
      }
    } finally {
      await store.close()
      await silent.close()
    }
  })

  it('a closed store rejects with RateLimitStoreUnavailable', async () => {
    for (const store of [
      new MemoryRateLimitStore(),
      new RedisRateLimitStore({ url: CLOSED_PORT_URL, commandTimeoutMs: TIMEOUT_MS }),
    ]) {
      await store.close()
      await assert.rejects(store.hit('k', 10, 60), RateLimitStoreUnavailable)
    }
  })
})

describe('Redis comes back: the store recovers by itself', () => {
  it('hits fail during the outage and succeed again once Redis answers', {
    skip: SKIP_WITHOUT_REDIS,
  }, async () => {
    const relay = await startRedisRelay(new URL(TEST_REDIS_URL!))
    const keyPrefix = uniqueKeyPrefix('outage')
    const store = new RedisRateLimitStore({ url: relay.url, keyPrefix, commandTimeoutMs: TIMEOUT_MS })
    try {
      assert.equal((await store.hit('k', 100, 60)).allowed, true)
      await relay.stop()
      await assert.rejects(store.hit('k', 100, 60), RateLimitStoreUnavailable)
      await relay.start()
      // ioredis reconnects in the background (100 ms, 200 ms, ... apart): poll for up to 5 s.
      let recovered: number | undefined
      for (let attempt = 0; attempt < 50 && recovered === undefined; attempt++) {
        recovered = await store.hit('k', 100, 60).then(
          (decision) => decision.remaining,
          () => undefined,
        )
        if (recovered === undefined) await sleep(100)
      }
      // The count survived the outage: it lives in Redis, not in the connection.
      assert.equal(recovered, 98)
    } finally {
      await store.close()
      await relay.stop()
      const redis = openTestRedis()
      await deleteKeysWithPrefix(redis, keyPrefix).finally(() => redis.disconnect())
    }
  })
})

describe('RateLimiter fail modes when its store is unavailable', () => {
  const store = new RedisRateLimitStore({ url: CLOSED_PORT_URL, commandTimeoutMs: TIMEOUT_MS })
  after(() => store.close())

  it('defaults: login fails closed, token routes fail open', () => {
    assert.deepEqual(DEFAULT_FAIL_MODES, { tokens: 'open', login: 'closed' })
  })

  it('fail-open: a token request gets null (no decision), and the error is reported', async () => {
    const reported: unknown[] = []
    const limiter = new RateLimiter({
      store,
      failMode: DEFAULT_FAIL_MODES,
      onStoreError: (error) => reported.push(error),
    })
    assert.equal(await limiter.check({ key: 'token-1', limitPerMinute: 60, kind: 'tokens' }), null)
    assert.equal(reported.length, 1)
    assert.ok(reported[0] instanceof RateLimitStoreUnavailable)
  })

  it('fail-closed: a login attempt is refused with RATE_LIMITED, and the error is reported', async () => {
    const reported: unknown[] = []
    const limiter = new RateLimiter({
      store,
      failMode: DEFAULT_FAIL_MODES,
      onStoreError: (error) => reported.push(error),
    })
    await assert.rejects(limiter.check({ key: '192.0.2.7', limitPerMinute: 5, kind: 'login' }), (error) => {
      assert.ok(isCofferError(error, 'RATE_LIMITED'))
      assert.equal(error.message, 'rate limiter unavailable')
      assert.ok(!(error instanceof RateLimitedError), 'no decision to put in headers')
      assert.ok(error.cause instanceof RateLimitStoreUnavailable)
      return true
    })
    assert.equal(reported.length, 1)
  })

  it('each kind follows its own setting (tokens closed, login open)', async () => {
    const limiter = new RateLimiter({ store, failMode: { tokens: 'closed', login: 'open' } })
    await assert.rejects(limiter.check({ key: 't', limitPerMinute: 60, kind: 'tokens' }), (error) =>
      isCofferError(error, 'RATE_LIMITED'),
    )
    assert.equal(await limiter.check({ key: '192.0.2.7', limitPerMinute: 5, kind: 'login' }), null)
  })

  it('a store failure that is not an outage (a bug) is not mistaken for one: it propagates', async () => {
    const bug = () => Promise.reject(new TypeError('bug'))
    const broken: RateLimitStore = {
      hit: bug,
      failures: bug,
      recordFailure: bug,
      clearFailures: bug,
      close: async () => {},
    }
    const limiter = new RateLimiter({ store: broken, failMode: { tokens: 'open', login: 'open' } })
    await assert.rejects(limiter.check({ key: 't', limitPerMinute: 60, kind: 'tokens' }), TypeError)
    await assert.rejects(limiter.checkLogin({ key: 'ip', limitPerMinute: 5 }), TypeError)
    await assert.rejects(limiter.loginOutcome('ip', 'failure'), TypeError)
  })

  it('login backoff follows the login fail mode: its lookup refuses (closed) or is skipped (open); recording a failure never throws', async () => {
    const reported: unknown[] = []
    const closed = new RateLimiter({
      store,
      failMode: DEFAULT_FAIL_MODES,
      onStoreError: (error) => reported.push(error),
    })
    await assert.rejects(closed.checkLogin({ key: '192.0.2.7', limitPerMinute: 5 }), (error) => {
      assert.ok(isCofferError(error, 'RATE_LIMITED'))
      assert.equal(error.message, 'rate limiter unavailable')
      return true
    })
    await closed.loginOutcome('192.0.2.7', 'failure')
    await closed.loginOutcome('192.0.2.7', 'success')
    assert.equal(reported.length, 3)
    assert.ok(reported.every((error) => error instanceof RateLimitStoreUnavailable))
    const open = new RateLimiter({ store, failMode: { tokens: 'open', login: 'open' } })
    assert.equal(await open.checkLogin({ key: '192.0.2.7', limitPerMinute: 5 }), null)
  })

  it('over HTTP: login answers 429 problem+json, a token route answers 200 without RateLimit-* headers', async () => {
    const app = await buildLimitedApp({ limiter: new RateLimiter({ store, failMode: DEFAULT_FAIL_MODES }) })
    try {
      const login = await app.inject({ method: 'POST', url: '/login', remoteAddress: '192.0.2.7' })
      assert.equal(login.statusCode, 429)
      assert.equal(login.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.equal(login.json().code, 'RATE_LIMITED')
      assert.equal(login.json().detail, 'rate limiter unavailable')
      const ping = await app.inject({ method: 'GET', url: '/v1/ping', headers: { 'x-token-id': 't' } })
      assert.equal(ping.statusCode, 200)
      assert.equal(ping.headers['ratelimit-limit'], undefined)
    } finally {
      await app.close()
    }
  })
})
