import type { FastifyInstance } from 'fastify'

/** Headers on every response. The API serves JSON only, so its CSP allows nothing. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
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
 * Adds the security headers and `x-request-id` to every response, errors and 404s included. A
 * callback hook, not an async one: no promise per request on the path every route shares.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of HEADER_ENTRIES) reply.header(name, value)
    reply.header('x-request-id', request.id)
    done()
  })
}
