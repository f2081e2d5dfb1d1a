/**
 * Cryptographically secure random bytes (libsodium's `randombytes_buf`).
 */
import { sodiumPort } from './sodium-port.js'

/**
 * Returns `bytes` fresh random bytes, in a buffer of their own (not a slice of Node's shared
 * pool), so that wiping it clears the only copy this function made.
 *
 * @throws RangeError when `bytes` is not a non-negative integer.
 */
export function randomBytes(bytes: number): Buffer {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError('bytes must be a non-negative integer')
  const buffer = Buffer.allocUnsafeSlow(bytes)
  sodiumPort.randombytes_buf(buffer)
  return buffer
}
