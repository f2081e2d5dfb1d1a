import pg from 'pg'
import { CofferError } from '../errors.js'
import { connectionFailureReason } from './connection-errors.js'
import { DatabaseAvailability } from './database-availability.js'
import type { Database, Queryable, SqlResult } from './sql.js'

/** How long a request waits for a new connection before it answers DATABASE_UNAVAILABLE. */
export const CONNECT_TIMEOUT_MS = 10_000

/**
 * Opens a `pg` pool on a PostgreSQL server. Its statements and transactions throw
 * DATABASE_UNAVAILABLE (driver error on `cause`) when a connection is refused or lost, and its
 * `availability` tells when an outage starts and ends.
 */
export async function openPostgres(options: {
  connectionString: string
  maxConnections?: number
  connectTimeoutMs?: number
  onIdleError?: (error: Error) => void
}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'coffer',
    // A server that does not answer (a black-holed host) must not hold a request for ever.
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
  })
  const availability = new DatabaseAvailability()
  const noteConnectionError = (error: Error) => {
    const reason = connectionFailureReason(error)
    if (reason) availability.reportFailure(reason)
  }
  // An idle connection that dies (server restart) must not crash the process.
  pool.on('error', (error) => {
    noteConnectionError(error)
    options.onIdleError?.(error)
  })
  // Every client listens for 'error' for its whole life. The pool's own listener comes off when it
  // hands a client out, before the caller can attach one (a backend terminated just as it became
  // ready was seen to crash the process in that gap), and node-postgres' 'error' event with no
  // listener ends the process.
  pool.on('connect', (client) => client.on('error', noteConnectionError))

  /**
   * Runs `step`; a lost or refused connection becomes DATABASE_UNAVAILABLE (cause kept for the
   * log), and the availability tracker hears of every outcome.
   */
  async function observed<T>(step: () => Promise<T>): Promise<T> {
    try {
      const result = await step()
      availability.reportSuccess()
      return result
    } catch (error) {
      throw unavailableOr(error)
    }
  }

  function unavailableOr(error: unknown): unknown {
    if (error instanceof CofferError) return error
    const reason = connectionFailureReason(error)
    if (!reason) return error
    availability.reportFailure(reason)
    return new CofferError('DATABASE_UNAVAILABLE', `database unavailable: ${reason}`, { cause: error })
  }

  async function run<Row>(
    target: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>> {
    const result = await observed(() => target.query(text, params as unknown[] | undefined))
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 }
  }

  return {
    kind: 'postgres',
    availability,
    query: (text, params) => run(pool, text, params),
    exec: async (script) => {
      await observed(() => pool.query(script))
    },
    async transaction(fn, options) {
      const client = await observed(() => pool.connect())
      // While checked out the pool no longer listens on the client: a backend ended between two
      // statements (pg_terminate_backend, a restart, idle_in_transaction_session_timeout) emits
      // 'error'; it is remembered here. The next statement on the client then fails, and the
      // client is destroyed below, never pooled again.
      let broken: Error | undefined
      const onError = (error: Error) => {
        broken ??= error
      }
      client.on('error', onError)
      const scoped: Queryable = {
        query: (text, params) => run(client, text, params),
        exec: async (script) => {
          await observed(() => client.query(script))
        },
      }
      const release = (error?: Error) => {
        client.removeListener('error', onError)
        // release(error) destroys the connection instead of pooling it.
        client.release(error ?? broken)
      }
      try {
        // BEGIN and the start script in one simple-protocol message: one round trip.
        await scoped.exec(options?.startScript ? `BEGIN; ${options.startScript}` : 'BEGIN')
        const result = await fn(scoped)
        await scoped.query('COMMIT')
        release()
        return result
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => undefined)
        release(error instanceof Error ? error : new Error('transaction failed'))
        throw error
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  }
}
