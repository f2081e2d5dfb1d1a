// Stops: an event lost when the server dies mid-burst (a committed outbox row never sent, or a
// claimed row whose lease never runs out), and a redelivery under a new webhook-id (receivers
// could not dedupe). Real processes on real PostgreSQL: the built `coffer serve`, killed with
// SIGKILL while it has requests in flight, then started again.
import assert from 'node:assert/strict'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg, setOrgRateLimit } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { recordLogLine, recordSecret } from '../support/leak-canary.js'
import { startServe, stopServe } from '../support/serve-process.js'

const EVENTS = 1_000
/** The receiver answers this many deliveries, then holds every further request until the kill. */
const ANSWER_BEFORE_KILL = 100
/** Each client waits this long between stores: the burst lasts at least 5 s, the kill comes inside it. */
const PAUSE_MS = 40
const POSTGRES = DATABASE_TARGETS.find((target) => target.name === 'postgres')

/** Puts every line the server prints on the suite's leak-check list (tokens, keys, content). */
function leakCheckOutput(server: { child: ChildProcessWithoutNullStreams; out: string }): void {
  recordLogLine(server.out)
  for (const stream of [server.child.stdout, server.child.stderr]) {
    let partial = ''
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop()!
      for (const line of lines) recordLogLine(line)
    })
    stream.on('end', () => {
      if (partial !== '') recordLogLine(partial)
    })
  }
}

