// Stops: search going blind during or after an org key rotation, and blind index rows left under
// a retired key version.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'

const STOP = new Error('stop after the first batch')

for (const target of DATABASE_TARGETS) {
  describe(`search across an org key rotation on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { config: { rotationBatchSize: 2 } })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-rotating', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const store = async (content: string): Promise<string> => {
      const response = await call(http, org.ownerToken, 'POST', '/v1/records', { content })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id
    }
    const searchIds = async (query: string): Promise<string[]> => {
      const response = await call(http, org.ownerToken, 'POST', '/v1/records/search', { query, limit: 100 })
      assert.equal(response.statusCode, 200, response.body)
      return response
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort()
    }
    const termVersions = async (): Promise<number[]> => {
      const { rows } = await testDb.db.query<{ key_version: number }>(
        `SELECT DISTINCT key_version FROM ${INDEX_ENTRIES} WHERE org_id = $1 ORDER BY key_version`,
        [org.orgId],
      )
      return rows.map((row) => row.key_version)
    }

    it('finds the same records before, during and after a rotation; no index row keeps the old version', async () => {
      const ids: string[] = []
      for (let i = 0; i < 7; i++) ids.push(await store(`weekly report ${i} on the orchard harvest`))
      const expected = [...ids].sort()
      assert.deepEqual(await searchIds('orchard'), expected, 'before')
      assert.deepEqual(await termVersions(), [1])

      const job = await coffer.rotation.start(org.orgId, 'test')
      assert.equal(job.targetVersion, 2)
      assert.deepEqual(await searchIds('orchard'), expected, 'started, nothing re-encrypted yet')
      await assert.rejects(
        coffer.rotation.run(org.orgId, {
          beforeCommit: (batch) => {
            if (batch === 1) throw STOP
          },
        }),
        (error) => error === STOP,
      )
      assert.deepEqual(await termVersions(), [1, 2], 'part way: both versions in the index')
      const { rows } = await testDb.db.query<{ n: number }>(
        `SELECT count(DISTINCT record_id)::int AS n FROM ${INDEX_ENTRIES} WHERE org_id = $1 AND key_version = 2`,
        [org.orgId],
      )
      assert.equal(rows[0]!.n, 2, 'one batch of two records re-indexed')
      const during = await store('orchard notes written during the rotation')
      const expectedDuring = [...expected, during].sort()
      assert.deepEqual(await searchIds('orchard'), expectedDuring, 'during')
      assert.deepEqual(await searchIds('harvest'), expected, 'during, another term')

      const result = await coffer.rotation.run(org.orgId)
      assert.ok(result)
      assert.deepEqual(result.retiredVersions, [1])
      assert.deepEqual(await termVersions(), [2], 'after: no row under the old version')
      assert.deepEqual(await searchIds('orchard'), expectedDuring, 'after')
      assert.deepEqual(await searchIds('HARVEST report'), expected, 'after, two terms')
    })
  })
}
