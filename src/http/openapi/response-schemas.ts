/**
 * What the handlers answer, as zod schemas: read from the services' view types (RecordSummary,
 * TokenView, ...) field by field. Each is registered in `RESPONSE_SCHEMAS` with the name clients
 * see (`components.schemas.<id>`). Objects are closed: a field the server sends that is not here
 * fails the contract check, so the document cannot fall behind the server.
 */
import { z } from 'zod'
import { SCOPES } from '../../auth/scopes.js'
import { ERROR_STATUS, type ErrorCode } from '../../errors.js'
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/webhook-events.js'

/** Every named response schema: the document's `components.schemas`. */
export const RESPONSE_SCHEMAS = z.registry<{ id: string; description?: string }>()

/** Registers `schema` under `id` (also in zod's global registry, where `.describe()` texts live). */
function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  const meta = description === undefined ? { id } : { id, description }
  RESPONSE_SCHEMAS.add(schema, meta)
  z.globalRegistry.add(schema, meta)
  return schema
}

const TIME = z.string().describe('ISO 8601 time, UTC')
const UUID = z.string().describe('a UUID')
const VISIBILITY = z.enum(['private', 'shared', 'public'])
const CURSOR = z.string().nullable().describe('pass as `cursor` for the next page; null on the last')

/** A page of `item`, newest first unless the route says otherwise. */
function page<S extends z.ZodType>(id: string, item: S) {
  return named(id, z.strictObject({ items: z.array(item), next_cursor: CURSOR }))
}

export const ERROR_CODE = named(
  'ErrorCode',
  z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
  "Coffer's stable error codes; see the README's error table",
)

export const PROBLEM = named(
  'Problem',
  z.strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: ERROR_CODE,
    detail: z.string(),
    instance: z.string().optional(),
  }),
  'An RFC 9457 problem document (application/problem+json) with the stable `code`',
)

export const HEALTH_LIVE = named('HealthLive', z.strictObject({ status: z.literal('ok') }))
export const HEALTH_READY = named(
  'HealthReady',
  z.strictObject({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgres']),
    key_provider: z.string(),
  }),
)

const RECORD_FIELDS = {
  id: UUID,
  namespace: z.string(),
  type: z.string(),
  visibility: VISIBILITY,
  owner_agent: z.string().nullable(),
  allowed_agents: z.array(z.string()),
  created_at: TIME,
  updated_at: TIME,
  expires_at: TIME.nullable(),
}

export const RECORD_SUMMARY = named(
  'RecordSummary',
  z.strictObject({
    ...RECORD_FIELDS,
    via_grant: UUID.nullable().describe('the grant this record was reached through; null when direct'),
  }),
  "A record's plaintext fields (no content)",
)

