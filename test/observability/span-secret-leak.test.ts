// Stops: record content, search terms, tokens or secret values reaching a span (its name, an
// attribute, an event) and so an external trace collector. The payloads also go on the
// suite-wide leak check (scripts/run-tests.mjs searches them for every recorded secret).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { COFFER_VERSION } from '../../src/internal/version.js'
import { startTracing } from '../../src/observability/tracing.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { OtlpReceiver } from './otlp-receiver.js'

for (const target of DATABASE_TARGETS) {
  describe(`spans carry no secret on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const receiver = new OtlpReceiver()

    before(async () => {
      await receiver.start()
      const tracing = startTracing(
        { tracesUrl: receiver.url, serviceName: 'coffer-test', sampler: 'always_on', samplerRatio: 1 },
        { version: COFFER_VERSION },
      )
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { tracing })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'leaky', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await coffer.tracing.shutdown()
      await testDb.drop()
      await receiver.close()
    })

    it('has no content, entity, term, token or secret value in any exported span', async () => {
      const content = `span canary content ${Math.random()}`
      const entity = `Span Canary Entity ${Math.random()}`
      recordCanary(content)
      recordCanary(entity)
      coffer.keyCache.clear()
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', { content, entities: [entity] })
      assert.equal(stored.statusCode, 201, stored.body)
      assert.equal(
        (await call(http, org.ownerToken, 'GET', `/v1/records/${stored.json().id}`)).statusCode,
        200,
      )
      await call(http, org.ownerToken, 'GET', `/v1/records?entity=${encodeURIComponent(entity)}`)
      await call(http, org.ownerToken, 'POST', '/v1/records/search', { query: content })
      const issued = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
        name: 'span-leak',
        scopes: ['records:read'],
      })
      assert.equal(issued.statusCode, 201, issued.body)
      assert.equal((await call(http, issued.json().token, 'GET', '/v1/records')).statusCode, 200)
      await coffer.tracing.flush()
      const text = receiver.text()
      assert.ok(receiver.spans.length > 10, 'spans were exported')
      for (const [what, value] of Object.entries({
        content,
        entity,
        entityEncoded: encodeURIComponent(entity),
        ownerToken: org.ownerToken,
        issuedToken: issued.json().token,
      })) {
        assert.equal(text.includes(value), false, what)
      }
      for (const span of receiver.spans) {
        assert.doesNotMatch(span.name, /\?|\$\d|'|=/, 'no query, parameter or literal in a span name')
      }
    })
  })
}
