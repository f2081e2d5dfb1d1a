import { type AuditLeafFields, auditLeafHash } from '../crypto/audit-leaf.js'
import { MerkleFrontier } from '../crypto/merkle-tree.js'
import { openNote, parseVerifierKey } from '../crypto/signed-note.js'
import { parseCheckpoint } from '../crypto/tlog-checkpoint.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { Clock } from '../internal/clock.js'
import { checkpointsAfter, orgVerifierKey, type StoredCheckpoint } from './audit-checkpoints.js'
import type { AuditPublicKey } from './audit-signing-keys.js'

/**
 * What a caller says happened. Resource is an id like `record:<uuid>`, never content. The
 * optional fields are recorded when the caller knows them.
 */
export interface AuditEvent {
  actor: string
  action: string
  resource: string
  /** The HTTP request id, or another id that ties the entry to its cause. */
  requestId?: string
  /** `ok`, `denied`, `failed`, ...: for entries that record attempts, not only changes. */
  outcome?: string
  /** Why a secret was resolved (the caller's stated purpose). */
  purpose?: string
}

/** A sealed entry as the log shows it. */
export interface AuditEntry extends AuditLeafFields {
  leafHash: Buffer
}

/** An entry as the API, the export bundle and `coffer audit list --json` show it (snake_case). */
export function auditEntryJson(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    resource: entry.resource,
    request_id: entry.requestId,
    outcome: entry.outcome,
    purpose: entry.purpose,
    leaf_hash: entry.leafHash.toString('base64'),
  }
}

/** Result of recomputing one org's log against its stored tree and signed checkpoints. */
export type AuditVerification =
  | { ok: true; entries: number }
  | {
      ok: false
      entries: number
      firstBadSeq: number
      reason: 'hash mismatch' | 'sequence gap' | 'checkpoint mismatch' | 'checkpoint signature'
    }

/** Filters of a log query; all optional, combined with AND. */
export interface AuditQuery {
  actor?: string | undefined
  action?: string | undefined
  resource?: string | undefined
  since?: Date | undefined
  until?: Date | undefined
  /** Only entries with a seq below this one (the cursor of the previous page). */
  beforeSeq?: number | undefined
  limit: number
}

/** The columns every reader selects, and how a row becomes an entry. */
export const ENTRY_COLUMNS = 'seq, at, actor, action, resource, request_id, outcome, purpose, leaf_hash'

/** One row of {@link ENTRY_COLUMNS}. */
export interface EntryRow {
  seq: string | number
  at: Date
  actor: string
  action: string
  resource: string
  request_id: string | null
  outcome: string | null
  purpose: string | null
  leaf_hash: Uint8Array
}

/** The entry a row holds, with its stored leaf hash (not recomputed). */
export function entryOfRow(orgId: string, row: EntryRow): AuditEntry {
  return {
    orgId,
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    resource: row.resource,
    requestId: row.request_id,
    outcome: row.outcome,
    purpose: row.purpose,
    leafHash: Buffer.from(row.leaf_hash),
  }
}

const VERIFY_BATCH = 1000

/**
 * The org's audit log. Appends happen inside the caller's tenant transaction, so an entry exists
 * exactly when the change it records was committed; they take no lock. The sequencer
 * (audit-sequencer.ts) later gives each entry its seq and puts it in the org's Merkle tree.
 */
