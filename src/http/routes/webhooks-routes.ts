import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { requireOrgWide } from '../../auth/scopes.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/webhook-events.js'
import type { Webhooks } from '../../webhooks/webhooks.js'
import { principalOf } from '../authenticate.js'
import {
  WEBHOOK_DELIVERY_PAGE,
  WEBHOOK_ENDPOINT,
  WEBHOOK_ENDPOINT_CREATED,
  WEBHOOK_ENDPOINT_PAGE,
  WEBHOOK_PING_QUEUED,
  WEBHOOK_REQUEUED,
  WEBHOOK_SECRET,
} from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })

const EVENT_TYPES = z
  .array(z.enum([...WEBHOOK_EVENT_TYPES, '*'], 'must be a known event type or *'))
  .min(1, 'must name at least one event type')
  .max(32, 'must name at most 32 event types')

const DESCRIPTION = z.string().max(500, 'must be at most 500 characters')

const CREATE_BODY = z.strictObject({
  url: z.string().min(1, 'must not be empty'),
  event_types: EVENT_TYPES,
  description: DESCRIPTION.optional(),
  enabled: z.boolean().optional(),
})

const PATCH_BODY = z.strictObject({
  url: z.string().min(1, 'must not be empty').optional(),
  event_types: EVENT_TYPES.optional(),
  description: DESCRIPTION.optional(),
  enabled: z.boolean().optional(),
})

const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
})

const DELIVERIES_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^msg_[0-9a-f]{32}$/, 'is not a cursor from this API')
    .optional(),
})

const RETRY_BODY = z
  .strictObject({
    ids: z
      .array(z.string().regex(/^msg_[0-9a-f]{32}$/, 'must be delivery ids (msg_...)'))
      .min(1, 'must name at least one delivery')
      .max(1000, 'must name at most 1,000 deliveries')
      .optional(),
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .default({})

/**
 * `/v1/webhooks` (scope `admin`, org-wide tokens only: an endpoint receives events of every
 * namespace): endpoints, secret rotation, test delivery, delivery log. The signing secret is answered only by creation and rotation; the URL is shown decrypted.
 */
export function registerWebhooksRoutes(
  app: FastifyInstance,
  deps: { db: Database; webhooks: Webhooks },
): void {
  const { endpoints, outbox } = deps.webhooks

  app.post(
    '/webhooks',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Create an endpoint (its signing secret shown once)',
          body: CREATE_BODY,
          responses: { 201: WEBHOOK_ENDPOINT_CREATED },
          errors: ['UNSAFE_URL', 'LIMIT_REACHED', 'UPSTREAM_UNREACHABLE'],
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(CREATE_BODY, request.body, 'body')
      const principal = principalOf(request)
      requireOrgWide(principal)
      const created = await withTenant(deps.db, principal.orgId, async (sql) => {
        const endpoint = await endpoints.create(sql, principal.actor, {
          url: body.url,
          eventTypes: body.event_types,
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        })
        return endpoint
      })
      return reply.code(201).header('cache-control', 'no-store').send(created)
    },
  )

  app.get(
    '/webhooks',
    {
      config: {
        scope: 'admin',
        doc: { summary: 'List endpoints', query: LIST_QUERY, responses: { 200: WEBHOOK_ENDPOINT_PAGE } },
      },
    },
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      requireOrgWide(principal)
      return withTenant(deps.db, principal.orgId, (sql) =>
        endpoints.list(sql, { limit: query.limit, afterId: query.cursor?.toLowerCase() }),
      )
    },
  )

  app.get(
    '/webhooks/:id',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Read an endpoint (URL decrypted, no secret)',
          params: ID_PARAMS,
          responses: { 200: WEBHOOK_ENDPOINT },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      requireOrgWide(principal)
      return withTenant(deps.db, principal.orgId, (sql) => endpoints.get(sql, id))
    },
  )

  app.patch(
    '/webhooks/:id',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Change an endpoint',
          params: ID_PARAMS,
          body: PATCH_BODY,
          responses: { 200: WEBHOOK_ENDPOINT },
          errors: ['NOT_FOUND', 'UNSAFE_URL', 'UPSTREAM_UNREACHABLE'],
        },
      },
    },
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const body = parseInput(PATCH_BODY, request.body, 'body')
      const principal = principalOf(request)
      requireOrgWide(principal)
      return withTenant(deps.db, principal.orgId, (sql) =>
        endpoints.update(sql, principal.actor, id, {
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.event_types !== undefined ? { eventTypes: body.event_types } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        }),
      )
    },
  )

  app.delete(
    '/webhooks/:id',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Delete an endpoint',
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
      await withTenant(deps.db, principal.orgId, (sql) => endpoints.delete(sql, principal.actor, id))
      return reply.code(204).send()
    },
  )

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Rotate the signing secret (the old one signs beside it for 24 h)',
          params: ID_PARAMS,
          responses: { 201: WEBHOOK_SECRET },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      requireOrgWide(principal)
      const rotated = await withTenant(deps.db, principal.orgId, (sql) =>
        endpoints.rotateSecret(sql, principal.actor, id),
      )
      return reply.code(201).header('cache-control', 'no-store').send(rotated)
    },
  )

  // Queues a `ping`; the delivery worker sends it within seconds, and the log shows the outcome.
  app.post(
    '/webhooks/:id/test',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Queue a ping delivery',
          params: ID_PARAMS,
          responses: { 202: WEBHOOK_PING_QUEUED },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      requireOrgWide(principal)
      const queued = await withTenant(deps.db, principal.orgId, (sql) =>
        outbox.enqueuePing(sql, id, principal.actor),
      )
      return reply.code(202).send({ id: queued.id, event_type: 'ping', status: 'pending' })
    },
  )

  // Failed deliveries queued again (same webhook-id), e.g. after a receiver was fixed.
  app.post(
    '/webhooks/:id/deliveries/retry',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Queue failed deliveries again',
          params: ID_PARAMS,
          body: RETRY_BODY,
          bodyOptional: true,
          responses: { 202: WEBHOOK_REQUEUED },
          errors: ['NOT_FOUND', 'CONFLICT'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const body = parseInput(RETRY_BODY, request.body ?? undefined, 'body')
      const principal = principalOf(request)
      requireOrgWide(principal)
      const retried = await withTenant(deps.db, principal.orgId, (sql) =>
        outbox.retryFailed(sql, principal.actor, id, {
          ids: body.ids,
          since: body.since === undefined ? undefined : new Date(body.since),
        }),
      )
      return reply.code(202).send(retried)
    },
  )

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: "An endpoint's delivery log, newest first",
          params: ID_PARAMS,
          query: DELIVERIES_QUERY,
          responses: { 200: WEBHOOK_DELIVERY_PAGE },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const query = parseInput(DELIVERIES_QUERY, request.query, 'query')
      const principal = principalOf(request)
      requireOrgWide(principal)
      return withTenant(deps.db, principal.orgId, (sql) =>
        outbox.listDeliveries(sql, id, { limit: query.limit, beforeId: query.cursor }),
      )
    },
  )
}
