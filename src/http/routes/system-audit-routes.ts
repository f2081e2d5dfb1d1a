import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  SYSTEM_AUDIT_MAX_LIMIT,
  type SystemAudit,
  type SystemAuditRecord,
} from '../../operator/system-audit.js'
import { SYSTEM_AUDIT_PAGE } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const TEXT = z.string().min(1).max(200)
const TIME = z.iso.datetime({ offset: true }).transform((value) => new Date(value))
const LIST_QUERY = z.strictObject({
  actor: TEXT.optional(),
  action: TEXT.optional(),
  resource: TEXT.optional(),
  since: TIME.optional(),
  until: TIME.optional(),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
  limit: z.coerce.number().int().min(1).max(SYSTEM_AUDIT_MAX_LIMIT).default(100),
})

/** A system audit entry as the operator API answers it (snake_case, ISO time). */
export function systemAuditJson(entry: SystemAuditRecord) {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    resource: entry.resource,
  }
}

/**
 * `GET /v1/system/audit`, operator plane only: the system log (operator tokens, org lifecycle,
 * key destruction, root rewraps), newest first, cursor paging, filters combined with AND.
 */
export function registerSystemAuditRoutes(app: FastifyInstance, deps: { systemAudit: SystemAudit }): void {
  const doc = {
    summary: 'Query the system log, newest first',
    query: LIST_QUERY,
    responses: { 200: SYSTEM_AUDIT_PAGE },
  }
  app.get('/system/audit', { config: { operatorOnly: true as const, doc } }, async (request) => {
    const query = parseInput(LIST_QUERY, request.query, 'query')
    const entries = await deps.systemAudit.list({
      actor: query.actor,
      action: query.action,
      resource: query.resource,
      since: query.since,
      until: query.until,
      before: query.cursor,
      limit: query.limit + 1,
    })
    const page = entries.slice(0, query.limit)
    return {
      items: page.map(systemAuditJson),
      next_cursor: entries.length > query.limit ? page.at(-1)!.id : null,
    }
  })
}
