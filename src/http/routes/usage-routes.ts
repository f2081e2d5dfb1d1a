import type { FastifyInstance } from 'fastify'
import type { PlanTable } from '../../auth/scopes.js'
import { requireOrgWide } from '../../auth/scopes.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import type { Clock } from '../../internal/clock.js'
import type { RequestCounter } from '../../usage/request-counter.js'
import { readUsage } from '../../usage/usage-report.js'
import { principalOf } from '../authenticate.js'
import { USAGE } from '../openapi/response-schemas.js'

/**
 * `GET /v1/usage` (`admin`, org-wide): the org's usage and quotas. Admin because it names every
 * namespace and counts the org's tokens, secrets and endpoints: what a token limited to records
 * (or to one namespace, or to one agent) is not meant to survey.
 */
export function registerUsageRoutes(
  app: FastifyInstance,
  deps: { db: Database; plans: PlanTable; clock: Clock; requests: RequestCounter },
): void {
  app.get(
    '/usage',
    {
      config: {
        scope: 'admin',
        doc: { summary: "The org's usage and its plan's quotas (org-wide token)", responses: { 200: USAGE } },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      requireOrgWide(principal)
      // This instance's counts so far; other instances' within their flush interval.
      await deps.requests
        .flush()
        .catch((error: unknown) => request.log.warn({ err: error }, 'request counts not flushed'))
      return withTenant(deps.db, principal.orgId, (sql) =>
        readUsage(sql, deps.plans, new Date(deps.clock.now())),
      )
    },
  )
}
