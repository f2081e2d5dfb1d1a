// Stops: the round-trip savers (`include=content` on list and search, `GET /v1/records?ids=`)
// showing more than `GET /v1/records/:id` would — another org's record, another agent's private
// one, another namespace's, an expired one — or telling another org's id from a missing one.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'

for (const target of DATABASE_TARGETS) {
  describe(`reads of many records with content stay within reach on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let logs: LogCapture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()
    const tokens: Record<string, string> = {}
    const ids: Record<string, string> = {}

    const store = async (token: string, body: Record<string, unknown>) => {
      const response = await call(http, token, 'POST', '/v1/records', body)
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http, logs } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
      await store(orgA.ownerToken, { namespace: 'notes', content: 'seed' })
      await store(orgA.ownerToken, { namespace: 'memories', content: 'seed' })
      const make = async (name: string, body: Record<string, unknown>) => {
        const response = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
          name,
          scopes: ['records:read', 'records:write'],
          ...body,
        })
        assert.equal(response.statusCode, 201, response.body)
        tokens[name] = response.json().token
      }
      await make('alice', { agent: 'alice-bot', namespace: 'memories' })
      await make('bob', { agent: 'bob-bot', namespace: 'memories' })
      ids.shared = await store(tokens.alice!, {
        namespace: 'memories',
        content: 'zebra shared',
        metadata: { m: 1 },
      })
      ids.private = await store(tokens.alice!, {
        namespace: 'memories',
        content: 'zebra private',
        visibility: 'private',
        entities: ['user:7'],
      })
      ids.notes = await store(orgA.ownerToken, { namespace: 'notes', content: 'zebra notes' })
      ids.expiring = await store(tokens.alice!, {
        namespace: 'memories',
        content: 'zebra soon',
        ttl_seconds: 60,
      })
      ids.otherOrg = await store(orgB.ownerToken, { namespace: 'memories', content: 'zebra other org' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('GET ?ids= answers the readable records in the order asked, content only with include=content', async () => {
      const asked = [ids.notes!, ids.shared!, ids.notes!]
      const plain = await call(http, orgA.ownerToken, 'GET', `/v1/records?ids=${asked.join(',')}`)
      assert.equal(plain.statusCode, 200, plain.body)
      assert.deepEqual(
        plain.json().items.map((item: { id: string }) => item.id),
        [ids.notes, ids.shared],
      )
      assert.equal(plain.json().next_cursor, null)
      assert.equal('content' in plain.json().items[0], false)
      const full = await call(
        http,
        orgA.ownerToken,
        'GET',
        `/v1/records?ids=${ids.shared},${ids.notes}&include=content`,
      )
      assert.deepEqual(
        full.json().items.map((item: { content: string }) => item.content),
        ['zebra shared', 'zebra notes'],
      )
      assert.deepEqual(full.json().items[0].metadata, { m: 1 })
      assert.deepEqual(full.json().items[0].entities, [])
    })

    it("another org's id, a missing id, another agent's private and another namespace's record are simply absent", async () => {
      const asked = [ids.otherOrg!, randomUUID(), ids.private!, ids.notes!, ids.shared!]
      const bob = await call(http, tokens.bob!, 'GET', `/v1/records?ids=${asked.join(',')}&include=content`)
      assert.equal(bob.statusCode, 200)
      assert.deepEqual(
        bob.json().items.map((item: { id: string }) => item.id),
        [ids.shared],
      )
      const alice = await call(
        http,
        tokens.alice!,
        'GET',
        `/v1/records?ids=${asked.join(',')}&include=content`,
      )
      assert.deepEqual(
        alice.json().items.map((item: { id: string }) => item.id),
        [ids.private, ids.shared],
      )
      assert.deepEqual(alice.json().items[0].entities, ['user:7'])
      // Another org's id and a random one give the same answer.
      const other = await call(http, orgA.ownerToken, 'GET', `/v1/records?ids=${ids.otherOrg}`)
      const missing = await call(http, orgA.ownerToken, 'GET', `/v1/records?ids=${randomUUID()}`)
      assert.deepEqual(other.json(), missing.json())
      assert.deepEqual(other.json(), { items: [], next_cursor: null })
    })

    it('list with include=content decrypts the page under the same reach', async () => {
      const page = await call(http, tokens.bob!, 'GET', '/v1/records?include=content&limit=100')
      assert.equal(page.statusCode, 200, page.body)
      const byId = new Map(
        page.json().items.map((item: { id: string; content: string }) => [item.id, item.content]),
      )
      assert.equal(byId.get(ids.shared!), 'zebra shared')
      assert.equal(byId.has(ids.private!), false, "another agent's private record")
      assert.equal(byId.has(ids.notes!), false, "another namespace's record")
      assert.equal(byId.has(ids.otherOrg!), false, "another org's record")
      const paged = await call(http, orgA.ownerToken, 'GET', '/v1/records?include=content&limit=1')
      assert.equal(paged.json().items.length, 1)
      assert.equal(typeof paged.json().items[0].content, 'string')
      assert.notEqual(paged.json().next_cursor, null, 'the cursor is kept')
    })

    it('search with include content returns content of the hits only, within reach', async () => {
      const bob = await call(http, tokens.bob!, 'POST', '/v1/records/search', {
        query: 'zebra',
        include: ['content'],
      })
      assert.equal(bob.statusCode, 200, bob.body)
      const hits = bob.json().items as { id: string; content: string; score: number }[]
      assert.deepEqual(hits.map((hit) => hit.id).sort(), [ids.shared, ids.expiring].sort())
      for (const hit of hits) assert.match(hit.content, /^zebra /)
      assert.equal(typeof hits[0]!.score, 'number')
      const without = await call(http, tokens.bob!, 'POST', '/v1/records/search', { query: 'zebra' })
      assert.equal('content' in without.json().items[0], false, 'no content unless asked')
    })

    it('an expired record is absent from every one of them', async () => {
      clock.advance(61_000)
      const byIds = await call(http, tokens.alice!, 'GET', `/v1/records?ids=${ids.expiring}&include=content`)
      assert.deepEqual(byIds.json().items, [])
      const search = await call(http, tokens.alice!, 'POST', '/v1/records/search', {
        query: 'soon',
        include: ['content'],
      })
      assert.deepEqual(search.json().items, [])
    })

    it('refuses bad ids, too many ids, an unknown include and ids with filters, naming the field', async () => {
      const cases: [string, string][] = [
        ['/v1/records?ids=nope', 'ids'],
        [`/v1/records?ids=${Array.from({ length: 101 }, () => randomUUID()).join(',')}`, 'ids'],
        ['/v1/records?include=secrets', 'include'],
        [`/v1/records?ids=${ids.shared}&namespace=memories`, 'namespace'],
        [`/v1/records?ids=${ids.shared}&cursor=${ids.shared}`, 'cursor'],
      ]
      for (const [url, field] of cases) {
        const response = await call(http, orgA.ownerToken, 'GET', url)
        assert.equal(response.statusCode, 400, url)
        assert.equal(response.json().code, 'VALIDATION_FAILED', url)
        assert.match(response.json().detail, new RegExp(`^${field}[.:]`), url)
      }
      const search = await call(http, orgA.ownerToken, 'POST', '/v1/records/search', {
        query: 'zebra',
        include: ['secrets'],
      })
      assert.equal(search.json().code, 'VALIDATION_FAILED')
      assert.equal(logs.text().includes('zebra private'), false, 'no content in the logs')
    })
  })
}
