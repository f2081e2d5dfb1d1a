import type { AuditLog } from '../audit/audit-log.js'
import { envelopeLength } from '../crypto/envelope.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { FieldLocation, OrgKeyRow, OrgKeyring } from '../keys/org-keyring.js'
import { checkEntities, entityLookup, indexEntities } from './entity-index.js'
import { ensureNamespace } from './namespaces.js'
import {
  type RecordAccess,
  recordAccessPredicate,
  recordWritePredicate,
  viaGrantColumn,
} from './record-access.js'
import type { ArchivedObjectRef, ArchivedStubsEraser } from './records-erase.js'

/** What a caller stores. `content` and `metadata` are encrypted; the rest is plaintext. */
export interface StoreRecordInput {
  namespace: string
  type: string
  content: string
  metadata?: Record<string, unknown> | undefined
  visibility?: RecordVisibility | undefined
  allowedAgents?: readonly string[] | undefined
  /** People, companies, account ids the record is about: encrypted, and blind-indexed exactly. */
  entities?: readonly string[] | undefined
  /** Seconds until the record expires: hidden from every read from then on, deleted by the sweeper. */
  ttlSeconds?: number | undefined
}

/** What a PATCH changes; absent fields stay. `metadata: null` and `ttlSeconds: null` clear them. */
export interface PatchRecordInput {
  type?: string | undefined
  content?: string | undefined
  metadata?: Record<string, unknown> | null | undefined
  visibility?: RecordVisibility | undefined
  allowedAgents?: readonly string[] | undefined
  entities?: readonly string[] | undefined
  ttlSeconds?: number | null | undefined
}

/** Filters of a list; every one optional, all must match. */
export interface RecordFilters {
  namespace?: string | undefined
  type?: string | undefined
  entity?: string | undefined
  createdAfter?: Date | undefined
  createdBefore?: Date | undefined
}

/** A record's decrypted fields, handed to indexers after a write and to rotation's reindex. */
export interface RecordPlaintext {
  id: string
  content: string
  entities: readonly string[]
}

/**
 * Keeps a derived index of records (blind indexes of search terms) in step with their writes:
 * called in the writing transaction with the new plaintext, and under the key version given.
 */
export interface RecordIndexer {
  index(
    sql: TenantSql,
    record: RecordPlaintext,
    version: number | 'active',
    options: IndexWriteOptions,
  ): Promise<void>
  /** The same for many records at once (a rotation batch), in a few statements; always replaces. */
  indexMany(sql: TenantSql, records: readonly RecordPlaintext[], version: number | 'active'): Promise<void>
}

/**
 * How an index write starts: `replace` deletes the record's old rows first (a PATCH, a rotation);
 * a record just inserted has none, so its write only inserts (a DELETE that cannot find anything
 * still searched the index, and on a fresh org's unanalysed table it scanned every row of the org).
 */
export interface IndexWriteOptions {
  replace: boolean
}

/** `private`: owner and listed agents only; `shared`: its namespace (and grants); `public`: the whole org. */
export type RecordVisibility = 'private' | 'shared' | 'public'

/** Who stores a record: the audit actor, and the agent/namespace limits of the credential. */
export interface RecordWriter {
  actor: string
  agent: string | null
  namespaceId: string | null
}

/** A record's plaintext fields (no content): what lists return. */
export interface RecordSummary {
  id: string
  namespace: string
  type: string
  visibility: RecordVisibility
  owner_agent: string | null
  allowed_agents: string[]
  created_at: string
  updated_at: string
  expires_at: string | null
  /** The grant this record was reached through; null when reached directly. */
  via_grant: string | null
}

/** A record with its decrypted content, metadata and entities. */
export interface RecordView extends RecordSummary {
  content: string
  metadata: Record<string, unknown> | null
  entities: string[]
}

/** A page of a list, newest first. */
export interface RecordPage {
  items: RecordSummary[]
  next_cursor: string | null
}

// --- archive (issue #17 part 3): the stub of an archived record, read through a port -------------
/** Where an archived record's content went (`GET /v1/records/:id` of an archived record). */
export interface ArchivedRecordView extends RecordSummary {
  archived: { object_key: string; at: string; mode: 'plaintext' | 'sealed'; object_sha256: string }
}

