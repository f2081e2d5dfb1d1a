import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ArchivedRecordsErasure } from '../../archive/archive-erasure.js'
import type { AuditLog } from '../../audit/audit-log.js'
import type { Database } from '../../db/sql.js'
import { readInTenant, withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import { MAX_ENTITIES, MAX_ENTITY_LENGTH } from '../../records/entity-index.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import { atBatchIndex, MAX_BATCH_RECORDS, storeBatch } from '../../records/records-batch.js'
import {
  MAX_TTL_SECONDS,
  type RecordSummary,
  type RecordsService,
  type RecordView,
  type StoreRecordInput,
} from '../../records/records-service.js'
import { principalOf } from '../authenticate.js'
import {
  ARCHIVED_RECORD_DELETED,
  RECORD,
  RECORD_BATCH,
  RECORD_LIST,
  RECORD_OR_ARCHIVED,
  RECORD_SUMMARY,
} from '../openapi/response-schemas.js'
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

/** Most ids one `GET /v1/records?ids=` names. */
export const MAX_IDS_PER_READ = 100

/** `ids=<uuid>,<uuid>`: 1-100 UUIDs, lower-cased, in the order given. */
const IDS = z
  .string()
  .transform((text) => text.split(','))
  .pipe(
    z
      .array(z.uuid({ message: 'must be comma-separated UUIDs' }))
      .min(1)
      .max(MAX_IDS_PER_READ),
  )
  .transform((ids) => ids.map((id) => id.toLowerCase()))

const LIST_QUERY = z.strictObject({
  ids: IDS.optional(),
  include: z.literal('content', { message: "must be 'content'" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
  namespace: NAMESPACE.optional(),
  type: TYPE.optional(),
  entity: z.string().min(1).max(MAX_ENTITY_LENGTH).optional(),
  created_after: z.iso.datetime({ offset: true }).optional(),
  created_before: z.iso.datetime({ offset: true }).optional(),
})

/**
 * A batch's envelope: 1-500 objects under `records`. Everything inside is checked item by item
 * (STORE_BODY, with NUL refused outside content and metadata), so errors name `records.<index>`.
 */
const BATCH_BODY = z.strictObject({
  records: z
    .array(z.unknown())
    .min(1, `must hold 1 to ${MAX_BATCH_RECORDS} records`)
    .max(MAX_BATCH_RECORDS, `must hold 1 to ${MAX_BATCH_RECORDS} records`),
})

/** What the service stores, from a parsed STORE_BODY. */
function storeInputOf(body: z.output<typeof STORE_BODY>): StoreRecordInput {
  return {
    namespace: body.namespace,
    type: body.type,
    content: body.content,
    metadata: body.metadata,
    visibility: body.visibility,
    allowedAgents: body.allowed_agents,
    entities: body.entities,
    ttlSeconds: body.ttl_seconds,
  }
}

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
  deps: {
    db: Database
    records: RecordsService
    audit?: AuditLog
    /** Archive: a delete reaches archived records' stubs and their objects. */
    archive?: { erasure: ArchivedRecordsErasure } | undefined
  },
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
        deps.records.store(sql, principal, storeInputOf(body)),
      )
      return reply.code(201).send(stored)
    },
  )

  app.post(
    '/records/batch',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary: `Store up to ${MAX_BATCH_RECORDS} records in one transaction, all or nothing`,
          description: 'A refused item is named by its index: `records.17.content: ...`.',
          body: BATCH_BODY,
          responses: { 201: RECORD_BATCH },
        },
      },
    },
    async (request, reply) => {
      // Content and metadata may hold NUL (they are only stored encrypted): checked per item below.
      const { records } = parseInput(BATCH_BODY, request.body, 'body', { opaqueFields: ['records'] })
      const inputs = records.map((item, index) => {
        try {
          const body = parseInput(STORE_BODY, item, 'body', CIPHERTEXT_ONLY)
          checkSizes(body)
          return storeInputOf(body)
        } catch (error) {
          throw atBatchIndex(error, index)
        }
      })
      const principal = principalOf(request)
      const items = await withTenant(deps.db, principal.orgId, (sql) =>
        storeBatch(deps.records, sql, principal, inputs),
      )
      return reply.code(201).send({ items })
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
          summary: 'Read a record, decrypted (an archived one answers its stub, without content)',
          params: ID_PARAMS,
          responses: { 200: RECORD_OR_ARCHIVED },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      // A read is one statement (its key row and the org's read-audit setting joined): one round trip.
      const { record, audited } = await readInTenant(deps.db, principal.orgId, async (sql) => {
        // An archived record answers its stub (issue #17 part 3).
        const record = await deps.records.getOrArchived(sql, id, deps.records.accessOf(principal))
        return { record, audited: (await deps.audit?.recordReadsAudited(sql)) === true }
      })
      // Opt-in per org (PUT /v1/audit/settings): one more row per read, committed before the answer.
      const audit = deps.audit
      if (audited && audit) {
        await withTenant(deps.db, principal.orgId, (sql) =>
          audit.append(sql, {
            actor: principal.actor,
            action: 'record.read',
            resource: `record:${id}`,
            requestId: request.id,
          }),
        )
      }
      return record
    },
  )

  app.delete(
    '/records/:id',
    {
      config: {
        scope: 'records:write',
        doc: {
          summary:
            "Delete a record (204); an archived one's stub too, and its object from the org's bucket (200: what became of it)",
          params: ID_PARAMS,
          responses: { 200: ARCHIVED_RECORD_DELETED, 204: null },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      const access = deps.records.accessOf(principal)
      const erasure = deps.archive?.erasure
      const remove = () =>
        withTenant(deps.db, principal.orgId, (sql) =>
          deps.records.delete(sql, principal.actor, id, access, { archived: erasure }),
        )
      if (!erasure) {
        await remove()
        return reply.code(204).send()
      }
      // An archived record: its object leaves the org's bucket around the delete (as an erasure's).
      const { archive } = await erasure.around(
        principal.orgId,
        principal.actor,
        { selector: { ids: [id] }, access },
        remove,
      )
      if (!archive) return reply.code(204).send()
      return { id, archive }
    },
  )

  app.get(
    '/records',
    {
      config: {
        scope: 'records:read',
        doc: {
          summary:
            'List records newest first (plaintext fields; include=content decrypts the page), or read up to 100 by ids',
          query: LIST_QUERY,
          responses: { 200: RECORD_LIST },
        },
      },
    },
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      const access = deps.records.accessOf(principal)
      if (query.ids !== undefined) {
        const { ids, include: _include, limit: _limit, ...others } = query
        const other = Object.keys(others)[0]
        if (other !== undefined) {
          throw new CofferError('VALIDATION_FAILED', `${other}: cannot be combined with ids`)
        }
        return withTenant(deps.db, principal.orgId, async (sql) => {
          const views = await deps.records.getMany(sql, ids, access)
          return { items: query.include === 'content' ? views : views.map(summaryOf), next_cursor: null }
        })
      }
      return withTenant(deps.db, principal.orgId, async (sql) => {
        const page = await deps.records.list(
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
          access,
        )
        if (query.include !== 'content') return page
        // The page's records decrypted, read again in this transaction: one that went in between is left out.
        const views = await deps.records.getMany(
          sql,
          page.items.map((item) => item.id),
          access,
        )
        return { items: views, next_cursor: page.next_cursor }
      })
    },
  )
}

/** A record view without its decrypted fields. */
function summaryOf(view: RecordView): RecordSummary {
  const { content: _content, metadata: _metadata, entities: _entities, ...summary } = view
  return summary
}
