import { CofferError } from '../errors.js'

/** How deep request input may nest (objects and arrays); deeper answers VALIDATION_FAILED. */
export const MAX_INPUT_DEPTH = 32

/** How much of an unknown key a problem names; the rest is cut, control characters dropped. */
const KEY_SHOWN_CHARS = 32

/**
 * A key or path segment as a problem may name it: printable ASCII only, at most 32 characters
 * (a 1 MB key must not come back as a 1 MB problem); `unknown field` when nothing printable is left.
 */
export function nameableKey(key: PropertyKey): string {
  const printable = String(key)
    .replace(/[^\x21-\x7e]/g, '')
    .replaceAll('"', '')
  if (printable === '') return 'unknown field'
  return printable.length > KEY_SHOWN_CHARS ? `${printable.slice(0, KEY_SHOWN_CHARS)}...` : printable
}

function pathName(where: string, path: readonly PropertyKey[]): string {
  return path.length === 0 ? where : path.map(nameableKey).join('.')
}

/**
 * Refuses input PostgreSQL or the server cannot take: a NUL (U+0000) in any key or string
 * (text columns cannot store it), and nesting deeper than {@link MAX_INPUT_DEPTH}. Top-level
 * fields named in `opaqueFields` are stored only as ciphertext, so NUL inside them is kept
 * (their depth is still checked). Walks without recursion, so no input can exhaust the stack.
 * @throws VALIDATION_FAILED naming the field (never its value)
 */
export function assertStorableInput(
  input: unknown,
  where: string,
  opaqueFields: readonly string[] = [],
): void {
  const stack: { value: unknown; path: PropertyKey[]; opaque: boolean }[] = [
    { value: input, path: [], opaque: false },
  ]
  while (stack.length > 0) {
    const { value, path, opaque } = stack.pop()!
    if (typeof value === 'string') {
      if (!opaque && value.includes('\u0000')) {
        throw new CofferError('VALIDATION_FAILED', `${pathName(where, path)}: must not contain NUL (U+0000)`)
      }
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (path.length >= MAX_INPUT_DEPTH) {
      throw new CofferError(
        'VALIDATION_FAILED',
        `${pathName(where, path.slice(0, 1))}: nested deeper than ${MAX_INPUT_DEPTH} levels`,
      )
    }
    for (const [key, child] of Object.entries(value)) {
      const childOpaque = opaque || (path.length === 0 && opaqueFields.includes(key))
      if (!childOpaque && key.includes('\u0000')) {
        throw new CofferError(
          'VALIDATION_FAILED',
          `${pathName(where, path)}: a key must not contain NUL (U+0000)`,
        )
      }
      const childPath = Array.isArray(value) ? [...path, Number(key)] : [...path, key]
      stack.push({ value: child, path: childPath, opaque: childOpaque })
    }
  }
}
