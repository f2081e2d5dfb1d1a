/**
 * Verifies a Coffer audit bundle offline (`GET /v1/audit/export`), with no database and no
 * server secret: only the org's checkpoint key, which the tenant got once and keeps, and
 * optionally an older checkpoint the tenant kept. Pure: node:crypto and src/crypto's pure
 * modules, nothing of the server.
 *
 * It checks the current checkpoint's Ed25519 signature (C2SP signed-note), every entry's leaf hash
 * against its fields, that seqs run without gap from the bundle's first to the checkpoint's tree
 * size, that the entries give the checkpoint's root, and, given an older checkpoint, that its
 * signature verifies, that it is not newer than the current one (a replayed or rolled-back head)
 * and that the entries give its root too, or, for one kept from before the bundle's first entry,
 * that the bundle's RFC 9162 consistency proof links it to the current one (the log grew only by
 * appending: a forked tree fails either way).
 *
 * @example
 * ```ts
 * const result = verifyAuditBundle(readFileSync('audit.ndjson', 'utf8'), { key: process.env.COFFER_AUDIT_KEY! })
 * if (!result.ok) console.error(result.problem)
 * ```
 */
import { type AuditLeafFields, auditLeafHash } from '../crypto/audit-leaf.js'
import { HASH_BYTES, MerkleFrontier, verifyConsistency } from '../crypto/merkle-tree.js'
import { type NoteVerifier, openNote, parseVerifierKey } from '../crypto/signed-note.js'
import { type CheckpointBody, parseCheckpoint } from '../crypto/tlog-checkpoint.js'

/** What is wrong with a bundle: the first bad entry, a bad checkpoint, or the bundle's shape. */
export type AuditBundleProblem =
  | { kind: 'entry'; seq: number; reason: 'edited' | 'missing' | 'out of order' | 'beyond checkpoint' }
  | {
      kind: 'checkpoint'
      which: 'current' | 'older'
      reason:
        | 'bad signature'
        | 'wrong origin'
        | 'root mismatch'
        | 'older than kept'
        | 'not covered'
        | 'not consistent'
    }
  | { kind: 'bundle'; reason: string }

/** Outcome of {@link verifyAuditBundle}. */
export type AuditBundleVerification =
  | {
      ok: true
      origin: string
      treeSize: number
      from: number
      entries: number
      consistentWithOlder: boolean
    }
  | { ok: false; problem: AuditBundleProblem }

/** One line of `problem` for people. */
export function describeAuditProblem(problem: AuditBundleProblem): string {
  switch (problem.kind) {
    case 'entry':
      return `entry seq ${problem.seq}: ${problem.reason}`
    case 'checkpoint':
      return `${problem.which} checkpoint: ${problem.reason}`
    case 'bundle':
      return `bundle: ${problem.reason}`
  }
}

interface BundleEntry {
  seq: number
  at: string
  actor: string
  action: string
  resource: string
  request_id: string | null
  outcome: string | null
  purpose: string | null
  leaf_hash: string
}

const fail = (problem: AuditBundleProblem): AuditBundleVerification => ({ ok: false, problem })
const isString = (v: unknown): v is string => typeof v === 'string'
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string'

function isEntry(line: Record<string, unknown>): line is Record<string, unknown> & BundleEntry {
  return (
    Number.isSafeInteger(line.seq) &&
    isString(line.at) &&
    isString(line.actor) &&
    isString(line.action) &&
    isString(line.resource) &&
    isNullableString(line.request_id) &&
    isNullableString(line.outcome) &&
    isNullableString(line.purpose) &&
    isString(line.leaf_hash)
  )
}

/** Opens a checkpoint note with the trusted keys and checks it names `origin`. */
function openCheckpoint(
  note: unknown,
  verifiers: NoteVerifier[],
  origin: string,
  which: 'current' | 'older',
): CheckpointBody | AuditBundleProblem {
  const opened = isString(note) ? openNote(note, verifiers) : undefined
  const body = opened?.ok ? parseCheckpoint(opened.text) : undefined
  if (!body) return { kind: 'checkpoint', which, reason: 'bad signature' }
  if (body.origin !== origin) return { kind: 'checkpoint', which, reason: 'wrong origin' }
  return body
}

/**
 * Checks the bundle's consistency line (export with `consistent_from=<older size>`) proves the
 * `older` tree a prefix of `current`: the problem if not, else undefined.
 */
function checkConsistencyLine(
  lines: readonly Record<string, unknown>[],
  older: CheckpointBody,
  current: CheckpointBody,
): AuditBundleProblem | undefined {
  const line = lines.find((candidate) => candidate.type === 'consistency')
  if (!line) return { kind: 'checkpoint', which: 'older', reason: 'not covered' }
  const proof = line.proof
  const wellFormed =
    line.from === older.treeSize &&
    line.to === current.treeSize &&
    Array.isArray(proof) &&
    proof.every(isString)
  const hashes = wellFormed ? (proof as string[]).map((hash) => Buffer.from(hash, 'base64')) : []
  if (
    !wellFormed ||
    older.treeSize === 0 ||
    !verifyConsistency(older.treeSize, current.treeSize, older.rootHash, current.rootHash, hashes)
  )
    return { kind: 'checkpoint', which: 'older', reason: 'not consistent' }
  return undefined
}

