/**
 * The small database port Coffer's code is written against (kysely's PostgresPool idea:
 * only the subset of a driver that we need). Drivers for PGlite and `pg` implement it.
 */

import type { DatabaseAvailability } from './database-availability.js'

/** Rows and count of one statement. */
export interface SqlResult<Row> {
  rows: Row[]
  rowCount: number
}

/** One parameterised statement. */
export interface Statement {
  text: string
  params?: readonly unknown[] | undefined
}

/** Anything that runs one parameterised statement. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>
  /** Runs a script of several statements with no parameters (migrations). */
  exec(script: string): Promise<void>
}

/** The statements of one open transaction. */
export interface Transaction extends Queryable {
  /**
   * Runs `statement` as the transaction's last, sent with COMMIT where the driver can (the writes
   * that waited, see TenantSql.defer). Nothing may be sent after it; the transaction commits when
   * `fn` resolves, as always.
   */
  commitWith(statement: Statement): Promise<void>
}

/** A database: statements, transactions on one connection, and shutdown. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /**
   * Whether the server answers, for drivers whose connections can be lost (PostgreSQL); the
   * embedded database has none.
   */
  readonly availability?: DatabaseAvailability
  /**
   * Runs `fn` in one transaction on one connection. Commits when `fn` resolves; rolls back when
   * it throws, and then destroys the connection instead of returning it to a pool, so nothing
   * set inside (role, settings) can leak into the next user of that connection.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>
  /** Connections of a pool (PostgreSQL); undefined where there is no pool (the embedded database). */
  poolStats?(): { total: number; idle: number; waiting: number } | undefined
  close(): Promise<void>
}

/** How a transaction starts. */
export interface TransactionOptions {
  /**
   * A statement run right after BEGIN and before `fn`: sent with BEGIN and the transaction's first
   * statement in one exchange where the driver can (the tenant door's scope).
   */
  start?: Statement
  /** `BEGIN READ ONLY`: a statement that writes fails. */
  readOnly?: boolean
  /**
   * `fn` sends one statement, no more: it travels with BEGIN, the start script and COMMIT in one
   * write where the driver can (a second statement throws INTERNAL there).
   */
  oneStatement?: boolean
}
