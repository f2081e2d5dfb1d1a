import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CofferError } from '../errors.js'
import type { CofferMetrics } from './metrics.js'

/** A listening metrics endpoint. */
export interface MetricsListener {
  /** `http://host:port/metrics` */
  url: string
  close(): Promise<void>
}

/**
 * Serves `GET /metrics` (Prometheus text format) on its own address, apart from the API: no
 * credential, so it belongs on loopback or a private scrape network (COFFER_METRICS_LISTEN).
 * Anything else answers 404.
 * @throws CONFIG_INVALID when the address cannot be bound (in use, not local)
 */
export async function listenForMetrics(
  metrics: CofferMetrics,
  listen: { host: string; port: number },
): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      return
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CofferError(
          'CONFIG_INVALID',
          `COFFER_METRICS_LISTEN cannot be bound (${error.code ?? 'error'})`,
          {
            cause: error,
          },
        ),
      ),
    )
    server.listen(listen.port, listen.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
