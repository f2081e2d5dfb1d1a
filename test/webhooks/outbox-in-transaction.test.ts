// Stops: a webhook announcing a change that never committed, a committed change emitting nothing,
// and record content reaching the outbox (a payload carries ids only).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { withTenant } from '../../src/db/tenant-door.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { createEndpoint, openWebhooksFixture, type WebhooksFixture } from './webhooks-fixture.js'

interface DeliveryRow {
  id: string
  endpoint_id: string
  event_type: string
  payload: { type: string; timestamp: string; data: { id: string } }
  status: string
}

for (const target of DATABASE_TARGETS) {
  describe(`webhook outbox on ${target.name}`, () => {
    let f: WebhooksFixture
    let all: string
    let deletesOnly: string
    const deliveries = async () =>
      (
        await f.testDb.db.query<DeliveryRow>(
          'SELECT id, endpoint_id, event_type, payload, status FROM webhook_deliveries ORDER BY id',
        )
      ).rows

    before(async () => {
      f = await openWebhooksFixture(target)
      all = (await createEndpoint(f.http, f.orgA, { url: 'https://a.example.test/', event_types: ['*'] })).id
      deletesOnly = (
        await createEndpoint(f.http, f.orgA, {
          url: 'https://d.example.test/',
          event_types: ['record.deleted'],
        })
      ).id
      await createEndpoint(f.http, f.orgA, {
        url: 'https://off.example.test/',
        event_types: ['*'],
        enabled: false,
      })
      await createEndpoint(f.http, f.orgB, { url: 'https://b.example.test/', event_types: ['*'] })
    })
    after(() => f.close())

    it('a committed store, patch and delete queue one delivery per subscribed, enabled endpoint', async () => {
      const content = `canary-content-${randomBytes(12).toString('hex')}`
      recordCanary(content)
      const stored = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records', {
        namespace: 'notes',
        type: 'note',
        content,
        metadata: { note: content },
      })
      assert.equal(stored.statusCode, 201, stored.body)
      const id = stored.json().id
      const patched = await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/records/${id}`, {
        content: `${content}!`,
      })
      assert.equal(patched.statusCode, 200, patched.body)
      assert.equal((await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/records/${id}`)).statusCode, 204)

      const rows = await deliveries()
      assert.deepEqual(
        rows.map((row) => `${row.endpoint_id} ${row.event_type}`).sort(),
        [
          `${all} record.created`,
          `${all} record.updated`,
          `${all} record.deleted`,
          `${deletesOnly} record.deleted`,
        ].sort(),
      )
      for (const row of rows) {
        assert.match(row.id, /^msg_[0-9a-f]{32}$/)
        assert.equal(row.status, 'pending')
        assert.deepEqual(Object.keys(row.payload).sort(), ['data', 'timestamp', 'type'])
        assert.equal(row.payload.type, row.event_type)
        assert.deepEqual(row.payload.data, { id })
        assert.equal(JSON.stringify(row.payload).includes(content), false, 'no content in the payload')
      }
    })

    it('a secret write and delete queue secret.updated and secret.deleted with the kind, never the value', async () => {
      const value = `sk-canary-${randomBytes(16).toString('hex')}`
      recordCanary(value)
      await f.testDb.db.query('DELETE FROM webhook_deliveries')
      const put = await f.http.inject({
        method: 'PUT',
        url: '/v1/secrets/openai_key',
        headers: { authorization: `Bearer ${f.orgA.ownerToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ value }),
      })
      assert.equal(put.statusCode, 200, put.body)
      assert.equal(
        (await call(f.http, f.orgA.ownerToken, 'DELETE', '/v1/secrets/openai_key')).statusCode,
        204,
      )
      const rows = (await deliveries()).filter((row) => row.endpoint_id === all)
      assert.deepEqual(rows.map((row) => row.event_type).sort(), ['secret.deleted', 'secret.updated'])
      for (const row of rows) {
        assert.deepEqual(row.payload.data, { id: 'openai_key' })
        assert.equal(JSON.stringify(row.payload).includes(value), false)
      }
    })

    it('a rolled-back change queues nothing', async () => {
      const before_ = (await deliveries()).length
      await assert.rejects(
        withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
          await f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'never' })
          throw new Error('roll back')
        }),
        /roll back/,
      )
      assert.equal((await deliveries()).length, before_)
    })

    it("an org's events go only to its own endpoints", async () => {
      await withTenant(f.coffer.db, f.orgB.orgId, (sql) =>
        f.coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'b' }),
      )
      const { rows } = await f.testDb.db.query<{ org_id: string; endpoint_org: string }>(
        `SELECT d.org_id, e.org_id AS endpoint_org FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id`,
      )
      assert.ok(rows.some((row) => row.org_id === f.orgB.orgId))
      assert.ok(rows.every((row) => row.org_id === row.endpoint_org))
    })
  })
}
