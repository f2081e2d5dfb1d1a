// Stops: search index rows outliving their record. record_terms has no foreign key (its per-row
// check dominated write cost); a trigger on records deletes them instead. Every way a record is
// deleted is tried here, and each must leave no index row of it behind.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { RecordsSweeper } from '../../src/records/records-sweeper.js'
import { type CreatedOrg, createOrg, setOrgRateLimit } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'

for (const target of DATABASE_TARGETS) {
  describe(`search index rows are deleted with their record, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      await setOrgRateLimit(coffer.db, 'org-a', 100_000)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const store = async (body: Record<string, unknown>) => {
      const response = await call(http, org.ownerToken, 'POST', '/v1/records', {
        content: 'quarterly revenue forecast for the northern region',
        ...body,
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }
    const indexRows = async (ids: string[]) =>
      (
        await testDb.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${INDEX_ENTRIES} WHERE record_id = ANY ($1::uuid[])`,
          [ids],
        )
      ).rows[0]!.n

    it('DELETE /v1/records/:id, an erase, a namespace deletion and the TTL sweeper', async () => {
      const single = await store({})
      const erased = [await store({ entities: ['Erase Me'] }), await store({ entities: ['Erase Me'] })]
      const inNamespace = [await store({ namespace: 'doomed' }), await store({ namespace: 'doomed' })]
      const expiring = await store({ ttl_seconds: 1 })
      const kept = await store({})
      assert.ok((await indexRows([single, ...erased, ...inNamespace, expiring, kept])) >= 7 * 6)

      assert.equal((await call(http, org.ownerToken, 'DELETE', `/v1/records/${single}`)).statusCode, 204)
      assert.equal(await indexRows([single]), 0, 'single delete')

      const erase = await call(http, org.ownerToken, 'DELETE', '/v1/records?entity=erase%20me')
      assert.equal(erase.json().deleted, 2)
      assert.equal(await indexRows(erased), 0, 'erase')

      assert.equal((await call(http, org.ownerToken, 'DELETE', '/v1/namespaces/doomed')).statusCode, 200)
      assert.equal(await indexRows(inNamespace), 0, 'namespace deletion (a cascade)')

      clock.advance(2000)
      await new RecordsSweeper({ db: coffer.db, audit: coffer.audit, clock }).sweepOnce()
      assert.equal(await indexRows([expiring]), 0, 'TTL sweeper')

      assert.ok((await indexRows([kept])) > 0, 'other records keep theirs')
    })
  })
}
