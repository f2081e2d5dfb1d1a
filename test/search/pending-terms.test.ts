// Stops: a record's blind index written by its request as one pending row and moved later by the
// term indexer (src/records/pending-terms.ts) being found differently before and after the move,
// moved twice, moved for a record being deleted or re-indexed at the same moment (index rows
// outliving their record or its old content), or moved across orgs.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { OrgId } from '../../src/db/org-id.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'

for (const target of DATABASE_TARGETS) {
  describe(`the term indexer moves pending index rows, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let org: CreatedOrg
    let other: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      other = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
    })
    after(async () => {
      await testDb.drop()
    })

    const store = (orgId: OrgId, content: string) =>
      coffer.inTenant(
        orgId,
        async (sql) =>
          (await coffer.records.store(sql, 'test', { namespace: 'n', type: 'note', content })).id,
      )
    const search = (orgId: OrgId, query: string) =>
      coffer.inTenant(orgId, (sql) =>
        coffer.search.search(
          sql,
          { query, limit: 50 },
          coffer.records.accessOf({ namespaceId: null, agent: null }),
        ),
      )
    const count = async (text: string, ids: string[]) =>
      (await testDb.db.query<{ n: number }>(text, [ids])).rows[0]!.n
    const pendingRows = (ids: string[]) =>
      count('SELECT count(*)::int AS n FROM record_terms_pending WHERE record_id = ANY ($1::uuid[])', ids)
    const movedRows = (ids: string[]) =>
      count('SELECT count(*)::int AS n FROM record_terms WHERE record_id = ANY ($1::uuid[])', ids)
    const entries = (ids: string[]) =>
      count(`SELECT count(*)::int AS n FROM ${INDEX_ENTRIES} WHERE record_id = ANY ($1::uuid[])`, ids)

    it('a write leaves one pending row; search ranks the same before and after the move', async () => {
      const ids = [
        await store(org.orgId, 'the orchard harvest report, orchard by orchard'),
        await store(org.orgId, 'a short orchard note'),
        await store(org.orgId, 'harvest festival in the village square'),
      ]
      assert.equal(await pendingRows(ids), 3)
      assert.equal(await movedRows(ids), 0)
      const buckets = await entries(ids)
      const before = await search(org.orgId, 'orchard harvest')
      assert.deepEqual(
        before.items.map((hit) => hit.id),
        [ids[0], ids[1], ids[2]],
      )

      assert.equal(await coffer.pendingTerms.moveDue(), 3)
      assert.equal(await pendingRows(ids), 0)
      assert.equal(await movedRows(ids), buckets, 'every bucket moved, once')
      assert.deepEqual(await search(org.orgId, 'orchard harvest'), before, 'same hits, same scores')
      assert.equal(await coffer.pendingTerms.moveDue(), 0, 'nothing left to move')
      assert.equal(await movedRows(ids), buckets, 'a second pass moves nothing twice')
    })

    it('moved and pending records rank together; length and frequencies come from either table', async () => {
      const moved = await store(org.orgId, 'lantern lantern lantern')
      await coffer.pendingTerms.moveOrg(org.orgId)
      const pending = await store(org.orgId, 'lantern and many other words around it here')
      assert.equal(await pendingRows([pending]), 1)
      const hits = (await search(org.orgId, 'lantern')).items
      assert.deepEqual(
        hits.map((hit) => hit.id),
        [moved, pending],
        'the shorter record with more occurrences first',
      )
      assert.ok(hits[0]!.score > hits[1]!.score)
    })

    it('one org’s pass moves only its rows; the other org’s stay pending and unseen', async () => {
      const theirs = await store(other.orgId, 'a lighthouse log')
      const mine = await store(org.orgId, 'a lighthouse sketch')
      await coffer.pendingTerms.moveOrg(org.orgId)
      assert.equal(await pendingRows([theirs]), 1)
      assert.equal(await pendingRows([mine]), 0)
      assert.deepEqual(
        (await search(org.orgId, 'lighthouse')).items.map((hit) => hit.id),
        [mine],
      )
      assert.deepEqual(
        (await search(other.orgId, 'lighthouse')).items.map((hit) => hit.id),
        [theirs],
      )
      await coffer.pendingTerms.moveDue()
      assert.equal(await pendingRows([theirs]), 0)
    })

    it('a PATCH of a moved record replaces its rows; a delete removes moved and pending rows', async () => {
      const id = await store(org.orgId, 'zebra crossing')
      await coffer.pendingTerms.moveOrg(org.orgId)
      await coffer.inTenant(org.orgId, (sql) => coffer.records.patch(sql, 'test', id, { content: 'giraffe' }))
      assert.equal(await movedRows([id]), 0, 'old buckets gone at once')
      assert.equal(await entries([id]), 1)
      assert.deepEqual((await search(org.orgId, 'zebra')).items, [])
      assert.deepEqual(
        (await search(org.orgId, 'giraffe')).items.map((hit) => hit.id),
        [id],
      )
      const pending = await store(org.orgId, 'okapi')
      await coffer.inTenant(org.orgId, async (sql) => {
        await coffer.records.delete(sql, 'test', id)
        await coffer.records.delete(sql, 'test', pending)
      })
      assert.equal(await entries([id, pending]), 0)
    })

    if (target.name === 'postgres') {
      /** Runs `change` while a batch holds the record's pending row, and commits the batch once `change` waits for it. */
      const whileABatchHoldsIt = async (change: () => Promise<unknown>) => {
        let release!: () => void
        const gate = new Promise<void>((resolve) => {
          release = resolve
        })
        let held!: () => void
        const holding = new Promise<void>((resolve) => {
          held = resolve
        })
        const batch = coffer.inTenant(org.orgId, async (sql) => {
          assert.ok((await coffer.pendingTerms.moveBatch(sql)) >= 1)
          held()
          await gate
        })
        await holding
        const changing = change()
        // Until the change waits on a lock (the batch's pending row), bounded.
        for (let i = 0; i < 200; i++) {
          const { rows } = await testDb.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          )
          if (rows[0]!.n > 0) break
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
        release()
        await Promise.all([batch, changing])
      }

      it('a PATCH meeting a batch in flight: only the new content stays indexed', async () => {
        const id = await store(org.orgId, 'pelican pelican pier')
        await whileABatchHoldsIt(() =>
          coffer.inTenant(org.orgId, (sql) => coffer.records.patch(sql, 'test', id, { content: 'heron' })),
        )
        await coffer.pendingTerms.moveOrg(org.orgId)
        assert.equal(await entries([id]), 1, 'one bucket: heron')
        assert.deepEqual((await search(org.orgId, 'pelican')).items, [])
      })

      it('a delete meeting a batch in flight: nothing of the record stays indexed', async () => {
        const id = await store(org.orgId, 'cormorant on the jetty')
        await whileABatchHoldsIt(() =>
          coffer.inTenant(org.orgId, (sql) => coffer.records.delete(sql, 'test', id)),
        )
        assert.equal(await entries([id]), 0)
      })

      it('the indexer racing deletes and PATCHes leaves no row of a deleted record or of old content', async () => {
        for (let round = 0; round < 4; round++) {
          const ids: string[] = []
          for (let i = 0; i < 40; i++) ids.push(await store(org.orgId, `round ${round} walrus number ${i}`))
          const doomed = ids.filter((_, i) => i % 3 === 0)
          const patched = ids.filter((_, i) => i % 3 === 1)
          const kept = ids.filter((_, i) => i % 3 === 2)
          const keptBuckets = await entries(kept)
          await Promise.all([
            coffer.pendingTerms.moveOrg(org.orgId),
            coffer.pendingTerms.moveOrg(org.orgId),
            ...doomed.map((id) =>
              coffer.inTenant(org.orgId, (sql) => coffer.records.delete(sql, 'test', id)),
            ),
            ...patched.map((id) =>
              coffer.inTenant(org.orgId, (sql) =>
                coffer.records.patch(sql, 'test', id, { content: 'narwhal' }),
              ),
            ),
          ])
          await coffer.pendingTerms.moveOrg(org.orgId)
          assert.equal(await entries(doomed), 0, `round ${round}: a deleted record's rows`)
          assert.equal(await entries(patched), patched.length, `round ${round}: only the new term of each`)
          assert.equal(await entries(kept), keptBuckets, `round ${round}: kept records, each bucket once`)
          assert.equal(await pendingRows(ids), 0, `round ${round}: all moved`)
        }
        // 13 PATCHed records a round, 52 in all: the page is full.
        assert.equal((await search(org.orgId, 'narwhal')).items.length, 50)
      })
    }
  })
}
