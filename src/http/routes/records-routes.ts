import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import { MAX_ENTITIES, MAX_ENTITY_LENGTH } from '../../records/entity-index.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import { MAX_TTL_SECONDS, type RecordsService } from '../../records/records-service.js'
import { principalOf } from '../authenticate.js'
import { RECORD, RECORD_PAGE, RECORD_SUMMARY } from '../openapi/response-schemas.js'
import { parseInput } from '../validate.js'

/** Largest `content` accepted, in UTF-8 bytes. */
export const MAX_CONTENT_BYTES = 1024 * 1024
const MAX_METADATA_BYTES = 64 * 1024

const TYPE = z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'must be 1-63 of a-z 0-9 _ . : -')
const AGENTS = z.array(z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'must be agent names')).max(100)
const ENTITIES = z.array(z.string().min(1).max(MAX_ENTITY_LENGTH)).max(MAX_ENTITIES)
const TTL_SECONDS = z.number().int().min(1).max(MAX_TTL_SECONDS)
const NAMESPACE = z.string().regex(NAMESPACE_NAME_PATTERN, 'must be 1-63 of a-z 0-9 _ . -')

const STORE_BODY = z.strictObject({
  namespace: NAMESPACE.default('default'),
  type: TYPE.default('note'),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  visibility: z.enum(['private', 'shared', 'public']).default('shared'),
  allowed_agents: AGENTS.default([]),
  entities: ENTITIES.optional(),
  ttl_seconds: TTL_SECONDS.optional(),
})

const PATCH_BODY = z
  .strictObject({
    type: TYPE.optional(),
    content: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    visibility: z.enum(['private', 'shared', 'public']).optional(),
    allowed_agents: AGENTS.optional(),
    entities: ENTITIES.optional(),
    ttl_seconds: TTL_SECONDS.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')

/** Stored only encrypted (bytea): NUL is kept there, refused in every other text field. */
const CIPHERTEXT_ONLY = { opaqueFields: ['content', 'metadata'] }

const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })

const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
  namespace: NAMESPACE.optional(),
  type: TYPE.optional(),
  entity: z.string().min(1).max(MAX_ENTITY_LENGTH).optional(),
  created_after: z.iso.datetime({ offset: true }).optional(),
  created_before: z.iso.datetime({ offset: true }).optional(),
})

/** Refuses content over 1 MiB and metadata over 64 KiB (as JSON) with 413, naming the field. */
function checkSizes(body: {
  content?: string | undefined
  metadata?: Record<string, unknown> | null | undefined
}) {
  if (body.content !== undefined && Buffer.byteLength(body.content, 'utf8') > MAX_CONTENT_BYTES) {
    throw new CofferError('PAYLOAD_TOO_LARGE', 'content: must be at most 1 MiB')
  }
  if (body.metadata != null && Buffer.byteLength(JSON.stringify(body.metadata)) > MAX_METADATA_BYTES) {
    throw new CofferError('PAYLOAD_TOO_LARGE', 'metadata: must be at most 64 KiB as JSON')
  }
}

/** `/v1/records`: store, read, change, delete, list with filters. Thin: parse, call the service, shape the answer. */
export function registerRecordsRoutes(
  app: FastifyInstance,
  deps: { db: Database; records: RecordsService },
): void {
  app.post(
    '/records',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary: 'Store a record (content, metadata and entities encrypted)',
          body: STORE_BODY,
          responses: { 201: RECORD_SUMMARY },
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(STORE_BODY, request.body, 'body', CIPHERTEXT_ONLY)
      checkSizes(body)
      const principal = principalOf(request)
      const stored = await withTenant(deps.db, principal.orgId, (sql) =>
        deps.records.store(sql, principal, {
          namespace: body.namespace,
          type: body.type,
          content: body.content,
          metadata: body.metadata,
          visibility: body.visibility,
          allowedAgents: body.allowed_agents,
          entities: body.entities,
          ttlSeconds: body.ttl_seconds,
        }),
      )
      return reply.code(201).send(stored)
    },
  )

  app.patch(
    '/records/:id',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary: 'Change a record',
          params: ID_PARAMS,
          body: PATCH_BODY,
          responses: { 200: RECORD },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const body = parseInput(PATCH_BODY, request.body, 'body', CIPHERTEXT_ONLY)
      checkSizes(body)
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.records.patch(
          sql,
          principal.actor,
          id,
          {
            type: body.type,
            content: body.content,
            metadata: body.metadata,
            visibility: body.visibility,
            allowedAgents: body.allowed_agents,
            entities: body.entities,
            ttlSeconds: body.ttl_seconds,
          },
          deps.records.accessOf(principal),
        ),
      )
    },
  )

  app.get(
    '/records/:id',
    {
      config: {
        scope: 'records:read',
        doc: {
          summary: 'Read a record, decrypted',
          params: ID_PARAMS,
          responses: { 200: RECORD },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.records.get(sql, id, deps.records.accessOf(principal)),
      )
    },
  )

  app.delete(
    '/records/:id',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary: 'Delete a record',
          params: ID_PARAMS,
          responses: { 204: null },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      await withTenant(deps.db, principal.orgId, (sql) =>
        deps.records.delete(sql, principal.actor, id, deps.records.accessOf(principal)),
      )
      return reply.code(204).send()
    },
  )

  app.get(
    '/records',
    {
      config: {
        scope: 'records:read',
        doc: {
          summary: 'List records (plaintext fields only), newest first',
          query: LIST_QUERY,
          responses: { 200: RECORD_PAGE },
        },
      },
    },
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.records.list(
          sql,
          {
            limit: query.limit,
            afterId: query.cursor?.toLowerCase(),
            filters: {
              namespace: query.namespace,
              type: query.type,
              entity: query.entity,
              createdAfter: query.created_after === undefined ? undefined : new Date(query.created_after),
              createdBefore: query.created_before === undefined ? undefined : new Date(query.created_before),
            },
          },
          deps.records.accessOf(principal),
        ),
      )
    },
  )
}
