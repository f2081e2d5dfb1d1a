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

/** Options for Coffer's JSON logger (pino), with redaction. */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { service: 'coffer' },
    ...(stream ? { stream } : {}),
  }
}
