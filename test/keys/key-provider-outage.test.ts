import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { openPGlite } from '../../src/db/pglite-driver.js'
import type { Database } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { countingProvider } from '../support/counting-provider.js'
import { buildTestServer, call } from '../support/http.js'
import { type KMSProviderFixture, kmsProviderFixture } from '../support/kms-fixture.js'

describe('key cache and root provider outages (KMS protocol double)', () => {
  const fixture: KMSProviderFixture = kmsProviderFixture()
  let db: Database
  let provider: ReturnType<typeof countingProvider>
  let coffer: Coffer

  before(async () => {
    await fixture.setUp()
    db = await openPGlite({})
    provider = countingProvider(await fixture.openRootA())
    coffer = await wireTestCoffer(db, { provider, config: { keyCacheTtlSeconds: 3600 } })
  })
  after(async () => {
    await coffer.close()
    await fixture.tearDown()
  })

  it('10,000 reads of one org cause one unwrap', async () => {
    const { orgId } = await createOrg(coffer, { slug: 'hot', actor: 'test' })
    const { id } = await withTenant(db, orgId, (sql) =>
      coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: 'hot record' }),
    )
    coffer.keyring.forgetOrg(orgId)
    const before = provider.calls.unwrap
    const decryptsBefore = fixture.double.calls.Decrypt ?? 0
    // 100 transactions of 100 reads: every read asks the cache for the key.
    for (let i = 0; i < 100; i++) {
      await withTenant(db, orgId, async (sql) => {
        for (let j = 0; j < 100; j++) assert.equal((await coffer.records.get(sql, id)).content, 'hot record')
      })
    }
    assert.ok(coffer.keyCache.stats().hits >= 10_000 - 1)
    assert.equal(provider.calls.unwrap - before, 1)
    assert.equal((fixture.double.calls.Decrypt ?? 0) - decryptsBefore, 1, 'one KMS Decrypt call')
  })

  it('with the provider down: readiness says why, cached reads still work, uncached ones answer 503 KEY_UNAVAILABLE', async () => {
    const { http } = await buildTestServer(coffer)
    try {
      const warm = await createOrg(coffer, { slug: 'warm', actor: 'test' })
      const cold = await createOrg(coffer, { slug: 'cold', actor: 'test' })
      const warmRecord = (
        await call(http, warm.ownerToken, 'POST', '/v1/records', { content: 'warm' })
      ).json()
      const coldRecord = (
        await call(http, cold.ownerToken, 'POST', '/v1/records', { content: 'cold' })
      ).json()
      coffer.keyring.forgetOrg(cold.orgId)
      assert.equal((await http.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)

      await fixture.makeUnreachable()
      try {
        const ready = await http.inject({ method: 'GET', url: '/health/ready' })
        assert.equal(ready.statusCode, 503)
        assert.equal(ready.json().code, 'NOT_READY')
        assert.match(ready.json().detail, /^key provider aws-kms: /)
        const warmRead = await call(http, warm.ownerToken, 'GET', `/v1/records/${warmRecord.id}`)
        assert.equal(warmRead.statusCode, 200, 'a cached org key needs no provider')
        const coldRead = await call(http, cold.ownerToken, 'GET', `/v1/records/${coldRecord.id}`)
        assert.equal(coldRead.statusCode, 503)
        assert.equal(coldRead.json().code, 'KEY_UNAVAILABLE')
        const newOrg = createOrg(coffer, { slug: 'during-outage', actor: 'test' })
        await assert.rejects(newOrg, (error) => (error as { code?: string }).code === 'KEY_UNAVAILABLE')
      } finally {
        await fixture.restore()
      }
      const recovered = await call(http, cold.ownerToken, 'GET', `/v1/records/${coldRecord.id}`)
      assert.equal(recovered.json().content, 'cold')
      assert.equal((await http.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
    } finally {
      await http.close()
    }
  })
})
