// Request throughput with tracing on vs off, same run: GET /health/ready (a database round trip, no credential
// so no rate limit) on an in-process server
// (embedded database), autocannon on 127.0.0.1, spans exported to a local OTLP/HTTP receiver.
// Usage: npx tsx bench/tracing-overhead.ts [seconds per side, default 5]
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import { buildHttpServer } from '../src/http/http-server.js'
import { COFFER_VERSION } from '../src/internal/version.js'
import { startTracing, TRACING_OFF, type Tracing } from '../src/observability/tracing.js'
import { wireTestCoffer } from '../test/support/coffer.js'
import { DATABASE_TARGETS } from '../test/support/databases.js'

const seconds = Number(process.argv[2] ?? 5)
const collector = createServer((request, response) => {
  request.resume()
  request.on('end', () => response.writeHead(200).end('{}'))
})
await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve))
const tracesUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`

async function measure(label: string, tracing: Tracing): Promise<number> {
  const testDb = await DATABASE_TARGETS[0]!.create()
  const coffer = await wireTestCoffer(testDb.db, { tracing })
  const http = await buildHttpServer(coffer)
  await http.listen({ host: '127.0.0.1', port: 0 })
  const { port } = http.server.address() as AddressInfo
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/health/ready`,
    connections: 10,
    duration: seconds,
  })
  await http.close()
  await coffer.tracing.shutdown()
  await testDb.drop()
  console.log(
    `${label}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
  )
  return result.requests.average
}

const off = await measure('tracing off', TRACING_OFF)
const on = await measure(
  'tracing on ',
  startTracing(
    { tracesUrl, serviceName: 'bench', sampler: 'always_on', samplerRatio: 1 },
    { version: COFFER_VERSION },
  ),
)
console.log(
  `overhead: ${Math.round((1 - on / off) * 100)}% fewer requests per second with every request traced`,
)
collector.close()
