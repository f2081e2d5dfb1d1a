// Stops: an audit trail that can be rewritten unnoticed, on the server side: entries edited,
// deleted or re-sealed behind the append-only trigger, a tree head that does not match its
// entries, or writers that lose or duplicate sequence numbers when they append concurrently.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
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

    /** Changes rows as the table owner with the append-only trigger off, as an operator could. */
    const behindTheTrigger = (statement: string, params: unknown[]) =>
      testDb.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')
        await tx.query(statement, params)
        await tx.query('ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only')
      })

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      orgId = (await createOrg(coffer, { slug: 'org-a', actor: 'test' })).orgId
      for (let i = 0; i < 3; i++) {
        await withTenant(coffer.db, orgId, (sql) =>
          coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: `r${i}` }),
        )
      }
      await coffer.auditSequencer.sequenceDue()
    })
    after(async () => {
      await testDb.drop()
    })

    const verify = async (org: OrgId = orgId) => {
      const keys = await coffer.auditKeys.publicKeys()
      return withTenant(coffer.db, org, (sql) => coffer.audit.verify(sql, keys))
    }

    it('an intact log verifies: per-org sequence numbers from 1, leaves, roots and signed checkpoints', async () => {
      assert.deepEqual(await verify(), { ok: true, entries: 5 })
    })

    it('the app role can append, read and seal, never change an entry or delete one', async () => {
      for (const statement of [
        "UPDATE audit_log SET action = 'x'",
        'DELETE FROM audit_log',
        'UPDATE audit_log SET seq = seq + 100',
        'DELETE FROM audit_tree_nodes',
        'DELETE FROM audit_checkpoints',
      ]) {
        await assert.rejects(
          withTenant(coffer.db, orgId, (sql) => sql.query(statement)),
          refused,
          statement,
        )
      }
    })

    it('even the table owner cannot update, delete, truncate or re-seal: the triggers fire always', async () => {
      for (const statement of [
        "UPDATE audit_log SET action = 'x'",
        'UPDATE audit_log SET seq = seq + 100',
        "UPDATE audit_log SET leaf_hash = '\\x00'::bytea || substring(leaf_hash from 2)",
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
        'DELETE FROM audit_tree_nodes',
        "UPDATE audit_checkpoints SET note = 'x'",
        'TRUNCATE audit_checkpoints',
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
      const org = (await createOrg(coffer, { slug: 'org-edit', actor: 'test' })).orgId
      await coffer.auditSequencer.sequenceOrg(org)
      await behindTheTrigger(
        "UPDATE audit_log SET resource = 'record:forged' WHERE org_id = $1 AND seq = 2",
        [org],
      )
      assert.deepEqual(await verify(org), { ok: false, entries: 1, firstBadSeq: 2, reason: 'hash mismatch' })
    })

    it('an entry re-sealed with a matching leaf hash is found at the checkpoint that covers it', async () => {
      const org = (await createOrg(coffer, { slug: 'org-reseal', actor: 'test' })).orgId
      await coffer.auditSequencer.sequenceOrg(org)
      const { rows } = await testDb.db.query<{ seq: string }>('SELECT seq FROM audit_log WHERE org_id = $1', [
        org,
      ])
      assert.equal(rows.length, 2)
      // Rewrite entry 2 and its leaf hash consistently: only the signed tree head can catch it.
      const { auditLeafHash } = await import('../../src/crypto/audit-leaf.js')
      const forged = auditLeafHash({
        orgId: org,
        seq: 2,
        at: new Date(0),
        actor: 'test',
        action: 'token.created',
        resource: 'token:forged',
        requestId: null,
        outcome: null,
        purpose: null,
      })
      await behindTheTrigger(
        `UPDATE audit_log SET at = $2, action = 'token.created', resource = 'token:forged', leaf_hash = $3
         WHERE org_id = $1 AND seq = 2`,
        [org, new Date(0), forged],
      )
      assert.deepEqual(await verify(org), {
        ok: false,
        entries: 2,
        firstBadSeq: 2,
        reason: 'checkpoint mismatch',
      })
    })

    it('a deleted entry is found as a sequence gap', async () => {
      const other = (await createOrg(coffer, { slug: 'org-gap', actor: 'test' })).orgId
      await coffer.auditSequencer.sequenceOrg(other)
      await behindTheTrigger('DELETE FROM audit_log WHERE org_id = $1 AND seq = 1', [other])
      assert.deepEqual(await verify(other), { ok: false, entries: 0, firstBadSeq: 1, reason: 'sequence gap' })
    })

    it('concurrent appends for one org take no lock, and are sealed with distinct, gapless sequence numbers', async () => {
      const org = (await createOrg(coffer, { slug: 'org-concurrent', actor: 'test' })).orgId
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          withTenant(coffer.db, org, (sql) =>
            coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `n:${i}` }),
          ),
        ),
      )
      assert.equal(await coffer.auditSequencer.sequenceOrg(org), 22)
      assert.equal(await coffer.auditSequencer.sequenceOrg(org), 0, 'a second pass finds nothing left')
      assert.deepEqual(await verify(org), { ok: true, entries: 22 })
    })

    it('entries of the old keyed hash chain become the first leaves of the tree, in their old order', async () => {
      const org = (await createOrg(coffer, { slug: 'org-legacy', actor: 'test' })).orgId
      // Migration 0012 leaves old entries with their seq and no leaf hash; make one more such
      // entry before the org's first seal, as a database migrated with entries would hold.
      await testDb.db.query(
        `INSERT INTO audit_log (org_id, seq, at, actor, action, resource, prev_hash, chain_hash)
         VALUES ($1, 1, now(), 'legacy', 'legacy.entry', 'x:1', '\\x00', '\\x00')`,
        [org],
      )
      await testDb.db.query(
        "UPDATE audit_log SET seq = NULL WHERE org_id = $1 AND seq IS NULL AND action = 'never'",
        [org],
      )
      // createOrg's own two entries are unsealed (seq NULL); the legacy one (seq 1) comes first.
      assert.equal(await coffer.auditSequencer.sequenceOrg(org), 3)
      const { rows } = await testDb.db.query<{ seq: string; action: string }>(
        'SELECT seq, action FROM audit_log WHERE org_id = $1 ORDER BY seq',
        [org],
      )
      assert.equal(rows[0]!.action, 'legacy.entry')
      assert.deepEqual(await verify(org), { ok: true, entries: 3 })
    })

    it('an old-chain entry that does not continue the tree stops its org with AUDIT_CHAIN_BROKEN', async () => {
      const org = (await createOrg(coffer, { slug: 'org-legacy-gap', actor: 'test' })).orgId
      await testDb.db.query(
        `INSERT INTO audit_log (org_id, seq, at, actor, action, resource) VALUES ($1, 7, now(), 'legacy', 'x', 'x:7')`,
        [org],
      )
      await assert.rejects(coffer.auditSequencer.sequenceOrg(org), { code: 'AUDIT_CHAIN_BROKEN' })
    })

    it('a checkpoint whose note was rewritten is found when the public keys are given', async () => {
      const org = (await createOrg(coffer, { slug: 'org-note', actor: 'test' })).orgId
      await coffer.auditSequencer.sequenceOrg(org)
      await testDb.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only')
        await tx.query(
          "UPDATE audit_checkpoints SET note = replace(note, '\u2014 ', '\u2014 x') WHERE org_id = $1",
          [org],
        )
        await tx.query('ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only')
      })
      assert.deepEqual(await verify(org), {
        ok: false,
        entries: 2,
        firstBadSeq: 2,
        reason: 'checkpoint signature',
      })
    })
  })
}
