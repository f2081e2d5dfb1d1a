import type { FastifyInstance } from 'fastify'
import { pendingMigrations } from '../../db/migrate.js'
import type { Database } from '../../db/sql.js'
import { CofferError, isCofferError } from '../../errors.js'
import type { RootKeyProvider } from '../../keys/root-key-provider.js'
import { HEALTH_LIVE, HEALTH_READY } from '../openapi/response-schemas.js'

/**
 * `/health/live` (the process answers) and `/health/ready` (database reachable, migrations
 * current, root key provider reachable with its current key). A 503 from `/health/ready` carries
 * `Retry-After` and names what is not ready.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { db: Database; provider: RootKeyProvider },
): void {
  app.get(
    '/health/live',
    {
      config: { doc: { summary: 'The process answers', security: 'none', responses: { 200: HEALTH_LIVE } } },
    },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/health/ready',
    {
      config: {
        doc: {
          summary: 'Database reachable, migrations current, key provider reachable',
          security: 'none',
          responses: { 200: HEALTH_READY },
          errors: ['NOT_READY'],
        },
      },
    },
    async () => {
      let pending: number[]
      try {
        pending = await pendingMigrations(deps.db)
      } catch (cause) {
        // Says why: an outage names its reason (a code such as ECONNREFUSED or 57P01, never a host).
        const reason = isCofferError(cause, 'DATABASE_UNAVAILABLE')
          ? cause.message
          : 'database is not reachable or its schema is not ours'
        throw new CofferError('NOT_READY', reason, { cause })
      }
      if (pending.length > 0) throw new CofferError('NOT_READY', `migrations pending: ${pending.join(', ')}`)
      try {
        await deps.provider.check()
      } catch (cause) {
        const reason = cause instanceof CofferError ? cause.message : 'unreachable'
        throw new CofferError('NOT_READY', `key provider ${deps.provider.name}: ${reason}`, { cause })
      }
      return { status: 'ok', database: deps.db.kind, key_provider: deps.provider.name }
    },
  )
}
