// Stops: hostile input answering 500 (a NUL PostgreSQL cannot store, nesting that overflows the
// stack), Fastify's own errors answering outside the house style and echoing the path, a 1 MB
// unknown key echoed back, a fail-closed 429 without Retry-After, and a lower-case `bearer`
// scheme refused.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { buildHttpServer } from '../../src/http/http-server.js'
import { MAX_INPUT_DEPTH } from '../../src/http/input-guards.js'
import { RateLimitStoreUnavailable } from '../../src/http/rate-limit/rate-limit-store.js'
import { SECURITY_HEADERS } from '../../src/http/security-headers.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { contractObserver } from '../support/contract-check.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, LogCapture } from '../support/http.js'

const NUL = '\u0000'

/** Asserts a problem+json answer in the house style, and returns its body. */
function assertProblem(
  response: LightMyRequestResponse,
  status: number,
  code: string,
): Record<string, unknown> {
  assert.equal(response.statusCode, status, `status for ${code}: ${response.body.slice(0, 300)}`)
  assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    assert.equal(response.headers[name], value, name)
  assert.match(String(response.headers['x-request-id']), /^[A-Za-z0-9._:-]{1,64}$/)
  const body = response.json()
  assert.equal(body.code, code)
  assert.equal(body.status, status)
  assert.equal(body.instance, response.headers['x-request-id'])
  return body
}

/** `{"a":{"a":...}}` nested `depth` deep, as JSON text (JSON.stringify of it would overflow). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** A rate limit store whose backend is down for every call. */
const DOWN_STORE = {
  hit: () => Promise.reject(new RateLimitStoreUnavailable('down')),
  failures: () => Promise.reject(new RateLimitStoreUnavailable('down')),
  recordFailure: () => Promise.reject(new RateLimitStoreUnavailable('down')),
  clearFailures: () => Promise.reject(new RateLimitStoreUnavailable('down')),
  close: () => Promise.resolve(),
}

