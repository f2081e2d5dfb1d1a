/**
 * An archive run that closes emits `archive.run_completed` (issue #17, archive promises) to the
 * org's endpoints subscribed to it, in the transaction that closes the run: its id, status and
 * counts, never content; a run the bucket stopped says `failed` with the error code; another
 * org's endpoints and endpoints subscribed to other events get nothing.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
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

interface DeliveryRow {
  endpoint_id: string
  event_type: string
  payload: { type: string; data: Record<string, unknown> }
}

for (const target of DATABASE_TARGETS) {
  describe(`archive run webhook on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let s3: S3Fixture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()
    const secretAccessKey = `s3-secret-${randomUUID()}`
    recordSecret(secretAccessKey)
    const canary = `run-webhook-body-${randomUUID()}`
    recordCanary(canary)
    const endpoints = { runs: '', records: '', stranger: '' }

    async function endpoint(org: CreatedOrg, eventTypes: string[]): Promise<string> {
      const response = await call(http, org.ownerToken, 'POST', '/v1/webhooks', {
        url: `https://hooks-${randomUUID().slice(0, 8)}.example.test/`,
        event_types: eventTypes,
      })
      assert.equal(response.statusCode, 201, response.body)
      recordSecret(response.json().secret)
      return response.json().id as string
    }

    async function store(org: CreatedOrg) {
      const response = await call(http, org.ownerToken, 'POST', '/v1/records', {
        namespace: 'meetings',
        type: 'transcript',
        content: `${canary} ${randomUUID()}`,
      })
      assert.equal(response.statusCode, 201, response.body)
    }

    async function runEvents(): Promise<DeliveryRow[]> {
      const { rows } = await testDb.db.query<DeliveryRow>(
        `SELECT endpoint_id, event_type, payload FROM webhook_deliveries
         WHERE event_type = 'archive.run_completed' ORDER BY id`,
      )
      return rows
    }

    before(async () => {
      s3 = await startS3()
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'run-webhook-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'run-webhook-b', actor: 'test' })
      const saved = await http.inject({
        method: 'PUT',
        url: '/v1/archive/settings',
        headers: { authorization: `Bearer ${orgA.ownerToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          endpoint: s3.endpoint,
          bucket: BUCKET,
          prefix: `run-webhook-${target.name}-${randomUUID().slice(0, 8)}/`,
          region: 'us-east-1',
          path_style: true,
          access_key_id: ACCESS_KEY_ID,
          secret_access_key: secretAccessKey,
          mode: 'plaintext',
          policy: { namespaces: ['meetings'], older_than_days: 30 },
        }),
      })
      assert.equal(saved.statusCode, 200, saved.body)
      endpoints.runs = await endpoint(orgA, ['archive.run_completed'])
      endpoints.records = await endpoint(orgA, ['record.created', 'record.deleted'])
      endpoints.stranger = await endpoint(orgB, ['*'])
    })
    after(async () => {
      await http.close()
      await testDb.drop()
      await s3.close()
    })

    it('a completed run emits its id, status and counts to the endpoints subscribed to it', async () => {
      await store(orgA)
      await store(orgA)
      clock.advance(31 * DAY_MS)
      const run = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
      assert.equal(run.statusCode, 201, run.body)
      assert.equal(run.json().status, 'completed')
      const events = await runEvents()
      assert.deepEqual(
        events.map((event) => [event.endpoint_id, event.payload.type, event.payload.data]),
        [
          [
            endpoints.runs,
            'archive.run_completed',
            {
              id: run.json().id,
              status: 'completed',
              archived: 2,
              skipped: 0,
              remaining: false,
              error_code: null,
            },
          ],
        ],
        "one delivery, to org A's subscribed endpoint only",
      )
      assert.ok(!JSON.stringify(events).includes(canary), 'no content in the event')
      const { rows } = await testDb.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND event_type LIKE 'archive.%'`,
        [endpoints.records],
      )
      assert.equal(rows[0]!.n, 0, 'an endpoint subscribed to other events gets none')
    })

    it('a run the bucket stopped emits failed with the error code', async () => {
      await testDb.db.query('DELETE FROM webhook_deliveries')
      await store(orgA)
      clock.advance(31 * DAY_MS)
      s3.mode = { kind: 'fail-after', writes: 0 }
      try {
        const run = await call(http, orgA.ownerToken, 'POST', '/v1/archive/runs', {})
        assert.equal(run.statusCode, 201, run.body)
        assert.equal(run.json().status, 'failed', run.body)
        assert.deepEqual(
          (await runEvents()).map((event) => [event.endpoint_id, event.payload.data]),
          [
            [
              endpoints.runs,
              {
                id: run.json().id,
                status: 'failed',
                archived: 0,
                skipped: 0,
                remaining: false,
                error_code: 'ARCHIVE_BUCKET_REFUSED',
              },
            ],
          ],
        )
      } finally {
        s3.mode = { kind: 'forward' }
      }
    })
  })
}
