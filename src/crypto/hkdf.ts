/**
 * HKDF-SHA256 (RFC 5869), for deriving separate keys from one secret with distinct labels.
 */
import { hkdfSync } from 'node:crypto'

const SHA256_BYTES = 32
/** RFC 5869: L <= 255 * HashLen. */
const MAX_OUTPUT_BYTES = 255 * SHA256_BYTES
/** node:crypto refuses a longer `info`. */
const MAX_INFO_BYTES = 1024
const EMPTY = new Uint8Array(0)

/**
 * HKDF-SHA256: extract with `salt` (empty when omitted), then expand with `info` to `length` bytes.
 *
 * @param input.info context and application specific information; a string is taken as UTF-8.
 * @throws RangeError when `length` is not an integer from 1 to 8160 or `info` exceeds 1024 bytes
 *   (a programmer error).
 */
export function hkdfSha256(input: {
  ikm: Uint8Array
  salt?: Uint8Array
  info: Uint8Array | string
  length: number
}): Buffer {
  const { ikm, salt = EMPTY, info, length } = input
  if (!Number.isInteger(length) || length < 1 || length > MAX_OUTPUT_BYTES) {
    throw new RangeError(`length must be an integer from 1 to ${MAX_OUTPUT_BYTES}`)
  }
  const infoBytes = typeof info === 'string' ? Buffer.from(info, 'utf8') : info
  if (infoBytes.byteLength > MAX_INFO_BYTES) {
    throw new RangeError(`info must not exceed ${MAX_INFO_BYTES} bytes`)
  }
  return Buffer.from(hkdfSync('sha256', ikm, salt, infoBytes, length))
}

/**
 * Derives a subkey of `ikm` for one purpose: HKDF-SHA256 with an empty salt and `label` as info.
 *
 * Labels name the purpose and are never reused for another, e.g. `coffer/audit-chain`.
 *
 * @param length output bytes, 32 by default.
 * @throws RangeError when `length` is not an integer from 1 to 8160 or `label` exceeds 1024 bytes.
 */
export function deriveKey(ikm: Uint8Array, label: string, length = 32): Buffer {
  return hkdfSha256({ ikm, info: label, length })
}
