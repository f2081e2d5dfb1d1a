// Stops: a new record's write running statements that cannot find anything. A DELETE of index
// rows a record just inserted cannot have still searched record_terms, and on a fresh org (before
// autovacuum analysed the table) it took the by-hash index and read every row of the org: writes
// of a new customer fell from 71 to 21 a second over 30 s. Also: the active key row read more
// than once, the namespace INSERTed before it is looked up, the tenant scope in several statements.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { Database, Transaction } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'

/** A database that records the text of every statement a transaction runs (and how it started). */
function recording(db: Database, log: string[]): Database {
  const tap = (q: Transaction): Transaction => ({
    query: (text, params) => {
      log.push(text)
      return q.query(text, params)
    },
    commitWith: (statement) => {
      log.push(statement.text)
      return q.commitWith(statement)
    },
    exec: (script) => {
      log.push(script)
      return q.exec(script)
    },
  })
  return {
    ...db,
    kind: db.kind,
    query: (text, params) => db.query(text, params),
    exec: (script) => db.exec(script),
    transaction: (fn, options) => {
      if (options?.start) log.push(`START ${options.start.text}`)
      return db.transaction((tx) => fn(tap(tx)), options)
    },
    close: () => db.close(),
  }
}

for (const target of DATABASE_TARGETS) {
  describe(`a new record's write runs no statement that cannot find anything, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let org: CreatedOrg

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      await withTenant(coffer.db, org.orgId, (sql) =>
        coffer.records.store(sql, 'test', { namespace: 'crm', type: 'note', content: 'first' }),
      )
    })
    after(async () => {
      await testDb.drop()
    })

    it('store: no DELETE, one active key read, one namespace read, scope set with BEGIN', async () => {
      const log: string[] = []
      await withTenant(recording(coffer.db, log), org.orgId, (sql) =>
        coffer.records.store(sql, 'test', {
          namespace: 'crm',
          type: 'note',
          content: 'Ada Lovelace called about invoice 4242',
          entities: ['Ada Lovelace'],
        }),
      )
      const matching = (pattern: RegExp) => log.filter((text) => pattern.test(text))
      assert.deepEqual(matching(/^\s*DELETE/i), [], 'no DELETE on a new record')
      assert.equal(
        matching(/FROM org_keys .*state = 'active' FOR SHARE/s).length,
        1,
        'active key row read once',
      )
      assert.equal(matching(/namespaces/).length, 1, 'an existing namespace is one SELECT')
      assert.equal(matching(/^START SELECT set_config\('role', 'coffer_app', true\)/).length, 1)
      assert.deepEqual(
        matching(/^(?!START ).*(SET LOCAL ROLE|set_config\('app\.org_id')/s),
        [],
        'the scope is set once, with BEGIN',
      )
      assert.equal(matching(/INSERT INTO record_terms_pending/).length, 1, 'one pending index row')
      assert.deepEqual(matching(/INSERT INTO record_terms \(/), [], 'no row per bucket in the request')
      assert.equal(matching(/INSERT INTO record_entities/).length, 1)
    })

    it('the record is found by its terms and its entity afterwards', async () => {
      const found = await withTenant(coffer.db, org.orgId, async (sql) => ({
        search: await coffer.search.search(
          sql,
          { query: 'invoice', limit: 5 },
          coffer.records.accessOf({ namespaceId: null, agent: null }),
        ),
        list: await coffer.records.list(sql, { limit: 5, filters: { entity: 'ada lovelace' } }),
      }))
      assert.equal(found.list.items.length, 1)
      assert.ok(JSON.stringify(found.search).includes(found.list.items[0]!.id))
    })

    it('a PATCH still replaces the index rows (the old term is gone)', async () => {
      const id = await withTenant(coffer.db, org.orgId, async (sql) => {
        const stored = await coffer.records.store(sql, 'test', {
          namespace: 'crm',
          type: 'note',
          content: 'zebra',
        })
        await coffer.records.patch(sql, 'test', stored.id, { content: 'giraffe' })
        return stored.id
      })
      const access = coffer.records.accessOf({ namespaceId: null, agent: null })
      const [zebra, giraffe] = await withTenant(coffer.db, org.orgId, async (sql) => [
        JSON.stringify(await coffer.search.search(sql, { query: 'zebra', limit: 5 }, access)),
        JSON.stringify(await coffer.search.search(sql, { query: 'giraffe', limit: 5 }, access)),
      ])
      assert.ok(!zebra!.includes(id))
      assert.ok(giraffe!.includes(id))
      const { rows } = await testDb.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${INDEX_ENTRIES} WHERE record_id = $1`,
        [id],
      )
      assert.equal(rows[0]!.n, 1, 'only the new term is indexed')
    })
  })
}
