import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AuditLog } from '../../audit/audit-log.js'
import { requireScope } from '../../auth/scopes.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import type { Clock } from '../../internal/clock.js'
import type { OrgKeyring } from '../../keys/org-keyring.js'
import { MAX_ENTITY_LENGTH } from '../../records/entity-index.js'
import type { ArchivedExportSource } from '../../records/records-export.js'
import { MAX_EXPORT_LIMIT } from '../../records/records-export.js'
import type { RecordsService } from '../../records/records-service.js'
import { SubjectExport } from '../../records/subject-export.js'
import { principalOf } from '../authenticate.js'
import { SUBJECT_EXPORT_PAGE } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'
import { reachOf } from './erase-export-routes.js'

const PARAMS = z.object({ entity: z.string().min(1).max(MAX_ENTITY_LENGTH) })
const QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_LIMIT).default(100),
  cursor: z
    .uuid({ message: 'is not a cursor from this API' })
    .transform((id) => id.toLowerCase())
    .optional(),
  format: z.enum(['plain', 'sealed']).default('sealed'),
})

/**
 * `GET /v1/subjects/:entity/export` (`records:read`; `format=plain` also needs `admin`): one
 * data subject's records and the audit entries about them, with the reach of `GET /v1/export`.
 */
export function registerSubjectsRoutes(
  app: FastifyInstance,
  deps: {
    db: Database
    records: RecordsService
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    archive?: { exportSource: ArchivedExportSource }
  },
): void {
  const exporter = new SubjectExport({ ...deps, archived: deps.archive?.exportSource })

  app.get(
    '/subjects/:entity/export',
    {
      config: {
        scope: 'records:read',
        doc: {
          summary:
            "One data subject's records and the audit entries about them (format=plain also needs admin)",
          params: PARAMS,
          query: QUERY,
          responses: { 200: SUBJECT_EXPORT_PAGE },
        },
      },
    },
    async (request, reply) => {
      const { entity } = parseInput(PARAMS, request.params, 'params')
      const query = parseInput(QUERY, request.query, 'query')
      const principal = principalOf(request)
      if (query.format === 'plain') requireScope(principal, 'admin')
      const page = await withTenant(deps.db, principal.orgId, (sql) =>
        exporter.page(sql, {
          actor: principal.actor,
          entity,
          limit: query.limit,
          cursor: query.cursor,
          format: query.format,
          access: reachOf(deps.records, principal),
        }),
      )
      return reply.header('cache-control', 'no-store').send(page)
    },
  )
}
