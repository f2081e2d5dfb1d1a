// Stops: `GET /v1/webhooks` silently answering only the first 1,000 endpoints, an org growing
// endpoints without bound (also by racing creations), and `list()` running queries in parallel on
// one transaction client (node-postgres deprecates it; pg 9 refuses it).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { withTenant } from '../../src/db/tenant-door.js'
import { MAX_ENDPOINTS_PER_ORG } from '../../src/webhooks/webhook-endpoints.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { createEndpoint, openWebhooksFixture, type WebhooksFixture } from './webhooks-fixture.js'

const body = (n: number) => ({ url: `https://hooks.example.test/e${n}`, event_types: ['*'] })

for (const target of DATABASE_TARGETS) {
  describe(`webhook endpoint listing and cap on ${target.name}`, () => {
    let f: WebhooksFixture
    const ids: string[] = []
    before(async () => {
      f = await openWebhooksFixture(target)
      // Set up through the service: a hundred POSTs would meet the org's rate limit.
      await withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
        for (let n = 0; n < MAX_ENDPOINTS_PER_ORG - 1; n++) {
          const created = await f.coffer.webhooks.endpoints.create(sql, 'test', {
            url: body(n).url,
            eventTypes: ['*'],
          })
          recordCanary(created.secret)
          ids.push(created.id)
        }
      })
    })
    after(() => f.close())

    it('a creation racing another for the last place is refused 409 LIMIT_REACHED', async () => {
      if (target.name === 'postgres') {
        // Transaction A takes the last place and stays open; B starts meanwhile. B must wait for
        // A and then be refused (without the per-org lock, B counts 99 too and inserts a 101st).
        let settled: 'pending' | 'created' | 'refused' = 'pending'
        let refusal: unknown
        let b: Promise<void> | undefined
        await withTenant(f.coffer.db, f.orgA.orgId, async (sql) => {
          const created = await f.coffer.webhooks.endpoints.create(sql, 'test', {
            url: body(1000).url,
            eventTypes: ['*'],
          })
          recordCanary(created.secret)
          ids.push(created.id)
          b = withTenant(f.coffer.db, f.orgA.orgId, (other) =>
            f.coffer.webhooks.endpoints.create(other, 'test', { url: body(1001).url, eventTypes: ['*'] }),
          ).then(
            (late) => {
              recordCanary(late.secret)
              settled = 'created'
            },
            (error: unknown) => {
              refusal = error
              settled = 'refused'
            },
          )
          for (let poll = 0; poll < 400 && settled === 'pending'; poll++) {
            const { rows } = await f.testDb.db.query<{ waiting: number }>(
              `SELECT count(*)::int AS waiting FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
            if (rows[0]!.waiting > 0) break
            await new Promise((resolve) => setTimeout(resolve, 25))
          }
        })
        await b
        assert.equal(settled, 'refused')
        assert.equal((refusal as { code?: string }).code, 'LIMIT_REACHED')
      } else {
        const answers = await Promise.all(
          [0, 1, 2, 3, 4].map((n) => call(f.http, f.orgA.ownerToken, 'POST', '/v1/webhooks', body(1000 + n))),
        )
        const created = answers.filter((a) => a.statusCode === 201)
        assert.equal(created.length, 1, answers.map((a) => a.statusCode).join(','))
        recordCanary(created[0]!.json().secret)
        ids.push(created[0]!.json().id)
      }
      const refused = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/webhooks', body(1002))
      assert.equal(refused.statusCode, 409)
      assert.equal(refused.json().code, 'LIMIT_REACHED')
      const { rows } = await f.testDb.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM webhook_endpoints WHERE org_id = $1',
        [f.orgA.orgId],
      )
      assert.equal(rows[0]!.count, MAX_ENDPOINTS_PER_ORG)
      // Another org has its own cap.
      await createEndpoint(f.http, f.orgB, body(0))
    })

    it('GET pages through every endpoint, oldest first, with next_cursor null on the last page', async () => {
      const seen: string[] = []
      let cursor: string | null = null
      for (let page = 0; page < 10; page++) {
        const response = await call(
          f.http,
          f.orgA.ownerToken,
          'GET',
          `/v1/webhooks?limit=30${cursor ? `&cursor=${cursor}` : ''}`,
        )
        assert.equal(response.statusCode, 200, response.body)
        const { items, next_cursor } = response.json() as {
          items: { id: string }[]
          next_cursor: string | null
        }
        assert.ok(items.length <= 30)
        seen.push(...items.map((item) => item.id))
        cursor = next_cursor
        if (cursor === null) break
      }
      assert.equal(cursor, null)
      assert.deepEqual(seen, [...ids].sort())
      const first = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/webhooks')
      assert.equal(first.json().items.length, 50, 'default page size')
      const bad = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/webhooks?limit=101')
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().code, 'VALIDATION_FAILED')
    })

    it('deleting one frees a place', async () => {
      const deleted = await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/webhooks/${ids.pop()}`)
      assert.equal(deleted.statusCode, 204)
      ids.push((await createEndpoint(f.http, f.orgA, body(2000))).id)
    })

    it('list() runs one query at a time on its transaction client', async () => {
      let inFlight = 0
      let most = 0
      const page = await withTenant(f.coffer.db, f.orgA.orgId, (sql) =>
        f.coffer.webhooks.endpoints.list(
          {
            ...sql,
            query: async (text, params) => {
              inFlight++
              most = Math.max(most, inFlight)
              try {
                return await sql.query(text, params)
              } finally {
                inFlight--
              }
            },
          },
          { limit: 100 },
        ),
      )
      assert.equal(page.items.length, MAX_ENDPOINTS_PER_ORG)
      assert.equal(most, 1, 'queries overlapped on one client')
    })
  })
}
