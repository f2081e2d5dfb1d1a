// Request throughput with metrics and tracing on and off, same run: an authenticated
// `GET /v1/records/:id` (token check, rate limiter, one tenant transaction, a decryption) on an
// in-process server, autocannon on 127.0.0.1, spans exported to a local OTLP/HTTP receiver that
// answers at once. Four variants, interleaved over rounds; the best round of each is printed.
// `npm run bench -- observability`; COFFER_BENCH_OBS_SECONDS (default 5) per variant and round,
// COFFER_BENCH_OBS_ROUNDS (default 2); COFFER_BENCH_DATABASE_URL for PostgreSQL instead of PGlite.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import { buildHttpServer } from '../src/http/http-server.js'
import { COFFER_VERSION } from '../src/internal/version.js'
import { startTracing, TRACING_OFF } from '../src/observability/tracing.js'
import { createOrg, setOrgRateLimit } from '../src/tenancy/orgs.js'
import { testConfig, wireTestCoffer } from '../test/support/coffer.js'
import { formatCount, openBenchDatabase, printTable, progressOf } from './bench-support.js'

const SECONDS = Number(process.env.COFFER_BENCH_OBS_SECONDS ?? 5)
const ROUNDS = Number(process.env.COFFER_BENCH_OBS_ROUNDS ?? 2)
const VARIANTS = [
  { name: 'metrics off, tracing off', metrics: false, tracing: false },
  { name: 'metrics on,  tracing off', metrics: true, tracing: false },
  { name: 'metrics off, tracing on ', metrics: false, tracing: true },
  { name: 'metrics on,  tracing on ', metrics: true, tracing: true },
] as const

export async function benchObservability(): Promise<void> {
  const progress = progressOf('observability')
  const collector = createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(200).end('{}'))
  })
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve))
  const tracesUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`
  const best = new Map<string, { rps: number; p99: number }>()
  let label = ''
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of VARIANTS) {
        const database = await openBenchDatabase()
        label = database.label
        const tracing = variant.tracing
          ? startTracing(
              { tracesUrl, serviceName: 'bench', sampler: 'always_on', samplerRatio: 1 },
              { version: COFFER_VERSION },
            )
          : TRACING_OFF
        // COFFER_METRICS_LISTEN=off is `metricsListen: undefined`: no counting at all.
        const config = testConfig(variant.metrics ? {} : { metricsListen: undefined })
        const coffer = await wireTestCoffer(database.db, { config, tracing })
        const http = await buildHttpServer(coffer)
        try {
          const org = await createOrg(coffer, { slug: 'bench', actor: 'bench' })
          await setOrgRateLimit(coffer.db, 'bench', 1_000_000_000)
          await http.listen({ host: '127.0.0.1', port: 0 })
          const { port } = http.server.address() as AddressInfo
          const headers = { authorization: `Bearer ${org.ownerToken}`, 'content-type': 'application/json' }
          const stored = await fetch(`http://127.0.0.1:${port}/v1/records`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ content: 'x'.repeat(1024) }),
          })
          const { id } = (await stored.json()) as { id: string }
          const result = await autocannon({
            url: `http://127.0.0.1:${port}/v1/records/${id}`,
            headers,
            connections: 10,
            duration: SECONDS,
          })
          if (result.non2xx > 0) throw new Error(`${variant.name}: ${result.non2xx} answers were not 2xx`)
          progress(`round ${round}, ${variant.name}: ${Math.round(result.requests.average)} req/s`)
          const previous = best.get(variant.name)
          if (!previous || result.requests.average > previous.rps) {
            best.set(variant.name, { rps: result.requests.average, p99: result.latency.p99 })
          }
        } finally {
          await http.close()
          await coffer.close() // closes the database too; drop removes a PostgreSQL one
          await database.drop().catch(() => undefined)
        }
      }
    }
  } finally {
    collector.close()
  }
  const baseline = best.get(VARIANTS[0].name)!.rps
  console.log(`GET /v1/records/:id, 10 connections, ${SECONDS} s x ${ROUNDS} rounds, ${label}`)
  printTable(
    ['variant', 'requests/s', 'p99, cost vs both off'],
    VARIANTS.map((variant) => {
      const { rps, p99 } = best.get(variant.name)!
      const cost =
        variant === VARIANTS[0] ? '' : `, ${((1 - rps / baseline) * 100).toFixed(1)}% fewer requests/s`
      return [variant.name, formatCount(rps), `p99 ${p99} ms${cost}`]
    }),
  )
}