describe('webhook deliveries survive SIGKILL of the server (PostgreSQL)', () => {
  let testDb: TestDatabase
  let org: CreatedOrg
  let env: Record<string, string>
  const children: ChildProcessWithoutNullStreams[] = []

  before(async () => {
    if (!POSTGRES) return
    testDb = await POSTGRES.create()
    const masterKey = randomBytes(32)
    const tokenSecret = randomBytes(32)
    recordSecret(masterKey.toString('base64'))
    recordSecret(tokenSecret.toString('base64'))
    const coffer = await wireTestCoffer(testDb.db, { config: { masterKey, tokenSecret } })
    org = await createOrg(coffer, { slug: 'crash', actor: 'test' })
    await setOrgRateLimit(testDb.db, 'crash', 1_000_000)
    env = {
      COFFER_DATABASE_URL: testDb.url!,
      COFFER_MASTER_KEY: masterKey.toString('base64'),
      COFFER_TOKEN_SECRET: tokenSecret.toString('base64'),
      COFFER_LISTEN: '127.0.0.1:0',
      COFFER_LOG_LEVEL: 'info',
    }
  })
  after(async () => {
    for (const child of children) await stopServe(child, 'SIGKILL')
    if (testDb) await testDb.drop()
  })

  it('a burst of 1,000 events, the server SIGKILLed mid-delivery: every event arrives, same ids', async (t) => {
    if (!POSTGRES) {
      t.skip('needs PostgreSQL (COFFER_TEST_DATABASE_URL): the server runs as a separate process')
      return
    }
    /** Arrivals per webhook-id, and which ids arrived before the kill. */
    const arrivals = new Map<string, number>()
    const beforeKill = new Set<string>()
    const held: ServerResponse[] = []
    let answered = 0
    let serverKilled = false
    const receiver = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        const id = String(request.headers['webhook-id'])
        arrivals.set(id, (arrivals.get(id) ?? 0) + 1)
        if (!serverKilled) beforeKill.add(id)
        if (!serverKilled && answered >= ANSWER_BEFORE_KILL) {
          held.push(response)
        } else {
          answered++
          response.writeHead(204).end()
        }
      })
    })
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done))
    try {
      const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
      const first = await startServe(env)
      leakCheckOutput(first)
      children.push(first.child)
      const auth = { authorization: `Bearer ${org.ownerToken}`, 'content-type': 'application/json' }
      const created = await fetch(`${first.url}/v1/webhooks`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url: receiverUrl, event_types: ['record.created'] }),
      })
      assert.equal(created.status, 201)

      // The burst: 1,000 records stored by 8 concurrent clients (at most 200/s). The kill comes
      // while it runs; a store cut off by it is sent again to the restarted server (it may have
      // committed: then the record exists twice, each with its own event).
      let serverUrl = first.url
      let started = 0
      let acknowledged = 0
      let stopClients = false
      const client = async () => {
        while (started < EVENTS && !stopClients) {
          started++
          try {
            const response = await fetch(`${serverUrl}/v1/records`, {
              method: 'POST',
              headers: auth,
              body: JSON.stringify({ namespace: 'default', type: 'note', content: `burst ${started}` }),
            })
            assert.equal(response.status, 201, await response.text())
            acknowledged++
            await sleep(PAUSE_MS)
          } catch (error) {
            if (!serverKilled) throw error
            started-- // The server was killed under this request; the restarted one gets it.
            return
          }
        }
      }
      const burst = Promise.all(Array.from({ length: 8 }, client))
      for (let waited = 0; held.length === 0; waited += 20) {
        assert.ok(waited < 60_000, `no delivery held after 60 s (${arrivals.size} arrived)`)
        await sleep(20)
      }
      await sleep(100) // Let the worker's whole batch reach the receiver.
      stopClients = true
      serverKilled = true
      await stopServe(first.child, 'SIGKILL')
      for (const response of held) response.destroy()
      await burst
      const inFlightAtKill = held.length
      const acknowledgedAtKill = acknowledged
      assert.ok(inFlightAtKill >= 1, 'the kill came with deliveries in flight')
      assert.ok(acknowledgedAtKill < EVENTS, 'the kill came mid-burst')

      const second = await startServe(env)
      leakCheckOutput(second)
      children.push(second.child)
      serverUrl = second.url
      stopClients = false
      await Promise.all(Array.from({ length: 8 }, client))
      assert.equal(acknowledged, EVENTS)
      const queued = await withTenant(testDb.db, org.orgId, async (sql) => {
        const { rows } = await sql.query<{ id: string; record_id: string }>(
          `SELECT id, payload->'data'->>'id' AS record_id FROM webhook_deliveries WHERE org_id = $1`,
          [sql.orgId],
        )
        return rows
      })
      assert.ok(
        queued.length >= acknowledged,
        `${queued.length} deliveries queued, ${acknowledged} stores acknowledged`,
      )
      const stored = await withTenant(testDb.db, org.orgId, async (sql) => {
        const { rows } = await sql.query<{ id: string }>('SELECT id FROM records WHERE org_id = $1', [
          sql.orgId,
        ])
        return rows.map((row) => row.id)
      })
      assert.deepEqual(
        queued.map((row) => row.record_id).sort(),
        [...stored].sort(),
        'exactly one delivery per committed record: none lost with the kill, none for a rolled-back one',
      )

      // Leased rows wait for their lease (10 s timeout + 10 s slack) to run out, then go again.
      for (let waited = 0; queued.some((row) => !arrivals.has(row.id)); waited += 250) {
        assert.ok(waited < 120_000, `${queued.filter((row) => !arrivals.has(row.id)).length} never arrived`)
        await sleep(250)
      }
      const statuses = await withTenant(testDb.db, org.orgId, async (sql) => {
        for (let waited = 0; ; waited += 250) {
          const { rows } = await sql.query<{ pending: number }>(
            `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE org_id = $1 AND status <> 'delivered'`,
            [sql.orgId],
          )
          if (rows[0]!.pending === 0 || waited > 30_000) return rows[0]!.pending
          await sleep(250)
        }
      })
      assert.equal(statuses, 0, 'every delivery ends delivered')
      const queuedIds = new Set(queued.map((row) => row.id))
      assert.deepEqual(
        [...arrivals.keys()].filter((id) => !queuedIds.has(id)),
        [],
        'no id that was not queued',
      )
      const twice = [...arrivals].filter(([, count]) => count > 1).map(([id]) => id)
      assert.ok(twice.length >= 1, 'the requests in flight at the kill were sent again')
      for (const id of twice)
        assert.ok(beforeKill.has(id), 'a redelivery carries the id of the first attempt')
      t.diagnostic(
        `${acknowledgedAtKill} of ${EVENTS} stores acknowledged at the kill, ${queued.length} records in all; ` +
          `${inFlightAtKill} deliveries in flight at the kill; ` +
          `${twice.length} ids delivered twice, none lost`,
      )
      await stopServe(second.child, 'SIGKILL')
    } finally {
      receiver.closeAllConnections()
      await new Promise<void>((done) => receiver.close(() => done()))
    }
  })
})
