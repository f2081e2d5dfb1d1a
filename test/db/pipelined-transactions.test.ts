// Stops: statements sent without waiting (BEGIN with the first statement, COMMIT with the last,
// lookups side by side) that commit part of a failed transaction, hide an error, leave a scope on
// a pooled connection, or a read door that can write.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { OrgId } from '../../src/db/org-id.js'
import type { Database } from '../../src/db/sql.js'
import { readInTenant, withTenant } from '../../src/db/tenant-door.js'
import { CofferError } from '../../src/errors.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

const NAMESPACE_INSERT = 'INSERT INTO namespaces (org_id, id, name) VALUES ($1, $2, $3)'

for (const target of DATABASE_TARGETS) {
  describe(`pipelined transactions on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let single: Database
    let orgA: OrgId
    let orgB: OrgId

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      orgA = (await createOrg(coffer, { slug: 'org-a', actor: 'test' })).orgId
      orgB = (await createOrg(coffer, { slug: 'org-b', actor: 'test' })).orgId
      // One connection, so a scope or an open transaction left on it would meet the next user.
      single = target.name === 'postgres' ? await testDb.openAnother({ maxConnections: 1 }) : testDb.db
    })
    after(async () => {
      if (single !== testDb.db) await single.close()
      await testDb.drop()
    })

    const namespacesNamed = async (name: string) => {
      const { rows } = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM namespaces WHERE name = $1',
        [name],
      )
      return rows[0]!.n
    }
    const nextUserSees = () =>
      single.transaction(async (tx) => {
        const { rows } = await tx.query<{ org: string | null; role: string }>(
          "SELECT current_setting('app.org_id', true) AS org, current_user AS role",
        )
        return rows[0]!
      })

    it('a deferred write that fails at COMMIT surfaces its error and nothing of the transaction stays', async () => {
      const name = `ns-${randomUUID()}`
      const failure = await withTenant(single, orgA, async (sql) => {
        await sql.query(NAMESPACE_INSERT, [orgA, randomUUID(), name])
        // Same name: the unique index refuses it when it travels with COMMIT.
        await sql.defer(NAMESPACE_INSERT, [orgA, randomUUID(), name])
        return 'committed'
      }).catch((error: { code?: string }) => error)
      assert.equal(
        (failure as { code?: string }).code,
        '23505',
        'the unique violation, not a silent ROLLBACK',
      )
      assert.equal(await namespacesNamed(name), 0)
      const seen = await nextUserSees()
      assert.equal(seen.org === null || seen.org === '', true, 'no org left on the connection')
      assert.notEqual(seen.role, 'coffer_app')
    })

    it('lookups sent side by side: one failing fails the transaction, the other is not committed', async () => {
      const name = `ns-${randomUUID()}`
      const failure = await withTenant(single, orgA, (sql) =>
        Promise.all([
          sql.query(NAMESPACE_INSERT, [orgA, randomUUID(), name]),
          sql.query('SELECT 1 / 0 AS boom'),
        ]),
      ).catch((error: { code?: string }) => error)
      assert.equal((failure as { code?: string }).code, '22012')
      assert.equal(await namespacesNamed(name), 0)
      // The connection serves the next transaction, unscoped.
      const seen = await nextUserSees()
      assert.notEqual(seen.role, 'coffer_app')
    })

    it('an error after the first statement rolls back what the first wrote', async () => {
      const name = `ns-${randomUUID()}`
      await assert.rejects(
        withTenant(single, orgA, async (sql) => {
          await sql.query(NAMESPACE_INSERT, [orgA, randomUUID(), name])
          throw new CofferError('VALIDATION_FAILED', 'changed my mind')
        }),
        (error: unknown) => error instanceof CofferError && error.code === 'VALIDATION_FAILED',
      )
      assert.equal(await namespacesNamed(name), 0)
    })

    it('a transaction that sends nothing returns its value and leaves the connection usable', async () => {
      assert.equal(await withTenant(single, orgA, async () => 'nothing sent'), 'nothing sent')
      assert.notEqual((await nextUserSees()).role, 'coffer_app')
    })

    it("readInTenant sees only its org's rows, statement by statement", async () => {
      const mine = `ns-${randomUUID()}`
      const theirs = `ns-${randomUUID()}`
      await withTenant(coffer.db, orgA, (sql) => sql.query(NAMESPACE_INSERT, [orgA, randomUUID(), mine]))
      await withTenant(coffer.db, orgB, (sql) => sql.query(NAMESPACE_INSERT, [orgB, randomUUID(), theirs]))
      const names = await readInTenant(single, orgA, async (sql) => {
        // No WHERE org_id: RLS alone answers.
        const first = await sql.query<{ name: string }>('SELECT name FROM namespaces')
        const second = await sql.query<{ org: string }>("SELECT current_setting('app.org_id') AS org")
        return { names: first.rows.map((row) => row.name), org: second.rows[0]!.org }
      })
      assert.ok(names.names.includes(mine))
      assert.ok(!names.names.includes(theirs))
      assert.equal(names.org, orgA)
      assert.notEqual((await nextUserSees()).role, 'coffer_app')
    })

    it('readInTenant cannot write: a write fails read-only, defer and exec are refused', async () => {
      const name = `ns-${randomUUID()}`
      await assert.rejects(
        readInTenant(single, orgA, (sql) => sql.query(NAMESPACE_INSERT, [orgA, randomUUID(), name])),
        (error: { code?: string }) => error.code === '25006',
      )
      await assert.rejects(
        readInTenant(single, orgA, (sql) => sql.defer(NAMESPACE_INSERT, [orgA, randomUUID(), name])),
        (error: unknown) => error instanceof CofferError && error.code === 'INTERNAL',
      )
      await assert.rejects(
        readInTenant(single, orgA, (sql) => sql.exec(`DELETE FROM namespaces WHERE name = '${name}'`)),
        (error: unknown) => error instanceof CofferError && error.code === 'INTERNAL',
      )
      assert.equal(await namespacesNamed(name), 0)
      assert.notEqual((await nextUserSees()).role, 'coffer_app')
    })

    // PGlite prepares nothing: one in-process connection.
    if (target.name === 'postgres') {
      it('prepared statements: the same text is prepared once per connection, and a kept plan never shows one org the rows of another', async () => {
        const mine = `ns-${randomUUID()}`
        const theirs = `ns-${randomUUID()}`
        await withTenant(coffer.db, orgA, (sql) => sql.query(NAMESPACE_INSERT, [orgA, randomUUID(), mine]))
        await withTenant(coffer.db, orgB, (sql) => sql.query(NAMESPACE_INSERT, [orgB, randomUUID(), theirs]))
        // More than five runs: PostgreSQL may switch to a generic plan, kept across orgs.
        const lookup = 'SELECT name FROM namespaces WHERE name = ANY ($1::text[]) ORDER BY name'
        for (let run = 0; run < 12; run++) {
          const org = run % 2 === 0 ? orgA : orgB
          const seen = await readInTenant(single, org, (sql) =>
            sql.query<{ name: string }>(lookup, [[mine, theirs]]),
          )
          assert.deepEqual(
            seen.rows.map((row) => row.name),
            [org === orgA ? mine : theirs],
            `run ${run}: only the org's own row`,
          )
        }
        const prepared = await single.transaction(async (tx) => {
          const { rows } = await tx.query<{ name: string; statement: string }>(
            'SELECT name, statement FROM pg_prepared_statements WHERE statement = $1',
            [lookup],
          )
          return rows
        })
        assert.equal(prepared.length, 1, 'prepared once on the one connection')
        assert.match(prepared[0]!.name, /^coffer_\d+$/)
      })
    }
  })
}
