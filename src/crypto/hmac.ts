/**
 * HMAC-SHA256, for token hashes and other keyed digests.
 */
import { createHmac } from 'node:crypto'

/**
 * HMAC-SHA256 of the concatenation of `parts` under `key`.
 *
 * Parts are concatenated as they are, without lengths or separators: `('ab', 'c')` and
 * `('a', 'bc')` give the same MAC. Callers whose parts vary in length must frame them.
 *
 * @param parts byte arrays, or strings taken as UTF-8.
 * @returns the 32-byte MAC.
 */
export function hmacSha256(key: Uint8Array, ...parts: (Uint8Array | string)[]): Buffer {
  const hmac = createHmac('sha256', key)
  for (const part of parts) {
    if (typeof part === 'string') hmac.update(part, 'utf8')
    else hmac.update(part)
  }
  return hmac.digest()
}
