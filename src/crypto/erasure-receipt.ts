/**
 * The signed form of an erasure receipt (`DELETE /v1/records?...` answers it beside `deleted`).
 * Pure: the server signs and a client verifies the same bytes. Versioned: a verifier refuses any
 * other `format`.
 *
 * Signed message: `coffer-erasure-receipt/v1\n` followed by the JSON array
 * `[org_id, at, selector, [[table, count], ...] sorted by table, ids, key_version]`, and, when the
 * erasure reached archived records, one more element `[objects_deleted, objects_left, error_code]`
 * (a receipt without archived records signs exactly what it signed before).
 */

/** The receipt format tag; also the first line of the signed message. */
export const ERASURE_RECEIPT_FORMAT = 'coffer-erasure-receipt/v1'

/** What a receipt states, before its signature. */
export interface ErasureReceiptBody {
  format: typeof ERASURE_RECEIPT_FORMAT
  org_id: string
  /** When the erasure committed its deletion, ISO 8601. */
  at: string
  /** The selector fields the erasure was given (names only, never values). */
  selector: string[]
  /** Rows deleted per table (the records and their index rows). */
  counts: Record<string, number>
  /** The ids of the records deleted, ascending. */
  ids: string[]
  /** The version of the audit checkpoint signing key that signed it. */
  key_version: number
  /**
   * Present when archived records were erased: how many of their objects the customer's bucket
   * acknowledged deleting, the keys of those left there, and why the first was left.
   */
  archive?: ArchiveErasureOutcome
}

/** What an erasure did to the objects of archived records in the customer's bucket. */
export interface ArchiveErasureOutcome {
  objects_deleted: number
  objects_left: string[]
  error_code: string | null
}

/** A receipt with its Ed25519 signature (base64) over {@link erasureReceiptMessage}. */
export interface ErasureReceipt extends ErasureReceiptBody {
  signature: string
}

/** The exact bytes a receipt's signature covers. */
export function erasureReceiptMessage(body: ErasureReceiptBody): Buffer {
  const counts = Object.entries(body.counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const fields: unknown[] = [body.org_id, body.at, body.selector, counts, body.ids, body.key_version]
  if (body.archive !== undefined) {
    fields.push([body.archive.objects_deleted, body.archive.objects_left, body.archive.error_code])
  }
  return Buffer.from(`${ERASURE_RECEIPT_FORMAT}\n${JSON.stringify(fields)}`, 'utf8')
}
