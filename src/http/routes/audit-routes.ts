import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Coffer } from '../../app.js'
import { checkpointRoots, latestCheckpoint, orgVerifierKey } from '../../audit/audit-checkpoints.js'
import { buildAuditBundle } from '../../audit/audit-export.js'
import { auditEntryJson } from '../../audit/audit-log.js'
import { proveConsistency, proveInclusion } from '../../audit/audit-tree-store.js'
import type { Principal } from '../../auth/scopes.js'
import { withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import { principalOf } from '../authenticate.js'
import {
  AUDIT_CONSISTENCY_PROOF,
  AUDIT_INCLUSION_PROOF,
  AUDIT_PAGE,
  AUDIT_SETTINGS,
} from '../openapi/response-schemas.js'
import type { RouteDoc } from '../openapi/route-doc.js'
import { parseInput } from '../validate.js'

const SEQ = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
const TEXT = z.string().min(1).max(200)
const TIME = z.iso.datetime({ offset: true }).transform((value) => new Date(value))
const LIST_QUERY = z.strictObject({
  actor: TEXT.optional(),
  action: TEXT.optional(),
  resource: TEXT.optional(),
  since: TIME.optional(),
  until: TIME.optional(),
  cursor: SEQ.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
const INCLUSION_QUERY = z.strictObject({ seq: SEQ, size: SEQ.optional() })
const CONSISTENCY_QUERY = z.strictObject({ from: SEQ, to: SEQ.optional() })
const EXPORT_QUERY = z.strictObject({
  from: SEQ.default(1),
  to: SEQ.optional(),
  consistent_from: SEQ.optional(),
})
const STREAM_QUERY = z.strictObject({ after: z.coerce.number().int().min(0).optional() })
const SETTINGS_BODY = z.strictObject({ record_reads: z.boolean() })

/** Entries one stream response sends before it ends (the client reconnects with Last-Event-ID). */
export const AUDIT_STREAM_MAX_ENTRIES = 1000

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/**
 * The audit trail is the whole org's: a token narrowed to one namespace or acting as one agent
 * would read what happened outside its reach, so only an unrestricted principal reads it.
 * @throws INSUFFICIENT_SCOPE
 */
function auditReader(request: FastifyRequest): Principal {
  const principal = principalOf(request)
  if (principal.namespaceId !== null || principal.agent !== null)
    throw new CofferError(
      'INSUFFICIENT_SCOPE',
      'the audit trail needs a token not restricted to a namespace or agent',
    )
  return principal
}

/** The org's tree size: its latest checkpoint's. @throws NOT_FOUND when nothing is sealed yet. */
function treeSizeOf(checkpoint: { treeSize: number } | undefined): number {
  if (!checkpoint) throw new CofferError('NOT_FOUND', 'the audit log has no checkpoint yet')
  return checkpoint.treeSize
}

/** `latest` as checkpointRoots gives it. @throws NOT_FOUND when nothing is sealed yet (0). */
function sealedSize(latest: number): number {
  if (latest === 0) throw new CofferError('NOT_FOUND', 'the audit log has no checkpoint yet')
  return latest
}

/** `/v1/audit`: query, stream, checkpoints, proofs and export of the org's audit log; scope `audit:read`. */
export function registerAuditRoutes(app: FastifyInstance, coffer: Coffer): void {
  const scope = (doc: RouteDoc) => ({ config: { scope: 'audit:read' as const, doc } })
  const inOrg = <T>(principal: Principal, fn: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(coffer.db, principal.orgId, fn)

  app.get(
    '/audit',
    scope({
      summary: "Query the org's audit log, newest first",
      query: LIST_QUERY,
      responses: { 200: AUDIT_PAGE },
    }),
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = auditReader(request)
      const entries = await inOrg(principal, (sql) =>
        coffer.audit.list(sql, {
          actor: query.actor,
          action: query.action,
          resource: query.resource,
          since: query.since,
          until: query.until,
          beforeSeq: query.cursor,
          limit: query.limit + 1,
        }),
      )
      const page = entries.slice(0, query.limit)
      return {
        items: page.map(auditEntryJson),
        next_cursor: entries.length > query.limit ? String(page.at(-1)!.seq) : null,
      }
    },
  )

  app.get(
    '/audit/settings',
    scope({
      summary: 'Whether reads of single records are audited (opt-in per org)',
      responses: { 200: AUDIT_SETTINGS },
    }),
    async (request) => {
      const principal = auditReader(request)
      return { record_reads: await inOrg(principal, (sql) => coffer.audit.recordReadsAudited(sql)) }
    },
  )

  // Turning record-read auditing off hides reads from then on: an org admin's decision, audited.
  app.put(
    '/audit/settings',
    {
      config: {
        scope: 'admin' as const,
        doc: {
          summary: 'Turn auditing of record reads on or off (one more audit entry per GET /v1/records/:id)',
          body: SETTINGS_BODY,
          responses: { 200: AUDIT_SETTINGS },
        },
      },
    },
    async (request) => {
      const body = parseInput(SETTINGS_BODY, request.body, 'body')
      const principal = auditReader(request)
      await inOrg(principal, (sql) =>
        coffer.audit.setRecordReads(sql, body.record_reads, {
          actor: principal.actor,
          requestId: request.id,
        }),
      )
      return { record_reads: body.record_reads }
    },
  )

  app.get(
    '/audit/stream',
    scope({
      summary: 'Entries after `after` (or Last-Event-ID) as server-sent events, up to 1,000 per response',
      query: STREAM_QUERY,
      headers: { 'last-event-id': 'resume after this sequence number' },
      responses: {
        200: { contentType: 'text/event-stream', description: 'events named `entry`, data an AuditEntry' },
      },
    }),
    async (request, reply) => {
      const query = parseInput(STREAM_QUERY, request.query, 'query')
      const principal = auditReader(request)
      const lastEventId = Number(request.headers['last-event-id'])
      const after = query.after ?? (Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : 0)
      const entries = await inOrg(principal, (sql) =>
        coffer.audit.range(sql, after + 1, after + AUDIT_STREAM_MAX_ENTRIES),
      )
      const events = entries.map(
        (entry) => `id: ${entry.seq}\nevent: entry\ndata: ${JSON.stringify(auditEntryJson(entry))}\n\n`,
      )
      return reply
        .type('text/event-stream')
        .header('cache-control', 'no-store')
        .send(`retry: 1000\n\n${events.join('')}`)
    },
  )

  app.get(
    '/audit/checkpoint',
    scope({
      summary: 'The latest signed checkpoint (a signed note)',
      responses: { 200: { contentType: 'text/plain', description: 'the signed note' } },
      errors: ['NOT_FOUND'],
    }),
    async (request, reply) => {
      const principal = auditReader(request)
      const checkpoint = await inOrg(principal, (sql) => latestCheckpoint(sql))
      treeSizeOf(checkpoint)
      return reply.type('text/plain; charset=utf-8').send(checkpoint!.note)
    },
  )

  app.get(
    '/audit/checkpoint-key',
    scope({
      summary: "The org's checkpoint verifier keys, one per line",
      responses: { 200: { contentType: 'text/plain', description: 'verifier keys' } },
    }),
    async (request, reply) => {
      const principal = auditReader(request)
      await coffer.auditKeys.current()
      const keys = await coffer.auditKeys.publicKeys()
      const lines = keys.map((key) => orgVerifierKey(coffer.audit.origin, principal.orgId, key.publicKey))
      return reply.type('text/plain; charset=utf-8').send(`${lines.join('\n')}\n`)
    },
  )

  app.get(
    '/audit/proof/inclusion',
    scope({
      summary: 'Inclusion proof of entry `seq` in the tree of `size`',
      query: INCLUSION_QUERY,
      responses: { 200: AUDIT_INCLUSION_PROOF },
      errors: ['NOT_FOUND', 'AUDIT_CHAIN_BROKEN'],
    }),
    async (request) => {
      const query = parseInput(INCLUSION_QUERY, request.query, 'query')
      const principal = auditReader(request)
      return inOrg(principal, async (sql) => {
        // One query for the sizes and roots, one for the stored hashes; checked before it leaves.
        const checkpoints = await checkpointRoots(sql, query.size === undefined ? [] : [query.size])
        const latest = sealedSize(checkpoints.latest)
        const size = query.size ?? latest
        if (size > latest) throw new CofferError('VALIDATION_FAILED', 'size: beyond the latest checkpoint')
        if (query.seq > size) throw new CofferError('VALIDATION_FAILED', 'seq: beyond size')
        const proof = await proveInclusion(sql, query.seq - 1, size, checkpoints.roots.get(size))
        return { leaf_index: query.seq - 1, tree_size: size, proof: proof.map(b64) }
      })
    },
  )

  app.get(
    '/audit/proof/consistency',
    scope({
      summary: 'Consistency proof between tree sizes `from` and `to`',
      query: CONSISTENCY_QUERY,
      responses: { 200: AUDIT_CONSISTENCY_PROOF },
      errors: ['NOT_FOUND', 'AUDIT_CHAIN_BROKEN'],
    }),
    async (request) => {
      const query = parseInput(CONSISTENCY_QUERY, request.query, 'query')
      const principal = auditReader(request)
      return inOrg(principal, async (sql) => {
        const sizes = query.to === undefined ? [query.from] : [query.from, query.to]
        const checkpoints = await checkpointRoots(sql, sizes)
        const latest = sealedSize(checkpoints.latest)
        const to = query.to ?? latest
        if (to > latest) throw new CofferError('VALIDATION_FAILED', 'to: beyond the latest checkpoint')
        if (query.from > to) throw new CofferError('VALIDATION_FAILED', 'from: beyond to')
        const proof = await proveConsistency(sql, query.from, to, {
          from: checkpoints.roots.get(query.from),
          to: checkpoints.roots.get(to),
        })
        return { from: query.from, to, proof: proof.map(b64) }
      })
    },
  )

  app.get(
    '/audit/export',
    scope({
      summary: 'An offline-verifiable bundle of entries, checkpoints and keys',
      query: EXPORT_QUERY,
      responses: {
        200: { contentType: 'application/x-ndjson', description: 'the bundle, one JSON object a line' },
      },
      errors: ['NOT_FOUND'],
    }),
    async (request, reply) => {
      const query = parseInput(EXPORT_QUERY, request.query, 'query')
      const principal = auditReader(request)
      const keys = await coffer.auditKeys.publicKeys()
      const bundle = await inOrg(principal, (sql) =>
        buildAuditBundle(sql, coffer.audit, keys, {
          from: query.from,
          to: query.to,
          consistentFrom: query.consistent_from,
        }),
      )
      return reply
        .type('application/x-ndjson')
        .header('content-disposition', 'attachment; filename="audit.ndjson"')
        .send(bundle)
    },
  )
}
