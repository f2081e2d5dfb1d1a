import pg from 'pg'
import { CofferError } from '../errors.js'
import { connectionFailureReason } from './connection-errors.js'
import { DatabaseAvailability } from './database-availability.js'
import { type BatchStatement, StatementBatch } from './pg-batch.js'
import type { Database, SqlResult, Statement, Transaction } from './sql.js'

/** Distinct statement texts prepared at most: past this, statements go unnamed (planned each time). */
export const MAX_PREPARED_STATEMENTS = 1000

/**
 * Names for statement texts, the same name for the same text for the life of the pool. A named
 * statement is parsed once per connection and PostgreSQL may keep a generic plan for it: planning
 * was most of a read's server time (0.6 of 0.7 ms). The first MAX_PREPARED_STATEMENTS texts get
 * names, so a backend's prepared statements stay bounded whatever texts are built at run time.
 */
function preparedStatementNames(): (text: string) => string | undefined {
  const names = new Map<string, string>()
  return (text) => {
    let name = names.get(text)
    if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
      name = `coffer_${names.size + 1}`
      names.set(text, name)
    }
    return name
  }
}

/** Statements without parameters that are prepared all the same: every transaction sends them. */
const CONTROL_STATEMENTS = new Set(['BEGIN', 'BEGIN READ ONLY', 'COMMIT'])

/** Rows and count of a driver result. */
function resultOf<Row>(result: unknown): SqlResult<Row> {
  const { rows, rowCount } = result as pg.QueryResult
  return { rows: rows as Row[], rowCount: rowCount ?? 0 }
}

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
  /** Statements prepared once per connection, plans kept (see preparedStatementNames); default off. */
  preparedStatements?: boolean
  onIdleError?: (error: Error) => void
}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'coffer',
    // A server that does not answer (a black-holed host) must not hold a request for ever.
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
    // Statements are written without waiting for the one before (node-postgres' pipeline mode):
    // a transaction's BEGIN travels with its first statement and COMMIT with its last.
    pipeline: true,
  } as pg.PoolConfig)
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

  const names = options.preparedStatements ? preparedStatementNames() : undefined
  /**
   * The name a statement is prepared under (once per connection), if any: statements with
   * parameters, and the transactions' own BEGIN and COMMIT.
   */
  const nameOf = (text: string, params: readonly unknown[] | undefined): string | undefined =>
    (params !== undefined && params.length > 0) || CONTROL_STATEMENTS.has(text) ? names?.(text) : undefined
  /** A statement as node-postgres takes it. */
  const queryOf = (text: string, params: readonly unknown[] | undefined): pg.QueryConfig => {
    const values = params as unknown[] | undefined
    const name = nameOf(text, params)
    return { text, ...(name ? { name } : {}), ...(values ? { values } : {}) }
  }

  /** A statement as a batch sends it. */
  const batchStatementOf = (statement: Statement): BatchStatement => ({
    text: statement.text,
    params: statement.params ?? [],
    name: nameOf(statement.text, statement.params),
  })

  /** The batch of each connection still taking statements this turn of the event loop (see together). */
  const openBatches = new WeakMap<pg.PoolClient, StatementBatch>()

  /**
   * Hands the connection's open batch, if any, to the client now. A statement sent past the batch
   * (a simple-protocol script, ROLLBACK) calls this first, so statements leave in the order they
   * were issued.
   */
  function sendOpenBatch(client: pg.PoolClient): void {
    const open = openBatches.get(client)
    if (!open) return
    openBatches.delete(client)
    client.query(open)
  }

  /**
   * Sends statements without waiting for an answer, and waits for all. Statements sent in one turn
   * of the event loop on one connection (a Promise.all of lookups, BEGIN with the first statement,
   * the last with COMMIT) go as one StatementBatch: one exchange with one Sync, answered in one
   * flush. Inside a transaction the first failure aborts it, so every later statement fails too
   * (with the same error); the first failure is what this throws.
   */
  function together(client: pg.PoolClient, statements: readonly Statement[]): Promise<pg.QueryResult[]> {
    let batch = openBatches.get(client)
    if (!batch) {
      const opened = new StatementBatch(client)
      openBatches.set(client, opened)
      process.nextTick(() => sendOpenBatch(client))
      batch = opened
    }
    const open = batch
    const sent = statements.map((statement) => open.add(batchStatementOf(statement)))
    return observed(() => Promise.all(sent))
  }

  async function run<Row>(
    target: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>> {
    return resultOf<Row>(await observed(() => target.query(queryOf(text, params))))
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
      const release = (error?: Error) => {
        client.removeListener('error', onError)
        // release(error) destroys the connection instead of pooling it.
        client.release(error ?? broken)
      }
      // BEGIN and the start statement are not sent on their own: they go out with the
      // transaction's first statement, and COMMIT with its last, in one batch (see together).
      const begin: Statement = { text: options?.readOnly ? 'BEGIN READ ONLY' : 'BEGIN' }
      let begun = false
      let committed = false
      const opening = (): Statement[] => {
        if (begun) return []
        begun = true
        return options?.start ? [begin, options.start] : [begin]
      }
      const refuseAfterCommit = () => {
        if (committed) throw new CofferError('INTERNAL', 'a statement after the transaction committed')
      }
      const commit = async (last: Statement | undefined) => {
        refuseAfterCommit()
        committed = true
        const results = await together(client, [...opening(), ...(last ? [last] : []), { text: 'COMMIT' }])
        // A statement of the transaction that failed unseen would turn COMMIT into ROLLBACK.
        if ((results.at(-1) as pg.QueryResult | undefined)?.command !== 'COMMIT') {
          throw new CofferError('INTERNAL', 'the transaction was rolled back')
        }
        return results
      }
      const scoped: Transaction = {
        query: async (text, params) => {
          refuseAfterCommit()
          if (!options?.oneStatement) {
            const results = await together(client, [...opening(), { text, params }])
            return resultOf(results.at(-1))
          }
          if (begun) throw new CofferError('INTERNAL', 'a one-statement transaction sent a second statement')
          return resultOf((await commit({ text, params })).at(-2))
        },
        exec: async (script) => {
          refuseAfterCommit()
          const start = opening()
          if (start.length > 0) await together(client, start)
          sendOpenBatch(client)
          await observed(() => client.query(script))
        },
        commitWith: async (statement) => {
          await commit(statement)
        },
      }
      try {
        const result = await fn(scoped)
        // Nothing sent: there is nothing to commit.
        if (!committed && begun) await commit(undefined)
        release()
        return result
      } catch (error) {
        sendOpenBatch(client)
        if (!broken && begun) await client.query('ROLLBACK').catch(() => undefined)
        release(error instanceof Error ? error : new Error('transaction failed'))
        throw error
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  }
}
