import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * A PostgreSQL database owned by a fresh non-superuser role with CREATEROLE (README "Running on
 * PostgreSQL"), made through the superuser in COFFER_TEST_DATABASE_URL. Undefined without it.
 */
export interface OwnerRoleDatabase {
  /** The owner role's name. */
  role: string
  /** Connects as the owner role. */
  url: string
  /** Connects as the superuser, to the same database. */
  superuserUrl: string
  /** Runs one statement as the superuser in this database. */
  asSuperuser(text: string): Promise<pg.QueryResult>
  /** The database's name. */
  database: string
  drop(): Promise<void>
}

export const SUPERUSER_URL = process.env.COFFER_TEST_DATABASE_URL

function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  if (user) {
    parsed.username = user
    parsed.password = ''
  }
  return parsed.toString()
}

/** Runs one statement as the superuser, in `database` (default: the one in the URL). */
export async function superuserQuery(text: string, database?: string): Promise<pg.QueryResult> {
  const client = new pg.Client({
    connectionString: database ? withDatabase(SUPERUSER_URL!, database) : SUPERUSER_URL,
  })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

/**
 * Creates an empty database owned by a new role `coffer_owner_<random>` (LOGIN CREATEROLE), or
 * by `options.role` when given (an owner made by an earlier call; dropping leaves that role).
 */
export async function createOwnerRoleDatabase(options: { role?: string } = {}): Promise<OwnerRoleDatabase> {
  const suffix = `${Date.now()}_${randomBytes(4).toString('hex')}`
  const role = options.role ?? `coffer_owner_${suffix}`
  const database = `coffer_owned_${suffix}`
  if (!options.role) await superuserQuery(`CREATE ROLE ${role} LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS`)
  await superuserQuery(`CREATE DATABASE ${database} OWNER ${role}`)
  await superuserQuery(`ALTER SCHEMA public OWNER TO ${role}`, database)
  return {
    role,
    url: withDatabase(SUPERUSER_URL!, database, role),
    superuserUrl: withDatabase(SUPERUSER_URL!, database),
    asSuperuser: (text) => superuserQuery(text, database),
    database,
    async drop() {
      await superuserQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      if (!options.role) await superuserQuery(`DROP ROLE IF EXISTS ${role}`)
    },
  }
}
