/**
 * Erasure reaches archived records (issue #17, archive promises): erase by entity, by ids, a
 * namespace deletion and an org deletion remove the stubs in the database AND the objects in the
 * customer's bucket (a real S3-compatible server, s3rver, behind a proxy the test can turn
 * hostile); a bucket that refuses the deletions is named in the signed receipt and audited, never
 * claimed as erased; another org's erasure and a narrower token do not reach them.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { verifyErasureReceipt } from '../../src/client/index.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'
import { ACCESS_KEY_ID, BUCKET, type S3Fixture, startS3 } from './s3-fixture.js'

const DAY_MS = 86_400_000
const ADA = 'Ada Lovelace'

for (const target of DATABASE_TARGETS) {
  describe(`erasure of archived records on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let s3: S3Fixture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    let checkpointKey: string
    const clock = new TestClock()
    const secretAccessKey = `s3-secret-${randomUUID()}`
    recordSecret(secretAccessKey)
    const prefix = `erase-${target.name}-${randomUUID().slice(0, 8)}/`

    async function saveSettings(token: string, namespaces: string[], extra: Record<string, unknown> = {}) {
      const response = await http.inject({
        method: 'PUT',
        url: '/v1/archive/settings',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          endpoint: s3.endpoint,
          bucket: BUCKET,
          prefix,
          region: 'us-east-1',
          path_style: true,
          access_key_id: ACCESS_KEY_ID,
          secret_access_key: secretAccessKey,
          mode: 'plaintext',
          policy: { namespaces, older_than_days: 30 },
          ...extra,
        }),
      })
      assert.equal(response.statusCode, 200, response.body)
    }

    async function store(token: string, namespace: string, entities: string[]) {
      const response = await call(http, token, 'POST', '/v1/records', {
        namespace,
        type: 'transcript',
        content: `body ${randomUUID()}`,
        entities,
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }

    async function archiveNow(token: string) {
      const run = await call(http, token, 'POST', '/v1/archive/runs', {})
      assert.equal(run.statusCode, 201, run.body)
      assert.equal(run.json().status, 'completed', run.body)
      return run.json().archived as number
    }

    async function count(table: string, column: string, ids: string[]): Promise<number> {
      const { rows } = await testDb.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = ANY ($1::uuid[])`,
        [ids],
      )
      return rows[0]!.n
    }

    before(async () => {
      s3 = await startS3()
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'erase-archived-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'erase-archived-b', actor: 'test' })
      checkpointKey = (await call(http, orgA.ownerToken, 'GET', '/v1/audit/checkpoint-key')).body
    })
    after(async () => {
      await http.close()
      await testDb.drop()
      await s3.close()
    })
    beforeEach(() => {
      s3.mode = { kind: 'forward' }
    })

    it('erase by entity removes the archived record: its stub, its index rows and its object in the bucket', async () => {
      await saveSettings(orgA.ownerToken, ['meetings'])
      const archivedAda = await store(orgA.ownerToken, 'meetings', [ADA, 'Charles Babbage'])
      const archivedOther = await store(orgA.ownerToken, 'meetings', ['Grace Hopper'])
      // Another org names the same person and archives to the same bucket under its own prefix.
      const strangerAda = await store(orgB.ownerToken, 'meetings', [ADA])
      clock.advance(31 * DAY_MS)
      const liveAda = await store(orgA.ownerToken, 'notes', [ADA])
      assert.equal(await archiveNow(orgA.ownerToken), 2)
      const adaKey = `${prefix}meetings/${archivedAda}.json`
      const otherKey = `${prefix}meetings/${archivedOther}.json`
      assert.ok(await s3.read(adaKey), 'the object is in the bucket')
      assert.equal(await count('archived_record_entities', 'record_id', [archivedAda]), 2)

      // Another org erasing the same person reaches none of org A's records, archived or not.
      const stranger = await call(
        http,
        orgB.ownerToken,
        'DELETE',
        `/v1/records?entity=${encodeURIComponent(ADA)}`,
      )
      assert.equal(stranger.statusCode, 200, stranger.body)
      assert.deepEqual(stranger.json().receipt.ids, [strangerAda])
      assert.equal(stranger.json().receipt.archive, undefined)
      assert.ok(await s3.read(adaKey), "another org's erasure leaves org A's object")
      assert.equal(await count('archived_records', 'id', [archivedAda]), 1)

      // A token restricted to another namespace does not reach the archived record either.
      const narrow = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'notes only',
        scopes: ['records:read', 'records:write'],
        namespace: 'notes',
      })
      assert.equal(narrow.statusCode, 201, narrow.body)
      const narrowErase = await call(
        http,
        narrow.json().token,
        'DELETE',
        `/v1/records?entity=${encodeURIComponent('ada  LOVELACE')}`,
      )
      assert.equal(narrowErase.statusCode, 200, narrowErase.body)
      assert.deepEqual(narrowErase.json().receipt.ids, [liveAda], 'its own namespace only')
      assert.equal(narrowErase.json().receipt.counts.archived_records, 0)
      assert.ok(await s3.read(adaKey))

      const response = await call(
        http,
        orgA.ownerToken,
        'DELETE',
        `/v1/records?entity=${encodeURIComponent(ADA)}`,
      )
      assert.equal(response.statusCode, 200, response.body)
      const { deleted, receipt } = response.json()
      assert.equal(deleted, 1)
      assert.deepEqual(receipt.ids, [archivedAda])
      assert.equal(receipt.counts.records, 0)
      assert.equal(receipt.counts.archived_records, 1)
      assert.equal(receipt.counts.archived_record_entities, 2)
      assert.deepEqual(receipt.archive, { objects_deleted: 1, objects_left: [], error_code: null })
      assert.ok(!response.body.includes(ADA), 'the answer never names the entity')
      assert.equal(await s3.read(adaKey), null, 'the object left the bucket')
      assert.ok(await s3.read(otherKey), 'the other archived record stays')
      assert.equal(await count('archived_records', 'id', [archivedAda]), 0)
      assert.equal(await count('archived_record_entities', 'record_id', [archivedAda]), 0)
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${archivedAda}`)).statusCode, 404)

      // The archive outcome is signed: removing or changing it breaks the signature.
      assert.equal(verifyErasureReceipt(receipt, checkpointKey).ok, true)
      const { archive: _archive, ...withoutArchive } = receipt
      for (const changed of [
        withoutArchive,
        { ...receipt, archive: { ...receipt.archive, objects_deleted: 2 } },
        { ...receipt, archive: { ...receipt.archive, error_code: 'X' } },
        { ...receipt, counts: { ...receipt.counts, archived_records: 0 } },
      ]) {
        assert.deepEqual(verifyErasureReceipt(changed, checkpointKey), {
          ok: false,
          problem: 'bad_signature',
        })
      }
    })

    it('a bucket that refuses the deletion is named in the receipt and audited, never claimed as erased', async () => {
      const id = await store(orgA.ownerToken, 'meetings', ['Grace Hopper'])
      clock.advance(31 * DAY_MS)
      assert.equal(await archiveNow(orgA.ownerToken), 1)
      const key = `${prefix}meetings/${id}.json`
      s3.mode = { kind: 'refuse-deletes' }
      const response = await call(http, orgA.ownerToken, 'DELETE', `/v1/records?ids=${id}`)
      assert.equal(response.statusCode, 200, response.body)
      const { receipt } = response.json()
      assert.deepEqual(receipt.ids, [id])
      assert.equal(receipt.counts.archived_records, 1, 'the stub is gone from the database')
      assert.deepEqual(receipt.archive, {
        objects_deleted: 0,
        objects_left: [key],
        error_code: 'ARCHIVE_BUCKET_REFUSED',
      })
      assert.equal(verifyErasureReceipt(receipt, checkpointKey).ok, true)
      assert.ok(await s3.read(key), 'the object is still there, as the receipt says')
      const { rows } = await testDb.db.query<{ resource: string; outcome: string }>(
        `SELECT resource, outcome FROM audit_log WHERE org_id = $1 AND action = 'archive.objects_erase_failed'`,
        [orgA.orgId],
      )
      assert.deepEqual(rows, [
        { resource: 'archive_objects:left:1:deleted:0', outcome: 'ARCHIVE_BUCKET_REFUSED' },
      ])

      // Without settings the bucket is out of reach: the receipt says so too.
      const second = await store(orgA.ownerToken, 'meetings', ['Grace Hopper'])
      clock.advance(31 * DAY_MS)
      assert.equal(await archiveNow(orgA.ownerToken), 1)
      s3.mode = { kind: 'forward' }
      assert.equal((await call(http, orgA.ownerToken, 'DELETE', '/v1/archive/settings')).statusCode, 204)
      const unreachable = await call(http, orgA.ownerToken, 'DELETE', `/v1/records?ids=${second}`)
      assert.deepEqual(unreachable.json().receipt.archive, {
        objects_deleted: 0,
        objects_left: [`${prefix}meetings/${second}.json`],
        error_code: 'ARCHIVE_NOT_CONFIGURED',
      })
      await saveSettings(orgA.ownerToken, ['meetings'])
    })

    it('deleting a namespace removes its archived records and their objects', async () => {
      await saveSettings(orgA.ownerToken, ['calls'])
      const ids = [
        await store(orgA.ownerToken, 'calls', ['Alan Turing']),
        await store(orgA.ownerToken, 'calls', []),
      ]
      clock.advance(31 * DAY_MS)
      assert.equal(await archiveNow(orgA.ownerToken), 2)
      const keys = ids.map((id) => `${prefix}calls/${id}.json`)
      for (const key of keys) assert.ok(await s3.read(key))
      const response = await call(http, orgA.ownerToken, 'DELETE', '/v1/namespaces/calls')
      assert.equal(response.statusCode, 200, response.body)
      assert.deepEqual(response.json(), {
        deleted_records: 0,
        archived_records: 2,
        archive: { objects_deleted: 2, objects_left: [], error_code: null },
      })
      for (const key of keys) assert.equal(await s3.read(key), null)
      assert.equal(await count('archived_records', 'id', ids), 0)
      assert.equal(await count('archived_record_entities', 'record_id', ids), 0)
    })

    it("deleting an org deletes its archived objects before its keys go, and no other org's", async () => {
      await saveSettings(orgB.ownerToken, ['meetings'], { prefix: `${prefix}b/` })
      const id = await store(orgB.ownerToken, 'meetings', ['Grace Hopper'])
      clock.advance(31 * DAY_MS)
      assert.equal(await archiveNow(orgB.ownerToken), 1)
      const key = `${prefix}b/meetings/${id}.json`
      assert.ok(await s3.read(key))
      await saveSettings(orgA.ownerToken, ['meetings'])
      const survivor = await store(orgA.ownerToken, 'meetings', ['Grace Hopper'])
      clock.advance(31 * DAY_MS)
      assert.equal(await archiveNow(orgA.ownerToken), 1)
      const survivorKey = `${prefix}meetings/${survivor}.json`

      const deleted = await coffer.orgs.delete(
        { id: orgB.orgId },
        { confirm: 'erase-archived-b', actor: 'test' },
      )
      assert.deepEqual(deleted.archive, { objects_deleted: 1, objects_left: [], error_code: null })
      assert.equal(await s3.read(key), null)
      assert.ok(await s3.read(survivorKey), "org A's object stays")
      const { rows } = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM archived_records WHERE org_id = $1',
        [orgB.orgId],
      )
      assert.equal(rows[0]!.n, 0)
    })
  })
}
