// Stops: an erasure (GDPR art. 17) that leaves residue — records soft-deleted, entity hashes or
// search terms left in an index, ids left in any table — or that reaches beyond what the caller
// may see (another namespace, another org); and an org deletion that forgets a tenant table.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { dumpTables } from '../../src/db/dump.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { ENTITY_INDEX_LABEL, entityHash } from '../../src/records/entity-index.js'
import { type CreatedOrg, createOrg, deleteOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

/**
 * Tables kept, by design, after an org is deleted: its tombstone, key tombstones and audit trails
 * (the log's Merkle tree and signed checkpoints with it: append-only like the log itself).
 */
const KEPT_AFTER_ORG_DELETION = new Set([
  'orgs',
  'org_keys',
  'key_rotation_jobs',
  'audit_log',
  'audit_tree_nodes',
  'audit_checkpoints',
  'secret_access_log',
])

for (const target of DATABASE_TARGETS) {
  describe(`erasure on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let otherOrg: CreatedOrg
    const clock = new TestClock()
    const tokens: Record<string, string> = {}

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-erase', actor: 'test' })
      otherOrg = await createOrg(coffer, { slug: 'org-erase-other', actor: 'test' })
      for (const namespace of ['crm', 'support']) {
        await call(http, org.ownerToken, 'POST', '/v1/namespaces', { name: namespace })
      }
      const make = async (name: string, body: Record<string, unknown>) => {
        const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', { name, ...body })
        assert.equal(response.statusCode, 201, response.body)
        tokens[name] = response.json().token
      }
      await make('crm', { scopes: ['records:read', 'records:write'], namespace: 'crm', agent: 'crm-bot' })
      await make('reader', { scopes: ['records:read'] })
      await make('writer', { scopes: ['records:read', 'records:write'] })
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
    const erase = (token: string, query: string) => call(http, token, 'DELETE', `/v1/records?${query}`)
    const exists = async (id: string) =>
      (await testDb.db.query('SELECT 1 FROM records WHERE id = $1', [id])).rows.length === 1

    /** Every row of every table, as a snapshot would hold it (bytea as hex), one string per table. */
    async function dumpByTable(): Promise<Map<string, string>> {
      const tables = new Map<string, string>()
      for await (const { table, row } of dumpTables(testDb.db)) {
        tables.set(table, `${tables.get(table) ?? ''}${JSON.stringify(row)}\n`)
      }
      return tables
    }

    /** The entity's blind index hashes under every live key version, as hex. */
    async function entityHashesHex(orgId: CreatedOrg['orgId'], entity: string): Promise<string[]> {
      return withTenant(coffer.db, orgId, async (sql) => {
        const hashes: string[] = []
        for (const version of await coffer.keyring.liveVersions(sql)) {
          const { key } = await coffer.keyring.indexKey(sql, version, ENTITY_INDEX_LABEL)
          hashes.push(entityHash(key, entity).toString('hex'))
          key.fill(0)
        }
        return hashes
      })
    }

    it('refuses an erase without a selector, with bad ids, dates or fields, or without records:write', async () => {
      const cases: [string, RegExp][] = [
        ['', /^query: /],
        [`ids=${'x'}`, /^ids: /],
        [
          `ids=${Array.from({ length: 1001 }, () => '0190a0a0-0000-7000-8000-000000000000').join(',')}`,
          /^ids: .*1000/,
        ],
        ['before=yesterday', /^before: /],
        ['after=2026-13-01T00:00:00Z', /^after: /],
        ['namespace=Not%20A%20Name', /^namespace: /],
        ['everything=true', /everything|query/],
      ]
      for (const [query, detail] of cases) {
        const response = await erase(org.ownerToken, query)
        assert.equal(response.statusCode, 400, query)
        assert.equal(response.json().code, 'VALIDATION_FAILED')
        assert.match(response.json().detail, detail)
      }
      const id = await store(org.ownerToken, { content: 'stays' })
      const refused = await erase(tokens.reader!, `ids=${id}`)
      assert.equal(refused.json().code, 'INSUFFICIENT_SCOPE')
      assert.equal(await exists(id), true)
    })

    it('erases by ids, in one answer with the count, never touching another org', async () => {
      const ids = [
        await store(org.ownerToken, { content: 'a' }),
        await store(org.ownerToken, { content: 'b' }),
        await store(org.ownerToken, { content: 'c' }),
      ]
      const foreign = await store(otherOrg.ownerToken, { content: 'not yours' })
      const response = await erase(tokens.writer!, `ids=${ids[0]},${ids[1]!.toUpperCase()},${foreign}`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.json().deleted, 2)
      assert.deepEqual(await Promise.all([...ids, foreign].map(exists)), [false, false, true, true])
      const { rows } = await testDb.db.query<{ actor: string; resource: string }>(
        `SELECT actor, resource FROM audit_log WHERE org_id = $1 AND action = 'records.erased' ORDER BY seq DESC LIMIT 1`,
        [org.orgId],
      )
      assert.deepEqual(rows[0]?.resource, 'records:2')
    })

    it('a namespace-restricted token erases only what it can see', async () => {
      const entity = 'Katherine Johnson'
      const inCrm = await store(tokens.crm!, { namespace: 'crm', content: 'crm note', entities: [entity] })
      const elsewhere = await store(org.ownerToken, {
        namespace: 'support',
        content: 'ticket',
        entities: [entity],
      })
      const privateOther = await store(org.ownerToken, {
        namespace: 'crm',
        content: 'private to another agent',
        visibility: 'private',
        entities: [entity],
      })
      const response = await erase(tokens.crm!, `entity=${encodeURIComponent(entity)}`)
      assert.equal(response.json().deleted, 1)
      assert.equal(await exists(inCrm), false)
      assert.equal(await exists(elsewhere), true, 'another namespace: not visible, not erased')
      assert.equal(
        await exists(privateOther),
        true,
        "another agent's private record: not visible, not erased",
      )
      assert.equal((await erase(tokens.crm!, 'namespace=support')).json().deleted, 0)
      assert.equal(await exists(elsewhere), true)
    })

    it('erases a namespace within a created_at range', async () => {
      await call(http, org.ownerToken, 'POST', '/v1/namespaces', { name: 'ranged' })
      const times: string[] = []
      const ids: string[] = []
      for (let i = 0; i < 4; i++) {
        times.push(new Date(clock.now()).toISOString())
        ids.push(await store(org.ownerToken, { namespace: 'ranged', content: `r${i}` }))
        clock.advance(60_000)
      }
      const outside = await store(org.ownerToken, { namespace: 'crm', content: 'same time, other namespace' })
      const response = await erase(org.ownerToken, `namespace=ranged&after=${times[1]}&before=${times[3]}`)
      assert.equal(response.json().deleted, 2, 'after is inclusive, before exclusive')
      assert.deepEqual(await Promise.all(ids.map(exists)), [true, false, false, true])
      assert.equal(await exists(outside), true)
    })

    it('after erasing an entity, no row of any table holds its records, ids or entity hashes', async () => {
      const entity = 'Grace Hopper'
      const contentCanary = `canary-${Date.now()}`
      recordCanary(contentCanary)
      recordCanary(entity)
      const ids = [
        await store(org.ownerToken, { namespace: 'crm', content: contentCanary, entities: [entity, 'Navy'] }),
        await store(org.ownerToken, {
          namespace: 'support',
          content: 'about grace',
          entities: ['grace  HOPPER'],
        }),
        await store(tokens.crm!, {
          namespace: 'crm',
          content: 'a private note',
          visibility: 'private',
          entities: [entity],
          metadata: { about: 'her' },
        }),
        await store(org.ownerToken, {
          namespace: 'crm',
          content: 'expires',
          entities: [entity],
          ttl_seconds: 1,
        }),
      ]
      const unrelated = await store(org.ownerToken, {
        namespace: 'crm',
        content: 'unrelated',
        entities: ['Navy'],
      })
      clock.advance(2_000) // the last one has expired, not yet swept: erasure still removes it
      const hashes = await entityHashesHex(org.orgId, entity)
      const navy = await entityHashesHex(org.orgId, 'Navy')
      const beforeErase = [...(await dumpByTable()).values()].join('')
      for (const id of ids) assert.ok(beforeErase.includes(id), 'positive control: the id is in the dump')
      for (const hash of hashes)
        assert.ok(beforeErase.includes(hash), 'positive control: the hash is in the dump')

      // The owner token: admin and unrestricted, so it reaches private records of any agent.
      const response = await erase(org.ownerToken, `entity=${encodeURIComponent('GRACE hopper')}`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.json().deleted, ids.length)

      const tables = await dumpByTable()
      for (const [table, text] of tables) {
        for (const hash of hashes) assert.equal(text.includes(hash), false, `${table} holds an entity hash`)
        assert.equal(text.toLowerCase().includes('grace'), false, `${table} holds the entity`)
        assert.equal(text.includes(contentCanary), false, `${table} holds the content`)
        assert.equal(text.includes(Buffer.from(contentCanary).toString('hex')), false)
        // The audit log is append-only and hash-chained: it keeps `record:<id>` of the record.created
        // entries, an opaque id and nothing of the record. Every other table must have forgotten the ids.
        if (table === 'audit_log') continue
        for (const id of ids) assert.equal(text.includes(id), false, `${table} holds an erased id`)
      }
      const all = [...tables.values()].join('')
      assert.ok(all.includes(unrelated), 'the unrelated record stays')
      assert.ok(
        navy.some((hash) => all.includes(hash)),
        "the unrelated record's index stays",
      )
      const erased = tables
        .get('audit_log')!
        .split('\n')
        .filter((line) => line.includes('records.erased'))
        .at(-1)!
      assert.match(erased, /"resource":"records:4"/)
    })

    it('`coffer org delete` leaves no row of the org in any tenant table but its tombstones and audit trails', async () => {
      const doomed = await createOrg(coffer, { slug: 'org-doomed', actor: 'test' })
      // A webhook endpoint first, so the record below also leaves a delivery in the outbox.
      const hook = await call(http, doomed.ownerToken, 'POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        event_types: ['*'],
      })
      assert.equal(hook.statusCode, 201, hook.body)
      await store(doomed.ownerToken, {
        namespace: 'crm',
        content: 'x',
        entities: ['someone'],
        ttl_seconds: 3600,
      })
      await withTenant(coffer.db, doomed.orgId, (sql) =>
        coffer.secrets.put(sql, 'test', 'openai_key', { value: 'sk-doomed-0123456789' }),
      )
      // Sealed before and after: the org's tree and checkpoints exist, and are kept with its log.
      await coffer.auditSequencer.sequenceOrg(doomed.orgId)
      await deleteOrg(coffer, 'org-doomed', 'test')
      await coffer.auditSequencer.sequenceOrg(doomed.orgId)
      const keys = await coffer.auditKeys.publicKeys()
      const verified = await withTenant(coffer.db, doomed.orgId, (sql) => coffer.audit.verify(sql, keys))
      assert.equal(verified.ok, true, 'the log, tree and checkpoints of the deleted org still verify')
      for (const table of ['audit_tree_nodes', 'audit_checkpoints']) {
        const { rows } = await testDb.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`,
          [doomed.orgId],
        )
        assert.ok(rows[0]!.n > 0, `${table} kept`)
      }
      const { rows: tables } = await testDb.db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'org_id' ORDER BY table_name`,
      )
      assert.ok(tables.length >= 10)
      const left: string[] = []
      for (const { table_name: table } of tables) {
        if (KEPT_AFTER_ORG_DELETION.has(table)) continue
        const { rows } = await testDb.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${table}" WHERE org_id = $1`,
          [doomed.orgId],
        )
        if (rows[0]!.n > 0) left.push(`${table}: ${rows[0]!.n}`)
      }
      assert.deepEqual(left, [])
    })
  })
}
