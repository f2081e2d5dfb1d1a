import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { AuditLog } from '../../src/audit/audit-log.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { SYSTEM_CLOCK } from '../../src/internal/clock.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

const INSUFFICIENT_PRIVILEGE = '42501'
const refused = (error: unknown) => (error as { code?: string }).code === INSUFFICIENT_PRIVILEGE

for (const target of DATABASE_TARGETS) {
  describe(`audit log tampering on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let orgId: OrgId

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      orgId = (await createOrg(coffer, { slug: 'org-a', actor: 'test' })).orgId
      for (let i = 0; i < 3; i++) {
        await withTenant(coffer.db, orgId, (sql) =>
          coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: `r${i}` }),
        )
      }
    })
    after(async () => {
      await testDb.drop()
    })

    const verify = () => withTenant(coffer.db, orgId, (sql) => coffer.audit.verify(sql))

    it('an intact chain verifies, with per-org sequence numbers from 1', async () => {
      const result = await verify()
      assert.deepEqual(result, { ok: true, entries: 5 })
    })

    it('the app role can append and read, never update or delete', async () => {
      for (const statement of ["UPDATE audit_log SET action = 'x'", 'DELETE FROM audit_log']) {
        await assert.rejects(
          withTenant(coffer.db, orgId, (sql) => sql.query(statement)),
          refused,
          statement,
        )
      }
    })

    it('even the table owner cannot update, delete or truncate: the trigger fires always, replicas included', async () => {
      for (const statement of [
        "UPDATE audit_log SET action = 'x'",
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
      ]) {
        await assert.rejects(testDb.db.query(statement), refused, statement)
      }
      await assert.rejects(
        testDb.db.transaction(async (tx) => {
          await tx.query("SET LOCAL session_replication_role = 'replica'")
          await tx.query("UPDATE audit_log SET action = 'x'")
        }),
        refused,
      )
      const { rows } = await testDb.db.query<{ tgenabled: string }>(
        "SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal",
      )
      assert.deepEqual(
        rows.map((r) => r.tgenabled),
        ['A', 'A'],
      )
    })

    it('an entry altered behind the triggers is found, naming the first bad entry', async () => {
      await testDb.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')
        await tx.query("UPDATE audit_log SET resource = 'record:forged' WHERE org_id = $1 AND seq = 3", [
          orgId,
        ])
        await tx.query('ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only')
      })
      assert.deepEqual(await verify(), { ok: false, entries: 2, firstBadSeq: 3, reason: 'hash mismatch' })
    })

    it('a deleted entry is found as a sequence gap', async () => {
      const other = (await createOrg(coffer, { slug: 'org-gap', actor: 'test' })).orgId
      await testDb.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')
        await tx.query('DELETE FROM audit_log WHERE org_id = $1 AND seq = 1', [other])
        await tx.query('ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only')
      })
      const result = await withTenant(coffer.db, other, (sql) => coffer.audit.verify(sql))
      assert.deepEqual(result, { ok: false, entries: 0, firstBadSeq: 1, reason: 'sequence gap' })
    })

    it('a chain rewritten without the audit key does not verify', async () => {
      const forger = new AuditLog({ auditKey: randomBytes(32), clock: SYSTEM_CLOCK })
      const result = await withTenant(coffer.db, orgId, (sql) => forger.verify(sql))
      assert.equal(result.ok, false)
      assert.equal(result.ok === false && result.firstBadSeq, 1)
    })

    it('concurrent appends for one org get distinct, gapless sequence numbers', async () => {
      const org = (await createOrg(coffer, { slug: 'org-concurrent', actor: 'test' })).orgId
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          withTenant(coffer.db, org, (sql) =>
            coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `n:${i}` }),
          ),
        ),
      )
      const result = await withTenant(coffer.db, org, (sql) => coffer.audit.verify(sql))
      assert.deepEqual(result, { ok: true, entries: 22 })
    })
  })
}
