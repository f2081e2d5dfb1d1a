import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { OrgId } from '../../db/org-id.js'
import type { OrgsService } from '../../operator/orgs-service.js'
import { PLAN_NAME_PATTERN } from '../../operator/plans.js'
import { ORG_SLUG_PATTERN, orgJson } from '../../tenancy/orgs.js'
import type { UsageReport } from '../../usage/usage-report.js'
import { ORG, ORG_CREATED, ORG_DELETED, ORG_PAGE, ORG_WITH_USAGE } from '../openapi/response-schemas.js'
import type { RouteDoc } from '../openapi/route-doc.js'
import { operatorOf } from '../operator-authenticate.js'
import { parseInput } from '../validate.js'

const PLAN = z.string().regex(PLAN_NAME_PATTERN, 'must be a plan name')
const CREATE_BODY = z.strictObject({
  slug: z.string().regex(ORG_SLUG_PATTERN, 'must be 1-63 lower-case letters, digits or dashes'),
  name: z.string().min(1).max(200).optional(),
  plan: PLAN.optional(),
})
const PATCH_BODY = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    plan: PLAN.optional(),
    rate_limit_per_minute: z.number().int().min(1).max(1_000_000).nullable().optional(),
    suspended: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to change' })
const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })
const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
})
const DELETE_INPUT = z.object({ confirm: z.string().max(63).optional() })

/** An operator-plane route and its OpenAPI declaration. */
const operator = (doc: RouteDoc) => ({ config: { operatorOnly: true as const, doc } })

/**
 * `/v1/orgs`, the operator plane: create (owner token shown once), list, get, patch, delete
 * (crypto-shred first). Registered only in the operator plugin: a tenant credential never
 * reaches it, and these handlers call the same service as `coffer org ...`.
 */
export function registerOrgsRoutes(
  app: FastifyInstance,
  deps: { orgs: OrgsService; usageOf?: (orgId: OrgId) => Promise<UsageReport> },
): void {
  app.post(
    '/orgs',
    operator({
      summary: 'Create an org (its owner token shown once)',
      body: CREATE_BODY,
      responses: { 201: ORG_CREATED },
      errors: ['CONFLICT', 'KEY_UNAVAILABLE'],
    }),
    async (request, reply) => {
      const body = parseInput(CREATE_BODY, request.body, 'body')
      const created = await deps.orgs.create({
        slug: body.slug,
        actor: operatorOf(request).actor,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.plan !== undefined ? { plan: body.plan } : {}),
      })
      return reply
        .code(201)
        .send({ org_id: created.orgId, slug: created.slug, owner_token: created.ownerToken })
    },
  )

  app.get(
    '/orgs',
    operator({ summary: 'List orgs', query: LIST_QUERY, responses: { 200: ORG_PAGE } }),
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const page = await deps.orgs.list({ limit: query.limit, cursor: query.cursor?.toLowerCase() ?? null })
      return { items: page.items.map(orgJson), next_cursor: page.nextCursor }
    },
  )

  app.get(
    '/orgs/:id',
    operator({
      summary: 'Read an org, with its usage and quotas',
      params: ID_PARAMS,
      responses: { 200: ORG_WITH_USAGE },
      errors: ['NOT_FOUND'],
    }),
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const org = await deps.orgs.get({ id })
      // The org's usage and quotas (counters only; a deleted org's are zero).
      return deps.usageOf ? { ...orgJson(org), usage: await deps.usageOf(org.id) } : orgJson(org)
    },
  )

  app.patch(
    '/orgs/:id',
    operator({
      summary: 'Change name, plan, rate limit; suspend or unsuspend',
      params: ID_PARAMS,
      body: PATCH_BODY,
      responses: { 200: ORG },
      errors: ['NOT_FOUND', 'KEY_DESTROYED'],
    }),
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const body = parseInput(PATCH_BODY, request.body, 'body')
      const org = await deps.orgs.update(
        { id },
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.plan !== undefined ? { plan: body.plan } : {}),
          ...(body.rate_limit_per_minute !== undefined
            ? { rateLimitPerMinute: body.rate_limit_per_minute }
            : {}),
          ...(body.suspended !== undefined ? { suspended: body.suspended } : {}),
        },
        operatorOf(request).actor,
      )
      return orgJson(org)
    },
  )

  app.delete(
    '/orgs/:id',
    operator({
      summary: 'Delete an org: crypto-shred its keys, then its rows (`confirm` equal to the slug)',
      description: '`confirm` may be sent in the JSON body or in the query string.',
      params: ID_PARAMS,
      query: DELETE_INPUT,
      body: DELETE_INPUT,
      bodyOptional: true,
      responses: { 200: ORG_DELETED },
      errors: ['NOT_FOUND', 'KEY_UNAVAILABLE'],
    }),
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const body = request.body === undefined || request.body === null ? {} : request.body
      const fromBody = parseInput(DELETE_INPUT, body, 'body')
      const fromQuery = parseInput(DELETE_INPUT, request.query, 'query')
      const deleted = await deps.orgs.delete(
        { id },
        { confirm: fromBody.confirm ?? fromQuery.confirm, actor: operatorOf(request).actor },
      )
      return {
        ...orgJson(deleted.org),
        destroyed_key_versions: deleted.destroyedVersions,
        rows_deleted: deleted.rowsDeleted,
        ...(deleted.archive ? { archive: deleted.archive } : {}),
      }
    },
  )
}
