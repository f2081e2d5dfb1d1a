import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { CofferError } from '../errors.js'
import type { Database, Queryable } from './sql.js'

/** One numbered migration file. */
export interface Migration {
  version: number
  name: string
  sql: string
  checksum: string
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url)
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/
/** Arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_202_611_230

/** Reads the numbered `.sql` files, in order. */
export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort()
  const migrations: Migration[] = []
  for (const file of files) {
    const match = FILE_PATTERN.exec(file)
    if (!match) throw new CofferError('MIGRATION_FAILED', `migration file name ${file} is not NNNN_name.sql`)
    const sql = await readFile(new URL(file, dir), 'utf8')
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    })
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CofferError('MIGRATION_FAILED', `migration ${migration.version} is out of sequence`)
    }
  })
  return migrations
}

async function appliedMigrations(sql: Queryable): Promise<Map<number, string>> {
  const exists = await sql.query<{ present: boolean }>(
    "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present",
  )
  if (!exists.rows[0]?.present) return new Map()
  const { rows } = await sql.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  )
  return new Map(rows.map((row) => [row.version, row.checksum]))
}

function assertUnchanged(migrations: Migration[], applied: Map<number, string>): void {
  for (const [version, checksum] of applied) {
    const migration = migrations.find((m) => m.version === version)
    if (!migration) {
      throw new CofferError('MIGRATION_FAILED', `database has migration ${version}, unknown to this build`)
    }
    if (migration.checksum !== checksum) {
      throw new CofferError(
        'MIGRATION_FAILED',
        `migration ${version}_${migration.name} changed after it was applied`,
      )
    }
  }
}

/**
 * Applies pending migrations in order, in one transaction, under an advisory lock so that
 * two instances starting at once do not both migrate. Returns the versions applied.
 * @throws MIGRATION_FAILED when a file is misnamed, out of sequence, changed after it was applied, or fails.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations())
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const applied = await appliedMigrations(tx)
    assertUnchanged(all, applied)
    const pending = all.filter((m) => !applied.has(m.version))
    for (const migration of pending) {
      try {
        await tx.exec(migration.sql)
      } catch (cause) {
        throw new CofferError('MIGRATION_FAILED', `migration ${migration.version}_${migration.name} failed`, {
          cause,
        })
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ])
    }
    return pending.map((m) => m.version)
  })
}

/** Versions that are in this build but not yet applied (empty when current). */
export async function pendingMigrations(db: Queryable, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations())
  const applied = await appliedMigrations(db)
  assertUnchanged(all, applied)
  return all.filter((m) => !applied.has(m.version)).map((m) => m.version)
}
