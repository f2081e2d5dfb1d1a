import pg from 'pg'
import type { Database, Queryable, SqlResult } from './sql.js'

/** Opens a `pg` pool on a PostgreSQL server. */
export async function openPostgres(options: {
  connectionString: string
  maxConnections?: number
  onIdleError?: (error: Error) => void
}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'coffer',
  })
  // An idle connection that dies (server restart) must not crash the process.
  pool.on('error', (error) => options.onIdleError?.(error))

  async function run<Row>(
    target: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>> {
    const result = await target.query(text, params as unknown[] | undefined)
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 }
  }

  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    exec: async (script) => {
      await pool.query(script)
    },
    async transaction(fn, options) {
      const client = await pool.connect()
      const scoped: Queryable = {
        query: (text, params) => run(client, text, params),
        exec: async (script) => {
          await client.query(script)
        },
      }
      try {
        // BEGIN and the start script in one simple-protocol message: one round trip.
        await client.query(options?.startScript ? `BEGIN; ${options.startScript}` : 'BEGIN')
        const result = await fn(scoped)
        await client.query('COMMIT')
        client.release()
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        // release(error) destroys the connection instead of pooling it.
        client.release(error instanceof Error ? error : new Error('transaction failed'))
        throw error
      }
    },
    close: () => pool.end(),
  }
}
