import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { SCOPES } from '../../auth/scopes.js'
import { DEFAULT_ROTATION_GRACE_SECONDS, type TokenManagement } from '../../auth/token-management.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import { principalOf } from '../authenticate.js'
import { TOKEN_ISSUED, TOKEN_PAGE } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const CREATE_BODY = z.strictObject({
  name: z.string().min(1).max(100),
  scopes: z.array(z.enum(SCOPES)).min(1),
  agent: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'must be 1-63 of a-z 0-9 _ . : -')
    .optional(),
  namespace: z.string().regex(NAMESPACE_NAME_PATTERN, 'must be 1-63 of a-z 0-9 _ . -').optional(),
  expires_in_seconds: z
    .number()
    .int()
    .min(1)
    .max(10 * 365 * 24 * 3600)
    .optional(),
  rate_limit_per_minute: z.number().int().min(1).max(1_000_000).optional(),
})
const ROTATE_BODY = z.strictObject({
  grace_seconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(DEFAULT_ROTATION_GRACE_SECONDS),
})
const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })
const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
})

/**
 * `/v1/tokens`: create (shown once), list, revoke, rotate. All need the `admin` scope, and each
 * reaches only tokens within the caller's own reach (credential-reach.ts); others answer 404.
 */
export function registerTokensRoutes(
  app: FastifyInstance,
  deps: { db: Database; tokens: TokenManagement },
): void {
  app.post(
    '/tokens',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: "Create a token within the caller's reach (plaintext shown once)",
          body: CREATE_BODY,
          responses: { 201: TOKEN_ISSUED },
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(CREATE_BODY, request.body, 'body')
      const principal = principalOf(request)
      const created = await withTenant(deps.db, principal.orgId, async (sql) => {
        const token = await deps.tokens.create(sql, principal, {
          name: body.name,
          scopes: body.scopes,
          agent: body.agent,
          namespace: body.namespace,
          expiresInSeconds: body.expires_in_seconds,
          rateLimitPerMinute: body.rate_limit_per_minute,
        })
        return token
      })
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/tokens',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: "List the tokens within the caller's reach",
          query: LIST_QUERY,
          responses: { 200: TOKEN_PAGE },
        },
      },
    },
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.tokens.list(sql, principal, { limit: query.limit, afterId: query.cursor?.toLowerCase() }),
      )
    },
  )

  app.delete(
    '/tokens/:id',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Revoke a token',
          params: ID_PARAMS,
          responses: { 204: null },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      await withTenant(deps.db, principal.orgId, (sql) => deps.tokens.revoke(sql, principal, id))
      return reply.code(204).send()
    },
  )

  app.post(
    '/tokens/:id/rotate',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Rotate a token: a new one, the old one valid for the grace period',
          params: ID_PARAMS,
          body: ROTATE_BODY,
          bodyOptional: true,
          responses: { 201: TOKEN_ISSUED },
          errors: ['NOT_FOUND', 'CONFLICT'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const body = parseInput(ROTATE_BODY, request.body ?? {}, 'body')
      const principal = principalOf(request)
      const rotated = await withTenant(deps.db, principal.orgId, (sql) =>
        deps.tokens.rotate(sql, principal, id, body.grace_seconds),
      )
      return reply.code(201).send(rotated)
    },
  )
}