/** One unsealed entry; the sequencer gives it its seq and leaf hash. */
const INSERT_ENTRY = `INSERT INTO audit_log (org_id, at, actor, action, resource, request_id, outcome, purpose)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

export class AuditLog {
  readonly #clock: Clock
  readonly #origin: string
  /** The org's `audit_record_reads` as read in a transaction (noteRecordReadsAudited). */
  readonly #readsAudited = new WeakMap<TenantSql, boolean>()

  constructor(options: { clock: Clock; origin: string }) {
    this.#clock = options.clock
    this.#origin = options.origin
  }

  /** The log identity prefix (`COFFER_AUDIT_ORIGIN`). */
  get origin(): string {
    return this.#origin
  }

  /**
   * Appends one entry, unsequenced. Returns its entry id (not its seq, which the sequencer
   * assigns within about a second of the commit).
   */
  async append(sql: TenantSql, event: AuditEvent): Promise<number> {
    const { rows } = await sql.query<{ id: string | number }>(
      `${INSERT_ENTRY} RETURNING id`,
      this.#entryParams(sql, event),
    )
    return Number(rows[0]!.id)
  }

  /**
   * `append` for a caller that needs no id: the entry is written with the transaction's next
   * statement (TenantSql.defer), so it commits or rolls back with the change it records.
   */
  async appendDeferred(sql: TenantSql, event: AuditEvent): Promise<void> {
    await sql.defer(INSERT_ENTRY, this.#entryParams(sql, event))
  }

  #entryParams(sql: TenantSql, event: AuditEvent): unknown[] {
    return [
      sql.orgId,
      new Date(this.#clock.now()),
      event.actor,
      event.action,
      event.resource,
      event.requestId ?? null,
      event.outcome ?? null,
      event.purpose ?? null,
    ]
  }

  /**
   * Keeps the org's `audit_record_reads` that the caller read in this transaction (joined to the
   * record it reads), so recordReadsAudited asks the database no second time.
   */
  noteRecordReadsAudited(sql: TenantSql, on: boolean): void {
    this.#readsAudited.set(sql, on)
  }

  /** Whether the org audits record reads (`PUT /v1/audit/settings`, off by default). */
  async recordReadsAudited(sql: TenantSql): Promise<boolean> {
    const noted = this.#readsAudited.get(sql)
    if (noted !== undefined) return noted
    const { rows } = await sql.query<{ audit_record_reads: boolean }>(
      'SELECT audit_record_reads FROM orgs WHERE id = $1',
      [sql.orgId],
    )
    return rows[0]?.audit_record_reads === true
  }

  /**
   * Turns the auditing of record reads on or off for the org, audited as `audit.settings_changed`
   * (resource `org:<id>/record_reads:on|off`) in the same transaction.
   */
  async setRecordReads(
    sql: TenantSql,
    on: boolean,
    cause: { actor: string; requestId?: string | undefined },
  ): Promise<void> {
    await sql.query('UPDATE orgs SET audit_record_reads = $2 WHERE id = $1', [sql.orgId, on])
    this.#readsAudited.set(sql, on)
    await this.append(sql, {
      actor: cause.actor,
      action: 'audit.settings_changed',
      resource: `org:${sql.orgId}/record_reads:${on ? 'on' : 'off'}`,
      ...(cause.requestId !== undefined ? { requestId: cause.requestId } : {}),
    })
  }

  /** Sealed entries matching `query`, newest first; `limit` at most. */
  async list(sql: TenantSql, query: AuditQuery): Promise<AuditEntry[]> {
    const params: unknown[] = [sql.orgId]
    const where = ['org_id = $1', 'seq IS NOT NULL', 'leaf_hash IS NOT NULL']
    const add = (condition: string, value: unknown) => {
      params.push(value)
      where.push(condition.replace('?', `$${params.length}`))
    }
    if (query.actor !== undefined) add('actor = ?', query.actor)
    if (query.action !== undefined) add('action = ?', query.action)
    if (query.resource !== undefined) add('resource = ?', query.resource)
    if (query.since !== undefined) add('at >= ?', query.since)
    if (query.until !== undefined) add('at < ?', query.until)
    if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq)
    const { rows } = await sql.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${Math.trunc(query.limit)}`,
      params,
    )
    return rows.map((row) => entryOfRow(sql.orgId, row))
  }

  /** Sealed entries with seq in [fromSeq, toSeq], oldest first. */
  async range(sql: TenantSql, fromSeq: number, toSeq: number): Promise<AuditEntry[]> {
    const { rows } = await sql.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE org_id = $1 AND seq >= $2 AND seq <= $3
       AND leaf_hash IS NOT NULL ORDER BY seq`,
      [sql.orgId, fromSeq, toSeq],
    )
    return rows.map((row) => entryOfRow(sql.orgId, row))
  }

  /**
   * Recomputes the org's whole log in batches: every sealed entry's leaf hash from its fields,
   * seqs without gaps, and the root at every checkpoint against the checkpoint (and its
   * signature, when `publicKeys` are given). Reports the first entry that does not verify.
   * Entries not yet sealed are not counted.
   */
  async verify(sql: TenantSql, publicKeys: readonly AuditPublicKey[] = []): Promise<AuditVerification> {
    const verifiers = publicKeys.flatMap((key) => {
      const parsed = parseVerifierKey(orgVerifierKey(this.#origin, sql.orgId, key.publicKey))
      return parsed ? [parsed] : []
    })
    const frontier = new MerkleFrontier(0)
    let checkpoints: StoredCheckpoint[] = await checkpointsAfter(sql, 0, VERIFY_BATCH)
    const checkAt = async (): Promise<AuditVerification | undefined> => {
      for (;;) {
        const next = checkpoints[0]
        if (!next) {
          checkpoints = await checkpointsAfter(sql, frontier.size, VERIFY_BATCH)
          if (checkpoints.length === 0) return undefined
          continue
        }
        if (next.treeSize > frontier.size) return undefined
        checkpoints.shift()
        const bad = { ok: false as const, entries: next.treeSize, firstBadSeq: next.treeSize }
        if (!Buffer.from(frontier.root()).equals(next.rootHash))
          return { ...bad, reason: 'checkpoint mismatch' }
        if (verifiers.length > 0) {
          const opened = openNote(next.note, verifiers)
          const body = opened.ok ? parseCheckpoint(opened.text) : undefined
          if (!body || body.treeSize !== next.treeSize || !body.rootHash.equals(next.rootHash))
            return { ...bad, reason: 'checkpoint signature' }
        }
      }
    }
    let expectedSeq = 1
    for (;;) {
      const { rows } = await sql.query<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE org_id = $1 AND seq >= $2 AND leaf_hash IS NOT NULL
         ORDER BY seq LIMIT ${VERIFY_BATCH}`,
        [sql.orgId, expectedSeq],
      )
      for (const row of rows) {
        const entry = entryOfRow(sql.orgId, row)
        const done = expectedSeq - 1
        if (entry.seq !== expectedSeq)
          return { ok: false, entries: done, firstBadSeq: expectedSeq, reason: 'sequence gap' }
        if (!auditLeafHash(entry).equals(entry.leafHash))
          return { ok: false, entries: done, firstBadSeq: entry.seq, reason: 'hash mismatch' }
        frontier.append(entry.leafHash)
        const failed = await checkAt()
        if (failed) return failed
        expectedSeq++
      }
      if (rows.length < VERIFY_BATCH) break
    }
    const pending = checkpoints[0] ?? (await checkpointsAfter(sql, frontier.size, 1))[0]
    if (pending)
      return { ok: false, entries: frontier.size, firstBadSeq: frontier.size + 1, reason: 'sequence gap' }
    return { ok: true, entries: frontier.size }
  }
}
