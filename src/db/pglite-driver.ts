import { PGlite } from '@electric-sql/pglite'
import type { Database, SqlResult, Transaction } from './sql.js'

/**
 * Opens the embedded database. `dataDir` undefined keeps it in memory (tests).
 * PGlite is one connection: transactions are serialised by PGlite itself.
 */
export async function openPGlite(options: { dataDir?: string }): Promise<Database> {
  const pglite = options.dataDir === undefined ? new PGlite() : new PGlite(options.dataDir)
  await pglite.waitReady

  async function run<Row>(
    target: Pick<PGlite, 'query'>,
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>> {
    const result = await target.query<Row>(text, params as unknown[] | undefined)
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length }
  }

  return {
    kind: 'pglite',
    query: (text, params) => run(pglite, text, params),
    exec: async (script) => {
      await pglite.exec(script)
    },
    transaction: (fn, options) =>
      pglite.transaction(async (tx) => {
        const scoped: Transaction = {
          query: (text, params) => run(tx, text, params),
          exec: async (script) => {
            await tx.exec(script)
          },
          commitWith: async (statement) => {
            await run(tx, statement.text, statement.params)
          },
        }
        // One connection: nothing to save by sending statements together (oneStatement).
        if (options?.readOnly) await tx.exec('SET TRANSACTION READ ONLY')
        if (options?.start) await run(tx, options.start.text, options.start.params)
        return fn(scoped)
      }),
    close: () => pglite.close(),
  }
}
