import {
  ERASURE_RECEIPT_FORMAT,
  type ErasureReceipt,
  erasureReceiptMessage,
} from '../crypto/erasure-receipt.js'
import { parseVerifierKey, verifyEd25519 } from '../crypto/signed-note.js'

/** Why a receipt did not verify. */
export type ErasureReceiptProblem = 'malformed' | 'unknown_format' | 'bad_signature' | 'no_key'

/** The outcome of {@link verifyErasureReceipt}. */
export type ErasureReceiptVerification =
  | { ok: true; receipt: ErasureReceipt }
  | { ok: false; problem: ErasureReceiptProblem }

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

const isArchiveOutcome = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false
  const a = value as Record<string, unknown>
  return (
    Number.isSafeInteger(a.objects_deleted) &&
    isStringArray(a.objects_left) &&
    (a.error_code === null || typeof a.error_code === 'string')
  )
}

function parseReceipt(value: unknown): ErasureReceipt | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Record<string, unknown>
  const counts = r.counts
  if (
    typeof r.format !== 'string' ||
    typeof r.org_id !== 'string' ||
    typeof r.at !== 'string' ||
    !isStringArray(r.selector) ||
    !isStringArray(r.ids) ||
    !Number.isSafeInteger(r.key_version) ||
    typeof r.signature !== 'string' ||
    typeof counts !== 'object' ||
    counts === null ||
    !Object.values(counts).every((count) => Number.isSafeInteger(count)) ||
    (r.archive !== undefined && !isArchiveOutcome(r.archive))
  ) {
    return undefined
  }
  return r as unknown as ErasureReceipt
}

/**
 * Checks an erasure receipt against the org's checkpoint verifier keys: the lines of
 * `GET /v1/audit/checkpoint-key` (`<name>+<key id>+<base64 key>`), or raw 32-byte Ed25519 public
 * keys. Trust only keys obtained apart from the receipt. Any change to the org, time, selector,
 * counts, ids, key version or archive outcome breaks the signature.
 */
export function verifyErasureReceipt(
  receipt: unknown,
  keys: string | Uint8Array | readonly (string | Uint8Array)[],
): ErasureReceiptVerification {
  const parsed = parseReceipt(receipt)
  if (!parsed) return { ok: false, problem: 'malformed' }
  if (parsed.format !== ERASURE_RECEIPT_FORMAT) return { ok: false, problem: 'unknown_format' }
  const list = (typeof keys === 'string' ? keys.split('\n') : Array.isArray(keys) ? keys : [keys]) as (
    | string
    | Uint8Array
  )[]
  const publicKeys = list.flatMap((key) => {
    if (typeof key !== 'string') return key.length === 32 ? [key] : []
    const verifier = key.trim() === '' ? undefined : parseVerifierKey(key.trim())
    return verifier ? [verifier.publicKey] : []
  })
  if (publicKeys.length === 0) return { ok: false, problem: 'no_key' }
  const signature = Buffer.from(parsed.signature, 'base64')
  const { signature: _signature, ...body } = parsed
  const message = erasureReceiptMessage(body)
  return publicKeys.some((key) => verifyEd25519(key, message, signature))
    ? { ok: true, receipt: parsed }
    : { ok: false, problem: 'bad_signature' }
}