/** Finds the stub of an archived record that `access` may see (src/archive implements it). */
export interface ArchivedRecordLookup {
  find(sql: TenantSql, id: string, access: RecordAccess): Promise<ArchivedRecordView | null>
}

/** An archived record's plaintext columns, for putting it back (`reinsertArchived`). */
export interface ArchivedRecordColumns {
  id: string
  namespace: string
  type: string
  visibility: RecordVisibility
  ownerAgent: string | null
  allowedAgents: string[]
  createdAt: Date
  updatedAt: Date
}
// --- end archive ----------------------------------------------------------------------------------

interface RecordRow {
  id: string
  namespace: string
  type: string
  visibility: RecordVisibility
  owner_agent: string | null
  allowed_agents: string[]
  via_grant: string | null
  content: Uint8Array
  metadata: Uint8Array | null
  entities: Uint8Array | null
  created_at: Date
  updated_at: Date
  expires_at: Date | null
}

/** The org key row joined to a record read (see #visibleRow). */
interface KeyRowColumns {
  key_row_version: number | null
  key_row_wrapped_key: Uint8Array | null
  key_row_state: OrgKeyRow['state'] | null
  key_row_root_key_id: OrgKeyRow['root_key_id'] | null
}

/** The columns `toSummary` reads, over `records r JOIN namespaces n`. */
export const SUMMARY_COLUMNS =
  'r.id, n.name AS namespace, r.type, r.visibility, r.owner_agent, r.allowed_agents, r.created_at, r.updated_at, r.expires_at'

export type SummaryRow = Omit<RecordRow, 'content' | 'metadata' | 'entities'>

/** The longest TTL accepted: ten years. */
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600

/** A row of SUMMARY_COLUMNS (and its grant) as the API shows it. */
export function toSummary(row: SummaryRow): RecordSummary {
  return {
    id: row.id,
    namespace: row.namespace,
    type: row.type,
    visibility: row.visibility,
    owner_agent: row.owner_agent,
    allowed_agents: row.allowed_agents,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    expires_at: row.expires_at?.toISOString() ?? null,
    via_grant: row.via_grant,
  }
}

const at = (rowId: string, column: 'content' | 'metadata' | 'entities'): FieldLocation => ({
  table: 'records',
  column,
  rowId,
})

/** Emits a change of one record, in the change's transaction (no import of the webhooks module). */
export type RecordEventEmitter = (
  sql: TenantSql,
  event: { type: 'record.created' | 'record.updated' | 'record.deleted'; data: { id: string } },
) => Promise<void>

/**
 * Reserves room under the org's storage quotas for what a write adds, in its transaction, before
 * its INSERT or UPDATE (usage/record-quota.ts); the record counts and envelope bytes.
 */
export type StorageCharger = (sql: TenantSql, charge: { records: number; bytes: number }) => Promise<void>

/** Stored bytes of a record: the octet lengths of its envelopes (what `usage_records` counts). */
export function storedBytesOf(sealed: { content: Buffer; metadata: Buffer | null; entities: Buffer | null }) {
  return sealed.content.length + (sealed.metadata?.length ?? 0) + (sealed.entities?.length ?? 0)
}

/** The sensitive records of an org: stored only as envelopes, audited on every change. */
export class RecordsService {
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #indexers: readonly RecordIndexer[]
  readonly #emit: RecordEventEmitter
  readonly #charge: StorageCharger
  /** Archive: the stubs `getOrArchived` falls back to (none when not wired). */
  readonly #archived: ArchivedRecordLookup | undefined

  constructor(options: {
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    indexers?: RecordIndexer[]
    /** Emits `record.created|updated|deleted` (ids only) in the change's transaction: the webhooks outbox. */
    emit?: RecordEventEmitter
    /** Storage quota of the write path (usage/record-quota.ts); absent: no quota. */
    charge?: StorageCharger
    /** Archive: answers the stub of an archived record. */
    archived?: ArchivedRecordLookup
  }) {
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
    this.#indexers = options.indexers ?? []
    this.#emit = options.emit ?? (async () => undefined)
    this.#charge = options.charge ?? (async () => undefined)
    this.#archived = options.archived
  }

