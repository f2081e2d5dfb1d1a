import type { Database } from '../db/sql.js'
import type { CofferMetrics } from './metrics.js'

/** The database with every transaction timed (BEGIN to COMMIT or ROLLBACK), by outcome. Statements pass through. */
export function instrumentDatabase(db: Database, metrics: CofferMetrics): Database {
  return {
    kind: db.kind,
    ...(db.availability ? { availability: db.availability } : {}),
    query: (text, params) => db.query(text, params),
    exec: (script) => db.exec(script),
    async transaction(fn, options) {
      const stop = metrics.transactionDuration.startTimer()
      try {
        const result = await db.transaction(fn, options)
        stop({ outcome: 'commit' })
        return result
      } catch (error) {
        stop({ outcome: 'rollback' })
        throw error
      }
    },
    poolStats: () => db.poolStats?.(),
    close: () => db.close(),
  }
}
