import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { isCofferError } from '../../src/errors.js'
import { buildHttpServer } from '../../src/http/http-server.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, testConfig, wireTestCoffer } from '../support/coffer.js'
import { contractObserver } from '../support/contract-check.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { call } from '../support/http.js'

const REDIS_URL = process.env.COFFER_TEST_REDIS_URL

for (const target of DATABASE_TARGETS) {
  describe(`two server instances on one ${target.name} and one Redis`, {
    skip: !REDIS_URL && 'set COFFER_TEST_REDIS_URL',
  }, () => {
    let testDb: TestDatabase
    let config: KeyedConfig
    let a: FastifyInstance
    let b: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock(Date.now())

    before(async () => {
      testDb = await target.create()
      config = testConfig({ redisUrl: REDIS_URL })
      const first = await wireTestCoffer(testDb.db, { config, clock })
      const second = await wireTestCoffer(testDb.db, { config, clock })
      a = await buildHttpServer(first, { observeResponse: contractObserver() })
      b = await buildHttpServer(second, { observeResponse: contractObserver() })
      org = await createOrg(first, { slug: 'org-a', actor: 'test' })
    })
    after(async () => {
      await a.close()
      await b.close()
      await testDb.drop()
    })

    it("share one token's limit: 5 per minute across both, the 6th refused on either with 429 and headers", async () => {
      const created = await call(a, org.ownerToken, 'POST', '/v1/tokens', {
        name: 'limited',
        scopes: ['records:read'],
        rate_limit_per_minute: 5,
      })
      const { token } = created.json()
      for (const [i, server] of [a, b, a, b, a].entries()) {
        const ok = await call(server, token, 'GET', '/v1/records')
        assert.equal(ok.statusCode, 200, `request ${i + 1}`)
        assert.equal(ok.headers['ratelimit-limit'], '5')
        assert.equal(ok.headers['ratelimit-remaining'], String(4 - i))
      }
      for (const server of [b, a]) {
        const refused = await call(server, token, 'GET', '/v1/records')
        assert.equal(refused.statusCode, 429)
        assert.equal(refused.json().code, 'RATE_LIMITED')
        assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
        assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After')
        assert.equal(refused.headers['ratelimit-remaining'], '0')
      }
      assert.equal(
        (await call(a, org.ownerToken, 'GET', '/v1/records')).statusCode,
        200,
        'other tokens unaffected',
      )
    })

    it('see each other’s revocations within the 5 s verification cache', async () => {
      const { id, token } = (
        await call(a, org.ownerToken, 'POST', '/v1/tokens', { name: 'r', scopes: ['records:read'] })
      ).json()
      assert.equal((await call(b, token, 'GET', '/v1/records')).statusCode, 200)
      assert.equal((await call(a, org.ownerToken, 'DELETE', `/v1/tokens/${id}`)).statusCode, 204)
      clock.advance(5_000)
      assert.equal((await call(b, token, 'GET', '/v1/records')).json().code, 'TOKEN_REVOKED')
    })
  })
}

describe('client address for rate limits', () => {
  const request = (remoteAddress: string, forwardedFor?: string) => ({
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  })

  it('ignores a forged X-Forwarded-For unless COFFER_TRUST_PROXY names the proxy', async () => {
    const { openPGlite } = await import('../../src/db/pglite-driver.js')
    const db = await openPGlite({})
    try {
      const plain = await buildHttpServer(await wireTestCoffer(db))
      assert.equal(plain.clientIpOf(request('203.0.113.7', '198.51.100.1')), '203.0.113.7')
      const behindProxy = await buildHttpServer(
        await wireTestCoffer(db, { config: { trustProxy: '10.0.0.0/8' } }),
      )
      assert.equal(behindProxy.clientIpOf(request('10.1.2.3', '198.51.100.1')), '198.51.100.1')
      assert.equal(
        behindProxy.clientIpOf(request('203.0.113.7', '198.51.100.1')),
        '203.0.113.7',
        'not via an untrusted hop',
      )
      await assert.rejects(
        wireTestCoffer(db, { config: { trustProxy: '2' } }).then((coffer) => buildHttpServer(coffer)),
        (error) => isCofferError(error, 'CONFIG_INVALID'),
        'no hop counts',
      )
      await plain.close()
      await behindProxy.close()
    } finally {
      await db.close()
    }
  })
})
