// Stops: search that misses words in other scripts or other Unicode forms, ranks badly, ignores
// its filters, lets a grant-reached record outrank the namespace's own, or takes bad input.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

interface Hit {
  id: string
  score: number
  namespace: string
  type: string
  via_grant: string | null
}

for (const target of DATABASE_TARGETS) {
  describe(`records search API on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-search', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const store = async (body: Record<string, unknown>, token = org.ownerToken): Promise<string> => {
      const response = await call(http, token, 'POST', '/v1/records', body)
      assert.equal(response.statusCode, 201, response.body)
      clock.advance(1)
      return response.json().id
    }
    const search = async (body: Record<string, unknown>, token = org.ownerToken): Promise<Hit[]> => {
      const response = await call(http, token, 'POST', '/v1/records/search', body)
      assert.equal(response.statusCode, 200, response.body)
      return response.json().items
    }
    const ids = (hits: Hit[]) => hits.map((hit) => hit.id)

    it('finds a word case- and width-folded, and answers ids, scores and plaintext fields only', async () => {
      const id = await store({
        namespace: 'cafes',
        type: 'review',
        content: 'The café on the corner opens at nine.',
      })
      for (const query of ['café', 'CAFÉ', 'ＣＡＦÉ', 'Café corner']) {
        assert.deepEqual(ids(await search({ query, namespaces: ['cafes'] })), [id], query)
      }
      assert.deepEqual(await search({ query: 'cafe', namespaces: ['cafes'] }), [], 'NFKC keeps accents')
      const [hit] = await search({ query: 'corner', namespaces: ['cafes'] })
      assert.deepEqual(Object.keys(hit!).sort(), [
        'created_at',
        'expires_at',
        'id',
        'namespace',
        'score',
        'type',
        'updated_at',
        'via_grant',
        'visibility',
      ])
      assert.ok(hit!.score > 0)
      assert.deepEqual(await search({ query: '...  !!', namespaces: ['cafes'] }), [], 'no word, no hit')
    })

    it('finds words in Japanese, Chinese, Thai, Cyrillic and Arabic text', async () => {
      const cases: [content: string, query: string][] = [
        ['東京の天気は晴れです', '天気'],
        ['我喜欢吃苹果', '苹果'],
        ['วันนี้อากาศดีมาก', 'อากาศ'],
        ['Встреча с клиентом перенесена на пятницу', 'ПЯТНИЦУ'],
        ['مرحبا بالعالم الجميل', 'الجميل'],
      ]
      const stored = new Map<string, string>()
      for (const [content] of cases) stored.set(content, await store({ namespace: 'scripts', content }))
      for (const [content, query] of cases) {
        assert.deepEqual(ids(await search({ query, namespaces: ['scripts'] })), [stored.get(content)], query)
      }
      assert.deepEqual(await search({ query: '大阪', namespaces: ['scripts'] }), [])
    })

    it('ranks records holding more of the query terms, and more often, higher', async () => {
      const one = await store({ namespace: 'rank', content: 'invoice for the garden project' })
      const two = await store({ namespace: 'rank', content: 'invoice overdue for the garden project' })
      const three = await store({
        namespace: 'rank',
        content: 'invoice overdue, refund requested, garden project',
      })
      await store({ namespace: 'rank', content: 'nothing to see here' })
      const hits = await search({ query: 'invoice overdue refund', namespaces: ['rank'] })
      assert.deepEqual(ids(hits), [three, two, one])
      assert.ok(hits[0]!.score > hits[1]!.score && hits[1]!.score > hits[2]!.score)
      const often = await store({ namespace: 'rank2', content: 'kiwi kiwi kiwi and a pear' })
      const once = await store({ namespace: 'rank2', content: 'kiwi and a pear and a plum' })
      assert.deepEqual(ids(await search({ query: 'kiwi', namespaces: ['rank2'] })), [often, once])
      assert.equal((await search({ query: 'kiwi', namespaces: ['rank2'], limit: 1 })).length, 1)
    })

    it('filters by namespaces, types and entities', async () => {
      const a = await store({
        namespace: 'fa',
        type: 'call',
        content: 'quarterly review',
        entities: ['Ada Lovelace'],
      })
      const b = await store({
        namespace: 'fb',
        type: 'email',
        content: 'quarterly review',
        entities: ['Alan Turing'],
      })
      const c = await store({ namespace: 'fb', type: 'call', content: 'quarterly review' })
      const sorted = (hits: Hit[]) => ids(hits).sort()
      assert.deepEqual(
        sorted(await search({ query: 'quarterly', namespaces: ['fa', 'fb'] })),
        [a, b, c].sort(),
      )
      assert.deepEqual(sorted(await search({ query: 'quarterly', namespaces: ['fb'] })), [b, c].sort())
      assert.deepEqual(
        sorted(await search({ query: 'quarterly', namespaces: ['fa', 'fb'], types: ['call'] })),
        [a, c].sort(),
      )
      assert.deepEqual(ids(await search({ query: 'quarterly', entities: ['ada lovelace'] })), [a])
      assert.deepEqual(
        sorted(await search({ query: 'quarterly', entities: ['ADA  LOVELACE', 'Alan Turing'] })),
        [a, b].sort(),
      )
      assert.deepEqual(
        await search({ query: 'quarterly', namespaces: ['fb'], entities: ['Ada Lovelace'] }),
        [],
      )
      assert.deepEqual(await search({ query: 'quarterly', namespaces: ['no-such'] }), [])
    })

    it('at equal score, the namespace’s own record ranks before one reached through a grant', async () => {
      // Created first, so "newer first" alone would put it second.
      const own = await store({ namespace: 'notes', content: 'harbour meeting minutes' })
      const created = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
        name: 'notes-reader',
        scopes: ['records:read'],
        namespace: 'notes',
      })
      assert.equal(created.statusCode, 201, created.body)
      const notes = created.json().token as string
      const granted = await store({ namespace: 'minutes', content: 'harbour meeting minutes' })
      await store({ namespace: 'minutes-hidden', content: 'harbour meeting minutes' })
      assert.deepEqual(ids(await search({ query: 'harbour meeting' }, notes)), [own], 'no grant yet')
      const grant = await call(http, org.ownerToken, 'POST', '/v1/grants', {
        namespace: 'notes',
        reads: 'minutes',
      })
      assert.equal(grant.statusCode, 201, grant.body)
      const hits = await search({ query: 'harbour meeting' }, notes)
      assert.deepEqual(ids(hits), [own, granted])
      assert.equal(hits[0]!.score, hits[1]!.score)
      assert.equal(hits[0]!.via_grant, null)
      assert.equal(hits[1]!.via_grant, grant.json().id)
    })

    it('needs records:read, and refuses bad input with VALIDATION_FAILED naming the field', async () => {
      const writer = (
        await call(http, org.ownerToken, 'POST', '/v1/tokens', { name: 'writer', scopes: ['records:write'] })
      ).json().token as string
      assert.ok(writer)
      const refused = await call(http, writer, 'POST', '/v1/records/search', { query: 'x' })
      assert.equal(refused.json().code, 'INSUFFICIENT_SCOPE')
      const cases: [body: unknown, field: string][] = [
        [{}, 'query'],
        [{ query: '' }, 'query'],
        [{ query: 'x'.repeat(1_001) }, 'query'],
        [{ query: 'x', limit: 0 }, 'limit'],
        [{ query: 'x', limit: 101 }, 'limit'],
        [{ query: 'x', limit: 1.5 }, 'limit'],
        [{ query: 'x', namespaces: ['Not A Name'] }, 'namespaces.0'],
        [{ query: 'x', types: 'note' }, 'types'],
        [{ query: 'x', entities: [''] }, 'entities.0'],
        [{ query: 'x', extra: 1 }, 'body'],
      ]
      for (const [body, field] of cases) {
        const response = await call(http, org.ownerToken, 'POST', '/v1/records/search', body)
        assert.equal(response.statusCode, 400, JSON.stringify(body))
        assert.equal(response.json().code, 'VALIDATION_FAILED')
        assert.ok(response.json().detail.startsWith(`${field}:`), `${response.json().detail} names ${field}`)
      }
    })
  })
}
