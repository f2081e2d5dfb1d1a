import type { z } from 'zod'
import { CofferError } from '../errors.js'
import { assertStorableInput, nameableKey } from './input-guards.js'

/**
 * Parses request input with a zod schema, after refusing NUL characters and deep nesting in it
 * (see `assertStorableInput`). `opaqueFields` names top-level fields stored only as ciphertext,
 * where NUL is allowed.
 * @throws VALIDATION_FAILED naming the first bad field (never echoing its value; unknown keys
 *   are named cut to 32 printable characters).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query' | 'params',
  options: { opaqueFields?: readonly string[] } = {},
): z.output<S> {
  assertStorableInput(input, where, options.opaqueFields)
  const parsed = schema.safeParse(input ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(nameableKey).join('.') : where
  if (issue?.code === 'unrecognized_keys') {
    const key = nameableKey(issue.keys[0] ?? '')
    throw new CofferError(
      'VALIDATION_FAILED',
      key === 'unknown field' ? `${field}: ${key}` : `${field}: unknown field ${key}`,
    )
  }
  throw new CofferError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`)
}
