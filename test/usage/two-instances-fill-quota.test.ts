// Stops: a quota that two server instances pass together — each sees room, both write. Two Coffer
// apps on one database (separate connection pools on PostgreSQL) fill one org at once, far past
// its records and storage quotas; the org ends exactly at the quota and not one record over.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { buildHttpServer } from '../../src/http/http-server.js'
import { readPlanTable } from '../../src/operator/plans.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, testConfig, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { call } from '../support/http.js'

const QUOTA = 60
/** Envelope bytes of a record of 100 characters of content and nothing else (45 B of envelope). */
const RECORD_BYTES = 145

const PLANS = readPlanTable(
  JSON.stringify({
    count: { rate_limit_per_minute: 100_000, records: QUOTA },
    size: { rate_limit_per_minute: 100_000, storage_bytes: QUOTA * RECORD_BYTES + RECORD_BYTES - 1 },
  }),
)

for (const target of DATABASE_TARGETS) {
  describe(`two instances fill one org's quota at once on ${target.name}`, () => {
    let testDb: TestDatabase
    let first: Coffer
    let second: Coffer
    let a: FastifyInstance
    let b: FastifyInstance
    const clock = new TestClock(Date.now())

    before(async () => {
      testDb = await target.create()
      const config = testConfig({ plans: PLANS })
      first = await wireTestCoffer(testDb.db, { config, clock })
      const otherDb = target.name === 'postgres' ? await testDb.openAnother({ maxConnections: 8 }) : testDb.db
      second = await wireTestCoffer(otherDb, { config, clock })
      a = await buildHttpServer(first)
      b = await buildHttpServer(second)
    })
    after(async () => {
      await a.close()
      await b.close()
      await testDb.drop()
    })

    for (const plan of ['count', 'size'] as const) {
      it(`${plan === 'count' ? 'records' : 'storage_bytes'}: ${QUOTA * 2} concurrent stores, ${QUOTA} pass, the rest 413, none over`, async () => {
        const org = await createOrg(first, { slug: `fill-${plan}`, plan, actor: 'test' })
        const attempts = Array.from({ length: QUOTA * 2 }, (_, i) =>
          call(i % 2 === 0 ? a : b, org.ownerToken, 'POST', '/v1/records', {
            namespace: i % 3 === 0 ? 'one' : 'two',
            type: 'note',
            content: String(i).padStart(100, '0'),
          }),
        )
        const answers = await Promise.all(attempts)
        const statuses = answers.map((answer) => answer.statusCode)
        const unexpected = answers.filter((answer) => answer.statusCode !== 201 && answer.statusCode !== 413)
        assert.deepEqual(
          unexpected.map((answer) => answer.body),
          [],
          'only stored or refused',
        )
        assert.equal(statuses.filter((status) => status === 201).length, QUOTA)
        for (const refused of answers.filter((answer) => answer.statusCode === 413)) {
          assert.equal(refused.json().code, 'QUOTA_EXCEEDED')
        }
        const stored = await withTenant(testDb.db, org.orgId, async (sql) => {
          const { rows } = await sql.query<{ n: number; bytes: number }>(
            `SELECT count(*)::int AS n, coalesce(sum(octet_length(content)), 0)::int AS bytes FROM records WHERE org_id = $1`,
            [sql.orgId],
          )
          return rows[0]!
        })
        assert.equal(stored.n, QUOTA, 'exactly the quota is stored')
        assert.equal(stored.bytes, QUOTA * RECORD_BYTES)
        const usage = await call(a, org.ownerToken, 'GET', '/v1/usage')
        assert.equal(usage.json().records, QUOTA)
        assert.equal(usage.json().bytes, QUOTA * RECORD_BYTES)
      })
    }
  })
}
