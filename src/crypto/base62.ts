/**
 * Fixed-width base62 (`0-9A-Za-z`), for API tokens: URL-safe, double-click selectable.
 */

/** Digit values 0..61, in the order of their characters' code points. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * Encodes `bytes`, read as one big-endian unsigned integer, in exactly `width` base62 digits,
 * left-padded with `0`. 32 bytes fit in 43 digits.
 *
 * @throws RangeError when `width` is not a non-negative integer or the value needs more digits.
 */
export function base62Encode(bytes: Uint8Array, width: number): string {
  assertWidth(width)
  // Long division of a copy, one digit per pass, from the least significant digit.
  const dividend = Uint8Array.from(bytes)
  const digits: string[] = new Array(width)
  for (let position = width - 1; position >= 0; position--) {
    let remainder = 0
    for (let i = 0; i < dividend.length; i++) {
      const value = remainder * 256 + dividend[i]!
      dividend[i] = Math.floor(value / 62)
      remainder = value % 62
    }
    digits[position] = BASE62_ALPHABET[remainder]!
  }
  const fits = dividend.every((byte) => byte === 0)
  // The copy may hold key or token bytes; clear it (JS gives no guarantee no other copy exists).
  dividend.fill(0)
  if (!fits) throw new RangeError(`value does not fit in ${width} base62 digits`)
  return digits.join('')
}

/**
 * Encodes the non-negative safe integer `n` in exactly `width` base62 digits, left-padded with `0`.
 *
 * @throws RangeError when `n` is not a non-negative safe integer, `width` is not a non-negative
 *   integer, or `n` needs more than `width` digits.
 */
export function base62EncodeNumber(n: number, width: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('n must be a non-negative safe integer')
  assertWidth(width)
  let rest = n
  let encoded = ''
  for (let position = 0; position < width; position++) {
    encoded = BASE62_ALPHABET[rest % 62]! + encoded
    rest = Math.floor(rest / 62)
  }
  if (rest !== 0) throw new RangeError(`n does not fit in ${width} base62 digits`)
  return encoded
}

function assertWidth(width: number): void {
  if (!Number.isInteger(width) || width < 0) throw new RangeError('width must be a non-negative integer')
}
