import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { recordSpanPayload } from '../support/leak-canary.js'

/** One span as OTLP/JSON carries it, with its attributes flattened. */
export interface ReceivedSpan {
  traceId: string
  spanId: string
  parentSpanId: string | undefined
  name: string
  kind: number
  attributes: Record<string, unknown>
  status: { code?: number }
}

interface OtlpValue {
  stringValue?: string
  intValue?: string | number
  boolValue?: boolean
  doubleValue?: number
}

/**
 * A local OTLP/HTTP collector on 127.0.0.1: accepts `POST /v1/traces` with JSON bodies, keeps
 * every span, and records every payload for the suite's leak check.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = []
  readonly payloads: string[] = []
  #server: Server | undefined
  url = ''

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end()
          return
        }
        const text = Buffer.concat(chunks).toString('utf8')
        this.payloads.push(text)
        recordSpanPayload(text)
        this.#collect(JSON.parse(text))
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1/traces`
  }

  #collect(body: {
    resourceSpans?: Array<{
      scopeSpans?: Array<{
        spans?: Array<
          Omit<ReceivedSpan, 'attributes'> & { attributes?: Array<{ key: string; value: OtlpValue }> }
        >
      }>
    }>
  }): void {
    for (const resource of body.resourceSpans ?? []) {
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const attributes = Object.fromEntries(
            (span.attributes ?? []).map(({ key, value }) => [
              key,
              value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue,
            ]),
          )
          this.spans.push({
            ...span,
            parentSpanId: span.parentSpanId || undefined,
            attributes,
          })
        }
      }
    }
  }

  /** Every payload as one text, to search for what must not be there. */
  text(): string {
    return this.payloads.join('\n')
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }
}
