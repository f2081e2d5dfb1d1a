/**
 * Signed tree heads of an org's audit log: C2SP tlog-checkpoint texts in C2SP signed notes
 * (Ed25519). The origin line and the key name are both `<COFFER_AUDIT_ORIGIN>/<org id>`, so a
 * checkpoint names the one org's log it certifies, and the key ID differs per org although one
 * instance key signs them all.
 */
import { formatVerifierKey, signNote } from '../crypto/signed-note.js'
import { formatCheckpoint } from '../crypto/tlog-checkpoint.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { AuditSigningKey } from './audit-signing-keys.js'

/** A stored checkpoint. */
export interface StoredCheckpoint {
  treeSize: number
  rootHash: Buffer
  note: string
  signingKeyVersion: number
  createdAt: Date
}

/** The origin line (and key name) of an org's log. */
export function orgLogOrigin(origin: string, orgId: string): string {
  return `${origin}/${orgId}`
}

/** The note verifier key (`<name>+<key ID>+<key>`) of `publicKey` for an org's log. */
export function orgVerifierKey(origin: string, orgId: string, publicKey: Uint8Array): string {
  return formatVerifierKey(orgLogOrigin(origin, orgId), publicKey)
}

/** Signs the checkpoint of an org's tree of `treeSize` leaves with root `rootHash`. */
export function signCheckpoint(
  key: AuditSigningKey,
  origin: string,
  orgId: string,
  treeSize: number,
  rootHash: Uint8Array,
): string {
  const name = orgLogOrigin(origin, orgId)
  return signNote(
    formatCheckpoint({ origin: name, treeSize, rootHash: Buffer.from(rootHash) }),
    name,
    key.privateKey,
  )
}

interface CheckpointRow {
  tree_size: string | number
  root_hash: Uint8Array
  note: string
  signing_key_version: number
  created_at: Date
}

const fromRow = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: Buffer.from(row.root_hash),
  note: row.note,
  signingKeyVersion: row.signing_key_version,
  createdAt: row.created_at,
})

const COLUMNS = 'tree_size, root_hash, note, signing_key_version, created_at'

/**
 * The org's newest tree size (0 before its first checkpoint) and the roots of its checkpoints at
 * those of `sizes` that have one (the newest always among them), in one indexed query.
 */
export async function checkpointRoots(
  sql: TenantSql,
  sizes: readonly number[],
): Promise<{ latest: number; roots: Map<number, Buffer> }> {
  const { rows } = await sql.query<{ tree_size: string | number; root_hash: Uint8Array }>(
    `SELECT tree_size, root_hash FROM audit_checkpoints WHERE org_id = $1
       AND (tree_size = ANY($2::bigint[])
            OR tree_size = (SELECT max(tree_size) FROM audit_checkpoints WHERE org_id = $1))`,
    [sql.orgId, [...sizes]],
  )
  const roots = new Map(rows.map((row) => [Number(row.tree_size), Buffer.from(row.root_hash)]))
  return { latest: Math.max(0, ...roots.keys()), roots }
}

/** The org's newest checkpoint, if any. */
export async function latestCheckpoint(sql: TenantSql): Promise<StoredCheckpoint | undefined> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE org_id = $1 ORDER BY tree_size DESC LIMIT 1`,
    [sql.orgId],
  )
  return rows[0] && fromRow(rows[0])
}

/** The org's smallest checkpoint covering at least `treeSize` entries, if any. */
export async function checkpointCovering(
  sql: TenantSql,
  treeSize: number,
): Promise<StoredCheckpoint | undefined> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE org_id = $1 AND tree_size >= $2 ORDER BY tree_size LIMIT 1`,
    [sql.orgId, treeSize],
  )
  return rows[0] && fromRow(rows[0])
}

/** Every checkpoint of the org in tree-size order, `limit` at a time from `afterSize`. */
export async function checkpointsAfter(
  sql: TenantSql,
  afterSize: number,
  limit: number,
): Promise<StoredCheckpoint[]> {
  const { rows } = await sql.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE org_id = $1 AND tree_size > $2 ORDER BY tree_size LIMIT ${limit}`,
    [sql.orgId, afterSize],
  )
  return rows.map(fromRow)
}

/** Stores a checkpoint the sequencer signed. */
export async function insertCheckpoint(sql: TenantSql, checkpoint: StoredCheckpoint): Promise<void> {
  await sql.query(
    `INSERT INTO audit_checkpoints (org_id, tree_size, root_hash, note, signing_key_version, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      sql.orgId,
      checkpoint.treeSize,
      checkpoint.rootHash,
      checkpoint.note,
      checkpoint.signingKeyVersion,
      checkpoint.createdAt,
    ],
  )
}
