/**
 * The stored Merkle tree of one org's audit log: complete subtree hashes in `audit_tree_nodes`
 * ((level L, index i) covers leaves [i·2^L, (i+1)·2^L)). A root, an inclusion or a consistency
 * proof at any size is computed from O(log² n) of them, read in one indexed query.
 */
import {
  consistencyProof,
  inclusionProof,
  MerkleFrontier,
  rangeHash,
  withFetchedSubtrees,
} from '../crypto/merkle-tree.js'
import type { TenantSql } from '../db/tenant-door.js'

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
  return withFetchedSubtrees(
    (node) => rangeHash(0, size, node),
    (wanted) => readSubtrees(sql, wanted),
  )
}

/** RFC 9162 inclusion proof of leaf `leafIndex` in the tree of `size`. */
export function proveInclusion(sql: TenantSql, leafIndex: number, size: number): Promise<Uint8Array[]> {
  return withFetchedSubtrees(
    (node) => inclusionProof(leafIndex, size, node),
    (wanted) => readSubtrees(sql, wanted),
  )
}

/** RFC 9162 consistency proof from the tree of `from` leaves to the tree of `to`. */
export function proveConsistency(sql: TenantSql, from: number, to: number): Promise<Uint8Array[]> {
  return withFetchedSubtrees(
    (node) => consistencyProof(from, to, node),
    (wanted) => readSubtrees(sql, wanted),
  )
}
