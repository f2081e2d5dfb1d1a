/**
 * The stubs of archived records: what `GET /v1/records/:id` answers for one (through the
 * `ArchivedRecordLookup` port of the records service), and restore.
 *
 * A stub is judged by the same visibility rules as the record was (namespace reach, grants,
 * private agents): it has the record's plaintext columns, and `recordAccessPredicate` runs over it
 * as over `records r`. Another org's id, or one the caller may not see, answers 404 like a missing one.
 *
 * Restore (`POST /v1/records/:id/restore`): in `plaintext` mode the object is read back from the
 * bucket, checked against the stub's SHA-256 and its own format, and the record is stored again
 * under its own id and timestamps (sealed under the active org key, re-indexed); the stub is marked
 * restored (the policy never archives that record again) and the object stays in the bucket (it is
 * the customer's). A `sealed` record is refused with
 * `ARCHIVE_SEALED`: Coffer cannot open it; the customer decrypts it with their secret key.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { type RecordAccess, recordAccessPredicate, viaGrantColumn } from '../records/record-access.js'
import {
  type ArchivedRecordLookup,
  type ArchivedRecordView,
  type RecordSummary,
  type RecordsService,
  type RecordVisibility,
  toSummary,
} from '../records/records-service.js'
import { sha256Hex } from './archive-bucket.js'
import { type ArchiveMode, decodePlaintextObject } from './archive-object.js'
import type { ArchiveSettings } from './archive-settings.js'

/** A stub as the archive's readers select it (see also the exports' ExportStubRow). */
export interface StubRow {
  id: string
  namespace: string
  type: string
  visibility: RecordVisibility
  owner_agent: string | null
  allowed_agents: string[]
  created_at: Date
  updated_at: Date
  archived_at: Date
  mode: ArchiveMode
  object_key: string
  object_sha256: string
  via_grant: string | null
}

/** The stubs as the records service reads them. */
export class ArchivedRecordStubs implements ArchivedRecordLookup {
  async find(sql: TenantSql, id: string, access: RecordAccess): Promise<ArchivedRecordView | null> {
    const row = await findStub(sql, id, access, '')
    return row ? stubView(row) : null
  }
}

/**
 * The stub `access` sees (the caller's reach; null: the whole org, for restores), optionally
 * locked. The subquery gives it the shape `records r` has for the shared predicate (an archived
 * record never has an expiry).
 */
async function findStub(
  sql: TenantSql,
  id: string,
  access: RecordAccess | null,
  lock: string,
): Promise<StubRow | null> {
  const visible = access ? recordAccessPredicate(access, 3) : { sql: 'true', params: [] }
  const viaGrant = access ? viaGrantColumn(3) : 'NULL::uuid'
  const { rows } = await sql.query<StubRow>(
    `SELECT r.id, r.namespace, r.type, r.visibility, r.owner_agent, r.allowed_agents, r.created_at, r.updated_at,
            r.archived_at, r.mode, r.object_key, r.object_sha256, ${viaGrant} AS via_grant
     FROM (SELECT s.*, NULL::timestamptz AS expires_at FROM archived_records s
           WHERE s.org_id = $1 AND s.id = $2 AND s.restored_at IS NULL) r
     WHERE ${visible.sql} ${lock}`,
    [sql.orgId, id, ...visible.params],
  )
  return rows[0] ?? null
}

function stubView(row: StubRow): ArchivedRecordView {
  // A stub has no TTL: an archived record's expiry ended with its content.
  return {
    ...toSummary({ ...row, expires_at: null }),
    archived: {
      object_key: row.object_key,
      at: row.archived_at.toISOString(),
      mode: row.mode,
      object_sha256: row.object_sha256,
    },
  }
}

/** Restores archived records from the org's bucket. */
export class ArchiveRestore {
  readonly #db: Database
  readonly #settings: ArchiveSettings
  readonly #records: RecordsService
  readonly #audit: AuditLog
  readonly #clock: Clock

  constructor(options: {
    db: Database
    settings: ArchiveSettings
    records: RecordsService
    audit: AuditLog
    clock: Clock
  }) {
    this.#clock = options.clock
    this.#db = options.db
    this.#settings = options.settings
    this.#records = options.records
    this.#audit = options.audit
  }

  /**
   * Restores one archived record (plaintext mode) and answers it as stored again (no content).
   * Only a credential that stands for the whole org restores (the route checks it), so every
   * stub of the org is in reach, private ones too.
   * @throws NOT_FOUND (no stub this caller sees); ARCHIVE_SEALED; ARCHIVE_NOT_CONFIGURED;
   *   ARCHIVE_OBJECT_INVALID (the object is gone, changed, or not one Coffer wrote for this record);
   *   ARCHIVE_BUCKET_REFUSED, UPSTREAM_UNREACHABLE, UPSTREAM_TIMEOUT; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async restore(orgId: OrgId, actor: string, id: string): Promise<RecordSummary> {
    const { stub, target } = await withTenant(this.#db, orgId, async (sql) => {
      const stub = await findStub(sql, id, null, '')
      if (!stub) throw new CofferError('NOT_FOUND', 'no record with this id')
      if (stub.mode === 'sealed') {
        await this.#audit.append(sql, {
          actor,
          action: 'record.restore_refused',
          resource: `record:${id}`,
          outcome: 'sealed',
        })
        return { stub, target: null }
      }
      return { stub, target: await this.#settings.target(sql) }
    })
    if (!target) {
      throw new CofferError(
        'ARCHIVE_SEALED',
        'this record was archived sealed to your public key: Coffer cannot read it back',
      )
    }
    const bucket = this.#settings.openBucket(target.location)
    let bytes: Buffer | null
    try {
      bytes = await bucket.get(stub.object_key)
    } finally {
      bucket.close()
    }
    if (!bytes)
      throw new CofferError('ARCHIVE_OBJECT_INVALID', 'the archived object is no longer in the bucket')
    if (sha256Hex(bytes) !== stub.object_sha256) {
      throw new CofferError('ARCHIVE_OBJECT_INVALID', 'the archived object changed since it was archived')
    }
    const fields = decodePlaintextObject(bytes, id)
    return withTenant(this.#db, orgId, async (sql) => {
      const locked = await findStub(sql, id, null, 'FOR UPDATE')
      if (!locked || locked.object_sha256 !== stub.object_sha256) {
        throw new CofferError('NOT_FOUND', 'no record with this id')
      }
      const restored = await this.#records.reinsertArchived(
        sql,
        actor,
        {
          id,
          namespace: locked.namespace,
          type: locked.type,
          visibility: locked.visibility,
          ownerAgent: locked.owner_agent,
          allowedAgents: locked.allowed_agents,
          createdAt: locked.created_at,
          updatedAt: locked.updated_at,
        },
        fields,
      )
      await sql.query('UPDATE archived_records SET restored_at = $3 WHERE org_id = $1 AND id = $2', [
        sql.orgId,
        id,
        new Date(this.#clock.now()),
      ])
      return restored
    })
  }
}
