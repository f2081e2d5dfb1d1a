import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { requireOrgWide } from '../../auth/scopes.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import type { Grants } from '../../records/grants.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import { principalOf } from '../authenticate.js'
import { GRANT, GRANT_LIST } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const NAMESPACE = z.string().regex(NAMESPACE_NAME_PATTERN, 'must be 1-63 of a-z 0-9 _ . -')
const CREATE_BODY = z.strictObject({
  namespace: NAMESPACE,
  reads: NAMESPACE,
  types: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'must be record types'))
    .min(1)
    .max(50)
    .optional(),
  expires_in_seconds: z
    .number()
    .int()
    .min(1)
    .max(10 * 365 * 24 * 3600)
    .optional(),
})
const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })

/**
 * `/v1/grants`: cross-namespace read grants; all need the `admin` scope and an org-wide token: a
 * grant widens a namespace's reach, so a namespace-restricted token may not create, list or delete
 * one (403 `INSUFFICIENT_SCOPE`).
 */
export function registerGrantsRoutes(app: FastifyInstance, deps: { db: Database; grants: Grants }): void {
  app.post(
    '/grants',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Let one namespace read another (org-wide token only)',
          body: CREATE_BODY,
          responses: { 201: GRANT },
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(CREATE_BODY, request.body, 'body')
      const principal = principalOf(request)
      requireOrgWide(principal)
      const grant = await withTenant(deps.db, principal.orgId, (sql) =>
        deps.grants.create(sql, principal.actor, {
          namespace: body.namespace,
          reads: body.reads,
          types: body.types,
          expiresInSeconds: body.expires_in_seconds,
        }),
      )
      return reply.code(201).send(grant)
    },
  )

  app.get(
    '/grants',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'List grants (one page: next_cursor is always null)',
          responses: { 200: GRANT_LIST },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      requireOrgWide(principal)
      return {
        items: await withTenant(deps.db, principal.orgId, (sql) => deps.grants.list(sql)),
        next_cursor: null,
      }
    },
  )

  app.delete(
    '/grants/:id',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Delete a grant',
          params: ID_PARAMS,
          responses: { 204: null },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      requireOrgWide(principal)
      await withTenant(deps.db, principal.orgId, (sql) => deps.grants.delete(sql, principal.actor, id))
      return reply.code(204).send()
    },
  )
}
