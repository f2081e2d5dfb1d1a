// Stops: an operator who owns the database rewriting a tenant's audit trail unnoticed. The
// operator edits, deletes, reorders and truncates entries as the table owner (append-only
// triggers disabled), inserts a forged entry with a forged checkpoint, and replays an older
// checkpoint as current; the tenant's offline verifier, given only an exported bundle, the
// checkpoint key and a checkpoint it kept earlier, names the first bad entry or the bad checkpoint.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { describeAuditProblem, verifyAuditBundle } from '../../src/client/index.js'
import { auditLeafHash } from '../../src/crypto/audit-leaf.js'
import { signNote } from '../../src/crypto/signed-note.js'
import { formatCheckpoint } from '../../src/crypto/tlog-checkpoint.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

for (const target of DATABASE_TARGETS) {
  describe(`offline audit verification against a tampering operator on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = (await buildTestServer(coffer)).http
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    /** A fresh org with `n` more entries, sealed in two batches, so it has two checkpoints. */
    async function tenant(slug: string, n = 6) {
      const org = await createOrg(coffer, { slug, actor: 'test' })
      const append = (i: number) =>
        withTenant(coffer.db, org.orgId, (sql) =>
          coffer.audit.append(sql, {
            actor: 'test',
            action: 'probe',
            resource: `n:${i}`,
            requestId: `req-${i}`,
          }),
        )
      for (let i = 0; i < n / 2; i++) await append(i)
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const get = (url: string) => call(http, org.ownerToken, 'GET', url)
      const key = (await get('/v1/audit/checkpoint-key')).body.trim()
      const kept = (await get('/v1/audit/checkpoint')).body
      for (let i = n / 2; i < n; i++) await append(i)
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      return {
        orgId: org.orgId,
        key,
        /** The checkpoint the tenant kept after the first batch (its webhook receiver's copy). */
        kept,
        get,
        bundle: async () => {
          const response = await get('/v1/audit/export')
          assert.equal(response.statusCode, 200, response.body)
          return response.body
        },
        size: 2 + n,
      }
    }

    /** Runs `statement` as the table owner with the append-only triggers off. */
    const asOwner = (statements: [string, unknown[]][]) =>
      testDb.db.transaction(async (tx) => {
        for (const table of ['audit_log', 'audit_checkpoints', 'audit_tree_nodes'])
          await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`)
        for (const [statement, params] of statements) await tx.query(statement, params)
        for (const table of ['audit_log', 'audit_checkpoints', 'audit_tree_nodes'])
          await tx.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${table}_append_only`)
      })

    it('an untouched trail verifies, with the checkpoint kept earlier consistent with it', async () => {
      const t = await tenant('org-intact')
      const result = verifyAuditBundle(await t.bundle(), { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, {
        ok: true,
        origin: `coffer.local/audit/${t.orgId}`,
        treeSize: t.size,
        from: 1,
        entries: t.size,
        consistentWithOlder: true,
      })
    })

    it('an edited field is named as that entry', async () => {
      const t = await tenant('org-edited')
      await asOwner([["UPDATE audit_log SET resource = 'n:forged' WHERE org_id = $1 AND seq = 4", [t.orgId]]])
      const result = verifyAuditBundle(await t.bundle(), { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, { ok: false, problem: { kind: 'entry', seq: 4, reason: 'edited' } })
      assert.equal(describeAuditProblem(result.ok ? assert.fail() : result.problem), 'entry seq 4: edited')
    })

    it('a field edited with its leaf hash recomputed breaks the root of the checkpoint kept', async () => {
      const t = await tenant('org-resealed')
      const [row] = (
        await testDb.db.query<{ at: Date }>('SELECT at FROM audit_log WHERE org_id = $1 AND seq = 3', [
          t.orgId,
        ])
      ).rows
      const forged = auditLeafHash({
        orgId: t.orgId,
        seq: 3,
        at: row!.at,
        actor: 'test',
        action: 'probe',
        resource: 'n:forged',
        requestId: 'req-0',
        outcome: null,
        purpose: null,
      })
      await asOwner([
        [
          "UPDATE audit_log SET resource = 'n:forged', leaf_hash = $2 WHERE org_id = $1 AND seq = 3",
          [t.orgId, forged],
        ],
      ])
      const result = verifyAuditBundle(await t.bundle(), { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, {
        ok: false,
        problem: { kind: 'checkpoint', which: 'older', reason: 'root mismatch' },
      })
    })

    it('a dropped entry is named as missing', async () => {
      const t = await tenant('org-dropped')
      await asOwner([['DELETE FROM audit_log WHERE org_id = $1 AND seq = 5', [t.orgId]]])
      const result = verifyAuditBundle(await t.bundle(), { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, { ok: false, problem: { kind: 'entry', seq: 5, reason: 'missing' } })
    })

    it('two swapped entries are named at the first of them', async () => {
      const t = await tenant('org-swapped')
      await asOwner([
        ['UPDATE audit_log SET seq = 999999 WHERE org_id = $1 AND seq = 3', [t.orgId]],
        ['UPDATE audit_log SET seq = 3 WHERE org_id = $1 AND seq = 6', [t.orgId]],
        ['UPDATE audit_log SET seq = 6 WHERE org_id = $1 AND seq = 999999', [t.orgId]],
      ])
      const result = verifyAuditBundle(await t.bundle(), { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, { ok: false, problem: { kind: 'entry', seq: 3, reason: 'edited' } })
    })

    it('a cut tail is named at the first missing entry', async () => {
      const t = await tenant('org-cut')
      await asOwner([['DELETE FROM audit_log WHERE org_id = $1 AND seq > 6', [t.orgId]]])
      const result = verifyAuditBundle(await t.bundle(), { key: t.key })
      assert.deepEqual(result, { ok: false, problem: { kind: 'entry', seq: 7, reason: 'missing' } })
    })

    it('a cut tail with its checkpoints deleted too is caught by the checkpoint kept', async () => {
      const t = await tenant('org-rolled-back')
      const keptSize = Number(t.kept.split('\n')[1])
      await asOwner([
        ['DELETE FROM audit_log WHERE org_id = $1 AND seq > $2', [t.orgId, keptSize - 1]],
        ['DELETE FROM audit_tree_nodes WHERE org_id = $1', [t.orgId]],
        ['DELETE FROM audit_checkpoints WHERE org_id = $1', [t.orgId]],
        ['UPDATE audit_log SET leaf_hash = NULL, seq = NULL WHERE org_id = $1', [t.orgId]],
      ])
      // The operator re-runs the sequencer over what is left: a valid, signed, shorter log.
      await coffer.auditSequencer.sequenceOrg(t.orgId)
      const bundle = await t.bundle()
      assert.equal(
        verifyAuditBundle(bundle, { key: t.key }).ok,
        true,
        'without a kept checkpoint it looks fine',
      )
      const result = verifyAuditBundle(bundle, { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, {
        ok: false,
        problem: { kind: 'checkpoint', which: 'current', reason: 'older than kept' },
      })
    })

    it('a forged entry with a checkpoint signed by another key is refused as a bad checkpoint', async () => {
      const t = await tenant('org-forged')
      const seq = t.size + 1
      const at = new Date('2026-01-01T00:00:00.000Z')
      const fields = {
        orgId: t.orgId,
        seq,
        at,
        actor: 'test',
        action: 'probe',
        resource: 'n:forged',
        requestId: null,
        outcome: null,
        purpose: null,
      }
      await asOwner([
        [
          `INSERT INTO audit_log (org_id, seq, at, actor, action, resource, leaf_hash)
           VALUES ($1, $2, $3, 'test', 'probe', 'n:forged', $4)`,
          [t.orgId, seq, at, auditLeafHash(fields)],
        ],
      ])
      // The forger rebuilds the root from the real bundle plus the forged leaf, and signs it
      // under the log's name with a key of its own.
      const honest = await t.bundle()
      const { MerkleFrontier } = await import('../../src/crypto/merkle-tree.js')
      const frontier = new MerkleFrontier(0)
      for (const line of honest
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)))
        if (line.type === 'entry') frontier.append(Buffer.from(line.leaf_hash, 'base64'))
      frontier.append(auditLeafHash(fields))
      const name = `coffer.local/audit/${t.orgId}`
      const forgedNote = signNote(
        formatCheckpoint({ origin: name, treeSize: seq, rootHash: Buffer.from(frontier.root()) }),
        name,
        generateKeyPairSync('ed25519').privateKey,
      )
      await asOwner([
        [
          `INSERT INTO audit_checkpoints (org_id, tree_size, root_hash, note, signing_key_version, created_at)
           VALUES ($1, $2, $3, $4, 1, now())`,
          [t.orgId, seq, Buffer.from(frontier.root()), forgedNote],
        ],
      ])
      const result = verifyAuditBundle(await t.bundle(), { key: t.key, olderCheckpoint: t.kept })
      assert.deepEqual(result, {
        ok: false,
        problem: { kind: 'checkpoint', which: 'current', reason: 'bad signature' },
      })
    })

    it('an older checkpoint replayed as current, with the entries cut to fit, is refused', async () => {
      const t = await tenant('org-replayed')
      const newest = (await t.get('/v1/audit/checkpoint')).body
      const keptSize = Number(t.kept.split('\n')[1])
      const lines = (await t.bundle())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      const replayed = lines
        .filter((line) => line.type !== 'entry' || line.seq <= keptSize)
        .map((line) =>
          line.type === 'checkpoint'
            ? { ...line, note: t.kept }
            : line.type === 'header'
              ? { ...line, tree_size: keptSize }
              : line,
        )
      const bundle = `${replayed.map((line) => JSON.stringify(line)).join('\n')}\n`
      const result = verifyAuditBundle(bundle, { key: t.key, olderCheckpoint: newest })
      assert.deepEqual(result, {
        ok: false,
        problem: { kind: 'checkpoint', which: 'current', reason: 'older than kept' },
      })
    })
  })
}
