/**
 * Coffer's tracer: OpenTelemetry spans exported over OTLP/HTTP (JSON), with W3C trace context.
 * Nothing here is global: each wired Coffer owns its provider and its context (one
 * AsyncLocalStorage), so two instances in one process (tests) never mix their traces. When off,
 * {@link TRACING_OFF} runs every function as is and the instrumentation is not even installed.
 *
 * What a span may carry: names from code (method + route template, statement keyword + table,
 * provider operation) and attributes from closed sets (status codes, error codes, ids). Never a
 * URL, a query, a parameter, a header, a message or a body.
 */
import {
  type Attributes,
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base'
import { isCofferError } from '../errors.js'
import type { SamplerName, TracingConfig } from './tracing-config.js'

export { type Span, SpanKind }

/** How a span starts. */
export interface SpanStart {
  kind?: SpanKind
  attributes?: Attributes
  /** Only inside a span already (database statements): no root trace per background query. */
  requireParent?: boolean
}

/** The tracing port the rest of Coffer is written against. */
export interface Tracing {
  readonly enabled: boolean
  /**
   * Runs `fn` in a new span, a child of the active one; ends it when `fn` settles. A throw sets
   * the status to error with `error.type` (the Coffer error code or the class name), never the message.
   */
  inSpan<T>(name: string, start: SpanStart, fn: (span: Span) => Promise<T>): Promise<T>
  /** Starts a server span, a child of the caller's `traceparent` when it is valid. */
  startServerSpan(
    name: string,
    headers: Record<string, string | string[] | undefined>,
    attributes: Attributes,
  ): { span: Span; context: Context }
  /** Runs `fn` with `context` active (its async continuations too). */
  runIn<T>(context: Context, fn: () => T): T
  /** `traceparent` (and `tracestate`) of the active span, for an outbound request. */
  outboundHeaders(): Record<string, string>
  /** Sends the spans ended so far. */
  flush(): Promise<void>
  /** Flushes and stops. */
  shutdown(): Promise<void>
}

const NON_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT)

/** Tracing off: every function runs as is, nothing is recorded or sent. */
export const TRACING_OFF: Tracing = {
  enabled: false,
  inSpan: (_name, _start, fn) => fn(NON_RECORDING),
  startServerSpan: () => ({ span: NON_RECORDING, context: ROOT_CONTEXT }),
  runIn: (_context, fn) => fn(),
  outboundHeaders: () => ({}),
  flush: async () => undefined,
  shutdown: async () => undefined,
}

function samplerOf(name: SamplerName, ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler()
    case 'always_off':
      return new AlwaysOffSampler()
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio)
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() })
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() })
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) })
  }
}

/** The error's type as a span may show it: a Coffer code or a class name, never a message. */
export function errorTypeOf(error: unknown): string {
  if (isCofferError(error)) return error.code
  return error instanceof Error ? error.name : 'unknown'
}

/** Marks the span failed with the error's type only. */
export function markFailed(span: Span, error: unknown): void {
  span.setAttribute('error.type', errorTypeOf(error))
  span.setStatus({ code: SpanStatusCode.ERROR })
}

/** Starts tracing with these settings, or returns {@link TRACING_OFF} when there are none. */
export function startTracing(config: TracingConfig | undefined, options: { version: string }): Tracing {
  if (!config) return TRACING_OFF
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': config.serviceName,
      'service.version': options.version,
    }),
    sampler: samplerOf(config.sampler, config.samplerRatio),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  })
  const tracer: Tracer = provider.getTracer('coffer', options.version)
  const contexts = new AsyncLocalStorageContextManager().enable()
  const propagator = new W3CTraceContextPropagator()
  return {
    enabled: true,
    async inSpan(name, start, fn) {
      const parent = contexts.active()
      if (start.requireParent && !trace.getSpan(parent)) return fn(NON_RECORDING)
      const span = tracer.startSpan(
        name,
        {
          kind: start.kind ?? SpanKind.INTERNAL,
          ...(start.attributes ? { attributes: start.attributes } : {}),
        },
        parent,
      )
      try {
        return await contexts.with(trace.setSpan(parent, span), () => fn(span))
      } catch (error) {
        markFailed(span, error)
        throw error
      } finally {
        span.end()
      }
    },
    startServerSpan(name, headers, attributes) {
      const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)
      const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent)
      return { span, context: trace.setSpan(parent, span) }
    },
    runIn: (context, fn) => contexts.with(context, fn),
    outboundHeaders() {
      const carrier: Record<string, string> = {}
      propagator.inject(contexts.active(), carrier, defaultTextMapSetter)
      return carrier
    },
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown()
      contexts.disable()
    },
  }
}
