import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CofferError } from '../errors.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { problemOf, replyWithProblem } from './problem.js'
import { SECURITY_HEADERS } from './security-headers.js'

/**
 * Fastify's `frameworkErrors`: errors it raises before routing (a bad percent-encoding, a path
 * parameter over `maxParamLength`), when no hook has run yet. They answer in the house style:
 * problem+json, the security headers, `x-request-id`, and a detail that never echoes the path.
 */
export function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(SECURITY_HEADERS)
  reply.header('x-request-id', request.id)
  replyWithProblem(error, request, reply)
}

/** Node's socket-level errors that still get an answer, and the code they answer with. */
function clientErrorCode(error: NodeJS.ErrnoException): CofferError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new CofferError('REQUEST_TIMEOUT', 'request did not arrive in time')
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new CofferError('HEADERS_TOO_LARGE', 'request line and headers are too large')
  }
  return new CofferError('VALIDATION_FAILED', 'request is not well-formed HTTP')
}

/**
 * Fastify's `clientErrorHandler`: an error on the socket before (or instead of) a request, such as
 * headers over the limit (431), a request or its headers not arriving in time (408), or bytes that
 * are not HTTP (400). There is no request to hang a reply on, so the problem is written to the
 * socket directly, in the house style, and the socket is closed.
 */
export function onClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset socket is gone already; there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const cofferError = clientErrorCode(error)
  const requestId = uuidV7()
  this.log.debug({ code: cofferError.code, reqId: requestId, cause: error.code }, 'client error')
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify(problemOf(cofferError, requestId))
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-request-id': requestId,
      connection: 'close',
    }
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    const status = cofferError.status
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`, () =>
      socket.destroy(),
    )
    return
  }
  socket.destroy()
}
