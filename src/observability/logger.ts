import type { DestinationStream, LoggerOptions } from 'pino'

/**
 * Paths pino removes from every log line: credentials in headers, and any field that may carry a
 * token, a key or decrypted content. Redaction is a second wall: code also never logs these.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-coffer-token"]',
  'res.headers["set-cookie"]',
  'token',
  '*.token',
  'content',
  '*.content',
  'metadata',
  '*.metadata',
  'masterKey',
  'tokenSecret',
  'pin',
  '*.pin',
  '*.masterKey',
  '*.tokenSecret',
  'body',
  '*.body',
]

/**
 * A request URL as logs show it: the path, and the query's parameter names with their values
 * replaced. Query values can be sensitive (`?entity=Ada Lovelace` on a list or an erase).
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?')
  if (at < 0) return url
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]}=[REDACTED]`)
  return `${url.slice(0, at)}?${names.join('&')}`
}

/** The request fields a log line carries (Fastify's default ones, with the query values replaced). */
function serializeRequest(request: {
  method?: string
  url?: string
  host?: string
  ip?: string
  socket?: { remotePort?: number | undefined }
}) {
  return {
    method: request.method,
    url: loggedUrl(request.url ?? ''),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}

/** Options for Coffer's JSON logger (pino), with redaction. */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: { req: serializeRequest },
    base: { service: 'coffer' },
    ...(stream ? { stream } : {}),
  }
}