/**
 * Verifies `bundle` (the export's NDJSON text) with the tenant's `key` (note verifier format,
 * `<name>+<key ID>+<key>`; several for a rotated key) and, optionally, an `olderCheckpoint` note
 * the tenant kept. An older checkpoint within the bundle's entries is checked against the root
 * the entries give at its size; one from before the bundle's first entry needs the bundle's
 * consistency line (export with `consistent_from=<its tree size>`), else it is `not covered`.
 * Never throws on bad input: every refusal is a `problem`.
 */
export function verifyAuditBundle(
  bundle: string,
  options: { key: string | readonly string[]; olderCheckpoint?: string | undefined },
): AuditBundleVerification {
  const verifiers = (typeof options.key === 'string' ? [options.key] : options.key).flatMap((text) => {
    const parsed = parseVerifierKey(text)
    return parsed ? [parsed] : []
  })
  if (verifiers.length === 0) return fail({ kind: 'bundle', reason: 'no valid verifier key given' })
  const lines: Record<string, unknown>[] = []
  for (const text of bundle.split('\n')) {
    if (text === '') continue
    try {
      const line = JSON.parse(text) as unknown
      if (typeof line !== 'object' || line === null || Array.isArray(line))
        throw new TypeError('not an object')
      lines.push(line as Record<string, unknown>)
    } catch {
      return fail({ kind: 'bundle', reason: `line ${lines.length + 1} is not a JSON object` })
    }
  }
  const header = lines[0]
  const prefix = lines[1]
  if (header?.type !== 'header' || header.format !== 'coffer-audit-bundle/v1' || !isString(header.origin))
    return fail({ kind: 'bundle', reason: 'no coffer-audit-bundle/v1 header' })
  const from = header.from
  if (!Number.isSafeInteger(from) || (from as number) < 1) return fail({ kind: 'bundle', reason: 'bad from' })
  if (prefix?.type !== 'prefix' || !Array.isArray(prefix.hashes) || !prefix.hashes.every(isString))
    return fail({ kind: 'bundle', reason: 'no prefix line' })
  const origin = header.origin
  const checkpointLine = lines.find((line) => line.type === 'checkpoint')
  const current = openCheckpoint(checkpointLine?.note, verifiers, origin, 'current')
  if (!('treeSize' in current)) return fail(current)
  let older: CheckpointBody | undefined
  if (options.olderCheckpoint !== undefined) {
    const opened = openCheckpoint(options.olderCheckpoint, verifiers, origin, 'older')
    if (!('treeSize' in opened)) return fail(opened)
    older = opened
    if (older.treeSize > current.treeSize)
      return fail({ kind: 'checkpoint', which: 'current', reason: 'older than kept' })
    if (older.treeSize < (from as number) - 1) {
      // Kept from before the bundle's first entry: only a consistency proof links it.
      const proven = checkConsistencyLine(lines, older, current)
      if (proven) return fail(proven)
    }
  }

  const edge = MerkleFrontier.edgeOf((from as number) - 1)
  const prefixHashes = (prefix.hashes as string[]).map((h) => Buffer.from(h, 'base64'))
  if (prefixHashes.length !== edge.length || prefixHashes.some((h) => h.length !== HASH_BYTES))
    return fail({ kind: 'bundle', reason: 'prefix does not fit from' })
  const frontier = new MerkleFrontier(
    (from as number) - 1,
    edge.map((node, i) => ({ ...node, hash: prefixHashes[i]! })),
  )
  const checkOlder = (): AuditBundleVerification | undefined => {
    if (older && frontier.size === older.treeSize && !Buffer.from(frontier.root()).equals(older.rootHash))
      return fail({ kind: 'checkpoint', which: 'older', reason: 'root mismatch' })
    return undefined
  }
  const olderEarly = checkOlder()
  if (olderEarly) return olderEarly
  let entries = 0
  for (const line of lines.slice(2)) {
    if (line.type !== 'entry') continue
    const expected = frontier.size + 1
    if (!isEntry(line)) return fail({ kind: 'entry', seq: expected, reason: 'edited' })
    if (line.seq > current.treeSize)
      return fail({ kind: 'entry', seq: line.seq, reason: 'beyond checkpoint' })
    if (line.seq > expected) return fail({ kind: 'entry', seq: expected, reason: 'missing' })
    if (line.seq < expected) return fail({ kind: 'entry', seq: line.seq, reason: 'out of order' })
    const at = new Date(line.at)
    if (Number.isNaN(at.getTime()) || at.toISOString() !== line.at)
      return fail({ kind: 'entry', seq: line.seq, reason: 'edited' })
    const fields: AuditLeafFields = {
      orgId: origin.slice(origin.lastIndexOf('/') + 1),
      seq: line.seq,
      at,
      actor: line.actor,
      action: line.action,
      resource: line.resource,
      requestId: line.request_id,
      outcome: line.outcome,
      purpose: line.purpose,
    }
    const leafHash = auditLeafHash(fields)
    if (!leafHash.equals(Buffer.from(line.leaf_hash, 'base64')))
      return fail({ kind: 'entry', seq: line.seq, reason: 'edited' })
    frontier.append(leafHash)
    entries++
    const olderFailed = checkOlder()
    if (olderFailed) return olderFailed
  }
  if (frontier.size < current.treeSize)
    return fail({ kind: 'entry', seq: frontier.size + 1, reason: 'missing' })
  if (!Buffer.from(frontier.root()).equals(current.rootHash))
    return fail({ kind: 'checkpoint', which: 'current', reason: 'root mismatch' })
  return {
    ok: true,
    origin,
    treeSize: current.treeSize,
    from: from as number,
    entries,
    consistentWithOlder: older !== undefined,
  }
}
