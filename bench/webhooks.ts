/**
 * Webhooks bench: one org, one endpoint subscribed to `*` on a local receiver (node:http on
 * 127.0.0.1, answering 204), 2,000 `record.created` events queued by storing records (100 per
 * transaction); then times `WebhookWorker.deliverOnce()` passes until every delivery is
 * delivered, and checks on the receiver's side that every `webhook-id` arrived exactly once.
 *
 * The database is PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is
 * created there and dropped at the end), else in-memory PGlite.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { wireCoffer } from '../src/app.js'
import type { OrgId } from '../src/db/org-id.js'
import type { TenantRunner } from '../src/keys/key-ports.js'
import { createOrg, listOrgs } from '../src/tenancy/orgs.js'
import { DEFAULT_DELIVERY_BATCH_SIZE, WebhookWorker } from '../src/webhooks/webhook-worker.js'
import { testConfig } from '../test/support/coffer.js'
import { formatCount, openBenchDatabase, printTable, progressOf, type Row } from './bench-support.js'

const progress = progressOf('webhooks')
const EVENTS = 2_000
const RECORDS_PER_TRANSACTION = 100
const ACTOR = 'bench'
const IDLE_ORGS = 200
const IDLE_PASSES = 15

/** Median wall time of `runs` calls of `fn`, in ms. */
async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

/** Prints delivery throughput and the receiver's exactly-once check as one table. */
export async function benchWebhooks(): Promise<void> {
  const { db, label, drop } = await openBenchDatabase()
  const arrivals = new Map<string, number>()
  const receiver = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const id = String(request.headers['webhook-id'])
      arrivals.set(id, (arrivals.get(id) ?? 0) + 1)
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const port = (receiver.address() as AddressInfo).port
  const rows: Row[] = []
  try {
    const coffer = await wireCoffer(testConfig(), db)
    const { orgId } = await createOrg(coffer, { slug: 'bench-webhooks', actor: ACTOR })
    await coffer.inTenant(orgId, (sql) =>
      coffer.webhooks.endpoints.create(sql, ACTOR, {
        url: `http://127.0.0.1:${port}/hooks`,
        eventTypes: ['*'],
      }),
    )

    const emitStarted = performance.now()
    for (let done = 0; done < EVENTS; done += RECORDS_PER_TRANSACTION) {
      await coffer.inTenant(orgId, async (sql) => {
        for (let n = done; n < Math.min(EVENTS, done + RECORDS_PER_TRANSACTION); n++) {
          await coffer.records.store(sql, ACTOR, { namespace: 'notes', type: 'note', content: `note ${n}` })
        }
      })
      if ((done + RECORDS_PER_TRANSACTION) % 500 === 0) {
        progress(`stored ${formatCount(done + RECORDS_PER_TRANSACTION)}/${formatCount(EVENTS)} records`)
      }
    }
    const emitSeconds = (performance.now() - emitStarted) / 1000
    const queued = await countDeliveries(coffer.inTenant, orgId)
    rows.push([
      `emit: ${formatCount(EVENTS)} record.created`,
      `${emitSeconds.toFixed(1)} s`,
      `${formatCount(EVENTS / emitSeconds)} stores/s (store + audit + outbox row); ${formatCount(queued.pending)} pending`,
    ])

    const worker = new WebhookWorker({
      db: coffer.db,
      endpoints: coffer.webhooks.endpoints,
      clock: coffer.clock,
      requirePublicTargets: false,
    })
    const deliverStarted = performance.now()
    let passes = 0
    let delivered = 0
    for (;;) {
      const pass = await worker.deliverOnce()
      passes++
      delivered += pass.delivered
      if (pass.retrying + pass.failed > 0) {
        throw new Error(`pass ${passes}: ${pass.retrying} retrying, ${pass.failed} failed`)
      }
      if (pass.delivered === 0) break
      progress(`pass ${passes}: ${formatCount(delivered)}/${formatCount(EVENTS)} delivered`)
    }
    const deliverSeconds = (performance.now() - deliverStarted) / 1000
    const after = await countDeliveries(coffer.inTenant, orgId)
    if (after.delivered !== EVENTS || after.pending !== 0) {
      throw new Error(`expected ${EVENTS} delivered, got ${after.delivered} (${after.pending} pending)`)
    }
    rows.push([
      `deliver: ${formatCount(EVENTS)} deliveries`,
      `${formatCount(EVENTS / deliverSeconds)}/s`,
      `${deliverSeconds.toFixed(1)} s, ${passes} deliverOnce() pass(es) (last one empty), batches of ${DEFAULT_DELIVERY_BATCH_SIZE} sent at once`,
    ])

    const twice = [...arrivals.values()].filter((count) => count > 1).length
    const exactlyOnce = arrivals.size === EVENTS && twice === 0
    rows.push([
      'receiver: webhook-ids',
      `${formatCount(arrivals.size)}`,
      `${exactlyOnce ? 'every id exactly once' : `MISMATCH: ${twice} ids more than once`}; ${formatCount(
        [...arrivals.values()].reduce((sum, count) => sum + count, 0),
      )} requests`,
    ])

    // Idle cost: what a pass costs when nothing is due, with IDLE_ORGS orgs. Baseline: entering
    // every org to look (what the worker did before the cross-org lookup), same worker, same run.
    for (let n = 1; n < IDLE_ORGS; n++) await createOrg(coffer, { slug: `bench-idle-${n}`, actor: ACTOR })
    progress(`created ${formatCount(IDLE_ORGS)} orgs for the idle pass`)
    const lookupMs = await medianMs(IDLE_PASSES, () => worker.deliverOnce())
    const perOrgMs = await medianMs(IDLE_PASSES, async () => {
      const empty = { delivered: 0, retrying: 0, failed: 0 }
      for (const org of await listOrgs(coffer.db)) await worker.deliverOrg(org.id, empty)
    })
    rows.push([
      `idle pass, ${formatCount(IDLE_ORGS)} orgs`,
      `${lookupMs.toFixed(1)} ms`,
      `one cross-org lookup; entering every org instead: ${perOrgMs.toFixed(1)} ms (${(perOrgMs / lookupMs).toFixed(0)}×), median of ${IDLE_PASSES}`,
    ])
    coffer.keyCache.clear()
    await coffer.provider.close()
    if (!exactlyOnce) process.exitCode = 1
  } finally {
    receiver.closeAllConnections()
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
    await drop()
  }
  printTable(['measure', 'value', 'detail'], rows)
  console.log(
    `database: ${label}; one org, one endpoint (\`*\`) on a local node:http receiver answering 204 ` +
      `(127.0.0.1, plain http); one worker, ${DEFAULT_DELIVERY_BATCH_SIZE} requests in flight, each ` +
      'signed and recorded (one claim and one outcome transaction per batch).',
  )
}

async function countDeliveries(
  inTenant: TenantRunner,
  orgId: OrgId,
): Promise<{ pending: number; delivered: number }> {
  return inTenant(orgId, async (sql) => {
    const { rows } = await sql.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE org_id = $1 GROUP BY status',
      [orgId],
    )
    const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0
    return { pending: of('pending'), delivered: of('delivered') }
  })
}
