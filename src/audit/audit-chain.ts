import { hmacSha256 } from '../crypto/hmac.js'

/** The fields of an audit entry that its chain hash covers. No content or secrets, ever. */
export interface AuditEntryFields {
  orgId: string
  seq: number
  at: Date
  actor: string
  action: string
  resource: string
}

/** The hash before an org's first entry. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32)

/** Canonical bytes of an entry: a JSON array in fixed order, so no key-order ambiguity. */
export function canonicalAuditEntry(entry: AuditEntryFields): string {
  return JSON.stringify([
    entry.orgId,
    entry.seq,
    entry.at.toISOString(),
    entry.actor,
    entry.action,
    entry.resource,
  ])
}

/** chain_hash = HMAC-SHA256(audit key, prev_hash ‖ canonical entry). */
export function auditChainHash(auditKey: Uint8Array, prevHash: Uint8Array, entry: AuditEntryFields): Buffer {
  return hmacSha256(auditKey, prevHash, canonicalAuditEntry(entry))
}
