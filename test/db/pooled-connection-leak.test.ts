import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { OrgId } from '../../src/db/org-id.js'
import type { Database } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

/** What the next user of the (only) connection sees when it sets no org. */
async function seenWithoutOrg(
  db: Database,
): Promise<{ records: number; setting: string | null; role: string }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ setting: string | null; role: string }>(
      "SELECT current_setting('app.org_id', true) AS setting, current_user AS role",
    )
    await tx.query('SET LOCAL ROLE coffer_app')
    const count = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM records')
    return { records: count.rows[0]!.n, setting: rows[0]!.setting, role: rows[0]!.role }
  })
}

for (const target of DATABASE_TARGETS) {
  describe(`tenant scope does not leak across a pooled connection on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let single: Database
    let orgA: OrgId

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      orgA = (await createOrg(coffer, { slug: 'org-a', actor: 'test' })).orgId
      await withTenant(coffer.db, orgA, (sql) =>
        coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: 'a' }),
      )
      // PGlite is one connection already; on PostgreSQL use a pool of exactly one.
      single = target.name === 'postgres' ? await testDb.openAnother({ maxConnections: 1 }) : testDb.db
    })
    after(async () => {
      await testDb.drop()
    })

    it('a transaction for org A followed by one with no org sees nothing of A', async () => {
      const inA = await withTenant(single, orgA, async (sql) => {
        const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM records')
        return rows[0]!.n
      })
      assert.equal(inA, 1)
      const next = await seenWithoutOrg(single)
      assert.equal(next.records, 0)
      assert.ok(next.setting === null || next.setting === '', 'app.org_id is not carried on')
      assert.notEqual(next.role, 'coffer_app', 'the role is not carried on')
    })

    it('an error mid-transaction leaves no tenant setting behind', async () => {
      await assert.rejects(
        withTenant(single, orgA, async (sql) => {
          await sql.query('SELECT count(*) FROM records')
          await sql.query('SELECT 1 / 0')
        }),
        (error) => (error as { code?: string }).code === '22012',
      )
      const next = await seenWithoutOrg(single)
      assert.equal(next.records, 0)
      assert.ok(next.setting === null || next.setting === '')
    })

    it('an error thrown by application code rolls back the writes made in the tenant scope', async () => {
      await assert.rejects(
        withTenant(single, orgA, async (sql) => {
          await coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: 'b' })
          throw new Error('application failure')
        }),
        /application failure/,
      )
      const { rows } = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM records WHERE org_id = $1',
        [orgA],
      )
      assert.equal(rows[0]!.n, 1, 'the record of the failed transaction is gone')
      const audit = await testDb.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'record.created'",
        [orgA],
      )
      assert.equal(audit.rows[0]!.n, 1, 'and so is its audit entry')
    })

    if (target.name === 'postgres') {
      // Through PgBouncer the backend pid is PgBouncer's server connection, which it keeps after
      // our client connection is destroyed; the three tests above are what must hold there.
      const throughPgBouncer = process.env.COFFER_TEST_THROUGH_PGBOUNCER === '1'
      const skip = throughPgBouncer ? 'PgBouncer reuses its server connection; the pid shows that one' : false
      it('a connection whose transaction failed is destroyed, not returned to the pool', {
        skip,
      }, async () => {
        const pid = async () =>
          single.transaction(
            async (tx) => (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid,
          )
        const first = await pid()
        assert.equal(await pid(), first, 'a healthy connection is reused')
        await assert.rejects(withTenant(single, orgA, (sql) => sql.query('SELECT 1 / 0')))
        assert.notEqual(await pid(), first, 'a new connection after the failure')
      })
    }
  })
}
