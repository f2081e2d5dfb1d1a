// Stops: an event type endpoints can subscribe to that no change ever emits, and an event
// carrying what it must not (record content, an erased entity, a secret value or a resolve's
// purpose, a token's plaintext).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { withTenant } from '../../src/db/tenant-door.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { RecordsSweeper } from '../../src/records/records-sweeper.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { createEndpoint, openWebhooksFixture, type WebhooksFixture } from './webhooks-fixture.js'

interface DeliveryRow {
  org_id: string
  event_type: string
  payload: { type: string; timestamp: string; data: Record<string, unknown> }
}

const canary = (label: string) => {
  const value = `canary-${label}-${randomBytes(12).toString('hex')}`
  recordCanary(value)
  return value
}

for (const target of DATABASE_TARGETS) {
  describe(`webhook event coverage on ${target.name}`, () => {
    let f: WebhooksFixture

    /** Deletes the outbox, runs `action`, returns the deliveries it queued. */
    const queuedBy = async (action: () => Promise<unknown>): Promise<DeliveryRow[]> => {
      await f.testDb.db.query('DELETE FROM webhook_deliveries')
      await action()
      return (
        await f.testDb.db.query<DeliveryRow>(
          'SELECT org_id, event_type, payload FROM webhook_deliveries ORDER BY id',
        )
      ).rows
    }

    /** Exactly one delivery of `type`, whose payload holds none of `secrets`; returns its data. */
    const onlyEvent = (rows: DeliveryRow[], type: string, secrets: string[]) => {
      assert.deepEqual(
        rows.map((row) => row.event_type),
        [type],
      )
      const row = rows[0]!
      assert.equal(row.payload.type, type)
      const text = JSON.stringify(row.payload)
      for (const secret of secrets) assert.equal(text.includes(secret), false, `${type} leaks ${secret}`)
      return row.payload.data
    }

    before(async () => {
      f = await openWebhooksFixture(target)
      await createEndpoint(f.http, f.orgA, { url: 'https://a.example.test/', event_types: ['*'] })
      await createEndpoint(f.http, f.orgB, { url: 'https://b.example.test/', event_types: ['*'] })
    })
    after(() => f.close())

    it('the TTL sweeper emits record.expired per deleted record, ids only', async () => {
      const content = canary('expired')
      const stored = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records', {
        namespace: 'notes',
        type: 'note',
        content,
        ttl_seconds: 60,
      })
      assert.equal(stored.statusCode, 201, stored.body)
      f.clock.advance(61_000)
      const sweeper = new RecordsSweeper({
        db: f.coffer.db,
        audit: f.coffer.audit,
        clock: f.clock,
        emit: f.coffer.emitEvent,
      })
      const rows = await queuedBy(() => sweeper.sweepOnce())
      assert.deepEqual(onlyEvent(rows, 'record.expired', [content]), { id: stored.json().id })
    })

    it('an erasure emits one records.erased with the count and selector kind, never the entity', async () => {
      const entity = canary('entity')
      for (let i = 0; i < 2; i++) {
        const stored = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records', {
          namespace: 'notes',
          type: 'note',
          content: `about ${entity}`,
          entities: [entity],
        })
        assert.equal(stored.statusCode, 201, stored.body)
      }
      const rows = await queuedBy(async () => {
        const erased = await call(
          f.http,
          f.orgA.ownerToken,
          'DELETE',
          `/v1/records?entity=${encodeURIComponent(entity)}`,
        )
        assert.equal(erased.statusCode, 200, erased.body)
        assert.equal(erased.json().deleted, 2)
      })
      const data = onlyEvent(rows, 'records.erased', [entity])
      assert.equal(data.count, 2)
      assert.equal(data.selector, 'entity')
      assert.match(String(data.id), /^audit:\d+$/)
    })

    it('a resolve emits secret.resolved with the kind, never the value nor the purpose', async () => {
      const value = `sk-${canary('secret')}`
      // Not a canary: the access log keeps the purpose, in plaintext, by design.
      const purpose = `purpose-${randomBytes(12).toString('hex')}`
      const put = await f.http.inject({
        method: 'PUT',
        url: '/v1/secrets/openai_key',
        headers: { authorization: `Bearer ${f.orgA.ownerToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ value }),
      })
      assert.equal(put.statusCode, 200, put.body)
      const rows = await queuedBy(async () => {
        const resolved = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/secrets/openai_key/resolve', {
          purpose,
        })
        assert.equal(resolved.statusCode, 200, resolved.body)
        assert.equal(resolved.json().value, value)
      })
      assert.deepEqual(onlyEvent(rows, 'secret.resolved', [value, purpose]), { id: 'openai_key' })
    })

    it('creating and revoking a token emit token.created and token.revoked with id and name', async () => {
      let plaintext = ''
      let id = ''
      const created = await queuedBy(async () => {
        const response = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/tokens', {
          name: 'ci-bot',
          scopes: ['records:read'],
        })
        assert.equal(response.statusCode, 201, response.body)
        plaintext = response.json().token
        id = response.json().id
      })
      assert.ok(plaintext.length > 0)
      assert.deepEqual(onlyEvent(created, 'token.created', [plaintext]), { id, name: 'ci-bot' })
      const revoked = await queuedBy(async () => {
        const response = await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/tokens/${id}`)
        assert.equal(response.statusCode, 204, response.body)
      })
      assert.deepEqual(onlyEvent(revoked, 'token.revoked', [plaintext]), { id, name: 'ci-bot' })
    })

    it('starting a key rotation emits key.rotated with the org and new version', async () => {
      const rows = await queuedBy(() => f.coffer.rotation.start(f.orgA.orgId, 'test'))
      assert.deepEqual(onlyEvent(rows, 'key.rotated', []), { id: f.orgA.orgId, version: 2 })
    })

    it('destroying the keys emits key.destroyed with the org and versions', async () => {
      const rows = await queuedBy(() => destroyOrgKeys(f.coffer, f.orgB.orgId, 'test'))
      assert.deepEqual(onlyEvent(rows, 'key.destroyed', []), { id: f.orgB.orgId, versions: '1' })
      assert.equal(rows[0]!.org_id, f.orgB.orgId)
      // The endpoint's secret is sealed under the destroyed key: the delivery ends, never sent.
      await f.worker.deliverOrg(f.orgB.orgId, { delivered: 0, retrying: 0, failed: 0 })
      const { rows: after_ } = await f.testDb.db.query<{ status: string; last_error: string }>(
        "SELECT status, last_error FROM webhook_deliveries WHERE event_type = 'key.destroyed'",
      )
      assert.deepEqual(after_, [{ status: 'failed', last_error: 'endpoint_unreadable' }])
    })

    it('a rolled-back action queues nothing', async () => {
      const rows = await queuedBy(() =>
        assert.rejects(
          withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
            await f.coffer.secrets.resolve(sql, 'test', 'openai_key', 'rolled back')
            throw new Error('roll back')
          }),
          /roll back/,
        ),
      )
      assert.deepEqual(rows, [])
    })
  })
}
