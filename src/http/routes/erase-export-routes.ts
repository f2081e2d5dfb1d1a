import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ArchivedRecordsErasure } from '../../archive/archive-erasure.js'
import type { AuditLog } from '../../audit/audit-log.js'
import type { AuditSigningKeys } from '../../audit/audit-signing-keys.js'
import { holdsScope, type Principal, requireScope } from '../../auth/scopes.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import type { Clock } from '../../internal/clock.js'
import type { OrgKeyring } from '../../keys/org-keyring.js'
import { MAX_ENTITY_LENGTH } from '../../records/entity-index.js'
import { signErasureReceipt } from '../../records/erasure-receipt.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import type { RecordAccess } from '../../records/record-access.js'
import { eraseRecords, MAX_ERASE_IDS, type RecordsErasedEmitter } from '../../records/records-erase.js'
import { type ArchivedExportSource, MAX_EXPORT_LIMIT, RecordsExport } from '../../records/records-export.js'
import type { RecordsService } from '../../records/records-service.js'
import { principalOf } from '../authenticate.js'
import { ERASE_RESULT, EXPORT_PAGE } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const IDS = z
  .string()
  .transform((text) => text.toLowerCase().split(','))
  .refine((ids) => ids.length <= MAX_ERASE_IDS, `must be at most ${MAX_ERASE_IDS} record ids`)
  .refine((ids) => ids.every((id) => UUID.test(id)), 'must be record ids (UUIDs) separated by commas')

const ERASE_QUERY = z
  .strictObject({
    ids: IDS.optional(),
    entity: z.string().min(1).max(MAX_ENTITY_LENGTH).optional(),
    namespace: z.string().regex(NAMESPACE_NAME_PATTERN, 'must be 1-63 of a-z 0-9 _ . -').optional(),
    before: z.iso.datetime({ offset: true }).optional(),
    after: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(
    (query) => Object.values(query).some((value) => value !== undefined),
    'name at least one of ids, entity, namespace, before, after',
  )

const EXPORT_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_LIMIT).default(100),
  cursor: z.string().min(1).max(200).optional(),
  format: z.enum(['plain', 'sealed']).default('sealed'),
})

/**
 * An admin with neither a namespace restriction nor an agent acts for the whole org (private
 * records of every agent included); anyone else reaches what the record access predicate shows
 * them (erasure: what the write predicate allows).
 */
export function reachOf(records: RecordsService, principal: Principal): RecordAccess | 'whole-org' {
  return holdsScope(principal, 'admin') && principal.namespaceId === null && principal.agent === null
    ? 'whole-org'
    : records.accessOf(principal)
}

/**
 * `DELETE /v1/records?ids=|entity=|namespace=&before=&after=` (erase, `records:write`) and
 * `GET /v1/export` (`records:read`; `format=plain` also needs `admin`). Thin: parse, call, shape.
 */
export function registerEraseExportRoutes(
  app: FastifyInstance,
  deps: {
    db: Database
    records: RecordsService
    audit: AuditLog
    keyring: OrgKeyring
    clock: Clock
    auditKeys: AuditSigningKeys
    emitEvent?: RecordsErasedEmitter
    archive?: { erasure: ArchivedRecordsErasure; exportSource: ArchivedExportSource }
  },
): void {
  const exporter = new RecordsExport({
    keyring: deps.keyring,
    audit: deps.audit,
    clock: deps.clock,
    archived: deps.archive?.exportSource,
  })

  app.delete(
    '/records',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary: "Erase records by ids, entity, namespace or time (a data subject's erasure)",
          query: ERASE_QUERY,
          responses: { 200: ERASE_RESULT },
        },
      },
    },
    async (request) => {
      const query = parseInput(ERASE_QUERY, request.query, 'query')
      const principal = principalOf(request)
      // Loaded before the transaction: on the embedded database a second statement outside it would wait for it.
      const key = await deps.auditKeys.current()
      const access = reachOf(deps.records, principal)
      const selector = {
        ids: query.ids,
        entity: query.entity,
        namespace: query.namespace,
        createdBefore: query.before === undefined ? undefined : new Date(query.before),
        createdAfter: query.after === undefined ? undefined : new Date(query.after),
      }
      const erase = () =>
        withTenant(deps.db, principal.orgId, (sql) =>
          eraseRecords(
            sql,
            { ...deps, archived: deps.archive?.erasure },
            { actor: principal.actor, access, selector },
          ),
        )
      // Archived records: their objects leave the customer's bucket around the erasure.
      const { result, archive } = deps.archive
        ? await deps.archive.erasure.around(principal.orgId, principal.actor, { selector, access }, erase)
        : { result: await erase(), archive: undefined }
      const receipt = signErasureReceipt(key, {
        orgId: principal.orgId,
        at: new Date(deps.clock.now()),
        result,
        archive,
      })
      return { deleted: result.deleted, receipt }
    },
  )

  app.get(
    '/export',
    {
      config: {
        scope: 'records:read',
        doc: {
          summary:
            'Export records (sealed, or plain with admin), archived records’ stubs and secret metadata, page by page',
          query: EXPORT_QUERY,
          responses: { 200: EXPORT_PAGE },
        },
      },
    },
    async (request) => {
      const query = parseInput(EXPORT_QUERY, request.query, 'query')
      const principal = principalOf(request)
      if (query.format === 'plain') requireScope(principal, 'admin')
      return withTenant(deps.db, principal.orgId, (sql) =>
        exporter.page(sql, {
          actor: principal.actor,
          limit: query.limit,
          cursor: query.cursor,
          format: query.format,
          access: reachOf(deps.records, principal),
          // Secret metadata (kind, last4) is shown to those who may list secrets, and no one else.
          includeSecrets: holdsScope(principal, 'secrets:write'),
        }),
      )
    },
  )
}
