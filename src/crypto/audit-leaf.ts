/**
 * The bytes of one audit entry that its Merkle leaf hashes: Coffer's stored format, versioned,
 * shared by the server and the offline verifier (`coffer/client`). Pure: no I/O.
 */
import { hashLeaf } from './merkle-tree.js'

/** Version tag at the head of every encoded entry; a decoder refuses any other. */
export const AUDIT_LEAF_VERSION = 'coffer.audit.v1'

/** What one sealed entry says. Ids and names only: never content or a secret value. */
export interface AuditLeafFields {
  orgId: string
  /** 1-based position in the org's log; leaf index is `seq - 1`. */
  seq: number
  at: Date
  actor: string
  action: string
  resource: string
  requestId: string | null
  outcome: string | null
  purpose: string | null
}

/**
 * UTF-8 of a JSON array in fixed order (no key-order ambiguity):
 * `["coffer.audit.v1", orgId, seq, at (ISO 8601, ms), actor, action, resource, requestId, outcome, purpose]`.
 */
export function encodeAuditLeaf(entry: AuditLeafFields): Buffer {
  return Buffer.from(
    JSON.stringify([
      AUDIT_LEAF_VERSION,
      entry.orgId,
      entry.seq,
      entry.at.toISOString(),
      entry.actor,
      entry.action,
      entry.resource,
      entry.requestId,
      entry.outcome,
      entry.purpose,
    ]),
    'utf8',
  )
}

/** The entry's RFC 6962 leaf hash: SHA-256(0x00 ‖ encoded entry). */
export function auditLeafHash(entry: AuditLeafFields): Buffer {
  return hashLeaf(encodeAuditLeaf(entry))
}
