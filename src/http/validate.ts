import type { z } from 'zod'
import { CofferError } from '../errors.js'

/**
 * Parses request input with a zod schema.
 * @throws VALIDATION_FAILED naming the first bad field (never echoing its value).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const parsed = schema.safeParse(input ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where
  throw new CofferError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`)
}
