import { constantTimeEqual } from '../crypto/compare.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { Clock } from '../internal/clock.js'
import { type AuditEntryFields, auditChainHash, GENESIS_HASH } from './audit-chain.js'

/** What a caller says happened. Resource is an id like `record:<uuid>`, never content. */
export interface AuditEvent {
  actor: string
  action: string
  resource: string
}

/** Result of recomputing one org's chain. */
export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBadSeq: number; reason: 'hash mismatch' | 'sequence gap' }

interface AuditRow {
  seq: string | number
  at: Date
  actor: string
  action: string
  resource: string
  prev_hash: Uint8Array
  chain_hash: Uint8Array
}

const VERIFY_BATCH = 1000

/**
 * The org's hash-chained audit log. Appends happen inside the caller's tenant transaction,
 * so an entry exists exactly when the change it records was committed.
 */
export class AuditLog {
  readonly #auditKey: Uint8Array
  readonly #clock: Clock

  constructor(options: { auditKey: Uint8Array; clock: Clock }) {
    this.#auditKey = options.auditKey
    this.#clock = options.clock
  }

  /** Appends one entry, chained to the org's previous one. Serialised per org by an advisory lock. */
  async append(sql: TenantSql, event: AuditEvent): Promise<number> {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended('coffer/audit/' || $1, 0))`, [sql.orgId])
    const { rows } = await sql.query<{ seq: string | number; chain_hash: Uint8Array }>(
      'SELECT seq, chain_hash FROM audit_log WHERE org_id = $1 ORDER BY seq DESC LIMIT 1',
      [sql.orgId],
    )
    const last = rows[0]
    const prevHash = last ? Buffer.from(last.chain_hash) : GENESIS_HASH
    const entry: AuditEntryFields = {
      orgId: sql.orgId,
      seq: last ? Number(last.seq) + 1 : 1,
      at: new Date(this.#clock.now()),
      ...event,
    }
    await sql.query(
      `INSERT INTO audit_log (org_id, seq, at, actor, action, resource, prev_hash, chain_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.orgId,
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.resource,
        prevHash,
        auditChainHash(this.#auditKey, prevHash, entry),
      ],
    )
    return entry.seq
  }

  /** Recomputes the org's whole chain in batches; reports the first entry that does not verify. */
  async verify(sql: TenantSql): Promise<AuditVerification> {
    let prevHash: Uint8Array = GENESIS_HASH
    let expectedSeq = 1
    for (;;) {
      const { rows } = await sql.query<AuditRow>(
        `SELECT seq, at, actor, action, resource, prev_hash, chain_hash FROM audit_log
         WHERE org_id = $1 AND seq >= $2 ORDER BY seq LIMIT ${VERIFY_BATCH}`,
        [sql.orgId, expectedSeq],
      )
      for (const row of rows) {
        const seq = Number(row.seq)
        if (seq !== expectedSeq)
          return { ok: false, entries: expectedSeq - 1, firstBadSeq: expectedSeq, reason: 'sequence gap' }
        const entry = {
          orgId: sql.orgId,
          seq,
          at: row.at,
          actor: row.actor,
          action: row.action,
          resource: row.resource,
        }
        const expected = auditChainHash(this.#auditKey, prevHash, entry)
        if (
          !constantTimeEqual(Buffer.from(row.prev_hash), prevHash) ||
          !constantTimeEqual(Buffer.from(row.chain_hash), expected)
        ) {
          return { ok: false, entries: seq - 1, firstBadSeq: seq, reason: 'hash mismatch' }
        }
        prevHash = Buffer.from(row.chain_hash)
        expectedSeq++
      }
      if (rows.length < VERIFY_BATCH) return { ok: true, entries: expectedSeq - 1 }
    }
  }
}
