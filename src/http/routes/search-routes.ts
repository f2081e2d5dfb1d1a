import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { MAX_ENTITIES, MAX_ENTITY_LENGTH } from '../../records/entity-index.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import type { RecordsSearch } from '../../records/records-search.js'
import type { RecordsService } from '../../records/records-service.js'
import { principalOf } from '../authenticate.js'
import { SEARCH_RESULT } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const SEARCH_BODY = z.strictObject({
  query: z.string().min(1).max(1_000),
  namespaces: z
    .array(z.string().regex(NAMESPACE_NAME_PATTERN, 'must be namespace names'))
    .max(100)
    .optional(),
  types: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'must be record types'))
    .max(100)
    .optional(),
  entities: z.array(z.string().min(1).max(MAX_ENTITY_LENGTH)).max(MAX_ENTITIES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
})

/** `POST /v1/records/search`: ranked search over the blind term index. Thin: parse, call, answer. */
export function registerSearchRoutes(
  app: FastifyInstance,
  deps: { db: Database; records: RecordsService; search: RecordsSearch },
): void {
  app.post(
    '/records/search',
    {
      config: {
        scope: 'records:read',
        doc: {
          summary: 'Ranked search over the blind term index (no content in hits)',
          body: SEARCH_BODY,
          responses: { 200: SEARCH_RESULT },
        },
      },
    },
    async (request) => {
      const body = parseInput(SEARCH_BODY, request.body, 'body')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.search.search(
          sql,
          {
            query: body.query,
            namespaces: body.namespaces,
            types: body.types,
            entities: body.entities,
            limit: body.limit,
          },
          deps.records.accessOf(principal),
        ),
      )
    },
  )
}