export const RECORD = named(
  'Record',
  z.strictObject({
    ...RECORD_SUMMARY.shape,
    content: z.string(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    entities: z.array(z.string()),
  }),
  'A record with its decrypted content, metadata and entities',
)

export const RECORD_PAGE = page('RecordPage', RECORD_SUMMARY)
export const ARCHIVED_RECORD = named(
  'ArchivedRecord',
  z.strictObject({
    ...RECORD_SUMMARY.shape,
    archived: z.strictObject({
      object_key: z.string(),
      at: TIME,
      mode: z.enum(['plaintext', 'sealed']),
      object_sha256: z.string(),
    }),
  }),
  "The stub of a record whose content was archived to the org's bucket",
)
export const RECORD_OR_ARCHIVED = named(
  'RecordOrArchived',
  z.union([RECORD, ARCHIVED_RECORD]),
  'A record, or the stub of one whose content was archived',
)
/** `GET /v1/records`: summaries, or with `include=content` (or `ids=`) whole records. */
export const RECORD_LIST = page('RecordList', z.union([RECORD, RECORD_SUMMARY]))
export const RECORD_BATCH = named(
  'RecordBatch',
  z.strictObject({ items: z.array(RECORD_SUMMARY) }),
  'The stored records, in the order sent',
)

export const SEARCH_HIT = named(
  'SearchHit',
  z.strictObject({
    id: UUID,
    score: z.number(),
    namespace: z.string(),
    type: z.string(),
    visibility: VISIBILITY,
    via_grant: UUID.nullable(),
    created_at: TIME,
    updated_at: TIME,
    expires_at: TIME.nullable(),
    content: z.string().optional().describe('with include: ["content"] only'),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    entities: z.array(z.string()).optional(),
  }),
)
export const SEARCH_RESULT = named('SearchResult', z.strictObject({ items: z.array(SEARCH_HIT) }))

/** What became of archived records' objects in the org's bucket. */
const ARCHIVE_ERASURE = z.strictObject({
  objects_deleted: z.number().int(),
  objects_left: z.array(z.string()).describe('object keys left in the bucket: delete them there'),
  error_code: z.string().nullable(),
})

export const ARCHIVED_RECORD_DELETED = named(
  'ArchivedRecordDeleted',
  z.strictObject({
    id: UUID,
    archive: ARCHIVE_ERASURE.describe("its object in the org's bucket"),
  }),
  "A deleted record that had been archived: its stub went, and this is what became of its object in the org's bucket",
)

export const ERASURE_RECEIPT = named(
  'ErasureReceipt',
  z.strictObject({
    format: z.literal('coffer-erasure-receipt/v1'),
    org_id: UUID,
    at: TIME,
    selector: z.array(z.string()).describe('the selector fields given (names only)'),
    counts: z.record(z.string(), z.number().int()).describe('rows deleted per table'),
    ids: z.array(UUID).describe('the ids of the records deleted (live and archived), ascending'),
    key_version: z.number().int(),
    archive: ARCHIVE_ERASURE.optional().describe(
      "present when archived records were erased: their objects in the org's bucket",
    ),
    signature: z
      .string()
      .describe('Ed25519 by the audit checkpoint key, base64; verifyErasureReceipt checks it'),
  }),
  'What an erasure deleted, signed: keep it as proof',
)
export const ERASE_RESULT = named(
  'EraseResult',
  z.strictObject({ deleted: z.number().int(), receipt: ERASURE_RECEIPT }),
)

const EXPORTED_RECORD_FIELDS = { kind: z.literal('record'), ...RECORD_FIELDS }
export const EXPORTED_ITEM = named(
  'ExportedItem',
  z.union([
    z.strictObject({
      ...EXPORTED_RECORD_FIELDS,
      content: z.string().describe('plain: the content; sealed: its envelope as cf1. text'),
      metadata: z.union([z.record(z.string(), z.unknown()), z.string()]).nullable(),
      entities: z.union([z.array(z.string()), z.string()]).nullable(),
    }),
    z.strictObject({
      kind: z.literal('archived_record'),
      ...RECORD_FIELDS,
      archived: z
        .strictObject({
          object_key: z.string(),
          at: TIME,
          mode: z.enum(['plaintext', 'sealed']),
          object_sha256: z.string(),
          endpoint: z.string().nullable().describe('null: archived before this was kept'),
          bucket: z.string().nullable(),
        })
        .describe("where the content lives: the org's bucket (no content here)"),
    }),
    z.strictObject({
      kind: z.literal('secret'),
      id: UUID,
      secret_kind: z.string(),
      last4: z.string().nullable(),
      verify_url: z.string().nullable(),
      verify_status: z.string(),
      created_by: z.string(),
      created_at: TIME,
      updated_at: TIME,
      last_used_at: TIME.nullable(),
      last_verified_at: TIME.nullable(),
    }),
  ]),
)
export const EXPORT_PAGE = page('ExportPage', EXPORTED_ITEM)

export const NAMESPACE = named(
  'Namespace',
  z.strictObject({
    id: UUID,
    name: z.string(),
    created_at: TIME,
    records: z.number().int().describe('live (unexpired) records in it'),
  }),
)
export const NAMESPACE_LIST = named('NamespaceList', z.strictObject({ items: z.array(NAMESPACE) }))
export const NAMESPACE_DELETED = named(
  'NamespaceDeleted',
  z.strictObject({
    deleted_records: z.number().int(),
    archived_records: z.number().int().describe('stubs of archived records deleted'),
    archive: ARCHIVE_ERASURE.optional(),
  }),
)

export const TOKEN = named(
  'Token',
  z.strictObject({
    id: UUID,
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    user_id: UUID.nullable(),
    agent: z.string().nullable(),
    namespace: z.string().nullable(),
    rate_limit_per_minute: z.number().int().nullable(),
    created_at: TIME,
    expires_at: TIME.nullable(),
    revoked_at: TIME.nullable(),
    last_used_at: TIME.nullable(),
    rotated_to: UUID.nullable(),
  }),
  'A token as listed: never its hash, never its plaintext',
)
export const TOKEN_ISSUED = named(
  'TokenIssued',
  z.strictObject({ ...TOKEN.shape, token: z.string().describe('the plaintext (cf_...), shown this once') }),
  'A new token: its view and its plaintext, shown this once',
)
export const TOKEN_PAGE = page('TokenPage', TOKEN)

export const GRANT = named(
  'Grant',
  z.strictObject({
    id: UUID,
    namespace: z.string(),
    reads: z.string(),
    types: z.array(z.string()).nullable(),
    expires_at: TIME.nullable(),
    created_at: TIME,
    created_by: z.string(),
  }),
)
export const GRANT_LIST = named(
  'GrantList',
  z.strictObject({ items: z.array(GRANT), next_cursor: z.null().describe('always null: one page') }),
)

const VERIFY_STATUS = z.enum(['valid', 'invalid', 'error'])
export const SECRET_WRITTEN = named(
  'SecretWritten',
  z.strictObject({ kind: z.string(), last4: z.string().nullable(), updated_at: TIME }),
)
export const SECRET_SUMMARY = named(
  'SecretSummary',
  z.strictObject({
    kind: z.string(),
    last4: z.string().nullable(),
    verify_url: z.string().nullable(),
    created_by: z.string(),
    created_at: TIME,
    updated_at: TIME,
    last_used_at: TIME.nullable(),
    last_verified_at: TIME.nullable(),
    verify_status: z.enum([...VERIFY_STATUS.options, 'unverified']),
  }),
  'A secret as listed: audit fields only, never the value',
)
export const SECRET_PAGE = page('SecretPage', SECRET_SUMMARY)
export const SECRET_VERIFICATION = named(
  'SecretVerification',
  z.strictObject({
    kind: z.string(),
    verify_status: VERIFY_STATUS,
    reason: z.string(),
    last_verified_at: TIME,
  }),
)
export const SECRET_RESOLVED = named(
  'SecretResolved',
  z.strictObject({ kind: z.string(), value: z.string() }),
  'The plaintext value (answered with cache-control: no-store)',
)

const SUBSCRIPTION = z.enum([...WEBHOOK_EVENT_TYPES, '*'])
export const WEBHOOK_ENDPOINT = named(
  'WebhookEndpoint',
  z.strictObject({
    id: UUID,
    url: z.string(),
    event_types: z.array(SUBSCRIPTION),
    description: z.string().describe('"" when none was given'),
    enabled: z.boolean(),
    disabled_reason: z.enum(['continuous_failure']).nullable(),
    failing_since: TIME.nullable(),
    created_at: TIME,
    updated_at: TIME,
  }),
)
export const WEBHOOK_ENDPOINT_CREATED = named(
  'WebhookEndpointCreated',
  z.strictObject({ ...WEBHOOK_ENDPOINT.shape, secret: z.string().describe('whsec_..., shown this once') }),
)
export const WEBHOOK_ENDPOINT_PAGE = page('WebhookEndpointPage', WEBHOOK_ENDPOINT)
export const WEBHOOK_SECRET = named(
  'WebhookSecret',
  z.strictObject({ secret: z.string().describe('the new signing secret, shown this once') }),
)
export const WEBHOOK_PING_QUEUED = named(
  'WebhookPingQueued',
  z.strictObject({ id: z.string(), event_type: z.literal('ping'), status: z.literal('pending') }),
)
export const WEBHOOK_REQUEUED = named('WebhookRequeued', z.strictObject({ requeued: z.number().int() }))
export const WEBHOOK_DELIVERY = named(
  'WebhookDelivery',
  z.strictObject({
    id: z.string(),
    event_type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: TIME.nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    created_at: TIME,
    finished_at: TIME.nullable(),
    log: z.array(
      z.strictObject({
        attempt: z.number().int(),
        attempted_at: TIME,
        status_code: z.number().int().nullable(),
        error: z.string().nullable(),
        latency_ms: z.number(),
        outcome: z.enum(['delivered', 'retrying', 'failed']),
        next_attempt_at: TIME.nullable(),
      }),
    ),
  }),
  'A delivery as the log shows it: ids and status, never the URL or a secret',
)
export const WEBHOOK_DELIVERY_PAGE = page('WebhookDeliveryPage', WEBHOOK_DELIVERY)

export const AUDIT_ENTRY = named(
  'AuditEntry',
  z.strictObject({
    seq: z.number().int(),
    at: TIME,
    actor: z.string(),
    action: z.string(),
    resource: z.string(),
    request_id: z.string().nullable(),
    outcome: z.string().nullable(),
    purpose: z.string().nullable(),
    leaf_hash: z.string().describe('base64'),
  }),
)
export const AUDIT_PAGE = page('AuditPage', AUDIT_ENTRY)
export const AUDIT_INCLUSION_PROOF = named(
  'AuditInclusionProof',
  z.strictObject({
    leaf_index: z.number().int(),
    tree_size: z.number().int(),
    proof: z.array(z.string().describe('base64')),
  }),
)
export const AUDIT_CONSISTENCY_PROOF = named(
  'AuditConsistencyProof',
  z.strictObject({ from: z.number().int(), to: z.number().int(), proof: z.array(z.string()) }),
)

export const SESSION = named(
  'Session',
  z.strictObject({
    session_id: z.string(),
    expires_at: TIME,
    csrf_token: z.string().describe('send as x-csrf-token on every cookie-authenticated change'),
  }),
)

export const ORG = named(
  'Org',
  z.strictObject({
    id: UUID,
    slug: z.string(),
    name: z.string(),
    plan: z.string(),
    rate_limit_per_minute: z.number().int().nullable(),
    suspended: z.boolean(),
    suspended_at: TIME.nullable(),
    deleted_at: TIME.nullable(),
    created_at: TIME,
  }),
)
export const ORG_CREATED = named(
  'OrgCreated',
  z.strictObject({
    org_id: UUID,
    slug: z.string(),
    owner_token: z.string().describe("the org's first admin token (cf_...), shown this once"),
  }),
)
export const ORG_PAGE = page('OrgPage', ORG)
export const ORG_DELETED = named(
  'OrgDeleted',
  z.strictObject({
    ...ORG.shape,
    destroyed_key_versions: z.array(z.number().int()),
    rows_deleted: z.number().int(),
    archive: ARCHIVE_ERASURE.optional().describe(
      "present when the org had archived records: their objects in the org's bucket",
    ),
  }),
)

export const OPENAPI_DOCUMENT = named(
  'OpenApiDocument',
  z.looseObject({ openapi: z.string() }),
  'This document',
)

const QUOTA_USE = z.strictObject({ limit: z.number().int().nullable(), used: z.number().int() })
export const USAGE = named(
  'Usage',
  z.strictObject({
    plan: z.string(),
    records: z.number().int(),
    bytes: z.number().int().describe('stored bytes of encrypted content and metadata'),
    namespaces: z.array(
      z.strictObject({ namespace: z.string(), records: z.number().int(), bytes: z.number().int() }),
    ),
    secrets: z.number().int(),
    webhook_endpoints: z.number().int(),
    tokens: z.number().int().describe('live (not revoked) tokens'),
    requests_per_day: z.array(z.strictObject({ day: z.string(), requests: z.number().int() })),
    quotas: z.strictObject({
      records: QUOTA_USE,
      storage_bytes: QUOTA_USE,
      max_tokens: QUOTA_USE,
      max_webhook_endpoints: QUOTA_USE,
    }),
  }),
  "An org's usage and its plan's quotas (limit null: the plan sets none)",
)
export const ORG_WITH_USAGE = named('OrgWithUsage', z.strictObject({ ...ORG.shape, usage: USAGE }))
export const SUBJECT_EXPORT_PAGE = named(
  'SubjectExportPage',
  z.strictObject({
    format: z.literal('coffer-subject-export/v1'),
    exported_at: TIME,
    records: z.array(EXPORTED_ITEM),
    audit: z.array(AUDIT_ENTRY),
    audit_truncated: z.boolean(),
    next_cursor: CURSOR,
  }),
  'One data subject: the records naming the entity and the audit entries about them',
)
export const AUDIT_SETTINGS = named(
  'AuditSettings',
  z.strictObject({ record_reads: z.boolean().describe('GET /v1/records/:id appends record.read') }),
)

export const SYSTEM_AUDIT_ENTRY = named(
  'SystemAuditEntry',
  z.strictObject({
    id: UUID,
    at: TIME,
    actor: z.string().describe('`operator:<id>` or `cli`'),
    action: z.string(),
    resource: z.string(),
  }),
  'One operator-plane action in the system log (ids only)',
)
export const SYSTEM_AUDIT_PAGE = page('SystemAuditPage', SYSTEM_AUDIT_ENTRY)

export const CONNECTOR_PROVIDER = named(
  'ConnectorProvider',
  z.strictObject({
    id: UUID,
    name: z.string(),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    client_id: z.string(),
    client_secret_last4: z.string().nullable(),
    scopes: z.array(z.string()),
    created_by: z.string(),
    created_at: TIME,
  }),
  'An OAuth provider as registered: never the client secret, only its last four characters',
)
export const CONNECTOR_PROVIDER_PAGE = page('ConnectorProviderPage', CONNECTOR_PROVIDER)

export const CONNECTOR_AUTHORIZATION = named(
  'ConnectorAuthorization',
  z.strictObject({
    authorization_url: z.string().describe("send the user's browser here"),
    state_expires_at: TIME,
  }),
  'A started authorization: the provider URL with a single-use state (10 minutes) and PKCE',
)
export const CONNECTOR = named(
  'Connector',
  z.strictObject({
    id: UUID,
    provider: z.string(),
    status: z.enum(['active', 'needs_reauth']),
    verify_status: z.enum(['valid', 'refused', 'unreachable']),
    access_last4: z.string().nullable(),
    scope: z.string().nullable().describe('the scope the provider granted'),
    expires_at: TIME.nullable(),
    refreshable: z.boolean(),
    created_by: z.string(),
    created_at: TIME,
    updated_at: TIME,
    last_refreshed_at: TIME.nullable(),
    last_used_at: TIME.nullable(),
  }),
  'A connector credential: ids, status, last four characters and times, never a token',
)
export const CONNECTOR_PAGE = page('ConnectorPage', CONNECTOR)
export const CONNECTOR_ACCESS_TOKEN = named(
  'ConnectorAccessToken',
  z.strictObject({
    id: UUID,
    provider: z.string(),
    access_token: z.string(),
    expires_at: TIME.nullable(),
  }),
  'A currently valid access token (answered with cache-control: no-store)',
)

const ARCHIVE_MODE = z.enum(['plaintext', 'sealed'])
export const ARCHIVE_SETTINGS = named(
  'ArchiveSettings',
  z.strictObject({
    endpoint: z.string(),
    bucket: z.string(),
    prefix: z.string(),
    region: z.string(),
    path_style: z.boolean(),
    access_key_last4: z.string(),
    mode: ARCHIVE_MODE,
    recipient_public_key: z.string().nullable(),
    policy: z.strictObject({
      namespaces: z.array(z.string()).nullable().describe('null: every namespace'),
      types: z.array(z.string()).nullable().describe('null: every type'),
      older_than_days: z.number().int(),
    }),
    enabled: z.boolean(),
    next_run_at: TIME.nullable(),
    verified_at: TIME,
    updated_at: TIME,
  }),
  "The org's archive settings: never a credential, only the access key id's last four characters",
)
export const ARCHIVE_RUN = named(
  'ArchiveRun',
  z.strictObject({
    id: UUID,
    trigger: z.enum(['manual', 'scheduled']),
    actor: z.string(),
    status: z.enum(['running', 'completed', 'failed', 'interrupted']),
    archived: z.number().int(),
    skipped: z.number().int(),
    remaining: z.boolean().describe('the run stopped at its record limit with more records due'),
    error_code: z.string().nullable().describe('the error code a failed run ended with'),
    started_at: TIME,
    finished_at: TIME.nullable(),
  }),
)
export const ARCHIVE_RUN_PAGE = page('ArchiveRunPage', ARCHIVE_RUN)
