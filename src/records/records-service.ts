import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { FieldLocation, OrgKeyring } from '../keys/org-keyring.js'
import { ensureNamespace } from './namespaces.js'
import { type RecordAccess, recordAccessPredicate, viaGrantColumn } from './record-access.js'

/** What a caller stores. `content` and `metadata` are encrypted; the rest is plaintext. */
export interface StoreRecordInput {
  namespace: string
  type: string
  content: string
  metadata?: Record<string, unknown> | undefined
  visibility?: RecordVisibility | undefined
  allowedAgents?: readonly string[] | undefined
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
  /** The grant this record was reached through; null when reached directly. */
  via_grant: string | null
}

/** A record with its decrypted content and metadata. */
export interface RecordView extends RecordSummary {
  content: string
  metadata: Record<string, unknown> | null
}

/** A page of a list, newest first. */
export interface RecordPage {
  items: RecordSummary[]
  next_cursor: string | null
}

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
  created_at: Date
  updated_at: Date
}

const SUMMARY_COLUMNS =
  'r.id, n.name AS namespace, r.type, r.visibility, r.owner_agent, r.allowed_agents, r.created_at, r.updated_at'

type SummaryRow = Omit<RecordRow, 'content' | 'metadata'>

function toSummary(row: SummaryRow): RecordSummary {
  return {
    id: row.id,
    namespace: row.namespace,
    type: row.type,
    visibility: row.visibility,
    owner_agent: row.owner_agent,
    allowed_agents: row.allowed_agents,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    via_grant: row.via_grant,
  }
}

const at = (rowId: string, column: 'content' | 'metadata'): FieldLocation => ({
  table: 'records',
  column,
  rowId,
})

/** The sensitive records of an org: stored only as envelopes, audited on every change. */
export class RecordsService {
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock

  constructor(options: { keyring: OrgKeyring; audit: AuditLog; clock: Clock }) {
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
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
   * @throws INSUFFICIENT_SCOPE when a namespace-restricted writer names another namespace
   */
  async store(
    sql: TenantSql,
    writer: RecordWriter | string,
    input: StoreRecordInput,
  ): Promise<RecordSummary> {
    const {
      actor,
      agent,
      namespaceId: onlyNamespace,
    } = typeof writer === 'string' ? { actor: writer, agent: null, namespaceId: null } : writer
    const now = new Date(this.#clock.now())
    const id = uuidV7(now.getTime())
    const namespaceId = await ensureNamespace(
      sql,
      { audit: this.#audit, clock: this.#clock, actor },
      input.namespace,
    )
    if (onlyNamespace !== null && namespaceId !== onlyNamespace) {
      throw new CofferError('INSUFFICIENT_SCOPE', 'this token is restricted to another namespace')
    }
    const visibility = input.visibility ?? 'shared'
    const allowedAgents = [...new Set(input.allowedAgents ?? [])]
    const content = await this.#keyring.sealField(sql, at(id, 'content'), Buffer.from(input.content, 'utf8'))
    const metadata =
      input.metadata === undefined
        ? null
        : (
            await this.#keyring.sealField(
              sql,
              at(id, 'metadata'),
              Buffer.from(JSON.stringify(input.metadata), 'utf8'),
            )
          ).envelope
    await sql.query(
      `INSERT INTO records (org_id, id, namespace_id, type, content, metadata, key_version, created_at, updated_at,
                            visibility, owner_agent, allowed_agents)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)`,
      [
        sql.orgId,
        id,
        namespaceId,
        input.type,
        content.envelope,
        metadata,
        content.keyVersion,
        now,
        visibility,
        agent,
        allowedAgents,
      ],
    )
    await this.#audit.append(sql, { actor, action: 'record.created', resource: `record:${id}` })
    return toSummary({
      id,
      namespace: input.namespace,
      type: input.type,
      visibility,
      owner_agent: agent,
      allowed_agents: allowedAgents,
      created_at: now,
      updated_at: now,
      via_grant: null,
    })
  }

  /**
   * Reads and decrypts one record.
   * @throws NOT_FOUND (also for another org's id); DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async get(sql: TenantSql, id: string, access: RecordAccess = this.#unrestricted()): Promise<RecordView> {
    const visible = recordAccessPredicate(access, 3)
    const { rows } = await sql.query<RecordRow>(
      `SELECT ${SUMMARY_COLUMNS}, ${viaGrantColumn(3)} AS via_grant, r.content, r.metadata
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id = $2 AND ${visible.sql}`,
      [sql.orgId, id, ...visible.params],
    )
    const row = rows[0]
    if (!row) throw new CofferError('NOT_FOUND', 'no record with this id')
    const content = await this.#keyring.openField(sql, at(id, 'content'), row.content)
    const metadata =
      row.metadata === null ? null : await this.#keyring.openField(sql, at(id, 'metadata'), row.metadata)
    return {
      ...toSummary(row),
      content: content.toString('utf8'),
      metadata: metadata === null ? null : (JSON.parse(metadata.toString('utf8')) as Record<string, unknown>),
    }
  }

  /**
   * Hard-deletes one record; audits `record.deleted`.
   * @throws NOT_FOUND
   */
  async delete(
    sql: TenantSql,
    actor: string,
    id: string,
    access: RecordAccess = this.#unrestricted(),
  ): Promise<void> {
    const visible = recordAccessPredicate(access, 3)
    const { rowCount } = await sql.query(
      `DELETE FROM records r WHERE r.org_id = $1 AND r.id = $2 AND ${visible.sql}`,
      [sql.orgId, id, ...visible.params],
    )
    if (rowCount === 0) throw new CofferError('NOT_FOUND', 'no record with this id')
    await this.#audit.append(sql, { actor, action: 'record.deleted', resource: `record:${id}` })
  }

  /** Lists records newest first, without content; `cursor` is the last id of the previous page. */
  async list(
    sql: TenantSql,
    options: { limit: number; afterId?: string | undefined },
    access: RecordAccess = this.#unrestricted(),
  ): Promise<RecordPage> {
    const visible = recordAccessPredicate(access, 4)
    const { rows } = await sql.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS}, ${viaGrantColumn(4)} AS via_grant
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND ($2::uuid IS NULL OR r.id < $2::uuid) AND ${visible.sql}
       ORDER BY r.id DESC LIMIT $3`,
      [sql.orgId, options.afterId ?? null, options.limit + 1, ...visible.params],
    )
    const page = rows.slice(0, options.limit)
    const last = page.at(-1)
    return { items: page.map(toSummary), next_cursor: rows.length > options.limit && last ? last.id : null }
  }
}
