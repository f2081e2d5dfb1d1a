// Stops: usage that drifts from what is stored (a write path that forgets to count, a delete,
// erase, TTL sweep or namespace deletion that leaves the count behind), a plan quota that lets a
// write past it, a warning sent on every write instead of once per crossing, plan limits on
// tokens and endpoints that do not hold, and usage readable by a narrower token or another org.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { isCofferError } from '../../src/errors.js'
import { buildHttpServer } from '../../src/http/http-server.js'
import { readPlanTable } from '../../src/operator/plans.js'
import { RecordsSweeper } from '../../src/records/records-sweeper.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { call } from '../support/http.js'

const PLANS = readPlanTable(
  JSON.stringify({
    small: { rate_limit_per_minute: 100_000, records: 10, max_tokens: 3, max_webhook_endpoints: 1 },
    bytes: { rate_limit_per_minute: 100_000, storage_bytes: 2000 },
    open: { rate_limit_per_minute: 100_000 },
  }),
)

for (const target of DATABASE_TARGETS) {
  describe(`usage and plan quotas on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let operatorToken: string
    const clock = new TestClock(Date.now())

    const org = (slug: string, plan: string) => createOrg(coffer, { slug, plan, actor: 'test' })
    const store = (o: CreatedOrg, body: Record<string, unknown>) =>
      call(http, o.ownerToken, 'POST', '/v1/records', {
        namespace: 'notes',
        type: 'note',
        content: 'x',
        ...body,
      })
    const usage = async (o: CreatedOrg) => {
      const response = await call(http, o.ownerToken, 'GET', '/v1/usage')
      assert.equal(response.statusCode, 200, response.body)
      return response.json()
    }
    /** The truth, by a scan the product never makes: rows and envelope bytes per namespace. */
    const scanned = (o: CreatedOrg) =>
      withTenant(coffer.db, o.orgId, async (sql) => {
        const { rows } = await sql.query<{ namespace: string; records: number; bytes: number }>(
          `SELECT n.name AS namespace, count(*)::int AS records,
                  sum(octet_length(r.content) + coalesce(octet_length(r.metadata), 0) + coalesce(octet_length(r.entities), 0))::int AS bytes
           FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
           WHERE r.org_id = $1 GROUP BY n.name ORDER BY n.name`,
          [sql.orgId],
        )
        return rows
      })
    const warnings = async (o: CreatedOrg) =>
      (
        await testDb.db.query<{ payload: { data: Record<string, unknown> } }>(
          "SELECT payload FROM webhook_deliveries WHERE org_id = $1 AND event_type = 'usage.quota_warning' ORDER BY created_at, id",
          [o.orgId],
        )
      ).rows.map((row) => row.payload.data)

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock, config: { plans: PLANS } })
      http = await buildHttpServer(coffer)
      operatorToken = (await coffer.operatorTokens.create({ name: 'ops', actor: 'test' })).token
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('counts records and bytes by namespace exactly through store, patch, delete, erase, TTL sweep and namespace deletion', async () => {
      const o = await org('counted', 'open')
      const ids: string[] = []
      for (let i = 0; i < 6; i++) {
        const created = await store(o, {
          namespace: i % 2 === 0 ? 'notes' : 'memories',
          content: 'c'.repeat(10 + i * 7),
          ...(i === 3 ? { entities: ['alice@example.com'], metadata: { k: 'v' } } : {}),
          ...(i === 4 ? { ttl_seconds: 60 } : {}),
        })
        assert.equal(created.statusCode, 201, created.body)
        ids.push(created.json().id)
      }
      const check = async (label: string) => {
        const report = await usage(o)
        const truth = await scanned(o)
        assert.deepEqual(report.namespaces, truth, label)
        assert.equal(
          report.records,
          truth.reduce((s, r) => s + r.records, 0),
          label,
        )
        assert.equal(
          report.bytes,
          truth.reduce((s, r) => s + r.bytes, 0),
          label,
        )
      }
      await check('after stores')
      const patched = await call(http, o.ownerToken, 'PATCH', `/v1/records/${ids[0]}`, {
        content: 'much longer content than before'.repeat(5),
      })
      assert.equal(patched.statusCode, 200, patched.body)
      await check('after a growing patch')
      await call(http, o.ownerToken, 'PATCH', `/v1/records/${ids[0]}`, { content: 'short' })
      await check('after a shrinking patch')
      assert.equal((await call(http, o.ownerToken, 'DELETE', `/v1/records/${ids[1]}`)).statusCode, 204)
      await check('after a delete')
      const erased = await call(http, o.ownerToken, 'DELETE', '/v1/records?entity=alice%40example.com')
      assert.equal(erased.json().deleted, 1)
      await check('after an erase')
      clock.advance(120_000)
      const swept = await new RecordsSweeper({ db: coffer.db, audit: coffer.audit, clock }).sweepOrg(
        o.orgId,
        new Date(clock.now()),
      )
      assert.equal(swept, 1)
      await check('after the TTL sweep')
      const dropped = await call(http, o.ownerToken, 'DELETE', '/v1/namespaces/memories')
      assert.ok(dropped.statusCode < 300, dropped.body)
      await check('after a namespace deletion')
      const report = await usage(o)
      assert.deepEqual(
        report.namespaces.map((n: { namespace: string }) => n.namespace),
        ['notes'],
      )
    })

    it('counts live tokens, secrets, endpoints and requests per day', async () => {
      const o = await org('things', 'open')
      const before = await usage(o)
      assert.equal(before.tokens, 1, 'the owner token')
      const minted = await call(http, o.ownerToken, 'POST', '/v1/tokens', {
        name: 't',
        scopes: ['records:read'],
      })
      assert.equal(minted.statusCode, 201, minted.body)
      const put = await http.inject({
        method: 'PUT',
        url: '/v1/secrets/openai',
        headers: { authorization: `Bearer ${o.ownerToken}`, 'content-type': 'application/json' },
        payload: { value: 'sk-test-0123456789abcdef' },
      })
      assert.ok(put.statusCode < 300, put.body)
      const hook = await call(http, o.ownerToken, 'POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        event_types: ['record.created'],
      })
      assert.equal(hook.statusCode, 201, hook.body)
      let report = await usage(o)
      assert.equal(report.tokens, 2)
      assert.equal(report.secrets, 1)
      assert.equal(report.webhook_endpoints, 1)
      await call(http, o.ownerToken, 'DELETE', `/v1/tokens/${minted.json().id}`)
      await call(http, o.ownerToken, 'DELETE', '/v1/secrets/openai')
      await call(http, o.ownerToken, 'DELETE', `/v1/webhooks/${hook.json().id}`)
      report = await usage(o)
      assert.equal(report.tokens, 1, 'a revoked token no longer counts')
      assert.equal(report.secrets, 0)
      assert.equal(report.webhook_endpoints, 0)
      const today = new Date(clock.now()).toISOString().slice(0, 10)
      assert.equal(report.requests_per_day[0].day, today)
      // Every authenticated request of this org so far: 2 usage reads, 3 creations, 3 deletions
      // (this GET is counted after it answers).
      assert.deepEqual(report.requests_per_day, [{ day: today, requests: 8 }])
    })

    it('refuses the write past the records quota with 413 QUOTA_EXCEEDED naming it; a delete frees room', async () => {
      const o = await org('full', 'small')
      const ids: string[] = []
      for (let i = 0; i < 10; i++) {
        const created = await store(o, { content: `r${i}` })
        assert.equal(created.statusCode, 201, `record ${i + 1}: ${created.body}`)
        ids.push(created.json().id)
      }
      const refused = await store(o, { content: 'one too many' })
      assert.equal(refused.statusCode, 413)
      assert.equal(refused.json().code, 'QUOTA_EXCEEDED')
      assert.match(refused.json().detail, /records quota \(10\)/)
      assert.equal((await scanned(o))[0]!.records, 10, 'nothing was stored')
      await call(http, o.ownerToken, 'DELETE', `/v1/records/${ids[0]}`)
      assert.equal((await store(o, { content: 'room again' })).statusCode, 201)
      assert.equal((await store(o, { content: 'full again' })).statusCode, 413)
      const report = await usage(o)
      assert.deepEqual(report.quotas.records, { limit: 10, used: 10 })
    })

    it('refuses a store or a patch that would pass storage_bytes', async () => {
      const o = await org('bytes', 'bytes')
      const first = await store(o, { content: 'a'.repeat(1500) })
      assert.equal(first.statusCode, 201, first.body)
      const refused = await store(o, { content: 'b'.repeat(500) })
      assert.equal(refused.statusCode, 413)
      assert.match(refused.json().detail, /storage_bytes quota \(2000\)/)
      const small = await store(o, { content: 'c'.repeat(100) })
      assert.equal(small.statusCode, 201)
      const grow = await call(http, o.ownerToken, 'PATCH', `/v1/records/${small.json().id}`, {
        content: 'd'.repeat(600),
      })
      assert.equal(grow.statusCode, 413)
      assert.equal(grow.json().code, 'QUOTA_EXCEEDED')
      const shrink = await call(http, o.ownerToken, 'PATCH', `/v1/records/${first.json().id}`, {
        content: 'e',
      })
      assert.equal(shrink.statusCode, 200, 'a shrinking patch always passes')
      const report = await usage(o)
      assert.ok(report.bytes <= 2000)
      assert.equal(report.quotas.storage_bytes.limit, 2000)
    })

    it('warns by usage.quota_warning once per crossing of 80 %, not on every write', async () => {
      const o = await org('warned', 'small')
      const hook = await call(http, o.ownerToken, 'POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        event_types: ['usage.quota_warning'],
      })
      assert.equal(hook.statusCode, 201, hook.body)
      const ids: string[] = []
      for (let i = 0; i < 7; i++) ids.push((await store(o, { content: `w${i}` })).json().id)
      assert.equal((await warnings(o)).length, 0, 'under 80 %: no warning')
      ids.push((await store(o, { content: 'w7' })).json().id)
      assert.deepEqual(await warnings(o), [
        { id: 'quota:records', quota: 'records', used: 8, limit: 10, percent: 80 },
      ])
      ids.push((await store(o, { content: 'w8' })).json().id)
      ids.push((await store(o, { content: 'w9' })).json().id)
      assert.equal((await store(o, { content: 'refused' })).statusCode, 413)
      assert.equal((await warnings(o)).length, 1, 'still one warning above the line')
      for (const id of ids.slice(0, 5)) await call(http, o.ownerToken, 'DELETE', `/v1/records/${id}`)
      for (let i = 0; i < 2; i++) await store(o, { content: `x${i}` })
      assert.equal((await warnings(o)).length, 1, 'back under the line: no warning yet')
      await store(o, { content: 'x2' })
      await store(o, { content: 'x3' })
      assert.equal((await warnings(o)).length, 2, 'the second crossing warns again')
    })

    it('enforces max_tokens and max_webhook_endpoints on create, with LIMIT_REACHED naming the limit', async () => {
      const o = await org('capped', 'small')
      for (const name of ['one', 'two']) {
        const ok = await call(http, o.ownerToken, 'POST', '/v1/tokens', { name, scopes: ['records:read'] })
        assert.equal(ok.statusCode, 201, ok.body)
      }
      const refused = await call(http, o.ownerToken, 'POST', '/v1/tokens', {
        name: 'three',
        scopes: ['records:read'],
      })
      assert.equal(refused.statusCode, 409)
      assert.equal(refused.json().code, 'LIMIT_REACHED')
      assert.match(refused.json().detail, /max_tokens = 3/)
      const listed = await call(http, o.ownerToken, 'GET', '/v1/tokens')
      assert.equal(listed.json().items.length, 3, 'the refused token was not kept')
      const first = await call(http, o.ownerToken, 'POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/a',
        event_types: ['record.created'],
      })
      assert.equal(first.statusCode, 201)
      const second = await call(http, o.ownerToken, 'POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/b',
        event_types: ['record.created'],
      })
      assert.equal(second.statusCode, 409)
      assert.match(second.json().detail, /max_webhook_endpoints = 1/)
    })

    it('max_tokens and max_webhook_endpoints hold in the services, for callers other than the routes', async () => {
      const o = await org('capped-services', 'small')
      const owner = await coffer.tokens.authenticate(coffer.db, o.ownerToken)
      const createToken = (name: string) =>
        withTenant(coffer.db, o.orgId, (sql) =>
          coffer.tokenManagement.create(sql, owner, { name, scopes: ['records:read'] }),
        )
      await createToken('one')
      await createToken('two')
      await assert.rejects(
        createToken('three'),
        (error) => isCofferError(error, 'LIMIT_REACHED') && /max_tokens = 3/.test(error.message),
      )
      const count = (table: string) =>
        withTenant(coffer.db, o.orgId, async (sql) => {
          const { rows } = await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`,
            [sql.orgId],
          )
          return rows[0]!.n
        })
      assert.equal(await count('api_tokens'), 3, 'the refused token was rolled back')
      const createEndpoint = (path: string) =>
        withTenant(coffer.db, o.orgId, (sql) =>
          coffer.webhooks.endpoints.create(sql, 'test', {
            url: `http://127.0.0.1:9/${path}`,
            eventTypes: ['record.created'],
          }),
        )
      await createEndpoint('a')
      await assert.rejects(
        createEndpoint('b'),
        (error) => isCofferError(error, 'LIMIT_REACHED') && /max_webhook_endpoints = 1/.test(error.message),
      )
      assert.equal(await count('webhook_endpoints'), 1, 'the refused endpoint was rolled back')
    })

    it('answers usage to an org-wide admin only, its own org only; the operator sees it in GET /v1/orgs/:id', async () => {
      const a = await org('mine', 'open')
      const b = await org('theirs', 'open')
      await store(a, { content: 'a record of a' })
      const reader = await call(http, a.ownerToken, 'POST', '/v1/tokens', {
        name: 'r',
        scopes: ['records:read', 'records:write'],
      })
      const narrow = await call(http, reader.json().token, 'GET', '/v1/usage')
      assert.equal(narrow.statusCode, 403)
      assert.equal(narrow.json().code, 'INSUFFICIENT_SCOPE')
      const scoped = await call(http, a.ownerToken, 'POST', '/v1/tokens', {
        name: 'ns',
        scopes: ['admin'],
        namespace: 'notes',
      })
      assert.equal((await call(http, scoped.json().token, 'GET', '/v1/usage')).statusCode, 403)
      assert.equal((await usage(b)).records, 0, "another org's records are not counted")
      assert.equal((await usage(a)).records, 1)
      const asOperator = await http.inject({
        method: 'GET',
        url: `/v1/orgs/${a.orgId}`,
        headers: { authorization: `Bearer ${operatorToken}` },
      })
      assert.equal(asOperator.statusCode, 200, asOperator.body)
      assert.equal(asOperator.json().usage.records, 1)
      assert.equal(asOperator.json().usage.plan, 'open')
    })
  })
}