for (const target of DATABASE_TARGETS) {
  describe(`hostile input answers 4xx in the house style, never 500, on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'hostile', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const nulCases: [string, () => Promise<LightMyRequestResponse>, string][] = [
      [
        'token name',
        () =>
          call(http, org.ownerToken, 'POST', '/v1/tokens', { name: `a${NUL}b`, scopes: ['records:read'] }),
        'name',
      ],
      [
        'webhook description',
        () =>
          call(http, org.ownerToken, 'POST', '/v1/webhooks', {
            url: 'https://example.com/hook',
            event_types: ['*'],
            description: `x${NUL}`,
          }),
        'description',
      ],
      [
        'login email',
        () =>
          call(http, undefined, 'POST', '/v1/auth/login', {
            email: `a${NUL}@b.c`,
            password: 'p',
            org: 'hostile',
          }),
        'email',
      ],
      [
        'secret value (its last4 is text)',
        () =>
          http.inject({
            method: 'PUT',
            url: '/v1/secrets/openai',
            headers: { authorization: `Bearer ${org.ownerToken}`, 'content-type': 'application/json' },
            payload: JSON.stringify({ value: `sk-123456789${NUL}` }),
          }),
        'value',
      ],
      [
        'record entity',
        () => call(http, org.ownerToken, 'POST', '/v1/records', { content: 'c', entities: [`Ada${NUL}`] }),
        'entities.0',
      ],
      [
        'a query value',
        () => call(http, org.ownerToken, 'GET', `/v1/records?entity=a${encodeURIComponent(NUL)}`),
        'entity',
      ],
      [
        'a key of the body',
        () =>
          call(http, org.ownerToken, 'POST', '/v1/tokens', { [`na${NUL}me`]: 'x', scopes: ['records:read'] }),
        'body',
      ],
    ]
    for (const [what, send, field] of nulCases) {
      it(`NUL in ${what} answers 400 VALIDATION_FAILED naming ${field}`, async () => {
        const body = assertProblem(await send(), 400, 'VALIDATION_FAILED')
        assert.match(String(body.detail), new RegExp(`^${field.replace('.', '\\.')}: `))
        assert.match(String(body.detail), /NUL/)
      })
    }

    it('NUL in content and metadata (stored only as ciphertext) is kept and read back', async () => {
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', {
        content: `before${NUL}after`,
        metadata: { [`k${NUL}`]: `v${NUL}` },
      })
      assert.equal(stored.statusCode, 201, stored.body)
      const read = await call(http, org.ownerToken, 'GET', `/v1/records/${stored.json().id}`)
      assert.equal(read.statusCode, 200)
      assert.equal(read.json().content, `before${NUL}after`)
      assert.deepEqual(read.json().metadata, { [`k${NUL}`]: `v${NUL}` })
    })

    it('metadata nested 10,000 deep answers 400 VALIDATION_FAILED naming metadata; 30 deep is stored', async () => {
      const deep = await call(
        http,
        org.ownerToken,
        'POST',
        '/v1/records',
        `{"content":"c","metadata":${nestedJson(10_000)}}`,
      )
      const body = assertProblem(deep, 400, 'VALIDATION_FAILED')
      assert.equal(body.detail, `metadata: nested deeper than ${MAX_INPUT_DEPTH} levels`)
      const shallow = await call(
        http,
        org.ownerToken,
        'POST',
        '/v1/records',
        `{"content":"c","metadata":${nestedJson(30)}}`,
      )
      assert.equal(shallow.statusCode, 201, shallow.body)
    })

    it('arrays nested 500,000 deep (1 MB, with a __proto__ key) answer 400, not a stack overflow', async () => {
      const depth = 500_000
      const body = `{"content":"c","metadata":{"__proto__x":${'['.repeat(depth)}${']'.repeat(depth)}}}`
      const response = await call(http, org.ownerToken, 'POST', '/v1/records', body)
      assert.equal(
        assertProblem(response, 400, 'VALIDATION_FAILED').detail,
        `metadata: nested deeper than ${MAX_INPUT_DEPTH} levels`,
      )
    })

    it('a bad percent-encoding in the path answers 400 problem+json without echoing the path', async () => {
      const response = await call(http, org.ownerToken, 'GET', '/v1/records/%ZZsecret-looking-path')
      const body = assertProblem(response, 400, 'VALIDATION_FAILED')
      assert.doesNotMatch(response.body, /ZZ|secret-looking-path/)
      assert.match(String(body.detail), /^path: /)
    })

    it('a path parameter over the length limit answers 400 problem+json without echoing it', async () => {
      const long = `id${'q'.repeat(300)}`
      const response = await call(http, org.ownerToken, 'GET', `/v1/records/${long}`)
      assertProblem(response, 400, 'VALIDATION_FAILED')
      assert.doesNotMatch(response.body, /qqqq/)
    })

    it('an unknown 1 MB key is named cut to 32 characters, not echoed', async () => {
      const key = `k${'x'.repeat(1024 * 1024)}`
      const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
        name: 't',
        scopes: ['records:read'],
        [key]: 1,
      })
      const body = assertProblem(response, 400, 'VALIDATION_FAILED')
      assert.ok(response.body.length < 1000, `problem is ${response.body.length} bytes`)
      assert.equal(body.detail, `body: unknown field k${'x'.repeat(31)}...`)
    })

    it('an unknown key of control characters only is called "unknown field"', async () => {
      const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', {
        name: 't',
        scopes: ['records:read'],
        '\u0007\n': 1,
      })
      assert.equal(assertProblem(response, 400, 'VALIDATION_FAILED').detail, 'body: unknown field')
    })

    it('the auth scheme is case-insensitive: `bearer` and `BEARER` authenticate', async () => {
      for (const scheme of ['bearer', 'BEARER']) {
        const response = await call(http, undefined, 'GET', '/v1/records', undefined, {
          authorization: `${scheme} ${org.ownerToken}`,
        })
        assert.equal(response.statusCode, 200, scheme)
      }
    })

    it('a fail-closed 429 (rate limit store down) carries Retry-After', async () => {
      const limited = await buildHttpServer(
        {
          ...coffer,
          config: { ...coffer.config, rateLimitFailModes: { tokens: 'closed', login: 'closed' } },
        },
        { logStream: new LogCapture(), rateLimitStore: DOWN_STORE, observeResponse: contractObserver() },
      )
      try {
        for (const response of [
          await call(limited, org.ownerToken, 'GET', '/v1/records'),
          await call(limited, undefined, 'POST', '/v1/auth/login', {
            email: 'a@b.c',
            password: 'p',
            org: 'hostile',
          }),
        ]) {
          assertProblem(response, 429, 'RATE_LIMITED')
          assert.match(String(response.headers['retry-after']), /^[1-9][0-9]*$/)
        }
      } finally {
        await limited.close()
      }
    })
  })
}
