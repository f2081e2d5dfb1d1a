/**
 * Archive to a bucket the customer owns (issue #17 part 3), against a real S3-compatible server
 * (s3rver) behind a proxy the test can turn hostile: settings verified by a real request,
 * credentials only as envelopes, aged records written as self-describing objects and verified
 * before their content leaves the database, stubs answered by GET, search and list unbroken,
 * restore, sealed mode opened only with the customer's secret key, a bucket that fails or lies
 * mid-run (nothing lost, the run resumes), and another org that can neither see nor trigger runs.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import sodium from 'sodium-native'
import type { Coffer } from '../../src/app.js'
import { createArchive } from '../../src/archive/archive.js'
import { checkBucketEndpoint, S3ArchiveBucket } from '../../src/archive/archive-bucket.js'
import { isCofferError } from '../../src/errors.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'
import { recordCanary, recordSecret } from '../support/leak-canary.js'
import { ACCESS_KEY_ID, BUCKET, type S3Fixture, startS3 } from './s3-fixture.js'

const DAY_MS = 86_400_000

for (const target of DATABASE_TARGETS) {
  describe(`archive to the customer's bucket on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let s3: S3Fixture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()
    const secretAccessKey = `s3-secret-${randomUUID()}`
    recordSecret(secretAccessKey)

    const settingsBody = (overrides: Record<string, unknown> = {}) => ({
      endpoint: s3.endpoint,
      bucket: BUCKET,
      prefix: `coffer-${target.name}/`,
      region: 'us-east-1',
      access_key_id: ACCESS_KEY_ID,
      secret_access_key: secretAccessKey,
      mode: 'plaintext',
      policy: { namespaces: ['meetings'], older_than_days: 30 },
      ...overrides,
    })

    async function put(token: string, body: unknown) {
      return http.inject({
        method: 'PUT',
        url: '/v1/archive/settings',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      })
    }

    async function store(
      token: string,
      namespace: string,
      content: string,
      extra: Record<string, unknown> = {},
    ) {
      const response = await call(http, token, 'POST', '/v1/records', {
        namespace,
        type: 'transcript',
        content,
        metadata: { source: 'zoom' },
        entities: ['person:ada'],
        ...extra,
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }

    async function stubCount(orgId: string): Promise<number> {
      const { rows } = await testDb.db.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM archived_records WHERE org_id = $1',
        [orgId],
      )
      return Number(rows[0]!.n)
    }

    async function recordRows(orgId: string): Promise<number> {
      const { rows } = await testDb.db.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM records WHERE org_id = $1',
        [orgId],
      )
      return Number(rows[0]!.n)
    }

    before(async () => {
      s3 = await startS3()
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'archive-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'archive-b', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
      await s3.close()
    })
    beforeEach(() => {
      s3.mode = { kind: 'forward' }
    })

    it('settings are verified by a real request before they are stored; credentials are envelopes', async () => {
      const missing = await put(orgA.ownerToken, settingsBody({ bucket: 'no-such-bucket' }))
      assert.equal(missing.statusCode, 502, missing.body)
      assert.equal(missing.json().code, 'ARCHIVE_BUCKET_REFUSED')
      assert.match(missing.json().detail, /NoSuchBucket/)
      assert.equal(
        (await call(http, orgA.ownerToken, 'GET', '/v1/archive/settings')).json().code,
        'NOT_FOUND',
      )

      const wrongKey = await put(orgA.ownerToken, settingsBody({ access_key_id: 'AKIAWRONGKEY' }))
      assert.equal(wrongKey.json().code, 'ARCHIVE_BUCKET_REFUSED')
      assert.match(wrongKey.json().detail, /InvalidAccessKeyId/)
      assert.ok(!wrongKey.body.includes('AKIAWRONGKEY'), 'the error names no credential')
      const unreachable = await put(orgA.ownerToken, settingsBody({ endpoint: 'http://127.0.0.1:9' }))
      assert.equal(unreachable.json().code, 'UPSTREAM_UNREACHABLE', unreachable.body)
      const withCredentials = await put(
        orgA.ownerToken,
        settingsBody({ endpoint: 'http://user:pw@127.0.0.1:9' }),
      )
      assert.equal(withCredentials.json().code, 'UNSAFE_URL')
      const withPath = await put(orgA.ownerToken, settingsBody({ endpoint: `${s3.endpoint}/bucket` }))
      assert.equal(withPath.json().code, 'VALIDATION_FAILED')
      const sealedWithoutKey = await put(orgA.ownerToken, settingsBody({ mode: 'sealed' }))
      assert.equal(sealedWithoutKey.json().code, 'VALIDATION_FAILED')
      assert.match(sealedWithoutKey.json().detail, /recipient_public_key/)
      const badPrefix = await put(orgA.ownerToken, settingsBody({ prefix: '../escape/' }))
      assert.equal(badPrefix.json().code, 'VALIDATION_FAILED')

      const saved = await put(orgA.ownerToken, settingsBody())
      assert.equal(saved.statusCode, 200, saved.body)
      const view = saved.json()
      assert.equal(view.access_key_last4, 'RVER')
      assert.equal(view.mode, 'plaintext')
      assert.deepEqual(view.policy, { namespaces: ['meetings'], types: null, older_than_days: 30 })
      assert.ok(!saved.body.includes(secretAccessKey), 'the secret is never answered')
      assert.ok(!saved.body.includes(ACCESS_KEY_ID), 'nor the whole access key id')
      const read = await call(http, orgA.ownerToken, 'GET', '/v1/archive/settings')
      assert.deepEqual(read.json(), view)
      assert.equal(await s3.read(`coffer-${target.name}/.coffer-archive-probe`), null, 'the probe is deleted')

      const { rows } = await testDb.db.query<{ access_key_id: Uint8Array; secret_access_key: Uint8Array }>(
        'SELECT access_key_id, secret_access_key FROM archive_settings WHERE org_id = $1',
        [orgA.orgId],
      )
      for (const envelope of [rows[0]!.access_key_id, rows[0]!.secret_access_key]) {
        assert.equal(envelope[0], 0x01, 'an envelope')
        assert.ok(!Buffer.from(envelope).includes(Buffer.from(secretAccessKey)))
        assert.ok(!Buffer.from(envelope).includes(Buffer.from(ACCESS_KEY_ID)))
      }
    })

    it('in public mode a loopback endpoint is refused, also behind a name, at every connection', async () => {
      assert.throws(
        () => checkBucketEndpoint('https://127.0.0.1:9000', { requirePublic: true }),
        (error) => isCofferError(error, 'UNSAFE_URL'),
      )
      assert.throws(
        () => checkBucketEndpoint('http://example.com', { requirePublic: true }),
        (error) => isCofferError(error, 'UNSAFE_URL'),
      )
      const bucket = new S3ArchiveBucket(
        {
          endpoint: 'https://bucket.example',
          bucket: BUCKET,
          region: 'us-east-1',
          pathStyle: true,
          accessKeyId: 'x',
          secretAccessKey: 'y',
        },
        { requirePublic: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }], maxAttempts: 1 },
      )
      try {
        await assert.rejects(bucket.put('k.json', Buffer.from('{}'), 'application/json'), (error) =>
          isCofferError(error, 'UNSAFE_URL'),
        )
      } finally {
        bucket.close()
      }
    })

    it('a run archives aged records of the policy: object written and verified, stub kept, content gone', async () => {
      const canary = `meeting-body-${randomUUID()}`
      recordCanary(canary)
      const old1 = await store(orgA.ownerToken, 'meetings', `${canary} first`)
      const old2 = await store(orgA.ownerToken, 'meetings', `${canary} second`, { visibility: 'private' })
      const otherNamespace = await store(orgA.ownerToken, 'notes', 'not in the policy')
      const withTtl = await store(orgA.ownerToken, 'meetings', 'left to the sweeper', {
        ttl_seconds: 400 * 86_400,
      })
      clock.advance(31 * DAY_MS)
      const young = await store(orgA.ownerToken, 'meetings', 'too young')

      const run = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(run.statusCode, 201, run.body)
      assert.equal(run.json().status, 'completed')
      assert.equal(run.json().archived, 2)
      assert.equal(run.json().remaining, false)

      const stub = await call(http, orgA.ownerToken, 'GET', `/v1/records/${old1}`)
      assert.equal(stub.statusCode, 200)
      const stubView = stub.json()
      assert.equal(stubView.content, undefined, 'the stub has no content')
      assert.equal(stubView.namespace, 'meetings')
      assert.equal(stubView.type, 'transcript')
      assert.equal(stubView.archived.object_key, `coffer-${target.name}/meetings/${old1}.json`)
      assert.equal(stubView.archived.at, new Date(clock.now()).toISOString())
      assert.equal(stubView.archived.mode, 'plaintext')

      const object = (await s3.read(stubView.archived.object_key))!
      const document = JSON.parse(object.toString('utf8'))
      assert.equal(document.format, 'coffer.archive.v1')
      assert.equal(document.record_id, old1)
      assert.equal(document.namespace, 'meetings')
      assert.equal(document.record.content, `${canary} first`)
      assert.deepEqual(document.record.metadata, { source: 'zoom' })
      assert.deepEqual(document.record.entities, ['person:ada'])
      assert.match(document.sha256, /^[0-9a-f]{64}$/)

      // The content is gone from the database: no record row, no index rows.
      const { rows } = await testDb.db.query(
        `SELECT (SELECT count(*) FROM records WHERE id = ANY ($1::uuid[])) AS records,
                (SELECT count(*) FROM ${INDEX_ENTRIES} WHERE record_id = ANY ($1::uuid[])) AS terms,
                (SELECT count(*) FROM record_entities WHERE record_id = ANY ($1::uuid[])) AS entities`,
        [[old1, old2]],
      )
      assert.deepEqual(Object.values(rows[0]!).map(Number), [0, 0, 0])
      for (const id of [otherNamespace, withTtl, young]) {
        assert.equal(
          (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived,
          undefined,
        )
      }

      // List and search answer without the archived records, and do not break on them.
      const list = await call(http, orgA.ownerToken, 'GET', '/v1/records?namespace=meetings')
      assert.equal(list.statusCode, 200)
      assert.deepEqual(
        list
          .json()
          .items.map((item: { id: string }) => item.id)
          .sort(),
        [withTtl, young].sort(),
      )
      const search = await call(http, orgA.ownerToken, 'POST', '/v1/records/search', { query: canary })
      assert.equal(search.statusCode, 200, search.body)
      assert.deepEqual(search.json().items, [], 'archived content is no longer searchable')

      // The private stub is seen only as the record was: by its owner agent (none here), nobody else.
      const agentToken = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'agent',
        scopes: ['records:read'],
        agent: 'someone-else',
      })
      const asAgent = await call(http, agentToken.json().token, 'GET', `/v1/records/${old2}`)
      assert.equal(asAgent.json().code, 'NOT_FOUND')
      // A whole-org admin restores it all the same (the answer holds no content).
      const restoredPrivate = await call(http, orgA.ownerToken, 'POST', `/v1/records/${old2}/restore`)
      assert.equal(restoredPrivate.statusCode, 200, restoredPrivate.body)
      assert.equal(restoredPrivate.json().visibility, 'private')
      const { rows: back } = await testDb.db.query('SELECT 1 FROM records WHERE id = $1', [old2])
      assert.equal(back.length, 1)

      const audit = await testDb.db.query<{ action: string; outcome: string | null }>(
        `SELECT action, outcome FROM audit_log WHERE org_id = $1 AND action IN ('archive.run', 'record.archived')
         ORDER BY id`,
        [orgA.orgId],
      )
      assert.deepEqual(
        audit.rows.map((row) => `${row.action} ${row.outcome ?? ''}`.trim()),
        ['record.archived', 'record.archived', 'archive.run ok'],
      )
    })

    it('restore reads the object back, checks it, and stores the record again under its id', async () => {
      const content = `restore-me-${randomUUID()}`
      recordCanary(content)
      const id = await store(orgA.ownerToken, 'meetings', content)
      clock.advance(31 * DAY_MS)
      // (The first test's young record has come of age too.)
      assert.equal(
        (await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json().status,
        'completed',
      )
      const key = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived.object_key
      const original = (await s3.read(key))!

      // The customer changed the file: refused, the stub stays.
      const tampered = Buffer.from(original.toString('utf8').replace(content, `${content} (edited)`))
      await s3.write(key, tampered)
      const refused = await call(http, orgA.ownerToken, 'POST', `/v1/records/${id}/restore`)
      assert.equal(refused.statusCode, 409, refused.body)
      assert.equal(refused.json().code, 'ARCHIVE_OBJECT_INVALID')
      assert.ok((await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived)

      await s3.write(key, original)
      const restored = await call(http, orgA.ownerToken, 'POST', `/v1/records/${id}/restore`)
      assert.equal(restored.statusCode, 200, restored.body)
      assert.equal(restored.json().id, id)
      const read = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json()
      assert.equal(read.content, content)
      assert.deepEqual(read.entities, ['person:ada'])
      assert.equal(read.archived, undefined)
      const search = await call(http, orgA.ownerToken, 'POST', '/v1/records/search', { query: content })
      assert.ok(
        search.json().items.some((item: { id: string }) => item.id === id),
        'the restored record is indexed again',
      )
      const byEntity = await call(http, orgA.ownerToken, 'GET', '/v1/records?entity=person:ada')
      assert.ok(byEntity.json().items.some((item: { id: string }) => item.id === id))
      assert.ok(await s3.read(key), "the object stays in the bucket: it is the customer's")
      const again = await call(http, orgA.ownerToken, 'POST', `/v1/records/${id}/restore`)
      assert.equal(again.json().code, 'NOT_FOUND', 'a record not archived has nothing to restore')
      const next = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(next.json().archived, 0, 'a restored record is not archived again')
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().content, content)
    })

    it('a bucket that refuses writes mid-run loses nothing, and the next run resumes', async () => {
      const ids: string[] = []
      for (let i = 0; i < 5; i++)
        ids.push(await store(orgA.ownerToken, 'meetings', `batch record ${i} ${randomUUID()}`))
      clock.advance(31 * DAY_MS)
      s3.forwardedWrites = 0
      s3.mode = { kind: 'fail-after', writes: 2 }
      const failed = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(failed.statusCode, 201, failed.body)
      assert.equal(failed.json().status, 'failed')
      assert.equal(failed.json().error_code, 'ARCHIVE_BUCKET_REFUSED')
      assert.equal(failed.json().archived, 2)
      const views = await Promise.all(
        ids.map(async (id) => (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json()),
      )
      const archived = views.filter((view) => view.archived)
      const kept = views.filter((view) => !view.archived)
      assert.equal(archived.length, 2)
      assert.equal(kept.length, 3)
      for (const view of kept) assert.match(view.content, /^batch record /, 'content still in the database')
      for (const view of archived)
        assert.ok(await s3.read(view.archived.object_key), 'every stub has its object')

      s3.mode = { kind: 'forward' }
      clock.advance(1_000) // run ids are time-ordered to the millisecond
      const resumed = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(resumed.json().status, 'completed', resumed.body)
      assert.equal(resumed.json().archived, 3)
      for (const id of ids) {
        const view = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json()
        assert.ok(view.archived, `${id} archived`)
        assert.ok(await s3.read(view.archived.object_key))
      }
      const runs = (await call(http, orgA.ownerToken, 'GET', '/v1/archive/runs')).json().items
      assert.deepEqual(
        runs.slice(0, 2).map((run: { status: string }) => run.status),
        ['completed', 'failed'],
      )
      const audit = await testDb.db.query<{ outcome: string }>(
        "SELECT outcome FROM audit_log WHERE org_id = $1 AND action = 'archive.run' ORDER BY id DESC LIMIT 2",
        [orgA.orgId],
      )
      assert.deepEqual(
        audit.rows.map((row) => row.outcome),
        ['ok', 'failed'],
      )
    })

    it('a bucket that acknowledges writes without storing them: nothing is deleted from the database', async () => {
      const id = await store(orgA.ownerToken, 'meetings', `lied-to ${randomUUID()}`)
      clock.advance(31 * DAY_MS)
      const stubsBefore = await stubCount(orgA.orgId)
      s3.mode = { kind: 'drop-writes' }
      const run = (await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json()
      assert.equal(run.status, 'failed')
      assert.equal(run.error_code, 'ARCHIVE_BUCKET_REFUSED')
      assert.equal(run.archived, 0)
      assert.equal(await stubCount(orgA.orgId), stubsBefore)
      assert.match(
        (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().content,
        /^lied-to /,
      )
      s3.mode = { kind: 'forward' }
      assert.equal((await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json().archived, 1)
    })

    it('one run per org at a time; a dead run is marked interrupted and the next one resumes', async () => {
      const id = await store(orgA.ownerToken, 'meetings', `while running ${randomUUID()}`)
      clock.advance(31 * DAY_MS)
      const runId = randomUUID()
      await testDb.db.query(
        `INSERT INTO archive_runs (org_id, id, trigger, actor, status, started_at, lease_expires_at)
         VALUES ($1, $2, 'manual', 'test', 'running', $3, $4)`,
        [orgA.orgId, runId, new Date(clock.now()), new Date(clock.now() + 60_000)],
      )
      const busy = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(busy.statusCode, 409)
      assert.equal(busy.json().code, 'CONFLICT')
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived, undefined)
      clock.advance(120_000)
      const next = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(next.json().status, 'completed', next.body)
      assert.equal(next.json().archived, 1)
      const { rows } = await testDb.db.query<{ status: string }>(
        'SELECT status FROM archive_runs WHERE org_id = $1 AND id = $2',
        [orgA.orgId, runId],
      )
      assert.equal(rows[0]!.status, 'interrupted')
    })

    it('a run whose slot was taken over (its lease passed) writes no stub after that', async () => {
      const id = await store(orgA.ownerToken, 'meetings', `taken over ${randomUUID()}`)
      clock.advance(31 * DAY_MS)
      // The next run takes over while this one writes its first object.
      const archive = createArchive({
        db: coffer.db,
        keyring: coffer.keyring,
        audit: coffer.audit,
        clock,
        records: coffer.records,
        requirePublicTargets: false,
        openBucket: (location) => {
          const real = new S3ArchiveBucket(location, { requirePublic: false })
          return {
            put: async (key, body, type) => {
              await real.put(key, body, type)
              await testDb.db.query(
                "UPDATE archive_runs SET status = 'interrupted', finished_at = now() WHERE org_id = $1 AND status = 'running'",
                [orgA.orgId],
              )
            },
            get: (key) => real.get(key),
            delete: (key) => real.delete(key),
            close: () => real.close(),
          }
        },
      })
      const run = await archive.job.run(orgA.orgId, { trigger: 'manual', actor: 'test' })
      assert.equal(run.status, 'interrupted')
      assert.equal(run.archived, 0)
      assert.match(
        (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().content,
        /^taken over /,
      )
      clock.advance(1_000)
      const next = (await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json()
      assert.equal(next.archived, 1, JSON.stringify(next))
    })

    it('key rotation re-encrypts the bucket credentials; runs go on under the new key', async () => {
      await coffer.rotation.start(orgA.orgId, 'test')
      await coffer.rotation.run(orgA.orgId)
      const { rows } = await testDb.db.query<{ key_version: number }>(
        'SELECT key_version FROM archive_settings WHERE org_id = $1',
        [orgA.orgId],
      )
      assert.equal(rows[0]!.key_version, 2)
      const id = await store(orgA.ownerToken, 'meetings', `after rotation ${randomUUID()}`)
      clock.advance(31 * DAY_MS)
      const run = (await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json()
      assert.equal(run.status, 'completed', JSON.stringify(run))
      assert.ok((await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived)
    })

    it('the scheduled job runs orgs whose run is due, and then not again for a day', async () => {
      const id = await store(orgA.ownerToken, 'meetings', `scheduled ${randomUUID()}`)
      clock.advance(31 * DAY_MS)
      const runs = await coffer.archive.job.runDue()
      assert.deepEqual(
        runs.map((run) => [run.trigger, run.status, run.archived]),
        [['scheduled', 'completed', 1]],
      )
      assert.ok((await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived)
      assert.deepEqual(await coffer.archive.job.runDue(), [], 'next run due in a day')
    })

    it('sealed mode: only the customer secret key opens the object; restore is refused', async () => {
      const publicKey = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES)
      const secretKey = Buffer.alloc(sodium.crypto_box_SECRETKEYBYTES)
      sodium.crypto_box_keypair(publicKey, secretKey)
      const saved = await put(
        orgA.ownerToken,
        settingsBody({ mode: 'sealed', recipient_public_key: publicKey.toString('base64') }),
      )
      assert.equal(saved.statusCode, 200, saved.body)
      const badKey = await put(
        orgA.ownerToken,
        settingsBody({ mode: 'sealed', recipient_public_key: 'AAAA' }),
      )
      assert.equal(badKey.json().code, 'VALIDATION_FAILED')

      const content = `sealed-body-${randomUUID()}`
      recordCanary(content)
      const id = await store(orgA.ownerToken, 'meetings', content)
      clock.advance(31 * DAY_MS)
      const run = (await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json()
      assert.equal(run.archived, 1)
      const stub = (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json()
      assert.equal(stub.archived.mode, 'sealed')
      const object = (await s3.read(stub.archived.object_key))!
      assert.ok(!object.includes(Buffer.from(content)), 'the object does not hold the content readable')
      const document = JSON.parse(object.toString('utf8'))
      assert.equal(document.mode, 'sealed')
      assert.equal(document.record, undefined)
      assert.equal(document.sealed.alg, 'crypto_box_seal')
      const ciphertext = Buffer.from(document.sealed.ciphertext, 'base64')
      const opened = Buffer.alloc(ciphertext.length - sodium.crypto_box_SEALBYTES)
      assert.ok(
        sodium.crypto_box_seal_open(opened, ciphertext, publicKey, secretKey),
        'the customer opens it',
      )
      const record = JSON.parse(opened.toString('utf8'))
      assert.equal(record.content, content)
      assert.deepEqual(record.entities, ['person:ada'])
      const otherPublic = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES)
      const otherSecret = Buffer.alloc(sodium.crypto_box_SECRETKEYBYTES)
      sodium.crypto_box_keypair(otherPublic, otherSecret)
      assert.equal(sodium.crypto_box_seal_open(opened, ciphertext, otherPublic, otherSecret), false)

      const restore = await call(http, orgA.ownerToken, 'POST', `/v1/records/${id}/restore`)
      assert.equal(restore.statusCode, 409)
      assert.equal(restore.json().code, 'ARCHIVE_SEALED')
      assert.ok(
        (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().archived,
        'the stub stays',
      )
    })

    it("another org can neither see nor trigger the org's runs, stubs or restores", async () => {
      const { rows } = await testDb.db.query<{ id: string }>(
        'SELECT id FROM archived_records WHERE org_id = $1 AND restored_at IS NULL LIMIT 1',
        [orgA.orgId],
      )
      const stubId = rows[0]!.id
      const recordsOfA = await recordRows(orgA.orgId)
      const stubsOfA = await stubCount(orgA.orgId)
      assert.equal(
        (await call(http, orgB.ownerToken, 'GET', `/v1/records/${stubId}`)).json().code,
        'NOT_FOUND',
      )
      assert.equal(
        (await call(http, orgB.ownerToken, 'POST', `/v1/records/${stubId}/restore`)).json().code,
        'NOT_FOUND',
      )
      assert.deepEqual((await call(http, orgB.ownerToken, 'GET', '/v1/archive/runs')).json().items, [])
      assert.equal(
        (await call(http, orgB.ownerToken, 'GET', '/v1/archive/settings')).json().code,
        'NOT_FOUND',
      )
      const run = await call(http, orgB.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(run.statusCode, 409)
      assert.equal(run.json().code, 'ARCHIVE_NOT_CONFIGURED')
      assert.equal(
        (await call(http, orgB.ownerToken, 'DELETE', '/v1/archive/settings')).json().code,
        'NOT_FOUND',
      )
      assert.equal(await recordRows(orgA.orgId), recordsOfA)
      assert.equal(await stubCount(orgA.orgId), stubsOfA)
      assert.ok((await call(http, orgA.ownerToken, 'GET', '/v1/archive/settings')).json().bucket)

      const nsToken = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'ns-admin',
        scopes: ['admin'],
        namespace: 'meetings',
      })
      const narrow = await call(http, nsToken.json().token, 'POST', '/v1/archive/runs', {})
      assert.equal(narrow.json().code, 'INSUFFICIENT_SCOPE')
    })

    it('deleting the settings stops runs; stubs stay readable', async () => {
      const { rows } = await testDb.db.query<{ id: string }>(
        'SELECT id FROM archived_records WHERE org_id = $1 AND restored_at IS NULL LIMIT 1',
        [orgA.orgId],
      )
      const deleted = await call(http, orgA.ownerToken, 'DELETE', '/v1/archive/settings')
      assert.equal(deleted.statusCode, 204)
      assert.equal(
        (await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})).json().code,
        'ARCHIVE_NOT_CONFIGURED',
      )
      assert.ok((await call(http, orgA.ownerToken, 'GET', `/v1/records/${rows[0]!.id}`)).json().archived)
      const restore = await call(http, orgA.ownerToken, 'POST', `/v1/records/${rows[0]!.id}/restore`)
      assert.ok(['ARCHIVE_NOT_CONFIGURED', 'ARCHIVE_SEALED'].includes(restore.json().code), restore.body)
      // Every change of the settings, every run and every restore is in the org's audit log.
      const { rows: actions } = await testDb.db.query<{ action: string }>(
        "SELECT DISTINCT action FROM audit_log WHERE org_id = $1 AND (action LIKE 'archive.%' OR action LIKE 'record.restore%')",
        [orgA.orgId],
      )
      for (const action of [
        'archive.settings_saved',
        'archive.settings_deleted',
        'archive.run',
        'record.restored',
      ]) {
        assert.ok(
          actions.some((row) => row.action === action),
          `${action} in ${JSON.stringify(actions)}`,
        )
      }
    })
  })
}
