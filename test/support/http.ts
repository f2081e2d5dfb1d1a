import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { buildHttpServer } from '../../src/http/http-server.js'
import { contractObserver } from './contract-check.js'
import { recordLogLine } from './leak-canary.js'

/** Every log line the server writes, kept for canary searches. */
export class LogCapture {
  readonly lines: string[] = []
  write(line: string): void {
    this.lines.push(line)
    recordLogLine(line)
  }
  text(): string {
    return this.lines.join('')
  }
}

/** An in-process HTTP API with its logs captured at debug level, every response checked against its OpenAPI document. */
export async function buildTestServer(coffer: Coffer): Promise<{ http: FastifyInstance; logs: LogCapture }> {
  const logs = new LogCapture()
  const http = await buildHttpServer(
    { ...coffer, config: { ...coffer.config, logLevel: 'debug' } },
    { logStream: logs, observeResponse: contractObserver() },
  )
  return { http, logs }
}

/** A JSON request with a bearer token. */
export function call(
  http: FastifyInstance,
  token: string | undefined,
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return http.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  })
}

/** A problem document without its per-request `instance`, to compare two answers. */
export function problemShape(response: LightMyRequestResponse): unknown {
  const { instance: _instance, ...rest } = response.json() as Record<string, unknown>
  return { status: response.statusCode, contentType: response.headers['content-type'], ...rest }
}
