// Records, complete: PATCH (re-sealed, audited), entities (encrypted, blind-indexed exactly),
// list filters with cursor pagination, TTL hidden at query time, namespaces routes, size limits.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg, setOrgRateLimit } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

for (const target of DATABASE_TARGETS) {
  describe(`records, complete, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
      // More requests than the free plan's 60 a minute, on a clock that barely moves.
      await setOrgRateLimit(coffer.db, 'org-a', 100_000)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const store = async (body: Record<string, unknown>, token = orgA.ownerToken) => {
      const response = await call(http, token, 'POST', '/v1/records', body)
      assert.equal(response.statusCode, 201, response.body)
      return response.json() as { id: string; updated_at: string; expires_at: string | null }
    }
    const listIds = async (query: string, token = orgA.ownerToken) => {
      const response = await call(http, token, 'GET', `/v1/records?${query}`)
      assert.equal(response.statusCode, 200, response.body)
      return response.json().items.map((item: { id: string }) => item.id) as string[]
    }
    const stored = async (id: string) => {
      const { rows } = await testDb.db.query<{
        content: Buffer
        entities: Buffer | null
        key_version: number
      }>('SELECT content, entities, key_version FROM records WHERE id = $1', [id])
      return rows[0]
    }

    it('entities are stored encrypted, returned on read, and found by a list filter in any spelling', async () => {
      const person = `Ada Lovelace ${randomUUID()}`
      recordCanary(person)
      recordCanary(person.toLowerCase())
      const record = await store({
        namespace: 'crm',
        content: 'called about the invoice',
        entities: [person, person.toUpperCase(), 'ACME Corp'],
      })
      const read = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${record.id}`)).json()
      assert.deepEqual(
        read.entities,
        [person, 'ACME Corp'],
        'one entity per normalised form, first spelling kept',
      )
      const row = await stored(record.id)
      assert.ok(row?.entities, 'entities are an envelope')
      assert.equal(row.entities.includes(Buffer.from(person)), false)
      const { rows } = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM record_entities WHERE record_id = $1',
        [record.id],
      )
      assert.equal(rows[0]!.n, 2)

      const other = await store({ namespace: 'crm', content: 'unrelated', entities: ['Grace Hopper'] })
      const spelled = encodeURIComponent(`  ${person.toLowerCase().replace(' ', '   ')} `)
      assert.deepEqual(await listIds(`entity=${spelled}`), [record.id])
      assert.deepEqual(await listIds('entity=grace%20hopper'), [other.id])
      assert.deepEqual(
        await listIds(`entity=${encodeURIComponent(person)}`, orgB.ownerToken),
        [],
        'other org',
      )
    })

    it('PATCH changes content, metadata, entities and TTL, re-seals every envelope, bumps updated_at and audits', async () => {
      const record = await store({
        namespace: 'memories',
        content: 'first version',
        metadata: { mood: 'calm' },
        entities: ['Old Name'],
      })
      const before = await stored(record.id)
      clock.advance(1000)
      const patched = await call(http, orgA.ownerToken, 'PATCH', `/v1/records/${record.id}`, {
        content: 'second version',
        entities: ['New Name'],
      })
      assert.equal(patched.statusCode, 200, patched.body)
      const view = patched.json()
      assert.equal(view.content, 'second version')
      assert.deepEqual(view.metadata, { mood: 'calm' }, 'unchanged fields stay')
      assert.deepEqual(view.entities, ['New Name'])
      assert.ok(view.updated_at > record.updated_at)
      const after = await stored(record.id)
      assert.notDeepEqual(after?.content, before?.content)
      assert.deepEqual(await listIds('entity=old%20name'), [], 'the old entity is no longer indexed')
      assert.deepEqual(await listIds('entity=new%20name'), [record.id])

      const cleared = await call(http, orgA.ownerToken, 'PATCH', `/v1/records/${record.id}`, {
        metadata: null,
      })
      assert.equal(cleared.json().metadata, null)
      const read = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${record.id}`)).json()
      assert.equal(read.content, 'second version')
      const { rows } = await testDb.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE resource = $1 ORDER BY seq`,
        [`record:${record.id}`],
      )
      assert.deepEqual(
        rows.map((row) => row.action),
        ['record.created', 'record.updated', 'record.updated'],
      )
    })

    it('PATCH refuses an empty change, unknown fields and other orgs ids with the right codes', async () => {
      const record = await store({ content: 'x' })
      const empty = await call(http, orgA.ownerToken, 'PATCH', `/v1/records/${record.id}`, {})
      assert.equal(empty.json().code, 'VALIDATION_FAILED')
      const unknown = await call(http, orgA.ownerToken, 'PATCH', `/v1/records/${record.id}`, {
        namespace: 'x',
      })
      assert.equal(unknown.json().code, 'VALIDATION_FAILED')
      const foreign = await call(http, orgB.ownerToken, 'PATCH', `/v1/records/${record.id}`, {
        content: 'pwned',
      })
      assert.equal(foreign.statusCode, 404)
      assert.equal(foreign.json().code, 'NOT_FOUND')
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${record.id}`)).json().content, 'x')
    })

    it('a PATCH after a key rotation seals the whole row under the new version, so the old one can retire', async () => {
      const record = await store({ content: 'before rotation', metadata: { a: 1 }, entities: ['Someone'] })
      await coffer.rotation.start(orgA.orgId, 'test')
      await call(http, orgA.ownerToken, 'PATCH', `/v1/records/${record.id}`, { content: 'after rotation' })
      assert.equal((await stored(record.id))?.key_version, 2)
      await coffer.rotation.run(orgA.orgId)
      const read = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${record.id}`)).json()
      assert.equal(read.content, 'after rotation')
      assert.deepEqual(read.metadata, { a: 1 })
      assert.deepEqual(await listIds('entity=someone'), [record.id], 'entity index rebuilt under v2')
      const { rows } = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM record_entities WHERE org_id = $1 AND key_version <> 2',
        [orgA.orgId],
      )
      assert.equal(rows[0]!.n, 0, 'no index row left under the retired version')
    })

    it('a record with ttl_seconds is gone for every read, list, change and delete the moment it expires', async () => {
      const record = await store({ namespace: 'ttl', content: 'short-lived', ttl_seconds: 60 })
      assert.equal(record.expires_at, new Date(clock.now() + 60_000).toISOString())
      clock.advance(59_999)
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${record.id}`)).statusCode, 200)
      clock.advance(1)
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { content: 'revived' }],
        ['DELETE', undefined],
      ] as const) {
        const response = await call(http, orgA.ownerToken, method, `/v1/records/${record.id}`, body)
        assert.equal(response.json().code, 'NOT_FOUND', method)
      }
      assert.deepEqual(await listIds('namespace=ttl'), [])
      const namespaces = (await call(http, orgA.ownerToken, 'GET', '/v1/namespaces')).json().items
      assert.equal(namespaces.find((n: { name: string }) => n.name === 'ttl').records, 0)
      for (const ttl of [0, -1, 1.5, 10 * 365 * 24 * 3600 + 1, '60']) {
        const response = await call(http, orgA.ownerToken, 'POST', '/v1/records', {
          content: 'x',
          ttl_seconds: ttl,
        })
        assert.equal(response.json().code, 'VALIDATION_FAILED', String(ttl))
        assert.match(response.json().detail, /ttl_seconds/)
      }
    })

    it('lists filter by namespace, type and created range, and page with a cursor', async () => {
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        clock.advance(1000)
        ids.push(
          (await store({ namespace: 'paged', type: i % 2 === 0 ? 'even' : 'odd', content: `n${i}` })).id,
        )
      }
      assert.deepEqual(await listIds('namespace=paged'), [...ids].reverse())
      assert.deepEqual(await listIds('namespace=paged&type=even'), [ids[4], ids[2], ids[0]])
      const third = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${ids[2]}`)).json().created_at
      assert.deepEqual(await listIds(`namespace=paged&created_after=${third}`), [ids[4], ids[3], ids[2]])
      assert.deepEqual(await listIds(`namespace=paged&created_before=${third}`), [ids[1], ids[0]])
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: { items: { id: string }[]; next_cursor: string | null } = (
          await call(
            http,
            orgA.ownerToken,
            'GET',
            `/v1/records?namespace=paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).json()
        seen.push(...page.items.map((item) => item.id))
        cursor = page.next_cursor
      } while (cursor)
      assert.deepEqual(seen, [...ids].reverse())
      for (const query of ['created_after=yesterday', 'type=BAD TYPE', 'namespace=', 'entity=', 'nope=1']) {
        const response = await call(http, orgA.ownerToken, 'GET', `/v1/records?${query}`)
        assert.equal(response.json().code, 'VALIDATION_FAILED', query)
      }
    })

    it('content over 1 MiB answers 413 naming the field; exactly 1 MiB is stored', async () => {
      const limit = 1024 * 1024
      const big = await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'a'.repeat(limit + 1) })
      assert.equal(big.statusCode, 413)
      assert.equal(big.json().code, 'PAYLOAD_TOO_LARGE')
      assert.match(big.json().detail, /^content/)
      const fits = await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'a'.repeat(limit) })
      assert.equal(fits.statusCode, 201)
      const record = fits.json().id
      const patched = await call(http, orgA.ownerToken, 'PATCH', `/v1/records/${record}`, {
        content: 'é'.repeat(limit / 2 + 1),
      })
      assert.equal(patched.json().code, 'PAYLOAD_TOO_LARGE', 'bytes, not characters')
    })

    it('namespaces: create, list with live counts, delete with every record; restricted tokens stay in theirs', async () => {
      const created = await call(http, orgA.ownerToken, 'POST', '/v1/namespaces', { name: 'projects' })
      assert.equal(created.statusCode, 201)
      assert.equal(created.json().name, 'projects')
      const again = await call(http, orgA.ownerToken, 'POST', '/v1/namespaces', { name: 'projects' })
      assert.equal(again.json().code, 'CONFLICT')
      assert.equal(
        (await call(http, orgA.ownerToken, 'POST', '/v1/namespaces', { name: 'Bad Name' })).json().code,
        'VALIDATION_FAILED',
      )
      const kept = await store({ namespace: 'projects', content: 'to be deleted', entities: ['Gone Person'] })
      await store({ namespace: 'projects', content: 'also deleted' })

      const restricted = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'projects-only',
        scopes: ['records:read', 'records:write', 'admin'],
        namespace: 'projects',
      })
      const restrictedToken = restricted.json().token as string
      const theirs = (await call(http, restrictedToken, 'GET', '/v1/namespaces')).json().items
      assert.deepEqual(
        theirs.map((n: { name: string; records: number }) => [n.name, n.records]),
        [['projects', 2]],
      )
      assert.equal(
        (await call(http, restrictedToken, 'POST', '/v1/namespaces', { name: 'elsewhere' })).json().code,
        'INSUFFICIENT_SCOPE',
      )
      assert.equal(
        (await call(http, restrictedToken, 'DELETE', '/v1/namespaces/projects')).json().code,
        'INSUFFICIENT_SCOPE',
      )
      const blocked = await call(http, orgA.ownerToken, 'DELETE', '/v1/namespaces/projects')
      assert.equal(blocked.json().code, 'CONFLICT', 'a live token is restricted to it')
      await call(http, orgA.ownerToken, 'DELETE', `/v1/tokens/${restricted.json().id}`)
      assert.equal(
        (await call(http, orgB.ownerToken, 'DELETE', '/v1/namespaces/projects')).json().code,
        'NOT_FOUND',
        'another org',
      )
      const deleted = await call(http, orgA.ownerToken, 'DELETE', '/v1/namespaces/projects')
      assert.equal(deleted.statusCode, 200, deleted.body)
      assert.deepEqual(deleted.json(), { deleted_records: 2, archived_records: 0 })
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${kept.id}`)).statusCode, 404)
      const { rows } = await testDb.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM records WHERE id = $1)::int + (SELECT count(*) FROM record_entities WHERE record_id = $1)::int AS n`,
        [kept.id],
      )
      assert.equal(rows[0]!.n, 0, 'records and their index rows are gone')
      const member = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'writer',
        scopes: ['records:write'],
      })
      assert.equal(member.statusCode, 201, member.body)
      assert.equal(
        (await call(http, member.json().token, 'DELETE', '/v1/namespaces/default')).json().code,
        'INSUFFICIENT_SCOPE',
        'delete needs admin',
      )
    })
  })
}
