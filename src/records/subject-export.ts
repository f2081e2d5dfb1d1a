/**
 * The export of one data subject (GDPR art. 15 and 20, a DSAR): every live record that names the
 * entity (through its exact blind index), the stubs of archived records that name it (where their
 * object lives, through the archive's `ArchivedExportSource`), merged by id, and the audit entries
 * about those records, in one bundle per page. Reach as the org export: an org-wide admin reaches every record, anyone else
 * what the record access predicate shows them; `plain` (decrypted) needs admin, `sealed` gives
 * the envelopes. Vendor secrets are the org's credentials and never name a person: none is in a
 * subject's bundle. Audited as `subject.exported` with the count only (never the entity).
 */
import {
  type AuditLog,
  auditEntryJson,
  ENTRY_COLUMNS,
  type EntryRow,
  entryOfRow,
} from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { type RecordAccess, recordAccessPredicate } from './record-access.js'
import {
  type ArchivedExportSource,
  type ExportedItem,
  type ExportFormat,
  type ExportRecordRow,
  MAX_EXPORT_LIMIT,
  RecordsExport,
} from './records-export.js'
import { type RecordsService, SUMMARY_COLUMNS } from './records-service.js'

/** The bundle format tag. */
export const SUBJECT_EXPORT_FORMAT = 'coffer-subject-export/v1'

/** Audit entries per bundle, at most (newest first beyond it: `audit_truncated`). */
export const MAX_SUBJECT_AUDIT_ENTRIES = 10_000

/** One page of a subject's bundle. */
export interface SubjectExportPage {
  format: typeof SUBJECT_EXPORT_FORMAT
  exported_at: string
  records: ExportedItem[]
  /** Sealed audit entries whose resource is one of these records, oldest first. */
  audit: ReturnType<typeof auditEntryJson>[]
  audit_truncated: boolean
  /** The last record id of this page: pass it as `cursor` for the next; null at the end. */
  next_cursor: string | null
}

/** Exports what Coffer holds about one entity. */
export class SubjectExport {
  readonly #records: RecordsService
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #items: RecordsExport
  readonly #archived: ArchivedExportSource | undefined

  constructor(options: {
    records: RecordsService
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    archived?: ArchivedExportSource | undefined
  }) {
    this.#records = options.records
    this.#archived = options.archived
    this.#audit = options.audit
    this.#clock = options.clock
    this.#items = new RecordsExport({ keyring: options.keyring, audit: options.audit, clock: options.clock })
  }

  /**
   * One page of the entity's bundle, records by id after `cursor`.
   * @throws VALIDATION_FAILED (limit, cursor, entity); DECRYPTION_FAILED, KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async page(
    sql: TenantSql,
    options: {
      actor: string
      entity: string
      limit: number
      cursor?: string | undefined
      format: ExportFormat
      access: RecordAccess | 'whole-org'
    },
  ): Promise<SubjectExportPage> {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_EXPORT_LIMIT) {
      throw new CofferError('VALIDATION_FAILED', `limit: must be 1-${MAX_EXPORT_LIMIT}`)
    }
    const now = new Date(this.#clock.now())
    const params: unknown[] = [
      sql.orgId,
      options.cursor ?? '00000000-0000-0000-0000-000000000000',
      options.limit + 1,
      now,
    ]
    const names = await this.#records.entityPredicate(sql, options.entity, params)
    const visible =
      options.access === 'whole-org'
        ? { sql: 'TRUE', params: [] }
        : recordAccessPredicate(options.access, params.length + 1)
    params.push(...visible.params)
    const { rows } = await sql.query<ExportRecordRow>(
      `SELECT ${SUMMARY_COLUMNS}, r.content, r.metadata, r.entities
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id > $2::uuid AND (r.expires_at IS NULL OR r.expires_at > $4)
         AND ${names} AND ${visible.sql}
       ORDER BY r.id LIMIT $3`,
      params,
    )
    // Archived records naming the entity, merged with the live ones by id (their ids never meet:
    // a restored stub is left out). One more than fits from each tells whether a next page exists.
    const stubs = this.#archived
      ? await this.#archived.stubs(sql, {
          afterId: options.cursor ?? null,
          limit: options.limit + 1,
          access: options.access,
          entity: options.entity,
        })
      : []
    const merged = [
      ...rows.map((row) => ({ id: row.id, row })),
      ...stubs.map((stub) => ({ id: stub.id, stub })),
    ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const page = merged.slice(0, options.limit)
    const records: ExportedItem[] = []
    for (const item of page) {
      records.push('row' in item ? await this.#items.recordItem(sql, item.row, options.format) : item.stub)
    }
    const resources = page.map((item) => `record:${item.id}`)
    const { rows: entries } = await sql.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log
       WHERE org_id = $1 AND resource = ANY ($2::text[]) AND seq IS NOT NULL AND leaf_hash IS NOT NULL
       ORDER BY seq LIMIT ${MAX_SUBJECT_AUDIT_ENTRIES + 1}`,
      [sql.orgId, resources],
    )
    await this.#audit.append(sql, {
      actor: options.actor,
      action: 'subject.exported',
      resource: `export:${options.format}:records:${page.length}`,
    })
    return {
      format: SUBJECT_EXPORT_FORMAT,
      exported_at: now.toISOString(),
      records,
      audit: entries
        .slice(0, MAX_SUBJECT_AUDIT_ENTRIES)
        .map((row) => auditEntryJson(entryOfRow(sql.orgId, row))),
      audit_truncated: entries.length > MAX_SUBJECT_AUDIT_ENTRIES,
      next_cursor: merged.length > options.limit ? page.at(-1)!.id : null,
    }
  }
}
