import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openPostgres } from '../../src/db/pg-driver.js'
import { openPGlite } from '../../src/db/pglite-driver.js'
import type { Database } from '../../src/db/sql.js'
import { dumpForLeakCheck } from './leak-canary.js'

/** A fresh, empty database for one test file, and how to get rid of it. */
export interface TestDatabase {
  db: Database
  /** Connection URL when the target is PostgreSQL (for pg_dump, second pools, the CLI). */
  url: string | undefined
  /** Opens another handle on the same database (PostgreSQL only), e.g. a one-connection pool. */
  openAnother(options?: { maxConnections?: number }): Promise<Database>
  /** Closes the handle and drops the database. */
  drop(): Promise<void>
}

/** One database implementation the suites run against. */
export interface DatabaseTarget {
  name: 'pglite' | 'postgres'
  create(): Promise<TestDatabase>
}

const SERVER_URL = process.env.COFFER_TEST_DATABASE_URL

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
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

/**
 * Captures the database for the suite's canary search before it goes. A test that closed its
 * handle itself (e.g. through `coffer.close()`) leaves nothing to capture: that is skipped.
 */
async function dumpBeforeDrop(db: Database): Promise<void> {
  try {
    await db.query('SELECT 1')
  } catch {
    return
  }
  await dumpForLeakCheck(db)
}

const PGLITE: DatabaseTarget = {
  name: 'pglite',
  async create() {
    const db = await openPGlite({})
    return {
      db,
      url: undefined,
      openAnother: () => Promise.reject(new Error('PGlite is a single connection')),
      async drop() {
        await dumpBeforeDrop(db)
        await db.close()
      },
    }
  },
}

const POSTGRES: DatabaseTarget = {
  name: 'postgres',
  async create() {
    const name = `coffer_test_${Date.now()}_${randomBytes(4).toString('hex')}`
    await adminQuery(`CREATE DATABASE ${name}`)
    const url = withDatabase(SERVER_URL!, name)
    const handles: Database[] = []
    const open = async (options?: { maxConnections?: number }) => {
      const handle = await openPostgres({
        connectionString: url,
        maxConnections: options?.maxConnections ?? 5,
        // As `coffer serve` runs (COFFER_DATABASE_PREPARED_STATEMENTS=on), except through a
        // PgBouncer that cannot carry prepared statements.
        preparedStatements: process.env.COFFER_DATABASE_PREPARED_STATEMENTS !== 'off',
      })
      handles.push(handle)
      return handle
    }
    const db = await open()
    return {
      db,
      url,
      openAnother: open,
      async drop() {
        await dumpBeforeDrop(db)
        for (const handle of handles) await handle.close().catch(() => undefined)
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      },
    }
  },
}

/**
 * PGlite always; PostgreSQL too when COFFER_TEST_DATABASE_URL is set (as on CI).
 * COFFER_TEST_TARGETS=postgres runs only PostgreSQL (the PgBouncer pass of CI).
 */
export const DATABASE_TARGETS: DatabaseTarget[] = (SERVER_URL ? [PGLITE, POSTGRES] : [PGLITE]).filter(
  (target) =>
    !process.env.COFFER_TEST_TARGETS || process.env.COFFER_TEST_TARGETS.split(',').includes(target.name),
)
