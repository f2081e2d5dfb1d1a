/**
 * What the database benches share: the database they run on, the table they print, progress
 * lines. PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is created
 * there and dropped at the end), else in-memory PGlite.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Coffer } from '../src/app.js'
import type { OrgId } from '../src/db/org-id.js'
import { openPostgres } from '../src/db/pg-driver.js'
import { openPGlite } from '../src/db/pglite-driver.js'
import type { Database } from '../src/db/sql.js'
import { uuidV7 } from '../src/internal/uuid-v7.js'
import { DEFAULT_NAMESPACE } from '../src/tenancy/orgs.js'

const SERVER_URL = process.env.COFFER_BENCH_DATABASE_URL || undefined

/** One line of a bench's table. */
export type Row = [measure: string, value: string, detail: string]

/** The database a bench runs on, what to call it in the output, and how to get rid of it. */
export interface BenchDatabase {
  db: Database
  label: string
  drop(): Promise<void>
}

/** PostgreSQL (a fresh database on COFFER_BENCH_DATABASE_URL's server) or in-memory PGlite. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  if (!SERVER_URL) {
    const db = await openPGlite({})
    return { db, label: 'PGlite (in memory)', drop: () => db.close() }
  }
  const name = `coffer_bench_${Date.now()}_${randomBytes(4).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  const db = await openPostgres({ connectionString: url.toString() })
  const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v
  return {
    db,
    label: `PostgreSQL (${version}, database ${name})`,
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

/** A progress writer for one bench: lines on stderr, so stdout holds only the figures. */
export function progressOf(bench: string): (line: string) => void {
  return (line) => process.stderr.write(`${bench} bench: ${line}\n`)
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** Prints rows as aligned columns, the second one (the value) right-aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')
  console.log(line(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row).trimEnd())
}

/** Rows per INSERT statement when seeding. */
export const ROWS_PER_INSERT = 1_000
const ROWS_PER_TRANSACTION = 10_000

/** ~200 bytes, as a CRM note or a support ticket holds. */
const NOTE =
  'Customer called about invoice #{n}: card ending 4242 was declined twice; billing address is now ' +
  '12 Main St, Springfield. Follow up by email within two business days and log the outcome here.'

/**
 * Writes `count` records into the org's default namespace: a few large transactions, one sealer
 * lease each, 1,000-row INSERTs. Not `records.store` (one audit entry per record).
 */
export async function seedRecords(
  coffer: Coffer,
  orgId: OrgId,
  count: number,
  progress: (line: string) => void,
): Promise<void> {
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
          // $1-$5 are the same for every row; each row adds its id, content and metadata.
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
              Buffer.from(
                JSON.stringify({ source: 'crm-import', priority: n % 3, tags: ['billing'] }),
                'utf8',
              ),
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
    if (count >= ROWS_PER_TRANSACTION) progress(`seeded ${formatCount(done)}/${formatCount(count)} records`)
  }
}
