/**
 * Exports reach archived records (issue #17, archive promises): the org export (`GET /v1/export`)
 * and a data subject's export (`GET /v1/subjects/:entity/export`) carry the stub of every archived
 * record in reach as `kind: "archived_record"` (its plaintext columns and where its object lives,
 * never its content), page through them without losing or repeating one, and leave out restored
 * stubs, stubs another org holds, and stubs a narrower token (another namespace, another agent)
 * may not read.
 */
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary, recordSecret } from '../support/leak-canary.js'
import { ACCESS_KEY_ID, BUCKET, type S3Fixture, startS3 } from './s3-fixture.js'

const DAY_MS = 86_400_000
const ADA = 'Ada Lovelace'

interface Item {
  kind: string
  id: string
  [field: string]: unknown
}

const subjectUrl = (entity: string, query = '') =>
  `/v1/subjects/${encodeURIComponent(entity)}/export${query ? `?${query}` : ''}`

for (const target of DATABASE_TARGETS) {
  describe(`exports of archived records on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let s3: S3Fixture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()
    const secretAccessKey = `s3-secret-${randomUUID()}`
    recordSecret(secretAccessKey)
    const secretValue = `sk-archive-export-${randomUUID()}`
    recordSecret(secretValue)
    const prefix = `export-${target.name}-${randomUUID().slice(0, 8)}/`
    const canary = `archived-body-${randomUUID()}`
    recordCanary(canary)
    // Org A: two live records, four archived ones (one private to an agent, one restored again).
    const live: string[] = []
    /** The live record naming ADA. */
    let liveAda = ''
    const archived: { ada: string; other: string; agentOnly: string; restored: string } = {
      ada: '',
      other: '',
      agentOnly: '',
      restored: '',
    }
    let agentToken = ''

    async function store(token: string, namespace: string, body: Record<string, unknown> = {}) {
      const response = await call(http, token, 'POST', '/v1/records', {
        namespace,
        type: 'transcript',
        content: `${canary} ${randomUUID()}`,
        metadata: { source: canary },
        ...body,
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }

    async function saveSettings(token: string, settingsPrefix: string) {
      const response = await http.inject({
        method: 'PUT',
        url: '/v1/archive/settings',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          endpoint: s3.endpoint,
          bucket: BUCKET,
          prefix: settingsPrefix,
          region: 'us-east-1',
          path_style: true,
          access_key_id: ACCESS_KEY_ID,
          secret_access_key: secretAccessKey,
          mode: 'plaintext',
          policy: { namespaces: ['meetings'], older_than_days: 30 },
        }),
      })
      assert.equal(response.statusCode, 200, response.body)
    }

    async function archiveNow(token: string) {
      const run = await call(http, token, 'POST', '/v1/archive/runs', {})
      assert.equal(run.statusCode, 201, run.body)
      assert.equal(run.json().status, 'completed', run.body)
      return run.json().archived as number
    }

    /** Every page of the org export from the start; asserts no page holds archived content. */
    async function exportAll(token: string, query: string): Promise<{ items: Item[]; pages: number }> {
      const items: Item[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const url: string = `/v1/export?${query}${cursor ? `&cursor=${cursor}` : ''}`
        const response = await call(http, token, 'GET', url)
        assert.equal(response.statusCode, 200, response.body)
        assert.ok(!response.body.includes(secretValue), 'no secret value')
        const page = response.json() as { items: Item[]; next_cursor: string | null }
        items.push(...page.items)
        cursor = page.next_cursor
        pages++
        assert.ok(pages < 50, 'the export ends')
      } while (cursor !== null)
      return { items, pages }
    }

    const ids = (items: Item[], kind: string) => items.filter((i) => i.kind === kind).map((i) => i.id)

    before(async () => {
      s3 = await startS3()
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'export-archived-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'export-archived-b', actor: 'test' })
      await saveSettings(orgA.ownerToken, prefix)
      await saveSettings(orgB.ownerToken, `${prefix}b/`)
      const agent = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'agent',
        scopes: ['records:read', 'records:write'],
        agent: 'scribe',
      })
      assert.equal(agent.statusCode, 201, agent.body)
      agentToken = agent.json().token

      archived.ada = await store(orgA.ownerToken, 'meetings', { entities: [ADA, 'Charles Babbage'] })
      archived.other = await store(orgA.ownerToken, 'meetings', { entities: ['Grace Hopper'] })
      archived.agentOnly = await store(agentToken, 'meetings', { visibility: 'private', entities: [ADA] })
      archived.restored = await store(orgA.ownerToken, 'meetings', { entities: [ADA] })
      await store(orgB.ownerToken, 'meetings', { entities: [ADA] })
      clock.advance(31 * DAY_MS)
      liveAda = await store(orgA.ownerToken, 'notes', { entities: [ADA] })
      live.push(liveAda)
      live.push(await store(orgA.ownerToken, 'notes', {}))
      live.sort()
      assert.equal(await archiveNow(orgA.ownerToken), 4)
      assert.equal(await archiveNow(orgB.ownerToken), 1)
      const restore = await call(http, orgA.ownerToken, 'POST', `/v1/records/${archived.restored}/restore`)
      assert.equal(restore.statusCode, 200, restore.body)
      const put = await http.inject({
        method: 'PUT',
        url: '/v1/secrets/openai_key',
        headers: { authorization: `Bearer ${orgA.ownerToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ value: secretValue }),
      })
      assert.equal(put.statusCode, 200, put.body)
      await coffer.auditSequencer.sequenceOrg(orgA.orgId)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
      await s3.close()
    })

    it('the org export carries each archived stub with its fields and where its object lives, never its content', async () => {
      for (const format of ['plain', 'sealed']) {
        const { items } = await exportAll(orgA.ownerToken, `format=${format}`)
        const stubs = items.filter((item) => item.kind === 'archived_record')
        assert.deepEqual(
          stubs.map((stub) => stub.id),
          [archived.ada, archived.other, archived.agentOnly].sort(),
          'every archived record (a whole-org admin reaches private ones), not the restored one',
        )
        assert.deepEqual(
          ids(items, 'record'),
          [...live, archived.restored].sort(),
          'the restored record is exported as a record',
        )
        assert.deepEqual(
          items.map((item) => item.kind),
          [...ids(items, 'record').map(() => 'record'), ...stubs.map(() => 'archived_record'), 'secret'],
          'records, then archived stubs, then secrets',
        )
        for (const stub of stubs) {
          const text = JSON.stringify(stub)
          assert.ok(!text.includes(canary), 'no content, metadata or entity of the archived record')
          assert.ok(!text.includes(ADA))
          assert.deepEqual(Object.keys(stub).sort(), [
            'allowed_agents',
            'archived',
            'created_at',
            'expires_at',
            'id',
            'kind',
            'namespace',
            'owner_agent',
            'type',
            'updated_at',
            'visibility',
          ])
        }
        const ada = stubs.find((stub) => stub.id === archived.ada)!
        const objectKey = `${prefix}meetings/${archived.ada}.json`
        const object = (await s3.read(objectKey))!
        const { rows } = await testDb.db.query<{ created_at: Date; updated_at: Date; archived_at: Date }>(
          'SELECT created_at, updated_at, archived_at FROM archived_records WHERE id = $1',
          [archived.ada],
        )
        assert.deepEqual(ada, {
          kind: 'archived_record',
          id: archived.ada,
          namespace: 'meetings',
          type: 'transcript',
          visibility: 'shared',
          owner_agent: null,
          allowed_agents: [],
          created_at: rows[0]!.created_at.toISOString(),
          updated_at: rows[0]!.updated_at.toISOString(),
          expires_at: null,
          archived: {
            object_key: objectKey,
            at: rows[0]!.archived_at.toISOString(),
            mode: 'plaintext',
            object_sha256: createHash('sha256').update(object).digest('hex'),
            endpoint: s3.endpoint,
            bucket: BUCKET,
          },
        })
        assert.ok(
          Date.parse(ada.created_at as string) < Date.parse((ada.archived as { at: string }).at),
          'created before it was archived',
        )
        const agentOnly = stubs.find((stub) => stub.id === archived.agentOnly)!
        assert.equal(agentOnly.visibility, 'private')
        assert.equal(agentOnly.owner_agent, 'scribe')
      }
      const { rows: audited } = await testDb.db.query<{ resource: string }>(
        `SELECT resource FROM audit_log WHERE org_id = $1 AND action = 'records.exported' ORDER BY id DESC LIMIT 1`,
        [orgA.orgId],
      )
      assert.deepEqual(audited, [{ resource: 'export:sealed:records:3:archived:3:secrets:1' }])
    })

    it('pages through records, archived stubs and secrets, each exactly once, at every page size', async () => {
      const whole = (await exportAll(orgA.ownerToken, 'limit=1000')).items.map((item) => item.id)
      assert.equal(whole.length, 3 + 3 + 1)
      for (const limit of [1, 2, 3, 4, 6, 7]) {
        const { items, pages } = await exportAll(orgA.ownerToken, `limit=${limit}`)
        assert.deepEqual(
          items.map((item) => item.id),
          whole,
          `limit ${limit}: the same items in the same order`,
        )
        // A page that ends exactly at the end of a part says so with a cursor; the next starts the next part.
        assert.ok(pages >= Math.ceil(whole.length / limit) && pages <= Math.ceil(whole.length / limit) + 1)
      }
      // A cursor into the archived part resumes there.
      const first = await call(http, orgA.ownerToken, 'GET', '/v1/export?limit=4')
      const second = await call(
        http,
        orgA.ownerToken,
        'GET',
        `/v1/export?limit=1&cursor=${first.json().next_cursor}`,
      )
      assert.deepEqual(
        second.json().items.map((item: Item) => item.id),
        [whole[4]],
      )
      assert.equal(second.json().items[0].kind, 'archived_record')
    })

    it('a narrower token exports only the stubs it may read; another org none of these', async () => {
      const notes = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'notes only',
        scopes: ['records:read'],
        namespace: 'notes',
      })
      assert.equal(notes.statusCode, 201, notes.body)
      const asNotes = (await exportAll(notes.json().token, 'limit=2')).items
      assert.deepEqual(ids(asNotes, 'archived_record'), [], 'another namespace: no stub')
      assert.deepEqual(ids(asNotes, 'record'), live)

      const asAgent = (await exportAll(agentToken, 'limit=2')).items
      assert.deepEqual(
        ids(asAgent, 'archived_record'),
        [archived.ada, archived.other, archived.agentOnly].sort(),
        'the owner agent reaches its private stub',
      )
      const other = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'other agent',
        scopes: ['records:read'],
        agent: 'someone-else',
      })
      const asOther = (await exportAll(other.json().token, 'limit=2')).items
      assert.deepEqual(
        ids(asOther, 'archived_record'),
        [archived.ada, archived.other].sort(),
        "another agent does not see the private one's stub",
      )

      const stranger = (await exportAll(orgB.ownerToken, 'limit=1000')).items
      assert.equal(ids(stranger, 'archived_record').length, 1)
      for (const id of Object.values(archived)) {
        assert.ok(!stranger.some((item) => item.id === id), "another org's export holds none of org A's")
      }
    })

    it("a subject's export carries the stubs of archived records naming the entity, with their audit entries", async () => {
      const response = await call(http, orgA.ownerToken, 'GET', subjectUrl(ADA, 'format=plain'))
      assert.equal(response.statusCode, 200, response.body)
      const bundle = response.json() as { records: Item[]; audit: { action: string; resource: string }[] }
      assert.deepEqual(
        bundle.records.map((item) => item.id),
        [liveAda, archived.ada, archived.agentOnly, archived.restored].sort(),
        'live, archived (not the one naming someone else) and restored records naming her, by id',
      )
      for (const item of bundle.records) {
        assert.equal(
          item.kind,
          [archived.ada, archived.agentOnly].includes(item.id) ? 'archived_record' : 'record',
        )
      }
      const stub = bundle.records.find((item) => item.id === archived.ada)!
      assert.equal(stub.content, undefined)
      assert.equal(
        (stub.archived as { object_key: string }).object_key,
        `${prefix}meetings/${archived.ada}.json`,
      )
      assert.ok(
        !JSON.stringify(bundle.records.filter((item) => item.kind === 'archived_record')).includes(canary),
      )
      const audited = bundle.audit.map((entry) => `${entry.action} ${entry.resource}`)
      assert.ok(audited.includes(`record.created record:${archived.ada}`), audited.join('\n'))
      assert.ok(audited.includes(`record.archived record:${archived.ada}`), audited.join('\n'))
      assert.ok(!audited.some((line) => line.endsWith(archived.other)), 'nothing about another subject')

      // Another spelling of the same name finds the same stubs (the entity index normalises).
      const spelled = await call(http, orgA.ownerToken, 'GET', subjectUrl('ada  LOVELACE'))
      assert.deepEqual(
        spelled.json().records.map((item: Item) => item.id),
        bundle.records.map((item) => item.id),
      )

      // Pages of one merge live records and stubs by id, each once.
      const paged: string[] = []
      let cursor: string | null = null
      do {
        const page = await call(
          http,
          orgA.ownerToken,
          'GET',
          subjectUrl(ADA, `limit=1${cursor ? `&cursor=${cursor}` : ''}`),
        )
        assert.equal(page.statusCode, 200, page.body)
        paged.push(...page.json().records.map((item: Item) => item.id))
        cursor = page.json().next_cursor
      } while (cursor !== null && paged.length < 10)
      assert.deepEqual(
        paged,
        bundle.records.map((item) => item.id),
      )

      // A token of another namespace, another agent, another org: no stub it may not read.
      const notes = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'notes reader',
        scopes: ['records:read'],
        namespace: 'notes',
      })
      const asNotes = await call(http, notes.json().token, 'GET', subjectUrl(ADA))
      assert.deepEqual(
        asNotes.json().records.map((item: Item) => item.id),
        [liveAda],
      )
      const other = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'someone else',
        scopes: ['records:read'],
        agent: 'someone-else',
      })
      const asOther = await call(http, other.json().token, 'GET', subjectUrl(ADA))
      assert.ok(
        !asOther.json().records.some((item: Item) => item.id === archived.agentOnly),
        'the private stub stays private',
      )
      assert.ok(asOther.json().records.some((item: Item) => item.id === archived.ada))
      const stranger = await call(http, orgB.ownerToken, 'GET', subjectUrl(ADA))
      assert.equal(stranger.json().records.length, 1)
      assert.equal(stranger.json().records[0].kind, 'archived_record')
      for (const id of Object.values(archived)) assert.ok(!stranger.body.includes(id))
    })
  })
}
