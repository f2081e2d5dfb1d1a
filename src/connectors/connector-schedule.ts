/**
 * When a connector credential is refreshed: jittered, before its access token expires, so that
 * credentials issued together (and instances started together) do not refresh in one burst.
 */

/** A refresh is due this far into the token's life, at the least; the jitter adds up to 10 % more. */
const REFRESH_AT_LIFETIME_RATIO = 0.75
const REFRESH_JITTER_RATIO = 0.1
/** A refresh is due at least this long before expiry (when the lifetime allows). */
export const REFRESH_MARGIN_MS = 30_000
/** After a failed refresh (provider unreachable): 30 s doubling per failure, at most 15 min, ± 20 %. */
const RETRY_BASE_MS = 30_000
const RETRY_MAX_MS = 15 * 60_000

/**
 * When to refresh a token that lives `expiresInSeconds` from `nowMs`; null when the provider named
 * no lifetime (nothing to refresh before). `random` is a number in [0, 1).
 */
export function refreshDueAt(
  nowMs: number,
  expiresInSeconds: number | null,
  random: () => number,
): Date | null {
  if (expiresInSeconds === null) return null
  const lifetimeMs = expiresInSeconds * 1000
  const jittered = lifetimeMs * (REFRESH_AT_LIFETIME_RATIO + REFRESH_JITTER_RATIO * random())
  const latest = lifetimeMs > 2 * REFRESH_MARGIN_MS ? lifetimeMs - REFRESH_MARGIN_MS : lifetimeMs / 2
  return new Date(nowMs + Math.min(jittered, latest))
}

/** When to try again after `failures` failed refreshes in a row (1 for the first). */
export function retryDueAt(nowMs: number, failures: number, random: () => number): Date {
  const base = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS)
  return new Date(nowMs + base * (0.8 + 0.4 * random()))
}
