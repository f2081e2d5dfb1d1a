/**
 * The org's export (GDPR art. 20 and backups): every live record, then the stubs of archived
 * records (with where their object lives, through the archive's `ArchivedExportSource`), then every
 * vendor secret's metadata, in pages of at most `limit` items, each page one LIMITed query per
 * part (bounded memory whatever the org's size). Each part comes by id; the cursor is opaque
 * (base64url of the part and the last id).
 *
 * `plain` decrypts records; `sealed` gives their envelopes in text form (`cf1.`), openable only
 * with the org key and the same context. Secrets are metadata only in both formats: the `value`
 * column is never selected. Expired records are never exported. Each page is audited as
 * `records.exported` with its format and counts.
 */
import type { AuditLog } from '../audit/audit-log.js'
import { envelopeToText } from '../crypto/envelope.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { type RecordAccess, recordAccessPredicate } from './record-access.js'
import { type RecordSummary, SUMMARY_COLUMNS, type SummaryRow, toSummary } from './records-service.js'

/** Items per page, at most. */
export const MAX_EXPORT_LIMIT = 1000

/** `plain`: decrypted records (admin only); `sealed`: envelopes as `cf1.` text. */
export type ExportFormat = 'plain' | 'sealed'

/** A record's plaintext fields as lists show them (an export reaches nothing through a grant). */
interface RecordFields extends Omit<RecordSummary, 'via_grant'> {
  kind: 'record'
}

/** A record decrypted. */
export interface PlainExportedRecord extends RecordFields {
  content: string
  metadata: Record<string, unknown> | null
  entities: string[]
}

/** A record with its envelopes as `cf1.` text (null where the record has no such field). */
export interface SealedExportedRecord extends RecordFields {
  content: string
  metadata: string | null
  entities: string | null
}

/** A vendor secret's metadata: never its value, in any format. */
export interface ExportedSecret {
  kind: 'secret'
  id: string
  secret_kind: string
  last4: string | null
  verify_url: string | null
  verify_status: string
  created_by: string
  created_at: string
  updated_at: string
  last_used_at: string | null
  last_verified_at: string | null
}

/**
 * An archived record: its plaintext columns and where its content went (no content: it is in the
 * org's bucket, plaintext or sealed to the customer's key).
 */
export interface ExportedArchivedRecord extends Omit<RecordFields, 'kind'> {
  kind: 'archived_record'
  archived: {
    object_key: string
    at: string
    mode: 'plaintext' | 'sealed'
    object_sha256: string
    /** The bucket the object was written to (null: archived before this was kept). */
    endpoint: string | null
    bucket: string | null
  }
}

/** The stubs of archived records, as exports read them (implemented by the archive). */
export interface ArchivedExportSource {
  /**
   * Stubs by id after `afterId` (not restored: a restored record is exported as a record), that
   * `access` may read; with `entity`, only those naming it (through their entity index copy).
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE (an entity)
   */
  stubs(
    sql: TenantSql,
    options: {
      afterId: string | null
      limit: number
      access: RecordAccess | 'whole-org'
      entity?: string | undefined
    },
  ): Promise<ExportedArchivedRecord[]>
}

export type ExportedItem =
  | PlainExportedRecord
  | SealedExportedRecord
  | ExportedArchivedRecord
  | ExportedSecret

/** One page of the export. */
export interface ExportPage {
  items: ExportedItem[]
  next_cursor: string | null
}

/** Where a page starts: after `afterId` in `part` (null: at the start of the part). */
interface ExportPosition {
  part: 'records' | 'archived' | 'secrets'
  afterId: string | null
}

const PART_TAGS = { records: 'r', archived: 'a', secrets: 's' } as const
const TAG_PARTS = { r: 'records', a: 'archived', s: 'secrets' } as const

/** A record row as the export reads it: summary columns and envelopes. */
export type ExportRecordRow = Omit<SummaryRow, 'via_grant'> & {
  content: Uint8Array
  metadata: Uint8Array | null
  entities: Uint8Array | null
}

interface SecretRow {
  id: string
  kind: string
  last4: string | null
  verify_url: string | null
  verify_status: string
  created_by: string
  created_at: Date
  updated_at: Date
  last_used_at: Date | null
  last_verified_at: Date | null
}

