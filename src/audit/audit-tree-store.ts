/**
 * The stored Merkle tree of one org's audit log: complete subtree hashes in `audit_tree_nodes`
 * ((level L, index i) covers leaves [i·2^L, (i+1)·2^L)). A root, an inclusion or a consistency
 * proof at any size is computed from at most ~2·log2(n) of them (the proof's own hashes, the
 * subtrees of the tree's right edge they are built from, and the leaf or the old root to check it
 * with), read in one indexed query: an index probe per hash, whatever the tree's size.
 */
import {
  consistencyProof,
  inclusionProof,
  MerkleFrontier,
  rangeHash,
  type SubtreeSource,
  verifyConsistency,
  verifyInclusion,
  withFetchedSubtrees,
} from '../crypto/merkle-tree.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'

/** One complete subtree hash. */
export interface TreeNode {
  level: number
  index: number
  hash: Uint8Array
}

/** Loads the given complete subtrees of the org's tree, keyed `level/index`. */
export async function readSubtrees(
  sql: TenantSql,
  wanted: readonly { level: number; index: number }[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>()
  if (wanted.length === 0) return found
  const { rows } = await sql.query<{ level: number; idx: string | number; hash: Uint8Array }>(
    `SELECT n.level, n.idx, n.hash FROM audit_tree_nodes n
     JOIN unnest($2::int[], $3::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx
     WHERE n.org_id = $1`,
    [sql.orgId, wanted.map((w) => w.level), wanted.map((w) => w.index)],
  )
  for (const row of rows) found.set(`${row.level}/${Number(row.idx)}`, Buffer.from(row.hash))
  return found
}

/** Stores subtree hashes the sequencer completed. */
export async function insertSubtrees(sql: TenantSql, nodes: readonly TreeNode[]): Promise<void> {
  if (nodes.length === 0) return
  await sql.query(
    `INSERT INTO audit_tree_nodes (org_id, level, idx, hash)
     SELECT $1, t.level, t.idx, decode(t.hash, 'hex') FROM unnest($2::int[], $3::bigint[], $4::text[]) AS t(level, idx, hash)`,
    [
      sql.orgId,
      nodes.map((n) => n.level),
      nodes.map((n) => n.index),
      nodes.map((n) => Buffer.from(n.hash).toString('hex')),
    ],
  )
}

/** The right edge of the org's tree at `size`, ready for appending. */
export async function readFrontier(sql: TenantSql, size: number): Promise<MerkleFrontier> {
  const edge = MerkleFrontier.edgeOf(size)
  const found = await readSubtrees(sql, edge)
  return new MerkleFrontier(
    size,
    edge.map(({ level, index }) => {
      const hash = found.get(`${level}/${index}`)
      if (!hash) throw new RangeError('a subtree of the tree edge is missing')
      return { level, index, hash }
    }),
  )
}

/** The root of the org's tree at `size`. */
export function rootAt(sql: TenantSql, size: number): Promise<Uint8Array> {
  return fromStoredSubtrees(sql, (node) => rangeHash(0, size, node))
}

/**
 * RFC 9162 inclusion proof of leaf `leafIndex` in the tree of `size`, read in one query. Given
 * `checkpointRoot` (the root of the org's checkpoint at `size`), the proof is verified against it
 * before it is returned, with the stored leaf hash: a stored hash changed behind the triggers
 * fails here instead of leaving the database as a proof that does not verify.
 * @throws AUDIT_CHAIN_BROKEN when a stored subtree the proof needs is missing, or the proof does
 *   not verify against `checkpointRoot`.
 */
export async function proveInclusion(
  sql: TenantSql,
  leafIndex: number,
  size: number,
  checkpointRoot?: Uint8Array,
): Promise<Uint8Array[]> {
  const { leaf, proof } = await fromStoredSubtrees(sql, (node) => ({
    leaf: node(0, leafIndex),
    proof: inclusionProof(leafIndex, size, node),
  }))
  if (checkpointRoot && !verifyInclusion(leafIndex, size, leaf, proof, checkpointRoot))
    throw new CofferError('AUDIT_CHAIN_BROKEN', 'the stored audit tree does not match its checkpoint')
  return proof
}

/**
 * RFC 9162 consistency proof from the tree of `from` leaves to the tree of `to`, read in one
 * query. Given the root of the org's checkpoint at `to` (and at `from`, when there is one), the
 * proof is verified against them before it is returned (the root at `from` is otherwise the one
 * the stored subtrees give: every hash of the proof still counts towards the root at `to`).
 * @throws AUDIT_CHAIN_BROKEN when a stored subtree the proof needs is missing, or the proof does
 *   not verify against the checkpoint roots.
 */
export async function proveConsistency(
  sql: TenantSql,
  from: number,
  to: number,
  checkpointRoots: { from?: Uint8Array | undefined; to?: Uint8Array | undefined } = {},
): Promise<Uint8Array[]> {
  const check = checkpointRoots.to
  const { fromRoot, proof } = await fromStoredSubtrees(sql, (node) => ({
    fromRoot: check ? rangeHash(0, from, node) : undefined,
    proof: consistencyProof(from, to, node),
  }))
  if (check && !verifyConsistency(from, to, checkpointRoots.from ?? fromRoot!, check, proof))
    throw new CofferError('AUDIT_CHAIN_BROKEN', 'the stored audit tree does not match its checkpoint')
  return proof
}

/** Runs `build` over the stored subtrees it needs, all read in one query. */
async function fromStoredSubtrees<T>(sql: TenantSql, build: (node: SubtreeSource) => T): Promise<T> {
  return withFetchedSubtrees(build, async (wanted) => {
    const found = await readSubtrees(sql, wanted)
    if (found.size !== wanted.length)
      throw new CofferError('AUDIT_CHAIN_BROKEN', 'a stored subtree of the audit tree is missing')
    return found
  })
}
