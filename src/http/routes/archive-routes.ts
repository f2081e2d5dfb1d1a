import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Archive } from '../../archive/archive.js'
import { DEFAULT_ARCHIVE_RUN_RECORDS, MAX_ARCHIVE_RUN_RECORDS } from '../../archive/archive-job.js'
import { type Principal, requireOrgWide } from '../../auth/scopes.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import { NAMESPACE_NAME_PATTERN } from '../../records/namespaces.js'
import type { RecordsService } from '../../records/records-service.js'
import { principalOf } from '../authenticate.js'
import {
  ARCHIVE_RUN,
  ARCHIVE_RUN_PAGE,
  ARCHIVE_SETTINGS,
  RECORD_SUMMARY,
} from '../openapi/response-schemas.js'
import type { RouteDoc } from '../openapi/route-doc.js'
import { parseInput } from '../validate.js'

const SETTINGS_BODY = z.strictObject({
  endpoint: z.string().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters'),
  bucket: z.string().min(1, 'must not be empty').max(63, 'must be at most 63 characters'),
  prefix: z.string().max(256, 'must be at most 256 characters').default(''),
  region: z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .default('us-east-1'),
  path_style: z.boolean().default(true),
  access_key_id: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  secret_access_key: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  mode: z.enum(['plaintext', 'sealed'], 'must be plaintext or sealed'),
  recipient_public_key: z.string().max(64, 'must be a base64 X25519 public key').optional(),
  policy: z.strictObject({
    namespaces: z
      .array(z.string().regex(NAMESPACE_NAME_PATTERN, 'must be namespace names'))
      .min(1, 'must name at least one namespace (omit it for every namespace)')
      .max(100, 'must name at most 100 namespaces')
      .optional(),
    types: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'must be record types'))
      .min(1, 'must name at least one type (omit it for every type)')
      .max(100, 'must name at most 100 types')
      .optional(),
    older_than_days: z.number().int('must be a whole number').min(1).max(36500),
  }),
  enabled: z.boolean().default(true),
})

const RUN_BODY = z
  .strictObject({
    max_records: z.number().int('must be a whole number').min(1).max(MAX_ARCHIVE_RUN_RECORDS).optional(),
  })
  .default({})

const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
})

const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })

/**
 * The archive moves every agent's records of the org and holds the org's bucket credentials: only a
 * credential that stands for the whole org (no namespace, no agent) reaches it.
 * @throws INSUFFICIENT_SCOPE
 */
function requireWholeOrg(principal: Principal): void {
  requireOrgWide(principal)
  if (principal.agent !== null) {
    throw new CofferError('INSUFFICIENT_SCOPE', 'this token is bound to one agent')
  }
}

/**
 * `/v1/archive` (scope `admin`, whole-org tokens only): the org's archive settings (get, put,
 * delete; credentials are write-only), runs (start one now, list), and
 * `POST /v1/records/:id/restore`.
 */
export function registerArchiveRoutes(
  app: FastifyInstance,
  deps: { db: Database; archive: Archive; records: RecordsService },
): void {
  const { settings, job, restore } = deps.archive
  const admin = (doc: RouteDoc) => ({ config: { scope: 'admin' as const, doc } })
  const BUCKET_ERRORS = [
    'ARCHIVE_BUCKET_REFUSED',
    'UPSTREAM_UNREACHABLE',
    'UPSTREAM_TIMEOUT',
    'UNSAFE_URL',
  ] as const

  app.get(
    '/archive/settings',
    admin({
      summary: "The org's archive settings (credentials are write-only)",
      responses: { 200: ARCHIVE_SETTINGS },
      errors: ['NOT_FOUND'],
    }),
    async (request) => {
      const principal = principalOf(request)
      requireWholeOrg(principal)
      const view = await withTenant(deps.db, principal.orgId, (sql) => settings.get(sql))
      if (!view) throw new CofferError('NOT_FOUND', 'this org has no archive settings')
      return view
    },
  )

  app.put(
    '/archive/settings',
    admin({
      summary: "Save the org's archive settings, after verifying them against the bucket",
      body: SETTINGS_BODY,
      responses: { 200: ARCHIVE_SETTINGS },
      errors: [...BUCKET_ERRORS],
    }),
    async (request, reply) => {
      const body = parseInput(SETTINGS_BODY, request.body, 'body')
      const principal = principalOf(request)
      requireWholeOrg(principal)
      const saved = await settings.save(principal.orgId, principal.actor, {
        endpoint: body.endpoint,
        bucket: body.bucket,
        prefix: body.prefix,
        region: body.region,
        pathStyle: body.path_style,
        accessKeyId: body.access_key_id,
        secretAccessKey: body.secret_access_key,
        mode: body.mode,
        recipientPublicKey: body.recipient_public_key ?? null,
        namespaces: body.policy.namespaces ?? null,
        types: body.policy.types ?? null,
        olderThanDays: body.policy.older_than_days,
        enabled: body.enabled,
      })
      return reply.header('cache-control', 'no-store').send(saved)
    },
  )

  app.delete(
    '/archive/settings',
    admin({
      summary: "Delete the org's archive settings (stubs and archived objects stay)",
      responses: { 204: null },
      errors: ['NOT_FOUND'],
    }),
    async (request, reply) => {
      const principal = principalOf(request)
      requireWholeOrg(principal)
      await withTenant(deps.db, principal.orgId, (sql) => settings.delete(sql, principal.actor))
      return reply.code(204).send()
    },
  )

  app.post(
    '/archive/runs',
    admin({
      summary: 'Run the archive now (up to `max_records`) and answer the finished run',
      description: 'A run the bucket refused still answers 201, with `status: failed` and its `error_code`.',
      body: RUN_BODY,
      bodyOptional: true,
      responses: { 201: ARCHIVE_RUN },
      errors: ['ARCHIVE_NOT_CONFIGURED', 'CONFLICT'],
    }),
    async (request, reply) => {
      const body = parseInput(RUN_BODY, request.body, 'body')
      const principal = principalOf(request)
      requireWholeOrg(principal)
      const run = await job.run(principal.orgId, {
        trigger: 'manual',
        actor: principal.actor,
        maxRecords: body.max_records ?? DEFAULT_ARCHIVE_RUN_RECORDS,
      })
      return reply.code(201).send(run)
    },
  )

  app.get(
    '/archive/runs',
    admin({
      summary: "The org's archive runs, newest first",
      query: LIST_QUERY,
      responses: { 200: ARCHIVE_RUN_PAGE },
    }),
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      requireWholeOrg(principal)
      return withTenant(deps.db, principal.orgId, (sql) =>
        job.list(sql, { limit: query.limit, afterId: query.cursor?.toLowerCase() }),
      )
    },
  )

  app.post(
    '/records/:id/restore',
    admin({
      summary: 'Restore an archived record (plaintext mode) from the bucket; answers it without content',
      params: ID_PARAMS,
      responses: { 200: RECORD_SUMMARY },
      errors: [
        'NOT_FOUND',
        'ARCHIVE_SEALED',
        'ARCHIVE_NOT_CONFIGURED',
        'ARCHIVE_OBJECT_INVALID',
        ...BUCKET_ERRORS,
      ],
    }),
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      requireWholeOrg(principal)
      return restore.restore(principal.orgId, principal.actor, id)
    },
  )
}
