// Stops: a route that exists without a schema, or a documented operation that no route serves.
// Both directions are compared from what the server registered (`routeDocs`, the same list
// `routeScopes` comes from) and what it serves at GET /openapi.json; shown to fail on purpose.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildHttpServer } from '../../src/http/http-server.js'
import { openApiPath } from '../../src/http/openapi/openapi-document.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

type Document = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'])

/** Every mismatch between the registered routes and `document`, in both directions. */
function mismatches(http: FastifyInstance, document: Document): string[] {
  const found: string[] = []
  const registered = new Set<string>()
  for (const route of http.routeDocs) {
    const name = `${route.method} ${openApiPath(route.url)}`
    registered.add(name)
    if (!route.doc) found.push(`${name}: a route without a doc (config.doc)`)
    const operation = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]
    if (!operation) {
      found.push(`${name}: a route that is not in the document`)
      continue
    }
    // Every path parameter of the route is a documented path parameter.
    for (const param of route.url.match(/:[A-Za-z0-9_]+/g) ?? []) {
      const named = operation.parameters?.some((p) => p.in === 'path' && p.name === param.slice(1))
      if (!named) found.push(`${name}: path parameter ${param.slice(1)} not documented`)
    }
  }
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of Object.keys(operations).filter((key) => METHODS.has(key))) {
      const name = `${method.toUpperCase()} ${path}`
      if (!registered.has(name)) found.push(`${name}: in the document, but no route serves it`)
    }
  }
  return found
}

for (const target of DATABASE_TARGETS) {
  describe(`every route has a schema on ${target.name}`, () => {
    let testDb: TestDatabase
    let http: FastifyInstance
    let broken: FastifyInstance

    before(async () => {
      testDb = await target.create()
      const coffer = await wireTestCoffer(testDb.db)
      http = await buildHttpServer(coffer)
      broken = await buildHttpServer(coffer)
      // Broken on purpose: a route added without a doc, as a hurried change would.
      broken.get('/v1/undocumented', { config: { scope: 'records:read' } }, async () => ({ ok: true }))
      await Promise.all([http.ready(), broken.ready()])
    })
    after(async () => {
      await http.close()
      await broken.close()
      await testDb.drop()
    })

    it('the routes and the served document name the same operations, each with a doc', async () => {
      const response = await http.inject({ method: 'GET', url: '/openapi.json' })
      const document = response.json() as Document
      assert.deepEqual(mismatches(http, document), [])
      assert.ok(http.routeDocs.length >= 50, `${http.routeDocs.length} routes`)
      assert.equal(
        Object.values(document.paths).flatMap((operations) => Object.keys(operations)).length,
        http.routeDocs.length,
      )
    })

    it('fails for a route without a doc, and for a documented operation without a route', async () => {
      const document = (await broken.inject({ method: 'GET', url: '/openapi.json' })).json() as Document
      assert.deepEqual(mismatches(broken, document), [
        'GET /v1/undocumented: a route without a doc (config.doc)',
        'GET /v1/undocumented: a route that is not in the document',
      ])
      const extra = structuredClone(http.openApiDocument()) as Document
      extra.paths['/v1/ghost'] = { get: {} }
      assert.deepEqual(mismatches(http, extra), ['GET /v1/ghost: in the document, but no route serves it'])
    })
  })
}
