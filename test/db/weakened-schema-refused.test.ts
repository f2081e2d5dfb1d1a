import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertTenantIsolation } from '../../src/db/isolation-check.js'
import { migrate } from '../../src/db/migrate.js'
import { isCofferError } from '../../src/errors.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

/** Each way a schema change could weaken isolation, and the table the refusal must name. */
const WEAKENINGS: { name: string; sql: string; names: string }[] = [
  { name: 'RLS disabled', sql: 'ALTER TABLE records DISABLE ROW LEVEL SECURITY', names: 'records' },
  { name: 'RLS not forced', sql: 'ALTER TABLE namespaces NO FORCE ROW LEVEL SECURITY', names: 'namespaces' },
  { name: 'tenant policy dropped', sql: 'DROP POLICY tenant_isolation ON api_tokens', names: 'api_tokens' },
  {
    name: 'an extra permissive policy for the app role',
    sql: 'CREATE POLICY see_all ON records TO coffer_app USING (true)',
    names: 'see_all',
  },
  {
    name: 'an extra policy for PUBLIC',
    sql: 'CREATE POLICY see_all ON audit_log USING (true)',
    names: 'audit_log',
  },
  {
    name: 'a policy on another setting',
    sql: `DROP POLICY tenant_isolation ON org_keys;
          CREATE POLICY tenant_isolation ON org_keys TO coffer_app
          USING (org_id = (SELECT nullif(current_setting('app.other', true), '')::uuid))`,
    names: 'org_keys',
  },
  {
    name: 'a new tenant table without RLS',
    sql: 'CREATE TABLE transcripts (org_id uuid NOT NULL, body bytea)',
    names: 'transcripts',
  },
  {
    name: 'the app role can bypass RLS',
    sql: 'ALTER ROLE coffer_app BYPASSRLS',
    names: 'coffer_app can bypass RLS',
  },
]

for (const target of DATABASE_TARGETS) {
  describe(`start-up refuses a schema without enforced isolation on ${target.name}`, () => {
    let testDb: TestDatabase

    before(async () => {
      testDb = await target.create()
      await migrate(testDb.db)
    })
    after(async () => {
      await testDb.drop()
    })

    it('accepts the migrated schema', async () => {
      await assertTenantIsolation(testDb.db)
    })

    it('wiring Coffer (every server and CLI start) runs the check and refuses to start', async () => {
      await testDb.db.exec('ALTER TABLE records NO FORCE ROW LEVEL SECURITY')
      try {
        await assert.rejects(wireTestCoffer(testDb.db), (error) =>
          isCofferError(error, 'TENANT_ISOLATION_BROKEN'),
        )
      } finally {
        await testDb.db.exec('ALTER TABLE records FORCE ROW LEVEL SECURITY')
      }
      await wireTestCoffer(testDb.db)
    })

    for (const weakening of WEAKENINGS) {
      it(`refuses ${weakening.name}`, async () => {
        const rollback = new Error('rollback')
        // Each weakening happens inside a transaction that is rolled back (roles included).
        await assert.rejects(
          testDb.db.transaction(async (tx) => {
            await tx.exec(weakening.sql)
            await assert.rejects(
              assertTenantIsolation(tx),
              (error) =>
                isCofferError(error, 'TENANT_ISOLATION_BROKEN') && error.message.includes(weakening.names),
            )
            throw rollback
          }),
          (error) => error === rollback,
        )
        await assertTenantIsolation(testDb.db)
      })
    }
  })
}
