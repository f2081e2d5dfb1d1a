/**
 * Comparison of secret byte strings in time that does not depend on where they differ.
 */
import { timingSafeEqual } from 'node:crypto'

/**
 * True when `a` and `b` hold the same bytes, compared in constant time for equal lengths.
 *
 * Lengths are not secret: different lengths answer `false` at once, without throwing.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  return timingSafeEqual(a, b)
}
