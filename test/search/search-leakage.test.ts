// Stops: search as a side door — showing another agent's private records, another org's records
// or expired ones; answering a record only because its term shares a hash bucket with the query's;
// and term plaintext reaching the database.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { dumpTables } from '../../src/db/dump.js'
import { TERM_INDEX_LABEL, termHash } from '../../src/records/term-index.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'
import { recordCanary } from '../support/leak-canary.js'

/** A lower-case ASCII word for `n` (a, b, ..., z, ba, bb, ...), prefixed: one term to the segmenter. */
function word(prefix: string, n: number): string {
  let out = ''
  do {
    out = String.fromCharCode(97 + (n % 26)) + out
    n = Math.floor(n / 26)
  } while (n > 0)
  return `${prefix}${out}`
}

/** Random lower-case letters: a word no other test writes. */
/** A fresh word, recorded as a canary: no table of any test database may ever hold it. */
function randomWord(prefix: string): string {
  const word = prefix + [...randomBytes(12)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')
  recordCanary(word)
  return word
}

for (const target of DATABASE_TARGETS) {
  describe(`search leaks nothing on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let other: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      other = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const store = async (token: string, body: Record<string, unknown>): Promise<string> => {
      const response = await call(http, token, 'POST', '/v1/records', body)
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id
    }
    const searchIds = async (token: string, body: Record<string, unknown>): Promise<string[]> => {
      const response = await call(http, token, 'POST', '/v1/records/search', body)
      assert.equal(response.statusCode, 200, response.body)
      return response.json().items.map((item: { id: string }) => item.id)
    }
    const token = async (body: Record<string, unknown>): Promise<string> => {
      const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
        scopes: ['records:read', 'records:write'],
        ...body,
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().token
    }

    it("never answers another agent's private record, nor another org's", async () => {
      await store(org.ownerToken, { namespace: 'memories', content: 'seed' })
      const alice = await token({ name: 'alice', agent: 'alice-bot', namespace: 'memories' })
      const bob = await token({ name: 'bob', agent: 'bob-bot', namespace: 'memories' })
      const mine = await store(alice, {
        namespace: 'memories',
        content: 'lighthouse keeper diary',
        visibility: 'private',
      })
      const theirs = await store(other.ownerToken, {
        namespace: 'memories',
        content: 'lighthouse keeper diary',
      })
      assert.deepEqual(await searchIds(alice, { query: 'lighthouse' }), [mine])
      assert.deepEqual(await searchIds(bob, { query: 'lighthouse' }), [], 'another agent')
      assert.deepEqual(
        await searchIds(org.ownerToken, { query: 'lighthouse' }),
        [],
        'a token without an agent',
      )
      assert.deepEqual(await searchIds(other.ownerToken, { query: 'lighthouse' }), [theirs], 'own org only')
    })

    it('never answers an expired record, swept or not', async () => {
      const lasting = await store(org.ownerToken, { namespace: 'ttl', content: 'ephemeral hummingbird' })
      const fleeting = await store(org.ownerToken, {
        namespace: 'ttl',
        content: 'ephemeral hummingbird',
        ttl_seconds: 60,
      })
      assert.deepEqual(
        (await searchIds(org.ownerToken, { query: 'hummingbird' })).sort(),
        [lasting, fleeting].sort(),
      )
      clock.advance(60_000)
      assert.deepEqual(await searchIds(org.ownerToken, { query: 'hummingbird' }), [lasting])
    })

    it('drops a record whose term only shares a hash bucket with the query term', async () => {
      const key = await coffer.inTenant(org.orgId, (sql) =>
        coffer.keyring.indexKey(sql, 'active', TERM_INDEX_LABEL),
      )
      // Birthday search: about 1,300 words give a shared 20-bit bucket.
      const seen = new Map<number, string>()
      let pair: [string, string] | undefined
      for (let n = 0; !pair; n++) {
        const candidate = word('zz', n)
        const hash = termHash(key.key, candidate)
        const earlier = seen.get(hash)
        if (earlier !== undefined) pair = [earlier, candidate]
        else seen.set(hash, candidate)
      }
      const [held, asked] = pair
      assert.equal(termHash(key.key, held), termHash(key.key, asked))
      const id = await store(org.ownerToken, { namespace: 'collide', content: `a note about ${held}` })
      const { rows } = await testDb.db.query<{ term_hash: number }>(
        `SELECT term_hash FROM ${INDEX_ENTRIES} WHERE record_id = $1`,
        [id],
      )
      assert.ok(
        rows.some((row) => row.term_hash === termHash(key.key, asked)),
        'the index does match the other word',
      )
      key.key.fill(0)
      assert.deepEqual(await searchIds(org.ownerToken, { query: held }), [id])
      assert.deepEqual(await searchIds(org.ownerToken, { query: asked }), [], 'the false positive is dropped')
    })

    it('no term reaches the database in plaintext: index rows are small integers only', async () => {
      const canary = randomWord('canary')
      const words = [randomWord('w'), randomWord('w'), canary]
      const id = await store(org.ownerToken, { namespace: 'canary', content: words.join(' ') })
      assert.deepEqual(await searchIds(org.ownerToken, { query: canary }), [id])
      // As written (one pending row: two arrays of integers), then as the term indexer moves it.
      const pending = await testDb.db.query<Record<string, unknown>>(
        'SELECT * FROM record_terms_pending WHERE record_id = $1',
        [id],
      )
      assert.equal(pending.rows.length, 1)
      const [written] = pending.rows
      assert.deepEqual(Object.keys(written!).sort(), [
        'key_version',
        'org_id',
        'record_id',
        'term_hashes',
        'tfs',
      ])
      assert.ok((written!.term_hashes as number[]).every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 20))
      for (const value of Object.values(written!)) {
        for (const w of words) assert.equal(String(value).includes(w), false)
      }
      assert.ok((await coffer.pendingTerms.moveOrg(org.orgId)) >= 1)
      const left = await testDb.db.query('SELECT 1 FROM record_terms_pending WHERE record_id = $1', [id])
      assert.equal(left.rows.length, 0, 'moved')
      assert.deepEqual(await searchIds(org.ownerToken, { query: canary }), [id], 'found once moved too')
      const { rows } = await testDb.db.query<Record<string, unknown>>(
        'SELECT * FROM record_terms WHERE record_id = $1',
        [id],
      )
      assert.equal(rows.length, 3)
      for (const row of rows) {
        assert.deepEqual(Object.keys(row).sort(), ['key_version', 'org_id', 'record_id', 'term_hash', 'tf'])
        assert.ok(Number.isInteger(row.term_hash) && (row.term_hash as number) < 2 ** 20)
        assert.ok((written!.term_hashes as number[]).includes(row.term_hash as number))
        for (const value of Object.values(row)) {
          for (const w of words) assert.equal(String(value).includes(w), false)
        }
      }
      const forms = words.flatMap((w) => [
        w,
        Buffer.from(w).toString('hex'),
        Buffer.from(w).toString('base64'),
      ])
      let tables = 0
      for await (const { row } of dumpTables(testDb.db)) {
        tables++
        const text = JSON.stringify(row)
        for (const form of forms) assert.equal(text.includes(form), false, `${form} in the database`)
      }
      assert.ok(tables > 0)
    })
  })
}
