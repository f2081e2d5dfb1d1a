import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ArchivedRecordsErasure } from '../../archive/archive-erasure.js'
import type { AuditLog } from '../../audit/audit-log.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import type { Clock } from '../../internal/clock.js'
import {
  createNamespace,
  deleteNamespace,
  listNamespaces,
  NAMESPACE_NAME_PATTERN,
} from '../../records/namespaces.js'
import { principalOf } from '../authenticate.js'
import {
  NAMESPACE_DELETED,
  NAMESPACE_LIST,
  NAMESPACE as NAMESPACE_VIEW,
} from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const NAMESPACE = z.string().regex(NAMESPACE_NAME_PATTERN, 'must be 1-63 of a-z 0-9 _ . -')
const CREATE_BODY = z.strictObject({ name: NAMESPACE })
const NAME_PARAMS = z.object({ name: NAMESPACE })

/**
 * `/v1/namespaces`: create (`records:write`), list (`records:read`), delete with every record in
 * it (`admin`). A namespace-restricted token sees and touches only its own namespace.
 */
export function registerNamespacesRoutes(
  app: FastifyInstance,
  deps: { db: Database; audit: AuditLog; clock: Clock; archive?: { erasure: ArchivedRecordsErasure } },
): void {
  app.post(
    '/namespaces',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary: 'Create a namespace',
          body: CREATE_BODY,
          responses: { 201: NAMESPACE_VIEW },
          errors: ['CONFLICT'],
        },
      },
    },
    async (request, reply) => {
      const { name } = parseInput(CREATE_BODY, request.body, 'body')
      const principal = principalOf(request)
      if (principal.namespaceId !== null) {
        throw new CofferError('INSUFFICIENT_SCOPE', 'this token is restricted to one namespace')
      }
      const created = await withTenant(deps.db, principal.orgId, (sql) =>
        createNamespace(sql, { audit: deps.audit, clock: deps.clock, actor: principal.actor }, name),
      )
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/namespaces',
    {
      config: {
        scope: 'records:read',
        doc: { summary: 'List namespaces with live record counts', responses: { 200: NAMESPACE_LIST } },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const items = await withTenant(deps.db, principal.orgId, (sql) =>
        listNamespaces(sql, { onlyId: principal.namespaceId, now: new Date(deps.clock.now()) }),
      )
      return { items }
    },
  )

  app.delete(
    '/namespaces/:name',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Delete a namespace and every record in it',
          params: NAME_PARAMS,
          responses: { 200: NAMESPACE_DELETED },
          errors: ['NOT_FOUND', 'CONFLICT'],
        },
      },
    },
    async (request) => {
      const { name } = parseInput(NAME_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      if (principal.namespaceId !== null) {
        throw new CofferError('INSUFFICIENT_SCOPE', 'this token is restricted to one namespace')
      }
      const erasure = deps.archive?.erasure
      const remove = () =>
        withTenant(deps.db, principal.orgId, (sql) =>
          deleteNamespace(
            sql,
            { audit: deps.audit, clock: deps.clock, actor: principal.actor, archived: erasure },
            name,
          ),
        )
      // The namespace's archived records: their objects leave the customer's bucket around it.
      const { result, archive } = erasure
        ? await erasure.around(
            principal.orgId,
            principal.actor,
            { selector: { namespace: name }, access: 'whole-org' },
            remove,
          )
        : { result: await remove(), archive: undefined }
      return {
        deleted_records: result.deleted,
        archived_records: result.archivedRecords,
        ...(archive ? { archive } : {}),
      }
    },
  )
}