  /** What a principal sees, judged at the app's clock. */
  accessOf(principal: { namespaceId: string | null; agent: string | null }): RecordAccess {
    return { namespaceId: principal.namespaceId, agent: principal.agent, now: new Date(this.#clock.now()) }
  }

  /** The access of an operator (CLI, rotation, tests): every namespace, no agent. */
  #unrestricted(): RecordAccess {
    return this.accessOf({ namespaceId: null, agent: null })
  }

  /**
   * Encrypts and stores a record; audits `record.created`. The writer's agent becomes the owner agent.
   * @throws INSUFFICIENT_SCOPE when a namespace-restricted writer names another namespace;
   *   VALIDATION_FAILED for bad entities or TTL; QUOTA_EXCEEDED past the plan's records or
   *   storage_bytes quota
   */
  async store(
    sql: TenantSql,
    writer: RecordWriter | string,
    input: StoreRecordInput,
    options: { charged?: boolean } = {},
  ): Promise<RecordSummary> {
    const {
      actor,
      agent,
      namespaceId: onlyNamespace,
    } = typeof writer === 'string' ? { actor: writer, agent: null, namespaceId: null } : writer
    const now = new Date(this.#clock.now())
    const id = uuidV7(now.getTime())
    const entities = checkEntities(input.entities ?? [])
    const expiresAt = expiryOf(now, input.ttlSeconds)
    // The namespace lookup and the key row the sealing reads are sent together (one round trip);
    // nothing is written under a namespace the token may not reach.
    const [namespaceId, sealed] = await Promise.all([
      ensureNamespace(sql, { audit: this.#audit, clock: this.#clock, actor }, input.namespace),
      this.#seal(sql, id, { content: input.content, metadata: input.metadata ?? null, entities }),
    ])
    if (onlyNamespace !== null && namespaceId !== onlyNamespace) {
      throw new CofferError('INSUFFICIENT_SCOPE', 'namespace: this token is restricted to another namespace')
    }
    const visibility = input.visibility ?? 'shared'
    const allowedAgents = [...new Set(input.allowedAgents ?? [])]
    // A batch charged for all its records at once (`chargeForStores`): one charge per transaction.
    if (options.charged !== true) await this.#charge(sql, { records: 1, bytes: storedBytesOf(sealed) })
    // Deferred: the row travels with the index rows and the audit entry (one round trip).
    await sql.defer(
      `INSERT INTO records (org_id, id, namespace_id, type, content, metadata, entities, key_version, created_at,
                            updated_at, visibility, owner_agent, allowed_agents, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13)`,
      [
        sql.orgId,
        id,
        namespaceId,
        input.type,
        sealed.content,
        sealed.metadata,
        sealed.entities,
        sealed.keyVersion,
        now,
        visibility,
        agent,
        allowedAgents,
        expiresAt,
      ],
    )
    await this.#index(sql, { id, content: input.content, entities }, sealed.keyVersion, { replace: false })
    await this.#audit.appendDeferred(sql, { actor, action: 'record.created', resource: `record:${id}` })
    await this.#emit(sql, { type: 'record.created', data: { id } })
    return toSummary({
      id,
      namespace: input.namespace,
      type: input.type,
      visibility,
      owner_agent: agent,
      allowed_agents: allowedAgents,
      created_at: now,
      updated_at: now,
      expires_at: expiresAt,
      via_grant: null,
    })
  }

  /**
   * Reads and decrypts one record.
   * @throws NOT_FOUND (also for another org's id, and once expired); DECRYPTION_FAILED;
   *   KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async get(sql: TenantSql, id: string, access: RecordAccess = this.#unrestricted()): Promise<RecordView> {
    const row = await this.#visibleRow(sql, id, access)
    return this.#view(sql, row)
  }

  // --- archive (issue #17 part 3) ---------------------------------------------------------------
  /**
   * `get`, or the stub of an archived record (`archived: {object_key, at, ...}`, no content) when
   * the record was archived; a stub is seen under the same rules as the record was.
   * @throws as `get`
   */
  async getOrArchived(
    sql: TenantSql,
    id: string,
    access: RecordAccess = this.#unrestricted(),
  ): Promise<RecordView | ArchivedRecordView> {
    try {
      return await this.get(sql, id, access)
    } catch (error) {
      if (!(error instanceof CofferError) || error.code !== 'NOT_FOUND' || !this.#archived) throw error
      const stub = await this.#archived.find(sql, id, access)
      if (!stub) throw error
      return stub
    }
  }

  /**
   * Puts an archived record back under its own id and timestamps: seals its fields under the active
   * key, rebuilds its indexes, audits `record.restored`. The caller deletes the stub in the same
   * transaction.
   * @throws VALIDATION_FAILED for bad entities; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async reinsertArchived(
    sql: TenantSql,
    actor: string,
    row: ArchivedRecordColumns,
    fields: { content: string; metadata: Record<string, unknown> | null; entities: readonly string[] },
  ): Promise<RecordSummary> {
    const entities = checkEntities(fields.entities)
    const namespaceId = await ensureNamespace(
      sql,
      { audit: this.#audit, clock: this.#clock, actor },
      row.namespace,
    )
    const sealed = await this.#seal(sql, row.id, {
      content: fields.content,
      metadata: fields.metadata,
      entities,
    })
    await sql.query(
      `INSERT INTO records (org_id, id, namespace_id, type, content, metadata, entities, key_version, created_at,
                            updated_at, visibility, owner_agent, allowed_agents, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL)`,
      [
        sql.orgId,
        row.id,
        namespaceId,
        row.type,
        sealed.content,
        sealed.metadata,
        sealed.entities,
        sealed.keyVersion,
        row.createdAt,
        row.updatedAt,
        row.visibility,
        row.ownerAgent,
        row.allowedAgents,
      ],
    )
    await this.#index(sql, { id: row.id, content: fields.content, entities }, sealed.keyVersion, {
      replace: false,
    })
    await this.#audit.append(sql, { actor, action: 'record.restored', resource: `record:${row.id}` })
    return toSummary({
      id: row.id,
      namespace: row.namespace,
      type: row.type,
      visibility: row.visibility,
      owner_agent: row.ownerAgent,
      allowed_agents: row.allowedAgents,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
      expires_at: null,
      via_grant: null,
    })
  }
  // --- end archive ---------------------------------------------------------------------------------

  /**
   * Reads and decrypts the records among `ids` that `access` may read, in the order given
   * (duplicates once); ids it may not read, expired or missing ones are absent. One statement.
   * @throws DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async getMany(
    sql: TenantSql,
    ids: readonly string[],
    access: RecordAccess = this.#unrestricted(),
  ): Promise<RecordView[]> {
    const wanted = [...new Set(ids)]
    if (wanted.length === 0) return []
    const visible = recordAccessPredicate(access, 3)
    const { rows } = await sql.query<RecordRow>(
      `SELECT ${SUMMARY_COLUMNS}, ${viaGrantColumn(3)} AS via_grant, r.content, r.metadata, r.entities
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id = ANY($2::uuid[]) AND ${visible.sql}`,
      [sql.orgId, wanted, ...visible.params],
    )
    const byId = new Map(rows.map((row) => [row.id, row]))
    const views: RecordView[] = []
    for (const id of wanted) {
      const row = byId.get(id)
      if (row) views.push(await this.#view(sql, row))
    }
    return views
  }

  /**
   * Changes a record: re-encrypts every envelope of the row under the active key version (so a
   * row never mixes versions), re-indexes it, bumps `updated_at`; audits `record.updated`.
   * Namespace and owner agent never change. Needs write reach (record-access.ts).
   * @throws NOT_FOUND (as `get`); INSUFFICIENT_SCOPE for a record the caller reads but may not
   *   change; VALIDATION_FAILED for bad entities or TTL; QUOTA_EXCEEDED when it grows past the
   *   plan's storage_bytes quota; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async patch(
    sql: TenantSql,
    actor: string,
    id: string,
    input: PatchRecordInput,
    access: RecordAccess = this.#unrestricted(),
  ): Promise<RecordView> {
    const entitiesIn = input.entities === undefined ? undefined : checkEntities(input.entities)
    const now = new Date(this.#clock.now())
    const row = await this.#writableRow(sql, id, access)
    const current = await this.#view(sql, row)
    const next = {
      content: input.content ?? current.content,
      metadata: input.metadata === undefined ? current.metadata : input.metadata,
      entities: entitiesIn ?? current.entities,
    }
    const expiresAt =
      input.ttlSeconds === undefined
        ? row.expires_at
        : input.ttlSeconds === null
          ? null
          : expiryOf(now, input.ttlSeconds)
    const type = input.type ?? row.type
    const visibility = input.visibility ?? row.visibility
    const allowedAgents =
      input.allowedAgents === undefined ? row.allowed_agents : [...new Set(input.allowedAgents)]
    const sealed = await this.#seal(sql, id, next)
    const grown =
      storedBytesOf(sealed) - (row.content.length + (row.metadata?.length ?? 0) + (row.entities?.length ?? 0))
    if (grown > 0) await this.#charge(sql, { records: 0, bytes: grown })
    // updated_at never goes back, even if the clock did.
    const updatedAt = now > row.updated_at ? now : row.updated_at
    await sql.query(
      `UPDATE records SET type = $3, content = $4, metadata = $5, entities = $6, key_version = $7,
              visibility = $8, allowed_agents = $9, expires_at = $10, updated_at = $11
       WHERE org_id = $1 AND id = $2`,
      [
        sql.orgId,
        id,
        type,
        sealed.content,
        sealed.metadata,
        sealed.entities,
        sealed.keyVersion,
        visibility,
        allowedAgents,
        expiresAt,
        updatedAt,
      ],
    )
    await this.#index(sql, { id, content: next.content, entities: next.entities }, sealed.keyVersion, {
      replace: true,
    })
    await this.#audit.appendDeferred(sql, { actor, action: 'record.updated', resource: `record:${id}` })
    await this.#emit(sql, { type: 'record.updated', data: { id } })
    return {
      ...toSummary({
        ...row,
        type,
        visibility,
        allowed_agents: allowedAgents,
        expires_at: expiresAt,
        updated_at: updatedAt,
      }),
      content: next.content,
      metadata: next.metadata,
      entities: [...next.entities],
    }
  }

  /**
   * Hard-deletes one record (its index rows go with it); audits `record.deleted`. Needs write
   * reach (record-access.ts). With `archived` (the archive's stubs), the stub with this id goes
   * too, under the same write reach: an archived record's (its entity index rows with it), or a
   * restored record's; its object is answered, for the caller to delete from the org's bucket.
   * @throws NOT_FOUND; INSUFFICIENT_SCOPE for a record (or, with `archived`, an archived record's
   *   stub) the caller reads but may not change
   */
  async delete(
    sql: TenantSql,
    actor: string,
    id: string,
    access: RecordAccess = this.#unrestricted(),
    options: { archived?: ArchivedStubsEraser | undefined } = {},
  ): Promise<{ archivedObjects: ArchivedObjectRef[] }> {
    const writable = recordWritePredicate(access, 3)
    const { rowCount } = await sql.query(
      `DELETE FROM records r WHERE r.org_id = $1 AND r.id = $2 AND ${writable.sql}`,
      [sql.orgId, id, ...writable.params],
    )
    const stubs = options.archived ? await options.archived.eraseMatching(sql, { ids: [id] }, access) : null
    if (rowCount === 0 && (stubs?.ids.length ?? 0) === 0) {
      await this.#refuseWrite(sql, id, access, { stubs: stubs !== null })
    }
    await this.#audit.appendDeferred(sql, { actor, action: 'record.deleted', resource: `record:${id}` })
    await this.#emit(sql, { type: 'record.deleted', data: { id } })
    return { archivedObjects: stubs?.objects ?? [] }
  }

  /**
   * Lists records newest first, without content; `afterId` is the last id of the previous page.
   * Filters: namespace name, type, entity (through its blind index), created range.
   */
  async list(
    sql: TenantSql,
    options: { limit: number; afterId?: string | undefined; filters?: RecordFilters | undefined },
    access: RecordAccess = this.#unrestricted(),
  ): Promise<RecordPage> {
    const filters = options.filters ?? {}
    // No cursor: start above every id (a constant bound keeps the index range plain; an
    // `$2 IS NULL OR` made PostgreSQL scan the whole org).
    const params: unknown[] = [
      sql.orgId,
      options.afterId ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff',
      options.limit + 1,
    ]
    const where: string[] = []
    if (filters.namespace !== undefined) where.push(`n.name = $${params.push(filters.namespace)}`)
    if (filters.type !== undefined) where.push(`r.type = $${params.push(filters.type)}`)
    if (filters.createdAfter !== undefined)
      where.push(`r.created_at >= $${params.push(filters.createdAfter)}`)
    if (filters.createdBefore !== undefined)
      where.push(`r.created_at < $${params.push(filters.createdBefore)}`)
    if (filters.entity !== undefined) where.push(await this.entityPredicate(sql, filters.entity, params))
    const visible = recordAccessPredicate(access, params.length + 1)
    params.push(...visible.params)
    const { rows } = await sql.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS}, ${viaGrantColumn(params.length - visible.params.length + 1)} AS via_grant
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id < $2::uuid AND ${visible.sql}
         ${where.map((clause) => `AND ${clause}`).join(' ')}
       ORDER BY r.id DESC LIMIT $3`,
      params,
    )
    const page = rows.slice(0, options.limit)
    const last = page.at(-1)
    return { items: page.map(toSummary), next_cursor: rows.length > options.limit && last ? last.id : null }
  }

  /**
   * A predicate over `records r` that holds when the record names `entity`, through its blind
   * index under every live key version; appends its parameters to `params`.
   */
  async entityPredicate(sql: TenantSql, entity: string, params: unknown[]): Promise<string> {
    const { hashes } = await entityLookup(sql, this.#keyring, entity)
    const list = hashes.map((hash) => `$${params.push(hash)}::bytea`).join(', ')
    return `EXISTS (SELECT 1 FROM record_entities e WHERE e.org_id = r.org_id AND e.record_id = r.id
      AND e.entity_hash IN (${list}))`
  }

  /**
   * Rebuilds the indexes of records just re-encrypted under `version` (the rotation job calls
   * this in the transaction of the batch, with the decrypted fields).
   */
  async reindex(sql: TenantSql, records: readonly RecordPlaintext[], version: number): Promise<void> {
    await indexEntities(sql, this.#keyring, records, version)
    for (const indexer of this.#indexers) await indexer.indexMany(sql, records, version)
  }

  /** The decrypted fields of rotated rows, for `reindex`: envelopes are JSON and UTF-8 as stored. */
  static plaintextOf(id: string, fields: Record<string, Buffer | null>): RecordPlaintext {
    return {
      id,
      content: fields.content?.toString('utf8') ?? '',
      entities: fields.entities ? (JSON.parse(fields.entities.toString('utf8')) as string[]) : [],
    }
  }

  async #index(
    sql: TenantSql,
    record: RecordPlaintext,
    version: number | 'active',
    options: IndexWriteOptions,
  ): Promise<void> {
    await indexEntities(sql, this.#keyring, [record], version, options)
    for (const indexer of this.#indexers) await indexer.index(sql, record, version, options)
  }

  /** Seals content, metadata (when not null) and entities (when any) under one leased active key. */
  /**
   * Reserves quota room for storing all of `inputs` in the caller's transaction, in one charge (a
   * transaction must not charge twice: near the quota each charge locks the org's whole ledger),
   * with exactly the envelope bytes `store` will write; then store each with `{ charged: true }`.
   * @throws QUOTA_EXCEEDED naming the quota; VALIDATION_FAILED for bad entities
   */
  async chargeForStores(sql: TenantSql, inputs: readonly StoreRecordInput[]): Promise<void> {
    let bytes = 0
    for (const input of inputs) {
      const entities = checkEntities(input.entities ?? [])
      bytes += envelopeLength(Buffer.byteLength(input.content, 'utf8'))
      if (input.metadata != null)
        bytes += envelopeLength(Buffer.byteLength(JSON.stringify(input.metadata), 'utf8'))
      if (entities.length > 0) bytes += envelopeLength(Buffer.byteLength(JSON.stringify(entities), 'utf8'))
    }
    await this.#charge(sql, { records: inputs.length, bytes })
  }

  async #seal(
    sql: TenantSql,
    id: string,
    fields: { content: string; metadata: Record<string, unknown> | null; entities: readonly string[] },
  ): Promise<{ content: Buffer; metadata: Buffer | null; entities: Buffer | null; keyVersion: number }> {
    const sealer = await this.#keyring.leaseSealer(sql)
    try {
      const seal = (column: 'content' | 'metadata' | 'entities', text: string) =>
        sealer.seal(at(id, column), Buffer.from(text, 'utf8')).envelope
      return {
        content: seal('content', fields.content),
        metadata: fields.metadata === null ? null : seal('metadata', JSON.stringify(fields.metadata)),
        entities: fields.entities.length === 0 ? null : seal('entities', JSON.stringify(fields.entities)),
        keyVersion: sealer.version,
      }
    } finally {
      sealer.release()
    }
  }

  async #visibleRow(sql: TenantSql, id: string, access: RecordAccess): Promise<RecordRow> {
    const visible = recordAccessPredicate(access, 3)
    // One statement: the record, the key row its envelopes name and the org's read-audit setting
    // (a read is BEGIN with the scope, this, COMMIT).
    const { rows } = await sql.query<RecordRow & KeyRowColumns & { audit_record_reads: boolean }>(
      `SELECT ${SUMMARY_COLUMNS}, ${viaGrantColumn(3)} AS via_grant, r.content, r.metadata, r.entities,
              k.version AS key_row_version, k.wrapped_key AS key_row_wrapped_key, k.state AS key_row_state,
              k.root_key_id AS key_row_root_key_id, o.audit_record_reads
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       JOIN orgs o ON o.id = r.org_id
       LEFT JOIN org_keys k ON k.org_id = r.org_id AND k.version = r.key_version
       WHERE r.org_id = $1 AND r.id = $2 AND ${visible.sql}`,
      [sql.orgId, id, ...visible.params],
    )
    const row = rows[0]
    if (!row) throw new CofferError('NOT_FOUND', 'no record with this id')
    this.#audit.noteRecordReadsAudited(sql, row.audit_record_reads === true)
    if (row.key_row_version !== null) {
      this.#keyring.noteVersionRow(sql, {
        version: row.key_row_version,
        wrapped_key: row.key_row_wrapped_key,
        state: row.key_row_state!,
        root_key_id: row.key_row_root_key_id!,
      })
    }
    return row
  }

  /** The row `access` may change, locked until the transaction ends. */
  async #writableRow(sql: TenantSql, id: string, access: RecordAccess): Promise<RecordRow> {
    const writable = recordWritePredicate(access, 3)
    const { rows } = await sql.query<RecordRow>(
      `SELECT ${SUMMARY_COLUMNS}, NULL AS via_grant, r.content, r.metadata, r.entities
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id = $2 AND ${writable.sql} FOR UPDATE OF r`,
      [sql.orgId, id, ...writable.params],
    )
    return rows[0] ?? (await this.#refuseWrite(sql, id, access))
  }

  /**
   * Why a change was refused: 403 for a record the caller reads, else 404 (like a missing one).
   * With `stubs`, an archived record's stub the caller reads counts as a record it reads.
   * @throws INSUFFICIENT_SCOPE, NOT_FOUND
   */
  async #refuseWrite(
    sql: TenantSql,
    id: string,
    access: RecordAccess,
    options: { stubs?: boolean } = {},
  ): Promise<never> {
    const visible = recordAccessPredicate(access, 3)
    const { rows } = await sql.query(
      `SELECT 1 FROM records r WHERE r.org_id = $1 AND r.id = $2 AND ${visible.sql}`,
      [sql.orgId, id, ...visible.params],
    )
    if (rows.length > 0 || (options.stubs && (await this.#archived?.find(sql, id, access)))) {
      throw new CofferError('INSUFFICIENT_SCOPE', 'this token may read this record but not change it')
    }
    throw new CofferError('NOT_FOUND', 'no record with this id')
  }

  async #view(sql: TenantSql, row: RecordRow): Promise<RecordView> {
    const open = async (column: 'content' | 'metadata' | 'entities', envelope: Uint8Array) =>
      (await this.#keyring.openField(sql, at(row.id, column), envelope)).toString('utf8')
    const content = await open('content', row.content)
    const metadata = row.metadata === null ? null : await open('metadata', row.metadata)
    const entities = row.entities === null ? null : await open('entities', row.entities)
    return {
      ...toSummary(row),
      content,
      metadata: metadata === null ? null : (JSON.parse(metadata) as Record<string, unknown>),
      entities: entities === null ? [] : (JSON.parse(entities) as string[]),
    }
  }
}

/**
 * When a record with `ttlSeconds` expires (null: never).
 * @throws VALIDATION_FAILED for a TTL that is not a whole number of seconds from 1 to ten years
 */
function expiryOf(now: Date, ttlSeconds: number | undefined): Date | null {
  if (ttlSeconds === undefined) return null
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new CofferError(
      'VALIDATION_FAILED',
      `ttl_seconds: must be a whole number from 1 to ${MAX_TTL_SECONDS}`,
    )
  }
  return new Date(now.getTime() + ttlSeconds * 1000)
}
