import { sign } from 'node:crypto'
import type { AuditSigningKey } from '../audit/audit-signing-keys.js'
import {
  type ArchiveErasureOutcome,
  ERASURE_RECEIPT_FORMAT,
  type ErasureReceipt,
  type ErasureReceiptBody,
  erasureReceiptMessage,
} from '../crypto/erasure-receipt.js'
import type { ErasureResult } from './records-erase.js'

/**
 * The receipt of an erasure, signed by the instance's audit checkpoint key (the Ed25519 key whose
 * public half `GET /v1/audit/checkpoint-key` publishes): counts per table, the ids, the time.
 * A tenant keeps it as proof of what was erased and checks it offline with
 * `verifyErasureReceipt` (coffer/client).
 */
export function signErasureReceipt(
  key: AuditSigningKey,
  erasure: { orgId: string; at: Date; result: ErasureResult; archive?: ArchiveErasureOutcome | undefined },
): ErasureReceipt {
  const body: ErasureReceiptBody = {
    format: ERASURE_RECEIPT_FORMAT,
    org_id: erasure.orgId,
    at: erasure.at.toISOString(),
    selector: erasure.result.selector,
    counts: { ...erasure.result.counts },
    ids: erasure.result.ids,
    key_version: key.version,
    ...(erasure.archive ? { archive: erasure.archive } : {}),
  }
  const signature = sign(null, erasureReceiptMessage(body), key.privateKey).toString('base64')
  return { ...body, signature }
}
