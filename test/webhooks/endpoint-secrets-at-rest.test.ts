// Stops: a webhook's signing secret or URL readable from a snapshot or a listing, a URL with
// credentials or (in public mode) a plain-http or private target being registered, and one org
// reaching another's endpoints.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { createEndpoint, openWebhooksFixture, type WebhooksFixture } from './webhooks-fixture.js'

for (const target of DATABASE_TARGETS) {
  describe(`webhook endpoints on ${target.name}`, () => {
    let f: WebhooksFixture
    before(async () => {
      f = await openWebhooksFixture(target)
    })
    after(() => f.close())

    it('POST answers 201 with a whsec_ secret once; URL and secret are envelopes at rest', async () => {
      const url = 'https://hooks.example.test/coffer?token=query-canary-123'
      const created = await createEndpoint(f.http, f.orgA, {
        url,
        event_types: ['record.created', 'secret.updated'],
        description: 'CRM sync',
      })
      assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
      assert.equal(Buffer.from(created.secret.slice(6), 'base64').length, 32)
      assert.equal(created.url, url)
      const { rows } = await f.testDb.db.query<{ url: Uint8Array; secret: Uint8Array }>(
        'SELECT url, secret FROM webhook_endpoints WHERE id = $1',
        [created.id],
      )
      for (const column of [rows[0]!.url, rows[0]!.secret]) {
        const stored = Buffer.from(column)
        assert.equal(stored[0], 0x01, 'envelope format byte')
        assert.equal(stored.includes(Buffer.from('query-canary-123')), false)
        assert.equal(stored.includes(Buffer.from(created.secret)), false)
      }

      const list = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/webhooks')
      assert.equal(list.statusCode, 200)
      const item = list.json().items.find((i: { id: string }) => i.id === created.id)
      assert.deepEqual(Object.keys(item).sort(), [
        'created_at',
        'description',
        'disabled_reason',
        'enabled',
        'event_types',
        'failing_since',
        'id',
        'updated_at',
        'url',
      ])
      assert.equal(item.url, url)
      assert.equal(list.body.includes(created.secret), false)
      const one = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/webhooks/${created.id}`)
      assert.equal(one.body.includes(created.secret), false)
    })

    it('org key rotation re-encrypts URL and secrets; they still open', async () => {
      const created = await createEndpoint(f.http, f.orgA, {
        url: 'https://r.example.test/',
        event_types: ['*'],
      })
      await call(f.http, f.orgA.ownerToken, 'POST', `/v1/webhooks/${created.id}/rotate-secret`)
      await f.coffer.rotation.start(f.orgA.orgId, 'test')
      await f.coffer.rotation.run(f.orgA.orgId)
      const { rows } = await f.testDb.db.query<{ key_version: number }>(
        'SELECT key_version FROM webhook_endpoints WHERE id = $1',
        [created.id],
      )
      assert.equal(rows[0]!.key_version, 2)
      const target = await f.coffer.inTenant(f.orgA.orgId, (sql) =>
        f.coffer.webhooks.endpoints.targetOf(sql, created.id),
      )
      assert.equal(target?.url, 'https://r.example.test/')
      assert.equal(target?.secrets.length, 2)
      assert.equal(target?.secrets[1], created.secret)
    })

    it('refuses URLs with credentials (422 UNSAFE_URL) and unknown event types (400)', async () => {
      for (const url of ['https://user:pass@hooks.example.test/', 'ftp://hooks.example.test/', 'not a url']) {
        const response = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/webhooks', {
          url,
          event_types: ['*'],
        })
        assert.equal(response.statusCode, 422, url)
        assert.equal(response.json().code, 'UNSAFE_URL')
        assert.equal(response.body.includes('pass'), false, 'the detail never echoes credentials')
      }
      const bad = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/webhooks', {
        url: 'https://hooks.example.test/',
        event_types: ['record.read'],
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().code, 'VALIDATION_FAILED')
    })

    it('PATCH changes url, events, description and enabled; DELETE removes it', async () => {
      const created = await createEndpoint(f.http, f.orgA, {
        url: 'https://a.example.test/',
        event_types: ['*'],
      })
      const patched = await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/webhooks/${created.id}`, {
        url: 'https://b.example.test/x',
        event_types: ['record.deleted'],
        description: 'moved',
        enabled: false,
      })
      assert.equal(patched.statusCode, 200, patched.body)
      const view = patched.json()
      assert.equal(view.url, 'https://b.example.test/x')
      assert.deepEqual(view.event_types, ['record.deleted'])
      assert.equal(view.description, 'moved')
      assert.equal(view.enabled, false)
      const creds = await call(f.http, f.orgA.ownerToken, 'PATCH', `/v1/webhooks/${created.id}`, {
        url: 'https://u:p@b.example.test/',
      })
      assert.equal(creds.json().code, 'UNSAFE_URL')
      assert.equal(
        (await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/webhooks/${created.id}`)).statusCode,
        204,
      )
      const gone = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/webhooks/${created.id}`)
      assert.equal(gone.json().code, 'NOT_FOUND')
    })

    it("another org's endpoint answers 404 to every route; a non-admin token gets 403", async () => {
      const created = await createEndpoint(f.http, f.orgA, {
        url: 'https://a.example.test/',
        event_types: ['*'],
      })
      for (const [method, path] of [
        ['GET', `/v1/webhooks/${created.id}`],
        ['PATCH', `/v1/webhooks/${created.id}`],
        ['DELETE', `/v1/webhooks/${created.id}`],
        ['POST', `/v1/webhooks/${created.id}/rotate-secret`],
        ['POST', `/v1/webhooks/${created.id}/test`],
        ['GET', `/v1/webhooks/${created.id}/deliveries`],
      ] as const) {
        const response = await call(
          f.http,
          f.orgB.ownerToken,
          method,
          path,
          method === 'PATCH' ? {} : undefined,
        )
        assert.equal(response.json().code, 'NOT_FOUND', `${method} ${path}`)
      }
      assert.equal(
        (await call(f.http, f.orgB.ownerToken, 'GET', '/v1/webhooks'))
          .json()
          .items.some((i: { id: string }) => i.id === created.id),
        false,
      )
      const writer = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'writer',
        scopes: ['records:write'],
      })
      const response = await call(f.http, writer.json().token, 'GET', '/v1/webhooks')
      assert.equal(response.json().code, 'INSUFFICIENT_SCOPE')
    })

    it('rotate-secret answers 201 with a new secret, never shown by GET', async () => {
      const created = await createEndpoint(f.http, f.orgA, {
        url: 'https://a.example.test/',
        event_types: ['*'],
      })
      const rotated = await call(
        f.http,
        f.orgA.ownerToken,
        'POST',
        `/v1/webhooks/${created.id}/rotate-secret`,
      )
      assert.equal(rotated.statusCode, 201)
      const { secret } = rotated.json()
      assert.match(secret, /^whsec_/)
      assert.notEqual(secret, created.secret)
      const target = await f.coffer.inTenant(f.orgA.orgId, (sql) =>
        f.coffer.webhooks.endpoints.targetOf(sql, created.id),
      )
      assert.deepEqual(target?.secrets, [secret, created.secret], 'both sign during the grace period')
      f.clock.advance(24 * 3_600_000 + 1)
      const later = await f.coffer.inTenant(f.orgA.orgId, (sql) =>
        f.coffer.webhooks.endpoints.targetOf(sql, created.id),
      )
      assert.deepEqual(later?.secrets, [secret], 'only the new one after 24 h')
      const list = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/webhooks')
      assert.equal(list.body.includes(secret), false)
    })
  })

  describe(`webhook endpoints in public mode on ${target.name}`, () => {
    let f: WebhooksFixture
    before(async () => {
      f = await openWebhooksFixture(target, { requirePublicTargets: true })
    })
    after(() => f.close())

    it('refuses plain http and private IP literals at creation', async () => {
      for (const url of [
        'http://hooks.example.test/',
        'https://127.0.0.1/',
        'https://[::ffff:10.0.0.1]/',
        'https://169.254.169.254/',
      ]) {
        const response = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/webhooks', {
          url,
          event_types: ['*'],
        })
        assert.equal(response.statusCode, 422, url)
        assert.equal(response.json().code, 'UNSAFE_URL')
      }
      await createEndpoint(f.http, f.orgA, { url: 'https://hooks.example.test/', event_types: ['*'] })
    })
  })
}
