// Stops: a client retry after a timeout creating twice; a key replaying another request's answer
// (another body, another credential, another org); a shown-once secret (new token, webhook secret,
// owner token) kept in plaintext for its replay; concurrent retries both creating.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { sweepOperatorKeys } from '../../src/operator/operator-idempotency.js'
import { IDEMPOTENCY_KEY_TTL_MS, sweepExpiredIdempotencyKeys } from '../../src/records/idempotency-store.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

for (const target of DATABASE_TARGETS) {
  describe(`Idempotency-Key on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let logs: LogCapture
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    let operatorToken: string
    const clock = new TestClock(Date.now())

    const withKey = (key: string) => ({ 'idempotency-key': key })
    const count = async (sql: string, params: unknown[] = []) =>
      (await testDb.db.query<{ n: number }>(sql, params)).rows[0]!.n
    const recordsOf = (org: CreatedOrg) =>
      count('SELECT count(*)::int AS n FROM records WHERE org_id = $1', [org.orgId])
    /** Every stored key row's bytes, to look for plaintext in. */
    const storedBytes = async () => {
      const { rows } = await testDb.db.query<Record<string, unknown>>(
        `SELECT k.*, o.* FROM idempotency_keys k FULL JOIN operator_idempotency_keys o ON false`,
      )
      return Buffer.concat(
        rows.flatMap((row) =>
          Object.values(row).map((value) =>
            value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value)),
          ),
        ),
      )
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http, logs } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
      operatorToken = (await coffer.operatorTokens.create({ name: 'ops', actor: 'test' })).token
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('a retry with the same key and body answers the first response and stores nothing more', async () => {
      const key = randomUUID()
      const body = { namespace: 'notes', content: 'remember the milk' }
      const first = await call(http, orgA.ownerToken, 'POST', '/v1/records', body, withKey(key))
      assert.equal(first.statusCode, 201, first.body)
      assert.equal(first.headers['idempotent-replayed'], undefined)
      const stored = await recordsOf(orgA)
      const retry = await call(http, orgA.ownerToken, 'POST', '/v1/records', body, withKey(key))
      assert.equal(retry.statusCode, 201)
      assert.equal(retry.headers['idempotent-replayed'], 'true')
      assert.match(String(retry.headers['content-type']), /^application\/json/)
      assert.equal(retry.body, first.body)
      assert.equal(await recordsOf(orgA), stored, 'no second record')
      assert.equal(
        await count(
          "SELECT count(*)::int AS n FROM audit_log WHERE resource = $1 AND action = 'record.created'",
          [`record:${first.json().id}`],
        ),
        1,
      )
      // A batch too.
      const batch = { records: [{ content: 'one' }, { content: 'two' }] }
      const b1 = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/records/batch',
        batch,
        withKey(`${key}-batch`),
      )
      const b2 = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/records/batch',
        batch,
        withKey(`${key}-batch`),
      )
      assert.equal(b1.statusCode, 201, b1.body)
      assert.equal(b2.body, b1.body)
      assert.equal(b2.headers['idempotent-replayed'], 'true')
      assert.equal(await recordsOf(orgA), stored + 2)
    })

    it('the same key with another body or path answers 422 IDEMPOTENCY_KEY_REUSED and stores nothing', async () => {
      const key = randomUUID()
      await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'first' }, withKey(key))
      const stored = await recordsOf(orgA)
      const otherBody = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/records',
        { content: 'second' },
        withKey(key),
      )
      assert.equal(otherBody.statusCode, 422)
      assert.equal(otherBody.json().code, 'IDEMPOTENCY_KEY_REUSED')
      const otherPath = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/namespaces',
        { name: 'other' },
        withKey(key),
      )
      assert.equal(otherPath.json().code, 'IDEMPOTENCY_KEY_REUSED')
      assert.equal(await recordsOf(orgA), stored)
      const namespaces = await call(http, orgA.ownerToken, 'GET', '/v1/namespaces')
      assert.equal(
        namespaces.json().items.some((n: { name: string }) => n.name === 'other'),
        false,
      )
    })

    it("another org's token, or another credential of the same org, with the same key never gets the first response", async () => {
      const key = randomUUID()
      const body = { namespace: 'notes', content: 'same body' }
      const first = await call(http, orgA.ownerToken, 'POST', '/v1/records', body, withKey(key))
      const otherOrg = await call(http, orgB.ownerToken, 'POST', '/v1/records', body, withKey(key))
      assert.equal(otherOrg.statusCode, 201, otherOrg.body)
      assert.equal(otherOrg.headers['idempotent-replayed'], undefined)
      assert.notEqual(otherOrg.json().id, first.json().id)
      // Its own retry replays its own record.
      const otherRetry = await call(http, orgB.ownerToken, 'POST', '/v1/records', body, withKey(key))
      assert.equal(otherRetry.json().id, otherOrg.json().id)
      // Another token of org A: a request of its own, too (a narrower token cannot replay a wider one's answer).
      const second = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'writer',
        scopes: ['records:write'],
      })
      recordCanary(second.json().token)
      const sameOrg = await call(http, second.json().token, 'POST', '/v1/records', body, withKey(key))
      assert.equal(sameOrg.statusCode, 201)
      assert.equal(sameOrg.headers['idempotent-replayed'], undefined)
      assert.notEqual(sameOrg.json().id, first.json().id)
      // A new token made by replaying is the same token, not a wider one.
      const tokenKey = randomUUID()
      const narrow = { name: 'narrow', scopes: ['records:read'] }
      const made = await call(http, orgA.ownerToken, 'POST', '/v1/tokens', narrow, withKey(tokenKey))
      const byOther = await call(http, orgB.ownerToken, 'POST', '/v1/tokens', narrow, withKey(tokenKey))
      recordCanary(made.json().token)
      recordCanary(byOther.json().token)
      assert.notEqual(byOther.json().token, made.json().token)
    })

    it('shown-once secrets are stored only as envelopes, and their replay is the same secret', async () => {
      const tokenKey = `token-${randomUUID()}`
      const token = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/tokens',
        { name: 'agent', scopes: ['records:read'] },
        withKey(tokenKey),
      )
      assert.equal(token.statusCode, 201, token.body)
      const secret = token.json().token as string
      recordCanary(secret)
      const webhookKey = `webhook-${randomUUID()}`
      const webhook = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/webhooks',
        { url: 'https://hooks.example.test/', event_types: ['*'] },
        withKey(webhookKey),
      )
      assert.equal(webhook.statusCode, 201, webhook.body)
      recordCanary(webhook.json().secret)
      const orgKey = `org-${randomUUID()}`
      const org = await call(http, operatorToken, 'POST', '/v1/orgs', { slug: 'org-c' }, withKey(orgKey))
      assert.equal(org.statusCode, 201, org.body)
      recordCanary(org.json().owner_token)

      const bytes = await storedBytes()
      for (const [what, plaintext] of [
        ['token', secret],
        ['webhook secret', webhook.json().secret],
        ['owner token', org.json().owner_token],
        ['token key', tokenKey],
        ['org key', orgKey],
      ] as const) {
        assert.equal(bytes.includes(Buffer.from(plaintext)), false, `no ${what} in the stored rows`)
      }
      const { rows } = await testDb.db.query<{ response: Uint8Array; key_version: number }>(
        'SELECT response, key_version FROM idempotency_keys WHERE response IS NOT NULL',
      )
      assert.ok(rows.length > 0)
      for (const row of rows) {
        assert.equal(Buffer.from(row.response)[0], 0x01, 'an envelope')
        assert.equal(Buffer.from(row.response).readUInt32BE(1), row.key_version)
      }

      const tokenAgain = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/tokens',
        { name: 'agent', scopes: ['records:read'] },
        withKey(tokenKey),
      )
      assert.equal(tokenAgain.json().token, secret)
      const orgAgain = await call(http, operatorToken, 'POST', '/v1/orgs', { slug: 'org-c' }, withKey(orgKey))
      assert.equal(orgAgain.statusCode, 201, orgAgain.body)
      assert.equal(orgAgain.headers['idempotent-replayed'], 'true')
      assert.equal(orgAgain.body, org.body)
      const orgOther = await call(http, operatorToken, 'POST', '/v1/orgs', { slug: 'org-d' }, withKey(orgKey))
      assert.equal(orgOther.json().code, 'IDEMPOTENCY_KEY_REUSED')
      // The org's tenants never see the operator's row through their own keys.
      const tenantRetry = await call(
        http,
        org.json().owner_token,
        'POST',
        '/v1/records',
        { slug: 'org-c' },
        withKey(orgKey),
      )
      assert.equal(tenantRetry.json().code, 'VALIDATION_FAILED')
      assert.equal(logs.text().includes(secret), false)
      assert.equal(logs.text().includes(org.json().owner_token), false)
    })

    it('a failed request frees its key; a bad key is refused', async () => {
      const key = randomUUID()
      const bad = await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 7 }, withKey(key))
      assert.equal(bad.json().code, 'VALIDATION_FAILED')
      const good = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/records',
        { content: 'seven' },
        withKey(key),
      )
      assert.equal(good.statusCode, 201, good.body)
      for (const header of ['', 'x'.repeat(256), 'tab\there', 'ünïcode']) {
        const refused = await call(
          http,
          orgA.ownerToken,
          'POST',
          '/v1/records',
          { content: 'x' },
          withKey(header),
        )
        assert.equal(refused.statusCode, 400, JSON.stringify(header))
        assert.equal(refused.json().code, 'VALIDATION_FAILED')
        assert.match(refused.json().detail, /^Idempotency-Key: /)
      }
      // Routes that do not create ignore it.
      const search = await call(
        http,
        orgA.ownerToken,
        'POST',
        '/v1/records/search',
        { query: 'x' },
        withKey(key),
      )
      assert.equal(search.statusCode, 200)
    })

    it('concurrent requests with one key create once: the others replay or answer 409', async () => {
      const address = await http.listen({ host: '127.0.0.1', port: 0 })
      try {
        const key = randomUUID()
        const stored = await recordsOf(orgA)
        const send = () =>
          fetch(`${address}/v1/records`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${orgA.ownerToken}`,
              'content-type': 'application/json',
              'idempotency-key': key,
            },
            body: JSON.stringify({ content: 'at most once' }),
          })
        const responses = await Promise.all(Array.from({ length: 8 }, send))
        const answers = await Promise.all(
          responses.map(async (response) => ({ status: response.status, body: await response.text() })),
        )
        assert.equal(await recordsOf(orgA), stored + 1, 'exactly one record')
        const created = answers.filter((answer) => answer.status === 201)
        assert.ok(created.length >= 1)
        assert.equal(new Set(created.map((answer) => answer.body)).size, 1, 'every 201 is the same record')
        for (const answer of answers.filter((a) => a.status !== 201)) {
          assert.equal(answer.status, 409)
          assert.equal(JSON.parse(answer.body).code, 'IDEMPOTENCY_KEY_IN_USE')
        }
        const later = await send()
        assert.equal(later.status, 201)
        assert.equal(later.headers.get('idempotent-replayed'), 'true')
        assert.equal(await later.text(), created[0]!.body)
      } finally {
        await http.server.close()
      }
    })

    if (target.name === 'postgres') {
      it('a retry while the first request is still running answers 409 and creates nothing', async () => {
        const key = randomUUID()
        const stored = await recordsOf(orgA)
        // Hold the org's key row: the first store waits on it after its reservation has committed.
        const blocker = await testDb.db.transaction(async (tx) => {
          await tx.query('SELECT 1 FROM org_keys WHERE org_id = $1 FOR UPDATE', [orgA.orgId])
          // inject() dispatches once awaited: Promise.resolve starts it now.
          const first = Promise.resolve(
            call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'slow' }, withKey(key)),
          )
          while (
            (await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE response IS NULL')) === 0
          ) {
            await new Promise((resolve) => setImmediate(resolve))
          }
          const retry = await call(
            http,
            orgA.ownerToken,
            'POST',
            '/v1/records',
            { content: 'slow' },
            withKey(key),
          )
          assert.equal(retry.statusCode, 409, retry.body)
          assert.equal(retry.json().code, 'IDEMPOTENCY_KEY_IN_USE')
          // Wrapped: an async callback returning the promise itself would wait for it, holding the lock.
          return { first }
        })
        const first = await blocker.first
        assert.equal(first.statusCode, 201, first.body)
        assert.equal(await recordsOf(orgA), stored + 1)
      })
    }

    it('key rotation re-encrypts stored responses, and they still replay', async () => {
      const org = await createOrg(coffer, { slug: 'org-rotating', actor: 'test' })
      const key = randomUUID()
      const body = { name: 'rotated', scopes: ['records:read'] }
      const first = await call(http, org.ownerToken, 'POST', '/v1/tokens', body, withKey(key))
      assert.equal(first.statusCode, 201, first.body)
      recordCanary(first.json().token)
      await coffer.rotation.start(org.orgId, 'test')
      await coffer.rotation.run(org.orgId)
      const { rows } = await testDb.db.query<{ key_version: number }>(
        'SELECT key_version FROM idempotency_keys WHERE org_id = $1',
        [org.orgId],
      )
      assert.deepEqual(
        rows.map((row) => row.key_version),
        [2],
      )
      const again = await call(http, org.ownerToken, 'POST', '/v1/tokens', body, withKey(key))
      assert.equal(again.headers['idempotent-replayed'], 'true')
      assert.equal(again.body, first.body)
    })

    it('a key expires after 24 hours and the sweeper deletes it', async () => {
      const key = randomUUID()
      const body = { content: 'daily' }
      const first = await call(http, orgA.ownerToken, 'POST', '/v1/records', body, withKey(key))
      await call(http, operatorToken, 'POST', '/v1/orgs', { slug: 'org-e' }, withKey(key))
      clock.advance(IDEMPOTENCY_KEY_TTL_MS + 1)
      const again = await call(http, orgA.ownerToken, 'POST', '/v1/records', body, withKey(key))
      assert.equal(again.statusCode, 201)
      assert.equal(again.headers['idempotent-replayed'], undefined)
      assert.notEqual(again.json().id, first.json().id)
      clock.advance(IDEMPOTENCY_KEY_TTL_MS + 1)
      const now = new Date(clock.now())
      assert.ok((await sweepExpiredIdempotencyKeys(coffer.db, now, 2)) > 0)
      assert.ok((await sweepOperatorKeys(coffer.db, now)) > 0)
      assert.equal(await count('SELECT count(*)::int AS n FROM idempotency_keys'), 0)
      assert.equal(await count('SELECT count(*)::int AS n FROM operator_idempotency_keys'), 0)
    })
  })
}
