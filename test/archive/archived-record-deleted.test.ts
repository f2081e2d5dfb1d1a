/**
 * `DELETE /v1/records/:id` reaches archived records (issue #17, archive promises): deleting an
 * archived record removes its stub, its entity index rows and its object in the customer's bucket
 * (a real S3-compatible server, s3rver, behind a proxy the test can turn hostile), answers what
 * became of the object, and is audited `record.deleted` like a live delete; a bucket that refuses
 * the deletion is named in the answer and audited, never claimed as deleted; another org's token
 * and a narrower token (another namespace, another agent) answer 404 or 403 as for live records.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'
import { ACCESS_KEY_ID, BUCKET, type S3Fixture, startS3 } from './s3-fixture.js'

const DAY_MS = 86_400_000

for (const target of DATABASE_TARGETS) {
  describe(`deleting an archived record on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let s3: S3Fixture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()
    const secretAccessKey = `s3-secret-${randomUUID()}`
    recordSecret(secretAccessKey)
    const prefix = `delete-${target.name}-${randomUUID().slice(0, 8)}/`

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

    async function store(token: string, namespace: string, body: Record<string, unknown> = {}) {
      const response = await call(http, token, 'POST', '/v1/records', {
        namespace,
        type: 'transcript',
        content: `body ${randomUUID()}`,
        entities: ['Grace Hopper'],
        ...body,
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }

    /** Lets the records stored so far age, and archives them (an owner's run). */
    async function archiveNow(expected: number) {
      clock.advance(31 * DAY_MS)
      const run = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(run.statusCode, 201, run.body)
      assert.equal(run.json().status, 'completed', run.body)
      assert.equal(run.json().archived, expected, run.body)
    }

    /** Stores records in `meetings` as the owner, lets them age and archives them. */
    async function archived(bodies: Record<string, unknown>[]): Promise<string[]> {
      const ids: string[] = []
      for (const body of bodies) ids.push(await store(orgA.ownerToken, 'meetings', body))
      await archiveNow(ids.length)
      return ids
    }

    async function rows(table: string, column: string, id: string): Promise<number> {
      const { rows } = await testDb.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
        [id],
      )
      return rows[0]!.n
    }

    async function audited(orgId: string, action: string, resource: string) {
      const { rows } = await testDb.db.query<{ actor: string; outcome: string | null }>(
        'SELECT actor, outcome FROM audit_log WHERE org_id = $1 AND action = $2 AND resource = $3',
        [orgId, action, resource],
      )
      return rows
    }

    async function token(body: Record<string, unknown>): Promise<string> {
      const response = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', body)
      assert.equal(response.statusCode, 201, response.body)
      return response.json().token as string
    }

    const keyOf = (id: string) => `${prefix}meetings/${id}.json`

    before(async () => {
      s3 = await startS3()
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'delete-archived-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'delete-archived-b', actor: 'test' })
      await saveSettings(orgA.ownerToken, prefix)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
      await s3.close()
    })
    beforeEach(() => {
      s3.mode = { kind: 'forward' }
    })

    it('deletes the stub, its entity rows and its object, answers the outcome, audits record.deleted', async () => {
      const [id, kept] = await archived([{ entities: ['Grace Hopper', 'Alan Turing'] }, {}])
      assert.ok(await s3.read(keyOf(id!)), 'the object is in the bucket')
      assert.equal(await rows('archived_record_entities', 'record_id', id!), 2)
      const hook = await call(http, orgA.ownerToken, 'POST', '/v1/webhooks', {
        url: 'https://hooks.example.test/',
        event_types: ['record.deleted'],
      })
      assert.equal(hook.statusCode, 201, hook.body)
      recordSecret(hook.json().secret)

      const response = await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${id}`)
      assert.equal(response.statusCode, 200, response.body)
      assert.deepEqual(response.json(), {
        id,
        archive: { objects_deleted: 1, objects_left: [], error_code: null },
      })
      assert.equal(await s3.read(keyOf(id!)), null, 'the object left the bucket')
      assert.equal(await rows('archived_records', 'id', id!), 0)
      assert.equal(await rows('archived_record_entities', 'record_id', id!), 0)
      assert.ok(await s3.read(keyOf(kept!)), 'the other archived record stays')
      assert.equal(await rows('archived_records', 'id', kept!), 1)
      const read = await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)
      assert.equal(read.statusCode, 404)
      assert.equal(read.json().code, 'NOT_FOUND')
      assert.equal((await audited(orgA.orgId, 'record.deleted', `record:${id}`)).length, 1)
      assert.deepEqual(
        await audited(orgA.orgId, 'archive.objects_erase_failed', 'archive_objects:left:0:deleted:1'),
        [],
      )
      const { rows: events } = await testDb.db.query<{ event_type: string; payload: { data: unknown } }>(
        'SELECT event_type, payload FROM webhook_deliveries WHERE org_id = $1 AND endpoint_id = $2',
        [orgA.orgId, hook.json().id],
      )
      assert.deepEqual(
        events.map((event) => [event.event_type, event.payload.data]),
        [['record.deleted', { id }]],
        'the record.deleted event, as for a live record',
      )

      const again = await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${id}`)
      assert.equal(again.statusCode, 404, again.body)
      assert.equal(again.json().code, 'NOT_FOUND')
    })

    it('a bucket that refuses the deletion is named in the answer and audited, never claimed as deleted', async () => {
      const [id] = await archived([{}])
      s3.mode = { kind: 'refuse-deletes' }
      const response = await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${id}`)
      assert.equal(response.statusCode, 200, response.body)
      assert.deepEqual(response.json(), {
        id,
        archive: { objects_deleted: 0, objects_left: [keyOf(id!)], error_code: 'ARCHIVE_BUCKET_REFUSED' },
      })
      assert.ok(await s3.read(keyOf(id!)), 'the object is still there, as the answer says')
      assert.equal(await rows('archived_records', 'id', id!), 0, 'the stub is gone from the database')
      assert.equal((await audited(orgA.orgId, 'record.deleted', `record:${id}`)).length, 1)
      const { rows: failed } = await testDb.db.query<{ resource: string; outcome: string }>(
        `SELECT resource, outcome FROM audit_log WHERE org_id = $1 AND action = 'archive.objects_erase_failed'`,
        [orgA.orgId],
      )
      assert.deepEqual(failed, [
        { resource: 'archive_objects:left:1:deleted:0', outcome: 'ARCHIVE_BUCKET_REFUSED' },
      ])
      assert.ok(!response.body.includes(secretAccessKey))
    })

    it("another org's token and narrower tokens answer as for live records, and delete nothing", async () => {
      const writer = await token({
        name: 'scribe',
        scopes: ['records:read', 'records:write'],
        agent: 'scribe',
      })
      const shared = await store(orgA.ownerToken, 'meetings')
      const open = await store(orgA.ownerToken, 'meetings', { visibility: 'public' })
      const mine = await store(orgA.ownerToken, 'meetings')
      const privateToScribe = await store(writer, 'meetings', { visibility: 'private' })
      await archiveNow(4)
      await store(orgA.ownerToken, 'notes') // a token names an existing namespace
      const notes = await token({
        name: 'notes',
        scopes: ['records:read', 'records:write'],
        namespace: 'notes',
      })
      const meetings = await token({
        name: 'meetings',
        scopes: ['records:read', 'records:write'],
        namespace: 'meetings',
      })
      const reader = await token({ name: 'reader', scopes: ['records:read'] })
      const otherAgent = await token({
        name: 'other agent',
        scopes: ['records:read', 'records:write'],
        agent: 'someone-else',
      })
      const refusals: [string, string, number, string][] = [
        [orgB.ownerToken, shared, 404, 'NOT_FOUND'],
        [notes, shared, 404, 'NOT_FOUND'],
        // Public: the notes token reads it, but changes only its own namespace.
        [notes, open, 403, 'INSUFFICIENT_SCOPE'],
        [reader, shared, 403, 'INSUFFICIENT_SCOPE'],
        [otherAgent, privateToScribe, 404, 'NOT_FOUND'],
        // A whole-org owner token has no agent: a private record is its owner agent's to delete.
        [orgA.ownerToken, privateToScribe, 404, 'NOT_FOUND'],
      ]
      for (const [bearer, id, status, code] of refusals) {
        const response = await call(http, bearer, 'DELETE', `/v1/records/${id}`)
        assert.equal(response.statusCode, status, `${id}: ${response.body}`)
        assert.equal(response.json().code, code)
      }
      for (const id of [shared, open, privateToScribe]) {
        assert.equal(await rows('archived_records', 'id', id), 1, 'the stub stays')
        assert.ok(await s3.read(keyOf(id)), 'the object stays')
        assert.equal((await audited(orgA.orgId, 'record.deleted', `record:${id}`)).length, 0)
      }

      // Write reach deletes: the namespace's own token, the owner agent of a private record.
      for (const [bearer, id] of [
        [meetings, mine],
        [writer, privateToScribe],
      ] as const) {
        const response = await call(http, bearer, 'DELETE', `/v1/records/${id}`)
        assert.equal(response.statusCode, 200, response.body)
        assert.equal(response.json().archive.objects_deleted, 1)
        assert.equal(await s3.read(keyOf(id)), null)
        assert.equal(await rows('archived_records', 'id', id), 0)
      }
    })

    it('a live record still answers 204; a restored one takes its stub and object with it', async () => {
      const live = await store(orgA.ownerToken, 'notes')
      const response = await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${live}`)
      assert.equal(response.statusCode, 204, response.body)
      assert.equal(response.body, '')
      assert.equal((await audited(orgA.orgId, 'record.deleted', `record:${live}`)).length, 1)

      const [restored] = await archived([{}])
      const restore = await call(http, orgA.ownerToken, 'POST', `/v1/records/${restored}/restore`)
      assert.equal(restore.statusCode, 200, restore.body)
      assert.ok(await s3.read(keyOf(restored!)), 'a restore leaves the object in the bucket')
      const deleted = await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${restored}`)
      assert.equal(deleted.statusCode, 200, deleted.body)
      assert.deepEqual(deleted.json(), {
        id: restored,
        archive: { objects_deleted: 1, objects_left: [], error_code: null },
      })
      assert.equal(await rows('records', 'id', restored!), 0)
      assert.equal(await rows('archived_records', 'id', restored!), 0)
      assert.equal(await s3.read(keyOf(restored!)), null, 'no copy of the content is left in the bucket')
      assert.equal((await audited(orgA.orgId, 'record.deleted', `record:${restored}`)).length, 1)
    })
  })
}
