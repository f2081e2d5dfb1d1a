import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { CofferError } from '../../errors.js'
import { OPENAPI_DOCUMENT } from './response-schemas.js'

/**
 * The reference page's own policy, on `/docs` and its assets only (the API keeps
 * `default-src 'none'`). Swagger UI runs from bundled files: no inline script, no eval, no inline
 * `<style>` (its style changes go through the DOM, which CSP allows). It shows SVG icons as `data:`
 * images and fetches `/openapi.json` (and "Try it out" requests) from this origin only.
 * test/http/openapi-docs-page.test.ts loads the page in Chromium and fails on any CSP violation.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Coffer API reference</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/docs-init.js"></script>
  </body>
</html>
`

/** Starts Swagger UI on this server's document: a file, because the page allows no inline script. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    validatorUrl: null,
  })
})
`

/** The assets `/docs` serves, from the `swagger-ui-dist` package (nothing from a CDN). */
const BUNDLED_ASSETS = {
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const

const ASSET_PARAMS = z.strictObject({
  asset: z.enum(['docs-init.js', ...Object.keys(BUNDLED_ASSETS)], 'no such asset'),
})

/** Reads a bundled asset once, on first use. */
function assetReader(): (name: keyof typeof BUNDLED_ASSETS) => Buffer {
  const cache = new Map<string, Buffer>()
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  return (name) => {
    let bytes = cache.get(name)
    if (!bytes) {
      bytes = readFileSync(join(dir, name))
      cache.set(name, bytes)
    }
    return bytes
  }
}

/**
 * `GET /openapi.json` (the document, built once from the registered routes' declarations) and
 * the reference page `GET /docs` with its assets. Public: the document names routes and
 * schemas, never data.
 */
export function registerDocsRoutes(app: FastifyInstance, deps: { document: () => unknown }): void {
  const readAsset = assetReader()
  const publicRoute = { security: 'none' as const }

  app.get(
    '/openapi.json',
    {
      config: {
        doc: { ...publicRoute, summary: 'This OpenAPI 3.1 document', responses: { 200: OPENAPI_DOCUMENT } },
      },
    },
    async (_request, reply) => reply.type('application/json; charset=utf-8').send(deps.document()),
  )

  app.get(
    '/docs',
    {
      config: {
        doc: {
          ...publicRoute,
          summary: 'The API reference page (Swagger UI over /openapi.json)',
          responses: { 200: { contentType: 'text/html', description: 'The page' } },
        },
      },
    },
    async (_request, reply) =>
      reply.header('content-security-policy', DOCS_CSP).type('text/html; charset=utf-8').send(PAGE),
  )

  app.get(
    '/docs/:asset',
    {
      config: {
        doc: {
          ...publicRoute,
          summary: "The reference page's scripts and styles",
          params: ASSET_PARAMS,
          responses: {
            200: {
              contentType: ['application/javascript', 'text/css'],
              description: 'A script or a style sheet',
            },
          },
          errors: ['NOT_FOUND'],
        },
      },
    },
    async (request, reply) => {
      const parsed = ASSET_PARAMS.safeParse(request.params)
      if (!parsed.success) throw new CofferError('NOT_FOUND', 'no such asset')
      const { asset } = parsed.data
      reply.header('content-security-policy', DOCS_CSP)
      if (asset === 'docs-init.js')
        return reply.type('application/javascript; charset=utf-8').send(INIT_SCRIPT)
      const name = asset as keyof typeof BUNDLED_ASSETS
      return reply.type(BUNDLED_ASSETS[name]).send(readAsset(name))
    },
  )
}
