/**
 * The stubs of archived records as the exports show them (`GET /v1/export`, between the records
 * and the secrets; `GET /v1/subjects/:entity/export`, beside the records): plaintext columns and
 * where the object lives, never content (it is in the org's bucket). Reach is the records' read
 * reach (record-access.ts) over the stub's columns; restored stubs are left out (the record is
 * live again and exported as one).
 */
import type { TenantSql } from '../db/tenant-door.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { type RecordAccess, recordAccessPredicate } from '../records/record-access.js'
import type { ArchivedExportSource, ExportedArchivedRecord } from '../records/records-export.js'
import { archivedEntityHashes } from './archive-erasure.js'
import type { StubRow } from './archive-stubs.js'

/** A stub with where its object lives, and no grant (exports read as the org or the subject). */
type ExportStubRow = Omit<StubRow, 'via_grant'> & { endpoint: string | null; bucket: string | null }

const NIL_UUID = '00000000-0000-0000-0000-000000000000'

/** Reads stubs page by page for the exports. */
export class ArchivedStubsExport implements ArchivedExportSource {
  readonly #keyring: OrgKeyring

  constructor(options: { keyring: OrgKeyring }) {
    this.#keyring = options.keyring
  }

  async stubs(
    sql: TenantSql,
    options: {
      afterId: string | null
      limit: number
      access: RecordAccess | 'whole-org'
      entity?: string | undefined
    },
  ): Promise<ExportedArchivedRecord[]> {
    if (options.limit < 1) return []
    const params: unknown[] = [sql.orgId, options.afterId ?? NIL_UUID, options.limit]
    let names = 'TRUE'
    if (options.entity !== undefined) {
      const hashes = await archivedEntityHashes(sql, this.#keyring, options.entity)
      if (hashes.length === 0) return []
      const list = hashes.map((hash) => `$${params.push(hash)}::bytea`).join(', ')
      names = `EXISTS (SELECT 1 FROM archived_record_entities e WHERE e.org_id = r.org_id
        AND e.record_id = r.id AND e.entity_hash IN (${list}))`
    }
    const visible =
      options.access === 'whole-org'
        ? { sql: 'TRUE', params: [] }
        : recordAccessPredicate(options.access, params.length + 1)
    params.push(...visible.params)
    // The subquery gives a stub the shape `records r` has for the shared predicate (no expiry).
    const { rows } = await sql.query<ExportStubRow>(
      `SELECT r.id, r.namespace, r.type, r.visibility, r.owner_agent, r.allowed_agents, r.created_at,
              r.updated_at, r.archived_at, r.mode, r.object_key, r.object_sha256, r.endpoint, r.bucket
       FROM (SELECT s.*, NULL::timestamptz AS expires_at FROM archived_records s
             WHERE s.org_id = $1 AND s.id > $2::uuid AND s.restored_at IS NULL) r
       WHERE ${names} AND ${visible.sql}
       ORDER BY r.id LIMIT $3`,
      params,
    )
    return rows.map(exportedStub)
  }
}

function exportedStub(row: ExportStubRow): ExportedArchivedRecord {
  return {
    kind: 'archived_record',
    id: row.id,
    namespace: row.namespace,
    type: row.type,
    visibility: row.visibility,
    owner_agent: row.owner_agent,
    allowed_agents: row.allowed_agents,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    expires_at: null,
    archived: {
      object_key: row.object_key,
      at: row.archived_at.toISOString(),
      mode: row.mode,
      object_sha256: row.object_sha256,
      endpoint: row.endpoint,
      bucket: row.bucket,
    },
  }
}