/** Below every id: a page from the start is `id > NIL_UUID`, one index range scan like any other. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function encodeCursor(position: ExportPosition): string {
  return Buffer.from(JSON.stringify([PART_TAGS[position.part], position.afterId])).toString('base64url')
}

/** @throws VALIDATION_FAILED naming `cursor` for anything this API did not make */
function decodeCursor(cursor: string | undefined): ExportPosition {
  if (cursor === undefined) return { part: 'records', afterId: null }
  const invalid = () => new CofferError('VALIDATION_FAILED', 'cursor: is not a cursor from this API')
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch (error) {
    throw new CofferError('VALIDATION_FAILED', 'cursor: is not a cursor from this API', { cause: error })
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalid()
  const [part, afterId] = decoded as [unknown, unknown]
  if (
    (part !== 'r' && part !== 'a' && part !== 's') ||
    !(afterId === null || (typeof afterId === 'string' && UUID.test(afterId)))
  ) {
    throw invalid()
  }
  return { part: TAG_PARTS[part], afterId }
}

const iso = (date: Date | null) => date?.toISOString() ?? null

/** Pages through an org's records and secret metadata. */
export class RecordsExport {
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #archived: ArchivedExportSource | undefined

  constructor(options: {
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    archived?: ArchivedExportSource | undefined
  }) {
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
    this.#archived = options.archived
  }

  /**
   * One page from `cursor` (absent: the start). `access` limits the records to what a principal
   * sees; `'whole-org'` (an unrestricted admin) reaches private records too. Secrets are included
   * only with `includeSecrets`.
   * @throws VALIDATION_FAILED (limit, cursor); DECRYPTION_FAILED, KEY_DESTROYED, KEY_UNAVAILABLE (plain)
   */
  async page(
    sql: TenantSql,
    options: {
      actor: string
      limit: number
      cursor?: string | undefined
      format: ExportFormat
      access: RecordAccess | 'whole-org'
      includeSecrets: boolean
    },
  ): Promise<ExportPage> {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_EXPORT_LIMIT) {
      throw new CofferError('VALIDATION_FAILED', `limit: must be 1-${MAX_EXPORT_LIMIT}`)
    }
    const position = decodeCursor(options.cursor)
    const items: ExportedItem[] = []
    let next: ExportPosition | null = null
    let records = 0
    if (position.part === 'records') {
      const rows = await this.#recordRows(sql, position.afterId, options.limit + 1, options.access)
      const page = rows.slice(0, options.limit)
      for (const row of page) items.push(await this.recordItem(sql, row, options.format))
      records = page.length
      if (rows.length > options.limit) next = { part: 'records', afterId: page.at(-1)!.id }
    }
    let archived = 0
    if (next === null && this.#archived && position.part !== 'secrets') {
      const room = options.limit - items.length
      const afterId = position.part === 'archived' ? position.afterId : null
      const rows = await this.#archived.stubs(sql, { afterId, limit: room + 1, access: options.access })
      const page = rows.slice(0, room)
      items.push(...page)
      archived = page.length
      if (rows.length > room) next = { part: 'archived', afterId: page.at(-1)?.id ?? afterId }
    }
    if (next === null && options.includeSecrets) {
      const room = options.limit - items.length
      const afterId = position.part === 'secrets' ? position.afterId : null
      // One more than fits tells whether a next page exists (with no room: whether any secret does).
      const rows = await this.#secretRows(sql, afterId, room + 1)
      const page = rows.slice(0, room)
      for (const row of page) items.push(secretItem(row))
      if (rows.length > room) next = { part: 'secrets', afterId: page.at(-1)?.id ?? afterId }
    }
    await this.#audit.append(sql, {
      actor: options.actor,
      action: 'records.exported',
      resource: `export:${options.format}:records:${records}:${archived > 0 ? `archived:${archived}:` : ''}secrets:${items.length - records - archived}`,
    })
    return { items, next_cursor: next === null ? null : encodeCursor(next) }
  }

  async #recordRows(
    sql: TenantSql,
    afterId: string | null,
    limit: number,
    access: RecordAccess | 'whole-org',
  ): Promise<ExportRecordRow[]> {
    const now = new Date(this.#clock.now())
    const params: unknown[] = [sql.orgId, afterId ?? NIL_UUID, limit, now]
    const visible = access === 'whole-org' ? { sql: 'TRUE', params: [] } : recordAccessPredicate(access, 5)
    params.push(...visible.params)
    const { rows } = await sql.query<ExportRecordRow>(
      `SELECT ${SUMMARY_COLUMNS}, r.content, r.metadata, r.entities
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id > $2::uuid
         AND (r.expires_at IS NULL OR r.expires_at > $4) AND ${visible.sql}
       ORDER BY r.id LIMIT $3`,
      params,
    )
    return rows
  }

  /** Metadata columns only: `value` is never selected. */
  async #secretRows(sql: TenantSql, afterId: string | null, limit: number): Promise<SecretRow[]> {
    const { rows } = await sql.query<SecretRow>(
      `SELECT id, kind, last4, verify_url, verify_status, created_by, created_at, updated_at, last_used_at,
              last_verified_at
       FROM org_secrets WHERE org_id = $1 AND id > $2::uuid
       ORDER BY id LIMIT $3`,
      [sql.orgId, afterId ?? NIL_UUID, limit],
    )
    return rows
  }

  /** A record row (SUMMARY_COLUMNS and its envelopes) as an export item; also the subject export's. */
  async recordItem(
    sql: TenantSql,
    row: ExportRecordRow,
    format: ExportFormat,
  ): Promise<PlainExportedRecord | SealedExportedRecord> {
    const { via_grant: _none, ...summary } = toSummary({ ...row, via_grant: null })
    const fields: RecordFields = { kind: 'record', ...summary }
    if (format === 'sealed') {
      return {
        ...fields,
        content: envelopeToText(row.content),
        metadata: row.metadata === null ? null : envelopeToText(row.metadata),
        entities: row.entities === null ? null : envelopeToText(row.entities),
      }
    }
    const open = async (column: 'content' | 'metadata' | 'entities', envelope: Uint8Array) =>
      (await this.#keyring.openField(sql, { table: 'records', column, rowId: row.id }, envelope)).toString(
        'utf8',
      )
    return {
      ...fields,
      content: await open('content', row.content),
      metadata:
        row.metadata === null
          ? null
          : (JSON.parse(await open('metadata', row.metadata)) as Record<string, unknown>),
      entities: row.entities === null ? [] : (JSON.parse(await open('entities', row.entities)) as string[]),
    }
  }
}

function secretItem(row: SecretRow): ExportedSecret {
  return {
    kind: 'secret',
    id: row.id,
    secret_kind: row.kind,
    last4: row.last4,
    verify_url: row.verify_url,
    verify_status: row.verify_status,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_used_at: iso(row.last_used_at),
    last_verified_at: iso(row.last_verified_at),
  }
}
