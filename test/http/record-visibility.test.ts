import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

for (const target of DATABASE_TARGETS) {
  describe(`record visibility, agents, namespace-restricted tokens and grants on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()
    const tokens: Record<string, string> = {}

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      for (const namespace of ['memories', 'notes']) {
        await call(http, org.ownerToken, 'POST', '/v1/records', { namespace, content: 'seed' })
      }
      const make = async (name: string, body: Record<string, unknown>) => {
        const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
          name,
          scopes: ['records:read', 'records:write'],
          ...body,
        })
        assert.equal(response.statusCode, 201, response.body)
        tokens[name] = response.json().token
      }
      await make('alice', { agent: 'alice-bot', namespace: 'memories' })
      await make('bob', { agent: 'bob-bot', namespace: 'memories' })
      await make('carol', { agent: 'carol-bot', namespace: 'memories' })
      await make('notes', { namespace: 'notes' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const store = (token: string, body: Record<string, unknown>) =>
      call(http, token, 'POST', '/v1/records', body)
    const read = (token: string, id: string) => call(http, token, 'GET', `/v1/records/${id}`)
    const listIds = async (token: string) =>
      (await call(http, token, 'GET', '/v1/records?limit=100'))
        .json()
        .items.map((item: { id: string }) => item.id)

    it('a private record is read only by its owner agent and the agents it lists', async () => {
      const created = await store(tokens.alice!, {
        namespace: 'memories',
        content: 'private note',
        visibility: 'private',
        allowed_agents: ['carol-bot'],
      })
      assert.equal(created.statusCode, 201)
      assert.equal(created.json().owner_agent, 'alice-bot')
      const { id } = created.json()
      assert.equal((await read(tokens.alice!, id)).json().content, 'private note')
      assert.equal((await read(tokens.carol!, id)).json().content, 'private note')
      for (const who of ['bob', 'notes'] as const)
        assert.equal((await read(tokens[who]!, id)).json().code, 'NOT_FOUND', who)
      assert.equal(
        (await read(org.ownerToken, id)).json().code,
        'NOT_FOUND',
        'a token without an agent does not see it',
      )
      assert.equal((await listIds(tokens.bob!)).includes(id), false)
      assert.equal((await call(http, tokens.bob!, 'DELETE', `/v1/records/${id}`)).json().code, 'NOT_FOUND')
    })

    it('a namespace-restricted token sees only its namespace, and cannot write elsewhere', async () => {
      const shared = (await store(tokens.alice!, { namespace: 'memories', content: 'shared' })).json()
      assert.equal((await read(tokens.bob!, shared.id)).statusCode, 200)
      assert.equal((await read(tokens.notes!, shared.id)).json().code, 'NOT_FOUND')
      assert.equal((await listIds(tokens.notes!)).includes(shared.id), false)
      const elsewhere = await store(tokens.alice!, { namespace: 'notes', content: 'x' })
      assert.equal(elsewhere.statusCode, 403)
      assert.equal(elsewhere.json().code, 'INSUFFICIENT_SCOPE')
      const created = await store(tokens.alice!, { namespace: 'brand-new', content: 'x' })
      assert.equal(created.json().code, 'INSUFFICIENT_SCOPE', 'nor create a namespace')
    })

    it('a public record is seen from every namespace of the org', async () => {
      const { id } = (
        await store(tokens.alice!, { namespace: 'memories', content: 'public', visibility: 'public' })
      ).json()
      const seen = await read(tokens.notes!, id)
      assert.equal(seen.json().content, 'public')
      assert.equal(seen.json().via_grant, null)
    })

    it('a grant lets one namespace read another (by type, until it expires); such reads are marked', async () => {
      const fact = (
        await store(tokens.alice!, { namespace: 'memories', type: 'fact', content: 'a fact' })
      ).json()
      const note = (
        await store(tokens.alice!, { namespace: 'memories', type: 'note', content: 'a note' })
      ).json()
      assert.equal((await read(tokens.notes!, fact.id)).json().code, 'NOT_FOUND', 'no grant yet')
      const grant = await call(http, org.ownerToken, 'POST', '/v1/grants', {
        namespace: 'notes',
        reads: 'memories',
        types: ['fact'],
        expires_in_seconds: 60,
      })
      assert.equal(grant.statusCode, 201)
      const grantId = grant.json().id
      const through = await read(tokens.notes!, fact.id)
      assert.equal(through.json().content, 'a fact')
      assert.equal(through.json().via_grant, grantId)
      assert.equal((await read(tokens.notes!, note.id)).json().code, 'NOT_FOUND', 'other types stay hidden')
      const listed = (await call(http, tokens.notes!, 'GET', '/v1/records?limit=100')).json().items
      assert.equal(listed.find((item: { id: string }) => item.id === fact.id).via_grant, grantId)
      assert.equal(
        (await read(tokens.alice!, fact.id)).json().via_grant,
        null,
        'own namespace: not through a grant',
      )
      clock.advance(61_000)
      assert.equal((await read(tokens.notes!, fact.id)).json().code, 'NOT_FOUND', 'expired')

      const open = (
        await call(http, org.ownerToken, 'POST', '/v1/grants', { namespace: 'notes', reads: 'memories' })
      ).json()
      assert.equal((await read(tokens.notes!, note.id)).statusCode, 200)
      assert.equal((await call(http, org.ownerToken, 'DELETE', `/v1/grants/${open.id}`)).statusCode, 204)
      assert.equal((await read(tokens.notes!, note.id)).json().code, 'NOT_FOUND', 'deleted')
    })

    it('grants: admin only, known namespaces, never a namespace to itself', async () => {
      const body = { namespace: 'notes', reads: 'memories' }
      assert.equal(
        (await call(http, tokens.alice!, 'POST', '/v1/grants', body)).json().code,
        'INSUFFICIENT_SCOPE',
      )
      const unknown = await call(http, org.ownerToken, 'POST', '/v1/grants', {
        namespace: 'nope',
        reads: 'memories',
      })
      assert.equal(unknown.json().code, 'VALIDATION_FAILED')
      const self = await call(http, org.ownerToken, 'POST', '/v1/grants', {
        namespace: 'notes',
        reads: 'notes',
      })
      assert.equal(self.json().code, 'VALIDATION_FAILED')
      const listed = await call(http, org.ownerToken, 'GET', '/v1/grants')
      assert.ok(listed.json().items.length >= 1)
    })
  })
}
