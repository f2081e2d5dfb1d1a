import type { IncomingMessage } from 'node:http'
import { type Context, SpanStatusCode } from '@opentelemetry/api'
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'pino'
import type { Span, Tracing } from './tracing.js'

interface RequestSpan {
  span: Span
  context: Context
}

/**
 * A server span per HTTP request, named by method and route template (`GET /v1/records/:id`),
 * never the URL or its query. The caller's W3C `traceparent` is honoured: the span joins that
 * trace. The span starts where Fastify makes the request's logger, so every line of that request
 * (from "incoming request" to "request completed") carries `trace_id` and `span_id`.
 */
export function requestTracing(tracing: Tracing): {
  /** Fastify's `childLoggerFactory`: starts the span and binds its ids to the request's logger. */
  childLoggerFactory: (
    logger: FastifyBaseLogger,
    bindings: Bindings,
    options: ChildLoggerOptions,
    raw: IncomingMessage,
  ) => FastifyBaseLogger
  /** The hooks that make the span active for the request's work and end it with the status. */
  register: (app: FastifyInstance) => void
} {
  const spans = new WeakMap<IncomingMessage, RequestSpan>()
  const enter = (request: FastifyRequest, _reply: unknown, done: () => void) => {
    const started = spans.get(request.raw)
    if (started) tracing.runIn(started.context, done)
    else done()
  }
  const end = (request: FastifyRequest, statusCode: number | undefined) => {
    const started = spans.get(request.raw)
    if (!started) return
    spans.delete(request.raw)
    if (statusCode !== undefined) {
      started.span.setAttribute('http.response.status_code', statusCode)
      if (statusCode >= 500) started.span.setStatus({ code: SpanStatusCode.ERROR })
    }
    started.span.end()
  }
  return {
    childLoggerFactory(logger, bindings, options, raw) {
      const method = raw.method ?? 'HTTP'
      const started = tracing.startServerSpan(method, raw.headers, { 'http.request.method': method })
      spans.set(raw, started)
      const { traceId, spanId } = started.span.spanContext()
      return logger.child({ ...bindings, trace_id: traceId, span_id: spanId }, options)
    },
    register(app) {
      app.addHook('onRequest', (request, reply, done) => {
        const started = spans.get(request.raw)
        const route = request.routeOptions.url
        if (started && route) {
          started.span.updateName(`${request.method} ${route}`)
          started.span.setAttribute('http.route', route)
        }
        enter(request, reply, done)
      })
      // The body arrives on the socket's events, outside the context: enter it again for the handler.
      app.addHook('preHandler', enter)
      app.addHook('onResponse', (request, reply, done) => {
        end(request, reply.statusCode)
        done()
      })
      app.addHook('onRequestAbort', (request, done) => {
        end(request, undefined)
        done()
      })
    },
  }
}
