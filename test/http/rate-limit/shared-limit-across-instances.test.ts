// Stops: a client multiplying its limit by the number of Coffer instances behind the load balancer.
// Two "servers", each with its own RedisRateLimitStore on the same Redis, hold one limit.
import assert from 'node:assert/strict'
import { after, before, describe, it as test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { RateLimiter } from '../../../src/http/rate-limit/rate-limiter.js'
import { RedisRateLimitStore } from '../../../src/http/rate-limit/redis-store.js'
import {
  deleteKeysWithPrefix,
  keysWithPrefix,
  openTestRedis,
  SKIP_WITHOUT_REDIS,
  TEST_REDIS_URL,
  uniqueKeyPrefix,
} from '../../support/redis.js'
import { buildLimitedApp } from './limited-app.js'

describe('one limit across two server instances on one Redis', () => {
  // Skipped test by test (not the whole suite) so that the run's summary counts them as skipped.
  const it = (name: string, fn: () => Promise<void>) => test(name, { skip: SKIP_WITHOUT_REDIS }, fn)
  const keyPrefix = uniqueKeyPrefix('shared')
  const stores: RedisRateLimitStore[] = []
  const servers: FastifyInstance[] = []
  let serverA: FastifyInstance
  let serverB: FastifyInstance

  async function startServer(): Promise<FastifyInstance> {
    const store = new RedisRateLimitStore({ url: TEST_REDIS_URL!, keyPrefix })
    stores.push(store)
    const limiter = new RateLimiter({ store, failMode: { tokens: 'closed', login: 'closed' } })
    const server = await buildLimitedApp({ limiter, tokenLimitPerMinute: 60 })
    servers.push(server)
    return server
  }

  before(async () => {
    if (SKIP_WITHOUT_REDIS) return
    serverA = await startServer()
    serverB = await startServer()
  })
  after(async () => {
    for (const server of servers) await server.close()
    for (const store of stores) await store.close()
    if (SKIP_WITHOUT_REDIS) return
    const redis = openTestRedis()
    try {
      await deleteKeysWithPrefix(redis, keyPrefix)
      assert.deepEqual(await keysWithPrefix(redis, keyPrefix), [])
    } finally {
      redis.disconnect()
    }
  })

  const ping = (server: FastifyInstance, tokenId: string) =>
    server.inject({ method: 'GET', url: '/v1/ping', headers: { 'x-token-id': tokenId } })

  it('60 requests split across both servers pass; the 61st is refused on either', async () => {
    for (let i = 0; i < 60; i++) {
      const response = await ping(i % 2 === 0 ? serverA : serverB, 'token-split')
      assert.equal(response.statusCode, 200, `request ${i + 1}`)
      assert.equal(response.headers['ratelimit-remaining'], String(59 - i))
    }
    for (const server of [serverA, serverB]) {
      const refused = await ping(server, 'token-split')
      assert.equal(refused.statusCode, 429)
      assert.equal(refused.json().code, 'RATE_LIMITED')
    }
  })

  it('100 concurrent requests across both servers: exactly 60 pass', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ping(i % 2 === 0 ? serverA : serverB, 'token-concurrent')),
    )
    const statuses = responses.map((response) => response.statusCode)
    assert.equal(statuses.filter((status) => status === 200).length, 60)
    assert.equal(statuses.filter((status) => status === 429).length, 40)
  })

  it('keeps limiting after Redis lost its script cache (EVALSHA falls back to EVAL)', async () => {
    const redis = openTestRedis()
    try {
      await redis.script('FLUSH')
    } finally {
      redis.disconnect()
    }
    const response = await ping(serverA, 'token-after-flush')
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['ratelimit-remaining'], '59')
  })
})
