// Stops: the OpenAPI document drifting from the server. The suite-wide contract check
// (test/support/contract-check.ts) validates every response of every in-process test server; this
// file shows that it catches a wrong response on purpose (an extra field, a missing field, an
// undocumented error code, a wrong media type), and that the document and the reference page are
// what they claim to be.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { CofferError } from '../../src/errors.js'
import { buildHttpServer } from '../../src/http/http-server.js'
import { DOCS_CSP } from '../../src/http/openapi/docs-routes.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { contractObserver, contractViolation } from '../support/contract-check.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { call } from '../support/http.js'

for (const target of DATABASE_TARGETS) {
  describe(`OpenAPI contract on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let recordId: string
    /** What this file's own checker saw: kept here, not in the suite's violations file. */
    const violations: string[] = []

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = await buildHttpServer(coffer, {
        observeResponse: contractObserver((violation) => violations.push(violation)),
      })
      org = await createOrg(coffer, { slug: 'contract', actor: 'test' })
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'hello contract' })
      assert.equal(stored.statusCode, 201)
      recordId = stored.json().id
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    /** Runs `request` and answers the violations it caused. */
    async function violationsOf(request: () => Promise<unknown>): Promise<string[]> {
      violations.length = 0
      await request()
      return [...violations]
    }

    it('answers that match the document cause no violation', async () => {
      const found = await violationsOf(async () => {
        assert.equal((await call(http, org.ownerToken, 'GET', `/v1/records/${recordId}`)).statusCode, 200)
        assert.equal((await call(http, org.ownerToken, 'GET', '/v1/records')).statusCode, 200)
        assert.equal((await call(http, undefined, 'GET', '/v1/records')).statusCode, 401)
        assert.equal((await call(http, org.ownerToken, 'GET', '/v1/nowhere')).statusCode, 404)
        assert.equal((await call(http, undefined, 'GET', '/openapi.json')).statusCode, 200)
      })
      assert.deepEqual(found, [])
    })

    it('an undocumented field in a response is a violation', async () => {
      const get = coffer.records.get.bind(coffer.records)
      coffer.records.get = async (...args) => ({ ...(await get(...args)), debug_key_version: 3 }) as never
      try {
        const found = await violationsOf(() => call(http, org.ownerToken, 'GET', `/v1/records/${recordId}`))
        assert.equal(found.length, 1)
        assert.match(found[0]!, /^GET \/v1\/records\/:id 200: body does not match the schema/)
        assert.match(found[0]!, /debug_key_version/)
      } finally {
        coffer.records.get = get
      }
    })

    it('a missing or mistyped field is a violation', async () => {
      const get = coffer.records.get.bind(coffer.records)
      coffer.records.get = async (...args) => {
        const { content: _content, ...rest } = await get(...args)
        return rest as never
      }
      try {
        const missing = await violationsOf(() => call(http, org.ownerToken, 'GET', `/v1/records/${recordId}`))
        assert.equal(missing.length, 1)
        assert.match(missing[0]!, /content/)
        coffer.records.get = async (...args) => ({ ...(await get(...args)), entities: 'alice' }) as never
        const mistyped = await violationsOf(() =>
          call(http, org.ownerToken, 'GET', `/v1/records/${recordId}`),
        )
        assert.equal(mistyped.length, 1)
        assert.match(mistyped[0]!, /\/entities must be array/)
      } finally {
        coffer.records.get = get
      }
    })

    it('an error code the operation does not declare is a violation', async () => {
      const get = coffer.records.get.bind(coffer.records)
      coffer.records.get = async () => {
        throw new CofferError('LIMIT_REACHED', 'no')
      }
      try {
        const found = await violationsOf(() => call(http, org.ownerToken, 'GET', `/v1/records/${recordId}`))
        assert.deepEqual(found, [
          'GET /v1/records/:id 409: status not documented for this operation (code LIMIT_REACHED)',
        ])
      } finally {
        coffer.records.get = get
      }
    })

    it('a body of an undocumented media type is a violation', () => {
      const document = http.openApiDocument()
      const exchange = { method: 'GET', route: '/v1/records/:id', status: 200, body: '{}' }
      assert.match(
        contractViolation(document, { ...exchange, contentType: 'text/plain' }) ?? '',
        /media type text\/plain not documented/,
      )
      assert.match(
        contractViolation(document, { ...exchange, route: '/v1/made-up', contentType: 'application/json' }) ??
          '',
        /the route is not in the document/,
      )
    })

    it('GET /openapi.json is an OpenAPI 3.1 document with scopes, security schemes and error codes', async () => {
      const response = await call(http, undefined, 'GET', '/openapi.json')
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^application\/json/)
      const document = response.json()
      assert.match(document.openapi, /^3\.1\.\d+$/)
      assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), [
        'csrfToken',
        'operatorToken',
        'sessionCookie',
        'tenantToken',
      ])
      const store = document.paths['/v1/records'].post
      assert.equal(store['x-coffer-scope'], 'records:write')
      assert.deepEqual(store.security[0], { tenantToken: ['records:write'] })
      assert.equal(store.requestBody.content['application/json'].schema.additionalProperties, false)
      assert.deepEqual(store.responses['201'].content['application/json'].schema, {
        $ref: '#/components/schemas/RecordSummary',
      })
      const unauthorized = store.responses['401'].content['application/problem+json'].schema.allOf[1]
      assert.deepEqual(unauthorized.properties.code.enum, [
        'SESSION_INVALID',
        'TOKEN_EXPIRED',
        'TOKEN_INVALID',
        'TOKEN_REVOKED',
        'UNAUTHENTICATED',
      ])
      assert.deepEqual(document.paths['/v1/orgs'].post.security, [{ operatorToken: [] }])
      assert.deepEqual(document.paths['/health/live'].get.security, [])
      // The README disagreements of issue 14, as the server answers them.
      assert.equal(document.components.schemas.GrantList.properties.next_cursor.type, 'null')
      assert.ok(document.components.schemas.TokenIssued.required.includes('token'))
      assert.equal(document.components.schemas.WebhookEndpoint.properties.description.type, 'string')
    })

    it('/docs is served with its own CSP (no inline or eval script) and its assets from the package', async () => {
      const page = await call(http, undefined, 'GET', '/docs')
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['content-security-policy'], DOCS_CSP)
      assert.match(DOCS_CSP, /script-src 'self';/)
      assert.doesNotMatch(DOCS_CSP, /unsafe-eval/)
      assert.doesNotMatch(DOCS_CSP.split(';').find((d) => d.includes('script-src')) ?? '', /unsafe-inline/)
      assert.doesNotMatch(page.body, /<script>|https?:\/\//, 'no inline script, nothing from elsewhere')
      const bundle = await call(http, undefined, 'GET', '/docs/swagger-ui-bundle.js')
      assert.equal(bundle.statusCode, 200)
      assert.match(String(bundle.headers['content-type']), /^application\/javascript/)
      assert.ok(bundle.body.length > 100_000)
      const css = await call(http, undefined, 'GET', '/docs/swagger-ui.css')
      assert.match(String(css.headers['content-type']), /^text\/css/)
      const init = await call(http, undefined, 'GET', '/docs/docs-init.js')
      assert.match(init.body, /url: '\/openapi.json'/)
      const unknown = await call(http, undefined, 'GET', '/docs/..%2Fpackage.json')
      assert.equal(unknown.statusCode, 404)
      assert.equal(unknown.json().code, 'NOT_FOUND')
      // The API itself keeps its policy that allows nothing.
      const api = await call(http, undefined, 'GET', '/health/live')
      assert.equal(api.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'")
    })
  })
}
