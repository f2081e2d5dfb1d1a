// Stops: a tenant who kept an old checkpoint and later verifies only a recent stretch of the log
// (an export from after that checkpoint) accepting a forked history. The bundle carries the
// RFC 9162 consistency proof from the kept tree size (`consistent_from`); the offline verifier
// checks it against the kept root and refuses a fork the operator re-signed with the real key, a
// tampered or mismatched proof, a bundle without one, and an older checkpoint replayed as current.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { verifyAuditBundle } from '../../src/client/index.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

const AUDIT_TABLES = ['audit_log', 'audit_checkpoints', 'audit_tree_nodes']

for (const target of DATABASE_TARGETS) {
  describe(`an older checkpoint kept by the tenant, linked by a consistency proof, on ${target.name}`, () => {
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

    const append = (org: CreatedOrg, label: string, n: number) =>
      withTenant(coffer.db, org.orgId, async (sql) => {
        for (let i = 0; i < n; i++)
          await coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `${label}:${i}` })
      })

    /** An org whose log grew in three sealed batches; the tenant kept the first checkpoint. */
    async function tenant(slug: string) {
      const org = await createOrg(coffer, { slug, actor: 'test' })
      const get = (url: string) => call(http, org.ownerToken, 'GET', url)
      const size = async () => Number((await get('/v1/audit/checkpoint')).body.split('\n')[1])
      await append(org, 'a', 3)
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const kept = (await get('/v1/audit/checkpoint')).body
      const keptSize = await size()
      await append(org, 'b', 4)
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const middle = await size()
      await append(org, 'c', 5)
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const key = (await get('/v1/audit/checkpoint-key')).body.trim()
      const bundle = async (query: string) => {
        const response = await get(`/v1/audit/export?${query}`)
        assert.equal(response.statusCode, 200, response.body)
        return response.body
      }
      return { org, get, kept, keptSize, middle, key, bundle, size }
    }

    it('a bundle from after the kept checkpoint verifies with its consistency proof, and not without', async () => {
      const t = await tenant('cons-ok')
      const from = t.middle + 1
      assert.ok(from - 1 > t.keptSize, 'the bundle starts after the kept checkpoint')
      const proven = await t.bundle(`from=${from}&consistent_from=${t.keptSize}`)
      const result = verifyAuditBundle(proven, { key: t.key, olderCheckpoint: t.kept })
      assert.equal(result.ok, true, JSON.stringify(result))
      assert.equal(result.ok && result.consistentWithOlder, true)

      const bare = await t.bundle(`from=${from}`)
      assert.deepEqual(verifyAuditBundle(bare, { key: t.key, olderCheckpoint: t.kept }), {
        ok: false,
        problem: { kind: 'checkpoint', which: 'older', reason: 'not covered' },
      })
      // A proof from another size than the kept one links nothing.
      const other = await t.bundle(`from=${from}&consistent_from=${t.keptSize + 1}`)
      assert.deepEqual(verifyAuditBundle(other, { key: t.key, olderCheckpoint: t.kept }), {
        ok: false,
        problem: { kind: 'checkpoint', which: 'older', reason: 'not consistent' },
      })
      // Every hash of the proof counts.
      const lines = proven.trimEnd().split('\n')
      const at = lines.findIndex((line) => line.includes('"type":"consistency"'))
      const consistency = JSON.parse(lines[at]!)
      for (let i = 0; i < consistency.proof.length; i++) {
        const proof = [...consistency.proof]
        const hash = Buffer.from(proof[i], 'base64')
        hash[0] = hash[0]! ^ 1
        proof[i] = hash.toString('base64')
        const tampered = [...lines]
        tampered[at] = JSON.stringify({ ...consistency, proof })
        assert.deepEqual(
          verifyAuditBundle(`${tampered.join('\n')}\n`, { key: t.key, olderCheckpoint: t.kept }),
          {
            ok: false,
            problem: { kind: 'checkpoint', which: 'older', reason: 'not consistent' },
          },
        )
      }
      const dropped = lines.filter((_, i) => i !== at)
      assert.deepEqual(
        verifyAuditBundle(`${dropped.join('\n')}\n`, { key: t.key, olderCheckpoint: t.kept }).ok,
        false,
      )
      // Beyond the tree: refused at export.
      const beyond = await t.get(`/v1/audit/export?from=${from}&consistent_from=${(await t.size()) + 1}`)
      assert.equal(beyond.json().code, 'VALIDATION_FAILED')
    })

    it('a forked history, re-signed with the real key, fails the proof from the kept checkpoint', async () => {
      const t = await tenant('cons-fork')
      const total = await t.size()
      // The operator rewrites the whole log as the table owner and lets the sequencer re-sign it:
      // every checkpoint of the fork carries a valid signature.
      await testDb.db.transaction(async (tx) => {
        for (const table of AUDIT_TABLES)
          await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`)
        for (const table of AUDIT_TABLES)
          await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [t.org.orgId])
        for (const table of AUDIT_TABLES)
          await tx.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${table}_append_only`)
      })
      await append(t.org, 'forged', total)
      await coffer.auditSequencer.sequenceOrg(t.org.orgId)
      assert.equal(await t.size(), total)
      const forked = await t.bundle(`from=${t.middle + 1}&consistent_from=${t.keptSize}`)
      // Alone, the fork verifies: only the tenant's kept checkpoint exposes it.
      assert.equal(verifyAuditBundle(forked, { key: t.key }).ok, true)
      assert.deepEqual(verifyAuditBundle(forked, { key: t.key, olderCheckpoint: t.kept }), {
        ok: false,
        problem: { kind: 'checkpoint', which: 'older', reason: 'not consistent' },
      })
      // Exported from the start, the same fork fails on the entries themselves.
      const whole = await t.bundle('from=1')
      assert.deepEqual(verifyAuditBundle(whole, { key: t.key, olderCheckpoint: t.kept }), {
        ok: false,
        problem: { kind: 'checkpoint', which: 'older', reason: 'root mismatch' },
      })
    })

    it('an older checkpoint replayed as current is refused against a newer one the tenant kept', async () => {
      const t = await tenant('cons-replay')
      const newest = (await t.get('/v1/audit/checkpoint')).body
      const replayed = await t.bundle(`from=${t.keptSize + 1}&to=${t.middle}&consistent_from=${t.keptSize}`)
      assert.equal(verifyAuditBundle(replayed, { key: t.key, olderCheckpoint: t.kept }).ok, true)
      assert.deepEqual(verifyAuditBundle(replayed, { key: t.key, olderCheckpoint: newest }), {
        ok: false,
        problem: { kind: 'checkpoint', which: 'current', reason: 'older than kept' },
      })
    })
  })
}
