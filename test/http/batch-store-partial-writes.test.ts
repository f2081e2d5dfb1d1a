// Stops: a batch store leaving half a batch behind, skipping a check or a side effect that a single
// store has (namespace reach, sizes, TTL, entities; index rows, audit entries, webhook events), or
// an error that does not say which record was wrong.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { createEndpoint, openWebhooksFixture, type WebhooksFixture } from '../webhooks/webhooks-fixture.js'

for (const target of DATABASE_TARGETS) {
  describe(`POST /v1/records/batch on ${target.name}`, () => {
    let f: WebhooksFixture
    let ns1Token: string
    const count = async (sql: string, params: unknown[] = []) =>
      (await f.testDb.db.query<{ n: number }>(sql, params)).rows[0]!.n
    const recordsOf = () => count('SELECT count(*)::int AS n FROM records WHERE org_id = $1', [f.orgA.orgId])

    before(async () => {
      f = await openWebhooksFixture(target)
      await createEndpoint(f.http, f.orgA, {
        url: 'https://a.example.test/',
        event_types: ['record.created'],
      })
      await call(f.http, f.orgA.ownerToken, 'POST', '/v1/namespaces', { name: 'ns1' })
      await call(f.http, f.orgA.ownerToken, 'POST', '/v1/namespaces', { name: 'ns2' })
      const token = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'ns1 writer',
        scopes: ['records:read', 'records:write'],
        namespace: 'ns1',
        agent: 'diarist',
      })
      assert.equal(token.statusCode, 201, token.body)
      ns1Token = token.json().token
    })
    after(() => f.close())

    it('stores every record in order with the side effects of single stores', async () => {
      const before = await recordsOf()
      const response = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records/batch', {
        records: [
          { namespace: 'ns1', content: 'alpha walrus', entities: ['user:1'] },
          {
            namespace: 'fresh',
            type: 'memory',
            content: 'beta walrus',
            ttl_seconds: 3600,
            metadata: { k: 'v' },
          },
          { content: 'gamma walrus', visibility: 'private', allowed_agents: ['planner'] },
        ],
      })
      assert.equal(response.statusCode, 201, response.body)
      const items = response.json().items as { id: string; namespace: string; expires_at: string | null }[]
      assert.deepEqual(
        items.map((item) => item.namespace),
        ['ns1', 'fresh', 'default'],
      )
      assert.notEqual(items[1]!.expires_at, null)
      assert.equal(await recordsOf(), before + 3)
      const ids = items.map((item) => item.id)
      // Each one reads back like a single store, and is found by search and by entity.
      const read = await call(
        f.http,
        f.orgA.ownerToken,
        'GET',
        `/v1/records?ids=${ids.join(',')}&include=content`,
      )
      assert.deepEqual(
        read.json().items.map((item: { content: string }) => item.content),
        ['alpha walrus', 'beta walrus'],
        'the private one is not visible to a token without an agent',
      )
      const found = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records/search', { query: 'walrus' })
      assert.equal(found.json().items.length, 2)
      const byEntity = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/records?entity=user:1')
      assert.deepEqual(
        byEntity.json().items.map((item: { id: string }) => item.id),
        [ids[0]],
      )
      for (const id of ids) {
        assert.equal(
          await count(
            "SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.created' AND resource = $1",
            [`record:${id}`],
          ),
          1,
          'one audit entry per record',
        )
        assert.equal(
          await count(
            "SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_type = 'record.created' AND payload->'data'->>'id' = $1",
            [id],
          ),
          1,
          'one webhook event per record',
        )
      }
      assert.equal(
        await count(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'namespace.created' AND org_id = $1",
          [f.orgA.orgId],
        ),
        3,
        'the new namespace was audited as a single store audits it (ns1, ns2, fresh)',
      )
    })

    it('a bad record anywhere stores nothing and its error names its index and field', async () => {
      const good = { namespace: 'ns1', content: 'fine' }
      const cases: { records: unknown[]; status: number; code: string; detail: RegExp }[] = [
        {
          records: [good, good, { namespace: 'ns1', content: 42 }],
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: /^records\.2\.content: /,
        },
        {
          records: [good, { namespace: 'ns1', content: 'x', ttl_seconds: 0 }],
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: /^records\.1\.ttl_seconds: /,
        },
        {
          records: [good, { namespace: 'ns1', content: 'x', entities: [''] }],
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: /^records\.1\.entities/,
        },
        {
          records: [good, { namespace: 'ns1', content: 'x', extra: true }],
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: /^records\.1: unknown field extra/,
        },
        {
          records: [good, 'not an object'],
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: /^records\.1: /,
        },
        {
          records: [good, { namespace: 'ns1', content: 'x', metadata: { big: 'y'.repeat(70 * 1024) } }],
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          detail: /^records\.1\.metadata: /,
        },
        { records: [], status: 400, code: 'VALIDATION_FAILED', detail: /^records: / },
        {
          records: Array.from({ length: 501 }, () => ({ content: 'x' })),
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: /^records: /,
        },
      ]
      for (const testCase of cases) {
        const before = await recordsOf()
        const response = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records/batch', {
          records: testCase.records,
        })
        assert.equal(response.statusCode, testCase.status, response.body)
        assert.equal(response.json().code, testCase.code)
        assert.match(response.json().detail, testCase.detail)
        assert.equal(await recordsOf(), before, 'nothing stored')
      }
    })

    it("a namespace-restricted token's batch that reaches another namespace stores nothing, not even the ones before", async () => {
      const before = await recordsOf()
      const deliveries = await count('SELECT count(*)::int AS n FROM webhook_deliveries')
      const audits = await count('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1', [f.orgA.orgId])
      const response = await call(f.http, ns1Token, 'POST', '/v1/records/batch', {
        records: [
          { namespace: 'ns1', content: 'mine' },
          { namespace: 'ns1', content: 'mine too' },
          { namespace: 'ns2', content: 'not mine' },
        ],
      })
      assert.equal(response.statusCode, 403, response.body)
      assert.equal(response.json().code, 'INSUFFICIENT_SCOPE')
      assert.match(response.json().detail, /^records\.2\.namespace: /)
      assert.equal(await recordsOf(), before, 'the two records before it were rolled back')
      assert.equal(await count('SELECT count(*)::int AS n FROM webhook_deliveries'), deliveries, 'no events')
      assert.equal(
        await count('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1', [f.orgA.orgId]),
        audits,
        'no audit entries',
      )
      // Within its reach it works, and the writer's agent owns every record.
      const ok = await call(f.http, ns1Token, 'POST', '/v1/records/batch', {
        records: [{ namespace: 'ns1', content: 'mine' }],
      })
      assert.equal(ok.statusCode, 201, ok.body)
      assert.equal(ok.json().items[0].owner_agent, 'diarist')
    })

    it('a read-only token cannot batch-store, and content may hold NUL like a single store', async () => {
      const reader = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/tokens', {
        name: 'reader',
        scopes: ['records:read'],
      })
      const refused = await call(f.http, reader.json().token, 'POST', '/v1/records/batch', {
        records: [{ content: 'x' }],
      })
      assert.equal(refused.json().code, 'INSUFFICIENT_SCOPE')
      const nul = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records/batch', {
        records: [{ content: 'a\u0000b', metadata: { 'k\u0000': 'v\u0000' } }],
      })
      assert.equal(nul.statusCode, 201, nul.body)
      const read = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/records/${nul.json().items[0].id}`)
      assert.equal(read.json().content, 'a\u0000b')
      const badType = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/records/batch', {
        records: [{ content: 'x', type: 'a\u0000' }],
      })
      assert.equal(badType.json().code, 'VALIDATION_FAILED')
      assert.match(badType.json().detail, /^records\.0\.type: /)
    })
  })
}
