/**
 * When to retry a refused request, and how long to wait: `429` and `503` only, honouring
 * `Retry-After`, otherwise exponential backoff with full jitter; never longer than `maxDelayMs`.
 */

/** Retry settings of a client. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retrying off). */
  retries?: number
  /** Longest wait before one retry, in ms (default 30,000). A longer `Retry-After` is not waited out: the error is thrown. */
  maxDelayMs?: number
  /** First backoff step when the server sent no `Retry-After`, in ms (default 250). */
  baseDelayMs?: number
}

export const DEFAULT_RETRIES = 2
export const DEFAULT_MAX_DELAY_MS = 30_000
export const DEFAULT_BASE_DELAY_MS = 250

/** Statuses that say "not now": the request was not served and may be sent again. */
const RETRYABLE_STATUSES = new Set([429, 503])

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

/** True when a request with this method may be repeated on its own. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase())
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^\d{1,9}$/.test(text)) return Number(text)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - nowMs) / 1000))
}

/**
 * The wait before retry number `attempt` (1-based), or undefined when the client must give up:
 * not a retryable status, retries used up, or the server asks for longer than `maxDelayMs`.
 * With `Retry-After`, the wait is that plus up to 10% jitter (so many clients do not come back
 * in the same millisecond), capped at `maxDelayMs`; without it, a random wait in
 * `[0, baseDelayMs * 2^(attempt-1)]`, capped the same way.
 */
export function retryDelayMs(
  input: { status: number; attempt: number; retryAfterSeconds: number | undefined; random: () => number },
  options: RetryOptions,
): number | undefined {
  const retries = options.retries ?? DEFAULT_RETRIES
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS
  if (!RETRYABLE_STATUSES.has(input.status) || input.attempt > retries) return undefined
  if (input.retryAfterSeconds !== undefined) {
    const asked = input.retryAfterSeconds * 1000
    if (asked > maxDelayMs) return undefined
    return Math.min(maxDelayMs, Math.round(asked + asked * 0.1 * input.random()))
  }
  const ceiling = (options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS) * 2 ** (input.attempt - 1)
  return Math.min(maxDelayMs, Math.round(ceiling * input.random()))
}
