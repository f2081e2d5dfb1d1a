/**
 * The audit sequencer: every ~1 s, for each org with unsealed entries, gives them their seq in
 * the order it sees them committed, adds their leaves and the subtrees they complete to the org's
 * Merkle tree, and signs a checkpoint of the new tree head, all in one tenant transaction per
 * batch. One instance at a time per org (a transaction-scoped advisory try-lock: a second
 * sequencer skips the org instead of waiting); a crash rolls the batch back, so the next pass
 * resumes where the last committed one ended. Writers never wait for it.
 */
import { auditLeafHash } from '../crypto/audit-leaf.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { assertPositiveInteger, forEachSettled, untilShortBatch } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { orgsWithUnsealedAuditEntries } from '../tenancy/due-work.js'
import {
  insertCheckpoint,
  latestCheckpoint,
  type StoredCheckpoint,
  signCheckpoint,
} from './audit-checkpoints.js'
import type { AuditSigningKeys } from './audit-signing-keys.js'
import { insertSubtrees, readFrontier, type TreeNode } from './audit-tree-store.js'

/** How often each instance runs the sequencer. */
export const AUDIT_SEQUENCE_INTERVAL_MS = 1000

/** A checkpoint just signed, and its org. */
export interface SignedCheckpoint extends StoredCheckpoint {
  orgId: OrgId
}

interface UnsealedRow {
  id: string | number
  seq: string | number | null
  at: Date
  actor: string
  action: string
  resource: string
  request_id: string | null
  outcome: string | null
  purpose: string | null
}

/** Seals audit entries into each org's tree and signs its checkpoints. */
export class AuditSequencer {
  readonly #db: Database
  readonly #keys: AuditSigningKeys
  readonly #origin: string
  readonly #clock: Clock
  readonly #batchSize: number
  readonly #inTransaction: ((sql: TenantSql, checkpoint: SignedCheckpoint) => Promise<void>) | undefined
  readonly #afterCommit: ((checkpoint: SignedCheckpoint) => Promise<void>) | undefined

  /**
   * @param options.inTransaction runs in the batch's transaction with the new checkpoint (the
   *   `audit.checkpoint` webhook event goes into the outbox there).
   * @param options.afterCommit runs once the checkpoint is committed (checkpoint files).
   * @throws RangeError for a batch size that is not a positive integer.
   */
  constructor(options: {
    db: Database
    keys: AuditSigningKeys
    origin: string
    clock: Clock
    batchSize: number
    inTransaction?: (sql: TenantSql, checkpoint: SignedCheckpoint) => Promise<void>
    afterCommit?: (checkpoint: SignedCheckpoint) => Promise<void>
  }) {
    assertPositiveInteger(options.batchSize, 'batchSize')
    this.#db = options.db
    this.#keys = options.keys
    this.#origin = options.origin
    this.#clock = options.clock
    this.#batchSize = options.batchSize
    this.#inTransaction = options.inTransaction
    this.#afterCommit = options.afterCommit
  }

  /**
   * One pass over every org with unsealed entries (one admin query finds them); returns how many
   * entries were sealed. One org that fails does not stop the others.
   * @throws the first org's error, after the others ran.
   */
  async sequenceDue(): Promise<number> {
    let sealed = 0
    await forEachSettled(await orgsWithUnsealedAuditEntries(this.#db), async (orgId) => {
      sealed += await this.sequenceOrg(orgId)
    })
    return sealed
  }

  /**
   * Seals every entry of one org committed so far, in batches; returns how many.
   * @throws KEY_UNAVAILABLE when the signing key cannot be unwrapped (nothing is sealed then),
   *   AUDIT_CHAIN_BROKEN when an entry of the old chain does not continue the tree.
   */
  sequenceOrg(orgId: OrgId): Promise<number> {
    return untilShortBatch(this.#batchSize, async () => {
      // Outside the tenant transaction: PGlite runs one transaction at a time.
      const key = await this.#keys.current()
      const checkpoint = await withTenant(this.#db, orgId, (sql) => this.#sealBatch(sql, key))
      if (!checkpoint) return 0
      await this.#afterCommit?.(checkpoint)
      return checkpoint.sealed
    })
  }

  async #sealBatch(
    sql: TenantSql,
    key: Awaited<ReturnType<AuditSigningKeys['current']>>,
  ): Promise<(SignedCheckpoint & { sealed: number }) | undefined> {
    const { rows: locked } = await sql.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('coffer/audit-sequencer/' || $1, 0)) AS locked`,
      [sql.orgId],
    )
    if (!locked[0]?.locked) return undefined
    const { rows } = await sql.query<UnsealedRow>(
      `SELECT id, seq, at, actor, action, resource, request_id, outcome, purpose FROM audit_log
       WHERE org_id = $1 AND leaf_hash IS NULL ORDER BY seq NULLS LAST, id LIMIT ${this.#batchSize}`,
      [sql.orgId],
    )
    if (rows.length === 0) return undefined
    const size = (await latestCheckpoint(sql))?.treeSize ?? 0
    const frontier = await readFrontier(sql, size)
    const nodes: TreeNode[] = []
    const sealed = rows.map((row, i) => {
      const seq = size + i + 1
      // Entries of the old hash chain keep their seq: it must continue the tree exactly.
      if (row.seq !== null && Number(row.seq) !== seq)
        throw new CofferError('AUDIT_CHAIN_BROKEN', 'an audit entry does not continue its org tree')
      const leafHash = auditLeafHash({
        orgId: sql.orgId,
        seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        resource: row.resource,
        requestId: row.request_id,
        outcome: row.outcome,
        purpose: row.purpose,
      })
      nodes.push(...frontier.append(leafHash))
      return { id: String(row.id), seq, leafHash: leafHash.toString('hex') }
    })
    await sql.query(
      `UPDATE audit_log a SET seq = s.seq, leaf_hash = decode(s.leaf_hash, 'hex')
       FROM unnest($2::bigint[], $3::bigint[], $4::text[]) AS s(id, seq, leaf_hash)
       WHERE a.org_id = $1 AND a.id = s.id`,
      [sql.orgId, sealed.map((s) => s.id), sealed.map((s) => s.seq), sealed.map((s) => s.leafHash)],
    )
    await insertSubtrees(sql, nodes)
    const rootHash = Buffer.from(frontier.root())
    const checkpoint: SignedCheckpoint = {
      orgId: sql.orgId,
      treeSize: frontier.size,
      rootHash,
      note: signCheckpoint(key, this.#origin, sql.orgId, frontier.size, rootHash),
      signingKeyVersion: key.version,
      createdAt: new Date(this.#clock.now()),
    }
    await insertCheckpoint(sql, checkpoint)
    await this.#inTransaction?.(sql, checkpoint)
    return { ...checkpoint, sealed: sealed.length }
  }
}
