/**
 * Guarded memory for long-lived keys (libsodium's `sodium_malloc`), and wiping.
 */
import { sodiumPort } from './sodium-port.js'

/**
 * Allocates `bytes` bytes of guarded memory outside the JS heap (guard pages, a canary,
 * locked against swapping where the OS allows), for org keys that stay cached.
 *
 * Copying the returned Buffer (`Buffer.from`, `slice` into a new buffer, `toString`) leaves
 * the guarded memory: pass it around as it is.
 *
 * @throws RangeError when `bytes` is not a positive integer.
 */
export function allocSecureBuffer(bytes: number): Buffer {
  if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError('bytes must be a positive integer')
  return sodiumPort.sodium_malloc(bytes)
}

/**
 * Overwrites `buffer` with zeros in a way the compiler cannot drop (`sodium_memzero`).
 *
 * This clears this copy only: JS gives no guarantee that no other copy of the bytes exists.
 */
export function wipe(buffer: Uint8Array): void {
  sodiumPort.sodium_memzero(buffer)
}
