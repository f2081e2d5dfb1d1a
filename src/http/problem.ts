import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { connectionFailureReason } from '../db/connection-errors.js'
import { CofferError, ERROR_STATUS, type ErrorCode, isCofferError } from '../errors.js'
import { RateLimitedError, RateLimiterUnavailableError, rateLimitHeaders } from './rate-limit/rate-limiter.js'

/** An RFC 9457 problem document with Coffer's stable `code`. */
export interface Problem {
  type: string
  title: string
  status: number
  code: ErrorCode
  detail: string
  instance?: string
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  TOKEN_INVALID: 'Invalid token',
  UNAUTHENTICATED: 'Authentication required',
  NOT_FOUND: 'Not found',
  INTERNAL: 'Internal error',
}

/**
 * Fastify's own errors that are the client's fault, by Fastify code, with a fixed detail: their
 * own messages echo the path or a header.
 */
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'send content-type: application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['VALIDATION_FAILED', 'content-length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['MALFORMED_JSON', 'request body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_JSON', 'request body is not valid JSON'],
  FST_ERR_BAD_URL: ['VALIDATION_FAILED', 'path: is not a valid URL (bad percent-encoding)'],
  FST_ERR_MAX_PARAM_LENGTH: ['VALIDATION_FAILED', 'path: a parameter is too long'],
}

/**
 * SQLSTATEs of text the database cannot store (a NUL in a text column): the input guards refuse
 * these first, naming the field; this is the second wall, so one that slips past is a 400, not a 500.
 */
const UNSTORABLE_TEXT_STATES = new Set(['22021', '22P05'])

/** Seconds `Retry-After` says on a 503: long enough for a restart or failover to finish. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5

/** Maps any thrown error to a CofferError; anything unknown becomes INTERNAL with the cause kept for the log. */
export function toCofferError(error: unknown): CofferError {
  if (error instanceof CofferError) return error
  const fastifyError = error as Partial<FastifyError>
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (mapped) return new CofferError(mapped[0], mapped[1], { cause: error })
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new CofferError('MALFORMED_JSON', 'request body is not valid JSON')
  }
  if (typeof fastifyError.code === 'string' && UNSTORABLE_TEXT_STATES.has(fastifyError.code)) {
    return new CofferError('VALIDATION_FAILED', 'a text field holds a character the database cannot store', {
      cause: error,
    })
  }
  const reason = connectionFailureReason(error)
  if (reason)
    return new CofferError('DATABASE_UNAVAILABLE', `database unavailable: ${reason}`, { cause: error })
  return new CofferError('INTERNAL', 'internal error', { cause: error })
}

/** The problem document for `error`; internal details never reach the client. */
export function problemOf(error: CofferError, instance: string): Problem {
  return {
    type: `urn:coffer:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code] ?? error.code.toLowerCase().replaceAll('_', ' '),
    status: ERROR_STATUS[error.code],
    code: error.code,
    detail: error.code === 'INTERNAL' ? 'internal error' : error.message,
    instance,
  }
}

/** Sends `error` as application/problem+json. Internal details never reach the client. */
export function sendProblem(reply: FastifyReply, error: CofferError): FastifyReply {
  const problem = problemOf(error, reply.request.id)
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

/** `Retry-After` (and the RateLimit fields) for the errors that say when to come back. */
function retryHeaders(error: unknown, cofferError: CofferError): Record<string, string> {
  // Every 429 says when to come back, whichever limit (token, login) refused it.
  if (error instanceof RateLimitedError) return rateLimitHeaders(error.decision)
  if (error instanceof RateLimiterUnavailableError) return { 'Retry-After': String(error.retryAfterSeconds) }
  if (cofferError.code === 'DATABASE_UNAVAILABLE' || cofferError.code === 'NOT_READY') {
    return { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) }
  }
  return {}
}

/**
 * Logs, sets the retry headers and sends the problem for `error`: the one path every error of a
 * request takes, the route's and Fastify's own.
 */
export function replyWithProblem(
  error: unknown,
  request: { log: FastifyInstance['log'] },
  reply: FastifyReply,
): FastifyReply {
  const cofferError = toCofferError(error)
  reply.headers(retryHeaders(error, cofferError))
  if (
    cofferError.code === 'DATABASE_UNAVAILABLE' ||
    isCofferError(cofferError.cause, 'DATABASE_UNAVAILABLE')
  ) {
    // The outage itself is logged once, when it starts and ends (see buildHttpServer).
    request.log.debug({ code: cofferError.code }, 'request refused: database unavailable')
  } else if (cofferError.status >= 500) {
    request.log.error({ err: error, code: cofferError.code }, 'request failed')
  } else {
    request.log.info({ code: cofferError.code }, 'request refused')
  }
  return sendProblem(reply, cofferError)
}

/** One error mapper for the whole server, and a problem+json 404 for unknown routes. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => replyWithProblem(error, request, reply))
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, new CofferError('NOT_FOUND', 'no such route')),
  )
}
