/**
 * Export bench: pages through one org of 100,000 records with `RecordsExport.page` (limit 1,000),
 * in both formats, and reports records/s and how much the process's resident memory grew while it
 * ran (sampled after every page): an export must run in bounded memory, whatever the org's size.
 *
 * The database is PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is
 * created there and dropped at the end), else in-memory PGlite (whose WASM heap is part of this
 * process's RSS, so its figure includes the database's own memory).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { type Coffer, wireCoffer } from '../src/app.js'
import type { OrgId } from '../src/db/org-id.js'
import { type ExportFormat, RecordsExport } from '../src/records/records-export.js'
import { createOrg } from '../src/tenancy/orgs.js'
import { testConfig } from '../test/support/coffer.js'
import {
  formatCount,
  openBenchDatabase,
  printTable,
  progressOf,
  ROWS_PER_INSERT,
  type Row,
  seedRecords,
} from './bench-support.js'

const progress = progressOf('export')
const RECORDS = 100_000
const PAGE_LIMIT = 1_000
const ACTOR = 'bench'
const MIB = 1024 * 1024

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** Prints export throughput and memory growth, plain and sealed, as one table. */
export async function benchExport(): Promise<void> {
  const { db, label, drop } = await openBenchDatabase()
  const rows: Row[] = []
  try {
    const coffer = await wireCoffer(testConfig(), db)
    const { orgId } = await createOrg(coffer, { slug: 'bench-export', actor: ACTOR })
    const seedStarted = performance.now()
    await seedRecords(coffer, orgId, RECORDS, progress)
    const seedSeconds = (performance.now() - seedStarted) / 1000
    rows.push([
      `seed: ${formatCount(RECORDS)} records`,
      `${seedSeconds.toFixed(1)} s`,
      `${formatCount(RECORDS / seedSeconds)} records/s; ${formatCount(ROWS_PER_INSERT)}-row INSERTs`,
    ])
    const exporter = new RecordsExport({ keyring: coffer.keyring, audit: coffer.audit, clock: coffer.clock })
    for (const format of ['sealed', 'plain'] as const)
      rows.push(...(await exportAll(coffer, exporter, orgId, format)))
    coffer.keyCache.clear()
    await coffer.provider.close()
  } finally {
    await drop()
  }
  printTable(['measure', 'value', 'detail'], rows)
  console.log(
    `database: ${label}; one org, ${formatCount(RECORDS)} records of ~200 B content + metadata, pages of ` +
      `${formatCount(PAGE_LIMIT)}, one transaction per page (audited). RSS growth: the largest ` +
      'process.memoryUsage().rss sampled after any page, minus the RSS after a full GC before the first page.',
  )
}

/** Exports every record of the org in `format`, checking each id comes once and in order. */
async function exportAll(
  coffer: Coffer,
  exporter: RecordsExport,
  orgId: OrgId,
  format: ExportFormat,
): Promise<Row[]> {
  progress(`exporting ${formatCount(RECORDS)} records, ${format}`)
  collectGarbage()
  const baseline = process.memoryUsage().rss
  let maxRss = baseline
  let cursor: string | undefined
  let count = 0
  let pages = 0
  let lastId = ''
  const started = performance.now()
  do {
    const page = await coffer.inTenant(orgId, (sql) =>
      exporter.page(sql, {
        actor: ACTOR,
        limit: PAGE_LIMIT,
        cursor,
        format,
        access: 'whole-org',
        includeSecrets: true,
      }),
    )
    for (const item of page.items) {
      if (item.kind !== 'record' || item.id <= lastId)
        throw new Error(`export: ${item.kind} ${item.id} out of order`)
      lastId = item.id
      count++
    }
    pages++
    cursor = page.next_cursor ?? undefined
    maxRss = Math.max(maxRss, process.memoryUsage().rss)
  } while (cursor !== undefined)
  const seconds = (performance.now() - started) / 1000
  if (count !== RECORDS) throw new Error(`export ${format}: ${count} records, expected ${RECORDS}`)
  return [
    [
      `export ${format}: records/s`,
      formatCount(count / seconds),
      `${formatCount(count)} records, ${pages} pages in ${seconds.toFixed(1)} s`,
    ],
    [
      `export ${format}: max RSS growth`,
      `${((maxRss - baseline) / MIB).toFixed(1)} MiB`,
      `from ${(baseline / MIB).toFixed(0)} MiB`,
    ],
  ]
}
