/**
 * The audit bundle a tenant verifies offline (`coffer audit verify --bundle`): NDJSON, one JSON
 * object a line, in this order:
 *
 * 1. `{"type":"header","format":"coffer-audit-bundle/v1","origin","from","tree_size"}`
 * 2. `{"type":"prefix","hashes":[...]}`: the complete subtrees before entry `from` (largest
 *    first), so the root can be recomputed without the earlier entries
 * 3. `{"type":"entry","seq","at","actor","action","resource","request_id","outcome","purpose","leaf_hash"}`
 *    for every seq from `from` to `tree_size`
 * 4. `{"type":"consistency","from","to","proof":[...]}` only when asked (`consistent_from`): the
 *    RFC 9162 consistency proof from the tree of `from` leaves (a checkpoint the tenant kept
 *    from before the bundle's first entry) to `tree_size`
 * 5. `{"type":"checkpoint","note"}`: the signed checkpoint of `tree_size`
 * 6. `{"type":"key","verifier"}` for each published checkpoint key (informational: a verifier
 *    trusts only the key the tenant gives it)
 */
import { MerkleFrontier } from '../crypto/merkle-tree.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { checkpointCovering, latestCheckpoint, orgLogOrigin, orgVerifierKey } from './audit-checkpoints.js'
import { type AuditLog, auditEntryJson } from './audit-log.js'
import type { AuditPublicKey } from './audit-signing-keys.js'
import { proveConsistency, readSubtrees } from './audit-tree-store.js'

/** The bundle format tag of the header line. */
export const AUDIT_BUNDLE_FORMAT = 'coffer-audit-bundle/v1'

/** Most entries one bundle carries; export a later `from` for more. */
export const AUDIT_BUNDLE_MAX_ENTRIES = 100_000

/**
 * The bundle of entries `from`..(the smallest checkpoint covering `to`, default the latest).
 * With `consistentFrom`, it carries the consistency proof from that tree size to its own.
 * @throws NOT_FOUND when nothing is sealed yet or no checkpoint covers `to`;
 *   VALIDATION_FAILED when the range holds more than {@link AUDIT_BUNDLE_MAX_ENTRIES}, or
 *   `consistentFrom` is beyond the bundle's tree.
 */
export async function buildAuditBundle(
  sql: TenantSql,
  log: AuditLog,
  publicKeys: readonly AuditPublicKey[],
  range: { from: number; to?: number | undefined; consistentFrom?: number | undefined },
): Promise<string> {
  const checkpoint =
    range.to === undefined ? await latestCheckpoint(sql) : await checkpointCovering(sql, range.to)
  if (!checkpoint) throw new CofferError('NOT_FOUND', 'no checkpoint covers to')
  if (range.from > checkpoint.treeSize) throw new CofferError('VALIDATION_FAILED', 'from is beyond the tree')
  if (checkpoint.treeSize - range.from + 1 > AUDIT_BUNDLE_MAX_ENTRIES)
    throw new CofferError('VALIDATION_FAILED', `from..to spans more than ${AUDIT_BUNDLE_MAX_ENTRIES} entries`)
  const prefixEdge = MerkleFrontier.edgeOf(range.from - 1)
  const found = await readSubtrees(sql, prefixEdge)
  const prefix = prefixEdge.map(({ level, index }) =>
    Buffer.from(found.get(`${level}/${index}`) ?? []).toString('base64'),
  )
  const lines: unknown[] = [
    {
      type: 'header',
      format: AUDIT_BUNDLE_FORMAT,
      origin: orgLogOrigin(log.origin, sql.orgId),
      from: range.from,
      tree_size: checkpoint.treeSize,
    },
    { type: 'prefix', hashes: prefix },
  ]
  for (const entry of await log.range(sql, range.from, checkpoint.treeSize)) {
    lines.push({ type: 'entry', ...auditEntryJson(entry) })
  }
  if (range.consistentFrom !== undefined) {
    if (range.consistentFrom > checkpoint.treeSize)
      throw new CofferError('VALIDATION_FAILED', 'consistent_from is beyond the tree')
    const proof = await proveConsistency(sql, range.consistentFrom, checkpoint.treeSize)
    lines.push({
      type: 'consistency',
      from: range.consistentFrom,
      to: checkpoint.treeSize,
      proof: proof.map((hash) => Buffer.from(hash).toString('base64')),
    })
  }
  lines.push({ type: 'checkpoint', note: checkpoint.note })
  for (const key of publicKeys)
    lines.push({ type: 'key', verifier: orgVerifierKey(log.origin, sql.orgId, key.publicKey) })
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`
}
