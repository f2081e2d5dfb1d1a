/**
 * Export bench: pages through one org of 100,000 records with `RecordsExport.page` (limit 1,000),
 * in both formats, and reports records/s and how much the process's resident memory grew while it
 * ran (sampled after every page): an export must run in bounded memory, whatever the org's size.
 *
 * The database is PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is
 * created there and dropped at the end), else in-memory PGlite (whose WASM heap is part of this
 * process's RSS, so its figure includes the database's own memory).
 */
import { randomBytes } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import pg from 'pg'
import { type Coffer, wireCoffer } from '../src/app.js'
import type { OrgId } from '../src/db/org-id.js'
import { openPostgres } from '../src/db/pg-driver.js'
import { openPGlite } from '../src/db/pglite-driver.js'
import type { Database } from '../src/db/sql.js'
import { uuidV7 } from '../src/internal/uuid-v7.js'
import { type ExportFormat, RecordsExport } from '../src/records/records-export.js'
import { createOrg, DEFAULT_NAMESPACE } from '../src/tenancy/orgs.js'
import { testConfig } from '../test/support/coffer.js'

const SERVER_URL = process.env.COFFER_BENCH_DATABASE_URL || undefined
const RECORDS = 100_000
const PAGE_LIMIT = 1_000
const ROWS_PER_INSERT = 1_000
const ROWS_PER_TRANSACTION = 10_000
const ACTOR = 'bench'
const MIB = 1024 * 1024

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** ~200 bytes, as a CRM note or a support ticket holds. */
const NOTE =
  'Customer called about invoice #{n}: card ending 4242 was declined twice; billing address is now ' +
  '12 Main St, Springfield. Follow up by email within two business days and log the outcome here.'

type Row = [measure: string, value: string, detail: string]

/** Prints export throughput and memory growth, plain and sealed, as one table. */
export async function benchExport(): Promise<void> {
  const { db, label, drop } = await openBenchDatabase()
  const rows: Row[] = []
  try {
    const coffer = await wireCoffer(testConfig(), db)
    const { orgId } = await createOrg(coffer, { slug: 'bench-export', actor: ACTOR })
    const seedStarted = performance.now()
    await seedRecords(coffer, orgId, RECORDS)
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

/** Writes `count` records into the org's default namespace with 1,000-row INSERTs (no audit entries). */
async function seedRecords(coffer: Coffer, orgId: OrgId, count: number): Promise<void> {
  for (let done = 0; done < count; ) {
    const end = Math.min(count, done + ROWS_PER_TRANSACTION)
    await coffer.inTenant(orgId, async (sql) => {
      const { rows } = await sql.query<{ id: string }>(
        'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
        [orgId, DEFAULT_NAMESPACE],
      )
      const sealer = await coffer.keyring.leaseSealer(sql)
      try {
        for (let first = done; first < end; first += ROWS_PER_INSERT) {
          const now = new Date()
          const params: unknown[] = [orgId, rows[0]!.id, 'note', sealer.version, now]
          const values: string[] = []
          for (let n = first; n < Math.min(end, first + ROWS_PER_INSERT); n++) {
            const id = uuidV7(now.getTime())
            const content = sealer.seal(
              { table: 'records', column: 'content', rowId: id },
              Buffer.from(NOTE.replace('{n}', String(100_000 + n)), 'utf8'),
            )
            const metadata = sealer.seal(
              { table: 'records', column: 'metadata', rowId: id },
              Buffer.from(JSON.stringify({ source: 'crm-import', priority: n % 3 }), 'utf8'),
            )
            const at = params.push(id, content.envelope, metadata.envelope)
            values.push(`($1, $${at - 2}, $2, $3, $${at - 1}, $${at}, $4, $5, $5)`)
          }
          await sql.query(
            `INSERT INTO records (org_id, id, namespace_id, type, content, metadata, key_version, created_at, updated_at)
             VALUES ${values.join(', ')}`,
            params,
          )
        }
      } finally {
        sealer.release()
      }
    })
    done = end
    progress(`seeded ${formatCount(done)}/${formatCount(count)} records`)
  }
}

/** PostgreSQL (a fresh database on COFFER_BENCH_DATABASE_URL's server) or in-memory PGlite. */
async function openBenchDatabase(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  if (!SERVER_URL) {
    const db = await openPGlite({})
    return { db, label: 'PGlite (in memory)', drop: () => db.close() }
  }
  const name = `coffer_bench_${Date.now()}_${randomBytes(4).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  const db = await openPostgres({ connectionString: url.toString() })
  return {
    db,
    label: `PostgreSQL (${(await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v})`,
    async drop() {
      await db.close().catch(() => undefined)
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

function progress(line: string): void {
  process.stderr.write(`export bench: ${line}\n`)
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')
  console.log(line(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row).trimEnd())
}
