// Stops: a stored subtree hash changed behind the triggers turning into a proof that verifies, or
// into a proof the server hands out as if nothing happened. Proofs are built from the stored
// complete subtrees (audit_tree_nodes), not from the entries; the operator flips one bit of one
// stored hash at a time, as the table owner with the append-only trigger off, and every proof
// either stays exactly the honest one (the hash is not in it), is refused with
// AUDIT_CHAIN_BROKEN (at a checkpoint's size the server checks its proof against the checkpoint's
// root first), or (at a size with no checkpoint) fails verification against the honest root.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { MerkleFrontier, verifyConsistency, verifyInclusion } from '../../src/crypto/merkle-tree.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { createOrg, setOrgRateLimit } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

const b64 = (hash: string) => Buffer.from(hash, 'base64')

for (const target of DATABASE_TARGETS) {
  describe(`a tampered stored subtree hash never yields a proof that verifies, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let owner: string
    let orgId: OrgId
    /** Roots by tree size, from the leaf hashes of the entries themselves (not the stored tree). */
    const honestRoots = new Map<number, Buffer>()

    const append = async (n: number) => {
      for (let i = 0; i < n; i++)
        await withTenant(coffer.db, orgId, (sql) =>
          coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `n:${i}` }),
        )
      await coffer.auditSequencer.sequenceOrg(orgId)
    }
    const get = (url: string) => call(http, owner, 'GET', url)
    const checkpointRoot = async () => {
      const note = (await get('/v1/audit/checkpoint')).body
      const [, size, root] = note.split('\n')
      return { size: Number(size), root: b64(root!) }
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = (await buildTestServer(coffer)).http
      const org = await createOrg(coffer, { slug: 'org-tree', actor: 'test' })
      owner = org.ownerToken
      orgId = org.orgId
      // Three proofs per stored hash: above the default per-minute limit.
      await setOrgRateLimit(coffer.db, 'org-tree', 100_000)
      await append(5) // checkpoint at 7 (the org's own 2 entries first)
      await append(6) // checkpoint at 13
      const { rows } = await testDb.db.query<{ leaf_hash: Uint8Array }>(
        'SELECT leaf_hash FROM audit_log WHERE org_id = $1 AND leaf_hash IS NOT NULL ORDER BY seq',
        [orgId],
      )
      const frontier = new MerkleFrontier(0)
      for (const row of rows) {
        frontier.append(row.leaf_hash)
        honestRoots.set(frontier.size, Buffer.from(frontier.root()))
      }
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('untouched, the proofs verify against the signed roots and the honest roots', async () => {
      const latest = await checkpointRoot()
      assert.equal(latest.size, 13)
      assert.deepEqual(latest.root, honestRoots.get(13))
      const leaf = await leafHash(3)
      const inclusion = (await get('/v1/audit/proof/inclusion?seq=3')).json()
      assert.ok(verifyInclusion(2, 13, leaf, inclusion.proof.map(b64), latest.root))
      const between = (await get('/v1/audit/proof/inclusion?seq=3&size=10')).json()
      assert.ok(verifyInclusion(2, 10, leaf, between.proof.map(b64), honestRoots.get(10)!))
      const consistency = (await get('/v1/audit/proof/consistency?from=7&to=13')).json()
      assert.ok(verifyConsistency(7, 13, honestRoots.get(7)!, latest.root, consistency.proof.map(b64)))
    })

    it('one flipped bit in any stored hash: the same proof, AUDIT_CHAIN_BROKEN, or a proof that fails', async () => {
      const latest = await checkpointRoot()
      const leaf = await leafHash(3)
      const urls = {
        inclusion: '/v1/audit/proof/inclusion?seq=3',
        between: '/v1/audit/proof/inclusion?seq=3&size=10',
        consistency: '/v1/audit/proof/consistency?from=7&to=13',
      }
      const honest: Record<string, string[]> = {}
      for (const [name, url] of Object.entries(urls)) honest[name] = (await get(url)).json().proof
      const { rows: nodes } = await testDb.db.query<{ level: number; idx: string }>(
        'SELECT level, idx FROM audit_tree_nodes WHERE org_id = $1 ORDER BY level, idx',
        [orgId],
      )
      assert.ok(nodes.length >= 13)
      const flip = (level: number, idx: string) =>
        testDb.db.query(
          'UPDATE audit_tree_nodes SET hash = set_byte(hash, 7, get_byte(hash, 7) # 1) WHERE org_id = $1 AND level = $2 AND idx = $3',
          [orgId, level, idx],
        )
      const refused = { inclusion: 0, consistency: 0 }
      let failedVerification = 0
      await testDb.db.query('ALTER TABLE audit_tree_nodes DISABLE TRIGGER audit_tree_nodes_append_only')
      try {
        for (const { level, idx } of nodes) {
          await flip(level, idx)
          const at = `node ${level}/${idx}`
          for (const name of ['inclusion', 'consistency'] as const) {
            const response = await get(urls[name])
            if (response.statusCode === 200) {
              assert.deepEqual(response.json().proof, honest[name], `${name}, ${at}: served a changed proof`)
            } else {
              assert.equal(response.statusCode, 500, `${name}, ${at}`)
              assert.equal(response.json().code, 'AUDIT_CHAIN_BROKEN', `${name}, ${at}`)
              assert.doesNotMatch(response.body, /[A-Za-z0-9+/]{43}=/, 'no hash in the problem')
              refused[name]++
            }
          }
          // No checkpoint at 10: the server has nothing to check against and answers; the tenant's
          // verification against the root it holds is what catches it.
          const between = await get(urls.between)
          assert.equal(between.statusCode, 200, at)
          const proof = between.json().proof as string[]
          if (JSON.stringify(proof) !== JSON.stringify(honest.between)) {
            assert.equal(
              verifyInclusion(2, 10, leaf, proof.map(b64), honestRoots.get(10)!),
              false,
              `between, ${at}: a tampered proof verified`,
            )
            failedVerification++
          }
          await flip(level, idx)
        }
      } finally {
        await testDb.db.query(
          'ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_append_only',
        )
      }
      // Every hash of each proof, and the leaf proved, are stored nodes: each one was caught.
      assert.ok(refused.inclusion >= honest.inclusion!.length + 1, `inclusion refused ${refused.inclusion}`)
      assert.ok(
        refused.consistency >= honest.consistency!.length,
        `consistency refused ${refused.consistency}`,
      )
      assert.ok(failedVerification >= honest.between!.length, `between failed ${failedVerification}`)
      // Restored, everything verifies again.
      const inclusion = (await get(urls.inclusion)).json()
      assert.ok(verifyInclusion(2, 13, leaf, inclusion.proof.map(b64), latest.root))
    })

    it('a stored hash a proof needs, deleted, is AUDIT_CHAIN_BROKEN, not an internal error', async () => {
      await testDb.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_tree_nodes DISABLE TRIGGER audit_tree_nodes_append_only')
        // Leaves 9..12 (in the proofs at 13) and leaf 3 itself (read with every inclusion proof).
        await tx.query(
          'DELETE FROM audit_tree_nodes WHERE org_id = $1 AND ((level = 2 AND idx = 2) OR (level = 0 AND idx = 2))',
          [orgId],
        )
        await tx.query('ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_append_only')
      })
      for (const url of [
        '/v1/audit/proof/inclusion?seq=3',
        '/v1/audit/proof/inclusion?seq=3&size=10',
        '/v1/audit/proof/consistency?from=7&to=13',
      ]) {
        const response = await get(url)
        assert.equal(response.statusCode, 500, url)
        assert.equal(response.json().code, 'AUDIT_CHAIN_BROKEN', url)
      }
    })

    async function leafHash(seq: number): Promise<Buffer> {
      const { rows } = await testDb.db.query<{ leaf_hash: Uint8Array }>(
        'SELECT leaf_hash FROM audit_log WHERE org_id = $1 AND seq = $2',
        [orgId, seq],
      )
      return Buffer.from(rows[0]!.leaf_hash)
    }
  })
}
