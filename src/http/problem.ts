import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { CofferError, ERROR_STATUS, type ErrorCode } from '../errors.js'
import { RateLimitedError, rateLimitHeaders } from './rate-limit/rate-limiter.js'

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

/** Fastify's own errors that are the client's fault, by Fastify code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
}

/** Maps any thrown error to a CofferError; anything unknown becomes INTERNAL with the cause kept for the log. */
export function toCofferError(error: unknown): CofferError {
  if (error instanceof CofferError) return error
  const fastifyError = error as Partial<FastifyError>
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (mapped) return new CofferError(mapped, fastifyError.message ?? mapped)
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new CofferError('MALFORMED_JSON', 'request body is not valid JSON')
  }
  return new CofferError('INTERNAL', 'internal error', { cause: error })
}

/** Sends `error` as application/problem+json. Internal details never reach the client. */
export function sendProblem(reply: FastifyReply, error: CofferError): FastifyReply {
  const status = ERROR_STATUS[error.code]
  const problem: Problem = {
    type: `urn:coffer:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code] ?? error.code.toLowerCase().replaceAll('_', ' '),
    status,
    code: error.code,
    detail: error.code === 'INTERNAL' ? 'internal error' : error.message,
    instance: reply.request.id,
  }
  return reply.code(status).type('application/problem+json').send(problem)
}

/** One error mapper for the whole server, and a problem+json 404 for unknown routes. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const cofferError = toCofferError(error)
    // Every 429 says when to come back, whichever limit (token, login) refused it.
    if (error instanceof RateLimitedError) reply.headers(rateLimitHeaders(error.decision))
    if (cofferError.status >= 500) {
      request.log.error({ err: error, code: cofferError.code }, 'request failed')
    } else {
      request.log.info({ code: cofferError.code }, 'request refused')
    }
    return sendProblem(reply, cofferError)
  })
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, new CofferError('NOT_FOUND', 'no such route')),
  )
}
