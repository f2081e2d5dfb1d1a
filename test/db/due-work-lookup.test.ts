// Stops: the periodic jobs entering every org on every pass (an idle instance with many orgs ran
// one tenant transaction per org every 2 s), the cross-org lookup missing an org with due work or
// naming a deleted one, and the admin role's new read access reaching anything but ids and times.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { Database } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { RecordsSweeper } from '../../src/records/records-sweeper.js'
import { endpointsWithDueDeliveries, orgsWithExpiredRecords } from '../../src/tenancy/due-work.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { WebhookWorker } from '../../src/webhooks/webhook-worker.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

const INSUFFICIENT_PRIVILEGE = '42501'

/** The database, counting the transactions opened through it. */
function counting(db: Database): { db: Database; transactions: () => number } {
  let transactions = 0
  const counted: Database = Object.create(db)
  counted.transaction = (fn) => {
    transactions++
    return db.transaction(fn)
  }
  return { db: counted, transactions: () => transactions }
}

for (const target of DATABASE_TARGETS) {
  describe(`the periodic jobs' cross-org due-work lookup on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    const clock = new TestClock()
    const orgs: CreatedOrg[] = []

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      for (let n = 0; n < 12; n++) orgs.push(await createOrg(coffer, { slug: `due-${n}`, actor: 'test' }))
    })
    after(async () => {
      await testDb.drop()
    })

    it('an idle pass of the delivery worker and the TTL sweeper opens one transaction each', async () => {
      const { db, transactions } = counting(coffer.db)
      const worker = new WebhookWorker({
        db,
        endpoints: coffer.webhooks.endpoints,
        clock,
        requirePublicTargets: false,
      })
      assert.deepEqual(await worker.deliverOnce(), { delivered: 0, retrying: 0, failed: 0 })
      assert.equal(transactions(), 1, `${orgs.length} orgs, nothing due: only the lookup`)
      const sweeper = new RecordsSweeper({ db, audit: coffer.audit, clock })
      assert.deepEqual(await sweeper.sweepOnce(), { deleted: 0, orgs: 0 })
      assert.equal(transactions(), 2)
    })

    it('names exactly the orgs with due work, never a deleted org', async () => {
      const [withDue, withLater, withExpired, deleted] = orgs
      const queue = async (orgId: CreatedOrg['orgId'], dueInMs: number) =>
        withTenant(coffer.db, orgId, async (sql) => {
          await coffer.webhooks.endpoints.create(sql, 'test', {
            url: 'http://127.0.0.1:9/x',
            eventTypes: ['*'],
          })
          await coffer.records.store(sql, 'test', { namespace: 'notes', type: 'note', content: 'x' })
          await sql.query('UPDATE webhook_deliveries SET next_attempt_at = $2 WHERE org_id = $1', [
            sql.orgId,
            new Date(clock.now() + dueInMs),
          ])
        })
      await queue(withDue!.orgId, 0)
      await queue(withLater!.orgId, 60_000)
      await queue(deleted!.orgId, 0)
      for (const org of [withExpired!, deleted!]) {
        await withTenant(coffer.db, org.orgId, (sql) =>
          coffer.records.store(sql, 'test', {
            namespace: 'notes',
            type: 'note',
            content: 'x',
            ttlSeconds: 1,
          }),
        )
      }
      // Deleting an org removes its rows too; here the org is only marked, its rows left behind.
      await coffer.db.query('UPDATE orgs SET deleted_at = now() WHERE id = $1', [deleted!.orgId])
      clock.advance(2_000)
      const now = new Date(clock.now())
      assert.deepEqual(
        (await endpointsWithDueDeliveries(coffer.db, now)).map((due) => due.orgId),
        [withDue!.orgId],
      )
      assert.deepEqual(await orgsWithExpiredRecords(coffer.db, now), [withExpired!.orgId])
      assert.deepEqual(
        (await endpointsWithDueDeliveries(coffer.db, new Date(clock.now() + 120_000))).map(
          (due) => due.orgId,
        ),
        [withDue!.orgId, withLater!.orgId].sort(),
      )
    })

    it('coffer_admin reads ids and times of the outbox and records, nothing else', async () => {
      const asAdmin = (text: string) =>
        coffer.db.transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE coffer_admin')
          return tx.query(text)
        })
      const denied = async (text: string) => {
        await assert.rejects(
          asAdmin(text),
          (error: { code?: string }) => error.code === INSUFFICIENT_PRIVILEGE,
          text,
        )
      }
      await asAdmin(
        'SELECT org_id, endpoint_id, status, next_attempt_at, finished_at FROM webhook_deliveries',
      )
      await asAdmin('SELECT org_id, expires_at FROM records')
      for (const column of ['payload', 'event_type', 'id', 'last_error', 'attempts']) {
        await denied(`SELECT ${column} FROM webhook_deliveries`)
      }
      for (const column of ['content', 'entities', 'metadata', 'id', 'type']) {
        await denied(`SELECT ${column} FROM records`)
      }
      await denied('SELECT * FROM webhook_endpoints')
      await denied('SELECT * FROM webhook_attempts')
      await denied("UPDATE webhook_deliveries SET status = 'failed'")
      await denied('DELETE FROM records')
    })
  })
}
