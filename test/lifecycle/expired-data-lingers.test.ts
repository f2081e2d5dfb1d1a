// Stops: expired data lingering — a record readable (or searchable, changeable) after its TTL, or
// left in the database (with its entity index) past the sweep; sweepers in two instances deleting
// or counting the same rows twice; expired and long-revoked sessions kept for ever.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { sweepExpiredSessions } from '../../src/auth/sessions.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { RecordsSweeper, TTL_SWEEPER_ACTOR } from '../../src/records/records-sweeper.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'correct horse battery staple, lifecycle'

for (const target of DATABASE_TARGETS) {
  describe(`TTL and session sweepers on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      recordSecret(PASSWORD)
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-ttl', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const sweeper = (batchSize = 1000) =>
      new RecordsSweeper({ db: coffer.db, audit: coffer.audit, clock, batchSize })

    /** Sum of the counts the sweeper audited in the org (`records:<n>`), and how many entries. */
    async function auditedExpiries(orgId: string): Promise<{ total: number; entries: number }> {
      const { rows } = await testDb.db.query<{ actor: string; resource: string }>(
        `SELECT actor, resource FROM audit_log WHERE org_id = $1 AND action = 'records.expired'`,
        [orgId],
      )
      for (const row of rows) {
        assert.equal(row.actor, TTL_SWEEPER_ACTOR)
        assert.match(row.resource, /^records:\d+$/)
      }
      return {
        total: rows.reduce((sum, row) => sum + Number(row.resource.slice(8)), 0),
        entries: rows.length,
      }
    }

    it('an expired record is gone for every read, list, change and delete at once, then swept with its index', async () => {
      const entity = 'Ada Lovelace'
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', {
        namespace: 'ttl',
        content: 'short-lived',
        entities: [entity],
        ttl_seconds: 60,
      })
      assert.equal(stored.statusCode, 201)
      const { id, expires_at } = stored.json()
      assert.equal(expires_at, new Date(clock.now() + 60_000).toISOString())
      const kept = (
        await call(http, org.ownerToken, 'POST', '/v1/records', {
          namespace: 'ttl',
          content: 'no ttl',
          entities: [entity],
        })
      ).json().id
      const byEntity = async () =>
        (await call(http, org.ownerToken, 'GET', `/v1/records?entity=${encodeURIComponent(entity)}`))
          .json()
          .items.map((item: { id: string }) => item.id)

      clock.advance(59_999)
      assert.equal((await call(http, org.ownerToken, 'GET', `/v1/records/${id}`)).statusCode, 200)
      assert.deepEqual((await byEntity()).sort(), [id, kept].sort())

      clock.advance(1) // the instant of expiry
      assert.equal((await call(http, org.ownerToken, 'GET', `/v1/records/${id}`)).json().code, 'NOT_FOUND')
      assert.deepEqual(await byEntity(), [kept])
      const listed = (await call(http, org.ownerToken, 'GET', '/v1/records?namespace=ttl')).json().items
      assert.deepEqual(
        listed.map((item: { id: string }) => item.id),
        [kept],
      )
      const patch = await call(http, org.ownerToken, 'PATCH', `/v1/records/${id}`, { content: 'revived?' })
      assert.equal(patch.json().code, 'NOT_FOUND')
      assert.equal((await call(http, org.ownerToken, 'DELETE', `/v1/records/${id}`)).json().code, 'NOT_FOUND')
      const exported = (await call(http, org.ownerToken, 'GET', '/v1/export?limit=1000')).json().items
      assert.equal(
        exported.some((item: { id: string }) => item.id === id),
        false,
        'not exported',
      )
      // Still in the table until the sweep: hidden by the query, not by deletion.
      const rowsOf = async (table: string, column: string) =>
        (await testDb.db.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [id])).rows.length
      assert.equal(await rowsOf('records', 'id'), 1)
      assert.equal(await rowsOf('record_entities', 'record_id'), 1)

      const result = await sweeper().sweepOnce()
      assert.equal(result.deleted, 1)
      assert.equal(await rowsOf('records', 'id'), 0)
      assert.equal(await rowsOf('record_entities', 'record_id'), 0, 'index rows go with the record')
      assert.equal((await call(http, org.ownerToken, 'GET', `/v1/records/${kept}`)).statusCode, 200)
      assert.deepEqual(await auditedExpiries(org.orgId), { total: 1, entries: 1 })
      assert.equal((await sweeper().sweepOnce()).deleted, 0, 'nothing left to sweep')
    })

    it('sweeps in batches, one audited count per batch, in every org, and leaves live records', async () => {
      const other = await createOrg(coffer, { slug: 'org-ttl-batches', actor: 'test' })
      const third = await createOrg(coffer, { slug: 'org-ttl-third', actor: 'test' })
      for (const [target_, count] of [
        [other, 7],
        [third, 3],
      ] as const) {
        for (let i = 0; i < count; i++) {
          await call(http, target_.ownerToken, 'POST', '/v1/records', { content: `x${i}`, ttl_seconds: 10 })
        }
        await call(http, target_.ownerToken, 'POST', '/v1/records', { content: 'lives', ttl_seconds: 3600 })
      }
      clock.advance(10_000)
      const result = await sweeper(3).sweepOnce()
      assert.deepEqual(result, { deleted: 10, orgs: 2 })
      assert.deepEqual(await auditedExpiries(other.orgId), { total: 7, entries: 3 }, '3 + 3 + 1')
      assert.deepEqual(await auditedExpiries(third.orgId), { total: 3, entries: 1 })
      for (const { orgId } of [other, third]) {
        const { rows } = await testDb.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM records WHERE org_id = $1',
          [orgId],
        )
        assert.equal(rows[0]!.n, 1, 'the live record stays')
      }
      for (const { orgId } of [org, other, third]) {
        const verified = await withTenant(coffer.db, orgId, (sql) => coffer.audit.verify(sql))
        assert.equal(verified.ok, true, 'the audit chain verifies')
      }
    })

    it('sweeps expired sessions and sessions revoked more than a day ago, and nothing else', async () => {
      const user = await createUser(coffer.db, { email: 'sweep@example.test', password: PASSWORD })
      await withTenant(coffer.db, org.orgId, (sql) => addMembership(sql, { userId: user.id, role: 'member' }))
      const login = async () => {
        const response = await http.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: 'sweep@example.test', password: PASSWORD, org: 'org-ttl' },
        })
        assert.equal(response.statusCode, 200, response.body)
        const cookie = /coffer_session=([^;]+)/.exec(String(response.headers['set-cookie']))![1]!
        const body = response.json()
        recordSecret(cookie)
        recordSecret(body.csrf_token)
        return { cookie, csrf: body.csrf_token as string, id: body.session_id as string }
      }
      const logout = async (session: { cookie: string; csrf: string }) => {
        const response = await http.inject({
          method: 'POST',
          url: '/v1/auth/logout',
          headers: { cookie: `coffer_session=${session.cookie}`, 'x-csrf-token': session.csrf },
        })
        assert.equal(response.statusCode, 204)
      }
      const exists = async (id: string) =>
        (await testDb.db.query('SELECT 1 FROM sessions WHERE id = $1', [id])).rows.length === 1
      const sweep = () => sweepExpiredSessions(coffer.db, new Date(clock.now()), 1)
      const hour = 3600_000

      const expiring = await login() // expires after 24 h
      const revokedEarly = await login()
      await logout(revokedEarly)
      clock.advance(12 * hour)
      const revokedLate = await login()
      await logout(revokedLate)
      assert.equal(await sweep(), 0)
      const read = await http.inject({
        method: 'GET',
        url: '/v1/records',
        headers: { cookie: `coffer_session=${expiring.cookie}` },
      })
      assert.equal(read.statusCode, 200, 'the live session works')

      clock.advance(13 * hour) // 25 h after the first logins
      assert.equal(await sweep(), 2, 'batches of one, until none is left')
      assert.equal(await exists(expiring.id), false, 'expired')
      assert.equal(await exists(revokedEarly.id), false, 'revoked 25 h ago')
      assert.equal(await exists(revokedLate.id), true, 'revoked 13 h ago: kept for now')
      const refused = await http.inject({
        method: 'GET',
        url: '/v1/records',
        headers: { cookie: `coffer_session=${expiring.cookie}` },
      })
      assert.equal(refused.json().code, 'SESSION_INVALID')

      clock.advance(12 * hour)
      assert.equal(await sweep(), 1)
      assert.equal(await exists(revokedLate.id), false)
    })

    it('two instances sweeping at once delete and count every expired row exactly once', async (t) => {
      if (target.name !== 'postgres') {
        t.skip('PGlite is one connection: nothing runs concurrently')
        return
      }
      const second = await wireTestCoffer(await testDb.openAnother(), {
        clock,
        config: { masterKey: coffer.config.masterKey, tokenSecret: coffer.config.tokenSecret },
      })
      await sweeper().sweepOnce() // what earlier tests left to expire
      const orgs: CreatedOrg[] = []
      const perOrg = 120
      for (let o = 0; o < 3; o++) {
        const created = await createOrg(coffer, { slug: `org-race-${o}`, actor: 'test' })
        orgs.push(created)
        await withTenant(coffer.db, created.orgId, async (sql) => {
          for (let i = 0; i < perOrg; i++) {
            await coffer.records.store(sql, 'test', {
              namespace: 'race',
              type: 'note',
              content: `r${i}`,
              ttlSeconds: 5,
              entities: [`e${i % 7}`],
            })
          }
        })
      }
      clock.advance(5_000)
      const first = new RecordsSweeper({ db: coffer.db, audit: coffer.audit, clock, batchSize: 7 })
      const other = new RecordsSweeper({ db: second.db, audit: second.audit, clock, batchSize: 7 })
      const [a, b] = await Promise.all([first.sweepOnce(), other.sweepOnce()])
      assert.equal(a.deleted + b.deleted, 3 * perOrg, 'deleted counts sum to the expired rows')
      let audited = 0
      for (const { orgId } of orgs) {
        audited += (await auditedExpiries(orgId)).total
        const { rows } = await testDb.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM records WHERE org_id = $1',
          [orgId],
        )
        assert.equal(rows[0]!.n, 0)
        const verified = await withTenant(coffer.db, orgId, (sql) => coffer.audit.verify(sql))
        assert.equal(verified.ok, true, 'both instances chained onto one audit log')
      }
      assert.equal(audited, 3 * perOrg, 'audited counts sum to the expired rows')
      second.keyCache.clear()
      await second.provider.close()
    })
  })
}
