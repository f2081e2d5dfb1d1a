import type { FastifyInstance, FastifyRequest } from 'fastify'

/** Headers on every response. The API serves JSON only, so its CSP allows nothing. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
}

const HEADER_ENTRIES = Object.entries(SECURITY_HEADERS)

/**
 * HSTS, sent only on responses to requests that arrived over TLS (RFC 6797 §7.2: a browser ignores
 * it over plain HTTP, and sending it there would claim a protection the connection lacks).
 */
export const HSTS_HEADER = { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } as const

/**
 * Adds the security headers and `x-request-id` to every response, errors and 404s included, and
 * HSTS when `overTls` says the request came over TLS (directly, or through a trusted proxy). A
 * callback hook, not an async one: no promise per request on the path every route shares.
 */
export function registerSecurityHeaders(
  app: FastifyInstance,
  options: { overTls: (request: FastifyRequest) => boolean },
): void {
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of HEADER_ENTRIES) reply.header(name, value)
    if (options.overTls(request))
      reply.header('strict-transport-security', HSTS_HEADER['strict-transport-security'])
    reply.header('x-request-id', request.id)
    done()
  })
}
