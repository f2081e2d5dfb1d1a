import type { FastifyInstance } from 'fastify'
import { pendingMigrations } from '../../db/migrate.js'
import type { Database } from '../../db/sql.js'
import { CofferError } from '../../errors.js'

/** `/health/live` (the process answers) and `/health/ready` (database reachable, migrations current). */
export function registerHealthRoutes(app: FastifyInstance, deps: { db: Database }): void {
  app.get('/health/live', async () => ({ status: 'ok' }))

  app.get('/health/ready', async () => {
    let pending: number[]
    try {
      pending = await pendingMigrations(deps.db)
    } catch (cause) {
      throw new CofferError('NOT_READY', 'database is not reachable or its schema is not ours', { cause })
    }
    if (pending.length > 0) throw new CofferError('NOT_READY', `migrations pending: ${pending.join(', ')}`)
    return { status: 'ok', database: deps.db.kind }
  })
}
