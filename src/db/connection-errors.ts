/**
 * Which driver errors mean "the database is unavailable" (down, restarting, refusing connections,
 * or the connection broke off), as opposed to a statement that failed. One place, so a request, a
 * periodic job and `/health/ready` all read an outage the same way.
 */

/** Node socket errors of a connection that cannot be made or broke off. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/**
 * SQLSTATEs of a backend that ends or refuses the session: admin_shutdown (57P01, e.g.
 * `pg_terminate_backend`), crash_shutdown (57P02), cannot_connect_now (57P03, starting up or
 * shutting down), idle_session_timeout (57P05), idle_in_transaction_session_timeout (25P03),
 * too_many_connections (53300). Class 08 (connection exception) is matched as a class.
 */
const SESSION_ENDED_STATES = new Set(['57P01', '57P02', '57P03', '57P05', '25P03', '53300'])

/** node-postgres messages of a client whose connection is gone (they carry no code). */
const GONE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
]

/**
 * A short, secret-free reason when `error` (or an error it aggregates or wraps) is a lost or
 * refused database connection; `undefined` for any other error. The reason is a code
 * (`ECONNREFUSED`, `57P01`) or `connection terminated`, never a host, a URL or a statement.
 */
export function connectionFailureReason(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined
  const { code, message, errors, cause } = error as {
    code?: unknown
    message?: unknown
    errors?: unknown
    cause?: unknown
  }
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SESSION_ENDED_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return code
  }
  if (typeof message === 'string') {
    if (message.startsWith('timeout exceeded when trying to connect')) return 'connect timeout'
    if (GONE_MESSAGES.some((gone) => message.startsWith(gone))) return 'connection terminated'
  }
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const reason = connectionFailureReason(inner, depth + 1)
      if (reason) return reason
    }
  }
  return connectionFailureReason(cause, depth + 1)
}
