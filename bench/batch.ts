/**
 * Batch bench: `POST /v1/records/batch` of 100 records against 100 single `POST /v1/records`,
 * records/s, in one run on one in-process server listening on loopback (real HTTP, fetch),
 * interleaved rounds, median of the rounds. Singles are sent one after another (c1) and 16 at a
 * time (c16); the batch is one request. Records are 1 KiB, searchable, audited, in one org.
 *
 * The database is PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is
 * created there and dropped at the end), else in-memory PGlite.
 * Environment: COFFER_BENCH_BATCH_ROUNDS (default 5).
 */
import { wireCoffer } from '../src/app.js'
import { buildHttpServer } from '../src/http/http-server.js'
import { createOrg, setOrgRateLimit } from '../src/tenancy/orgs.js'
import { testConfig } from '../test/support/coffer.js'
import { formatCount, openBenchDatabase, printTable, progressOf, type Row } from './bench-support.js'
import { seededRandom, textModel } from './search.js'

const progress = progressOf('batch')
const ROUNDS = Number(process.env.COFFER_BENCH_BATCH_ROUNDS ?? 5)
const RECORDS = 100
const SLUG = 'bench-batch'

/** 1 KiB of note text, a little different per record. */
function contentOf(i: number): string {
  const words = textModel(seededRandom(i + 1))
  let text = ''
  while (text.length < 1024) text += `${words.draw()} `
  return text.slice(0, 1024)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Prints records/s of one batch of 100 against 100 single stores (c1 and c16), as one table. */
export async function benchBatch(): Promise<void> {
  const { db, label, drop } = await openBenchDatabase()
  const rows: Row[] = []
  try {
    const coffer = await wireCoffer(testConfig(), db)
    const org = await createOrg(coffer, { slug: SLUG, actor: 'bench' })
    await setOrgRateLimit(db, SLUG, 100_000_000)
    const http = await buildHttpServer(coffer)
    const base = await http.listen({ host: '127.0.0.1', port: 0 })
    const bodies = Array.from({ length: RECORDS }, (_, i) => ({ namespace: 'bench', content: contentOf(i) }))
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.ownerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (response.status !== 201) throw new Error(`${path} answered ${response.status}`)
      await response.arrayBuffer()
    }
    const timed = async (run: () => Promise<void>) => {
      const started = performance.now()
      await run()
      return RECORDS / ((performance.now() - started) / 1000)
    }
    const targets: Record<string, () => Promise<void>> = {
      'singles c1': async () => {
        for (const body of bodies) await post('/v1/records', body)
      },
      'singles c16': async () => {
        let next = 0
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (next < bodies.length) await post('/v1/records', bodies[next++])
          }),
        )
      },
      'batch of 100': () => post('/v1/records/batch', { records: bodies }),
    }
    // One warm-up round (keys unwrapped, namespace created, statements planned), then the rounds.
    for (const run of Object.values(targets)) await run()
    const figures: Record<string, number[]> = Object.fromEntries(
      Object.keys(targets).map((name) => [name, []]),
    )
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, run] of Object.entries(targets)) figures[name]!.push(await timed(run))
      progress(`round ${round}/${ROUNDS}`)
    }
    await http.close()
    const batch = median(figures['batch of 100']!)
    for (const [name, values] of Object.entries(figures)) {
      const value = median(values)
      rows.push([
        `${name}: ${RECORDS} records`,
        `${formatCount(value)} records/s`,
        name === 'batch of 100'
          ? `median of ${ROUNDS}; 1 request, 1 transaction`
          : `median of ${ROUNDS}; batch is ${(batch / value).toFixed(1)}x`,
      ])
    }
    coffer.keyCache.clear()
    await coffer.provider.close()
  } finally {
    await drop()
  }
  printTable(['measure', 'value', 'detail'], rows)
  console.log(
    `database: ${label}; 1 KiB searchable records, audited, one org, in-process server over loopback`,
  )
}
