import type { FastifyInstance } from 'fastify'
import type { CofferMetrics } from '../observability/metrics.js'

/**
 * Counts every request: in flight now, duration by route template (never the raw URL: ids and
 * query values stay out of labels) and status class, problems by code, 429s by route.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: CofferMetrics): void {
  app.addHook('onRequest', async () => {
    metrics.requestsInFlight.inc()
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    // Problem documents are small and only on errors: read their code for the per-code counter.
    const type = reply.getHeader('content-type')
    if (
      typeof type === 'string' &&
      type.startsWith('application/problem+json') &&
      typeof payload === 'string'
    ) {
      const code = problemCode(payload)
      if (code) metrics.problems.inc({ code })
    }
    return payload
  })
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestsInFlight.dec()
    const route = request.routeOptions.url ?? 'unmatched'
    const labels = { method: request.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` }
    metrics.requestDuration.observe(labels, reply.elapsedTime / 1000)
    if (reply.statusCode === 429) metrics.rateLimited.inc({ route })
    // Tenant requests only: the principal is set once authentication passed.
    if (request.principal) metrics.orgRequests.add(request.principal.orgId, reply.statusCode)
  })
}

/** The `code` of a problem document, when it is one of ours (upper-case letters and underscores). */
function problemCode(payload: string): string | undefined {
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code
    return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : undefined
  } catch {
    return undefined
  }
}
