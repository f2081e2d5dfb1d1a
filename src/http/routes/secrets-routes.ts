import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { SECRET_KIND_PATTERN, type SecretsService } from '../../secrets/secrets-service.js'
import { principalOf } from '../authenticate.js'
import {
  SECRET_PAGE,
  SECRET_RESOLVED,
  SECRET_VERIFICATION,
  SECRET_WRITTEN,
} from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const KIND_PARAMS = z.object({
  kind: z.string().regex(SECRET_KIND_PATTERN, 'must be 1-63 of a-z 0-9 _ . -'),
})

const PUT_BODY = z.strictObject({
  value: z.string().min(1, 'must not be empty'),
  verify_url: z.string().optional(),
})

const RESOLVE_BODY = z.strictObject({
  purpose: z
    .string()
    .min(1, 'must be 1-200 characters')
    .max(200, 'must be 1-200 characters')
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'),
})

const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().regex(SECRET_KIND_PATTERN, 'is not a cursor from this API').optional(),
})

/**
 * `/v1/secrets`: write-only vendor secrets. Writing, listing, deleting and verifying need
 * `secrets:write`; reading a plaintext needs `secrets:resolve` and a purpose, and is access-logged.
 */
export function registerSecretsRoutes(
  app: FastifyInstance,
  deps: { db: Database; secrets: SecretsService },
): void {
  app.put(
    '/secrets/:kind',
    {
      config: {
        scope: 'secrets:write',
        doc: {
          summary: 'Write a vendor secret (answers last4, never the value)',
          params: KIND_PARAMS,
          body: PUT_BODY,
          responses: { 200: SECRET_WRITTEN },
          errors: ['UNSAFE_URL'],
        },
      },
    },
    async (request) => {
      const { kind } = parseInput(KIND_PARAMS, request.params, 'params')
      const body = parseInput(PUT_BODY, request.body, 'body')
      const principal = principalOf(request)
      // The service checks the value's size and the verify URL.
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.secrets.put(sql, principal.actor, kind, { value: body.value, verifyUrl: body.verify_url }),
      )
    },
  )

  // Listing shows audit fields only (never a value), but still needs `secrets:write`: it is the
  // view of whoever manages the secrets, not of the apps that resolve them.
  app.get(
    '/secrets',
    {
      config: {
        scope: 'secrets:write',
        doc: {
          summary: 'List secrets: audit fields only',
          query: LIST_QUERY,
          responses: { 200: SECRET_PAGE },
        },
      },
    },
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.secrets.list(sql, { limit: query.limit, afterKind: query.cursor }),
      )
    },
  )

  app.delete(
    '/secrets/:kind',
    {
      config: {
        scope: 'secrets:write',
        doc: {
          summary: 'Delete a secret',
          params: KIND_PARAMS,
          responses: { 204: null },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { kind } = parseInput(KIND_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      await withTenant(deps.db, principal.orgId, (sql) => deps.secrets.delete(sql, principal.actor, kind))
      return reply.code(204).send()
    },
  )

  app.post(
    '/secrets/:kind/verify',
    {
      config: {
        scope: 'secrets:write',
        doc: {
          summary: "Check a secret against its vendor's verify URL",
          params: KIND_PARAMS,
          responses: { 200: SECRET_VERIFICATION },
          errors: ['NOT_FOUND', 'UNSAFE_URL', 'UPSTREAM_UNREACHABLE', 'UPSTREAM_TIMEOUT'],
        },
      },
    },
    async (request) => {
      const { kind } = parseInput(KIND_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      return deps.secrets.verify(principal.orgId, principal.actor, kind)
    },
  )

  app.post(
    '/secrets/:kind/resolve',
    {
      config: {
        scope: 'secrets:resolve',
        doc: {
          summary: 'Read the plaintext for a stated purpose (access-logged)',
          params: KIND_PARAMS,
          body: RESOLVE_BODY,
          responses: { 200: SECRET_RESOLVED },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { kind } = parseInput(KIND_PARAMS, request.params, 'params')
      const { purpose } = parseInput(RESOLVE_BODY, request.body, 'body')
      const principal = principalOf(request)
      // withTenant resolves only after the commit: a failed access-log write means no plaintext.
      const resolved = await withTenant(deps.db, principal.orgId, (sql) =>
        deps.secrets.resolve(sql, principal.actor, kind, purpose),
      )
      // Every answer already carries no-store; said again here, where it matters most.
      return reply.header('cache-control', 'no-store').send(resolved)
    },
  )
}
