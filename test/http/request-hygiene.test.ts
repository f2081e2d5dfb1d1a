import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { openPGlite } from '../../src/db/pglite-driver.js'
import type { Database } from '../../src/db/sql.js'
import { SECURITY_HEADERS } from '../../src/http/security-headers.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { buildTestServer, call } from '../support/http.js'

function assertSecurityHeaders(response: LightMyRequestResponse, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    assert.equal(response.headers[name], value, `${what}: ${name}`)
  }
  assert.match(String(response.headers['x-request-id']), /^[A-Za-z0-9._:-]{1,64}$/, `${what}: x-request-id`)
}

function assertProblem(
  response: LightMyRequestResponse,
  status: number,
  code: string,
): Record<string, unknown> {
  assert.equal(response.statusCode, status, `status for ${code}`)
  assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
  const body = response.json()
  assert.equal(body.code, code)
  assert.equal(body.status, status)
  assert.equal(typeof body.type, 'string')
  assert.equal(typeof body.title, 'string')
  assert.equal(typeof body.detail, 'string')
  return body
}

describe('request hygiene: limits, validation, problem+json, security headers', () => {
  let db: Database
  let coffer: Coffer
  let http: FastifyInstance
  let org: CreatedOrg

  before(async () => {
    db = await openPGlite({})
    coffer = await wireTestCoffer(db, { config: { bodyLimitBytes: 16 * 1024 } })
    ;({ http } = await buildTestServer(coffer))
    org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
  })
  after(async () => {
    await http.close()
    await db.close()
  })

  it('every response carries the security headers and a request id: success, 401, 404, 413, health', async () => {
    const responses: [string, LightMyRequestResponse][] = [
      ['201', await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'x' })],
      ['401', await call(http, undefined, 'GET', '/v1/records')],
      ['404 route', await call(http, org.ownerToken, 'GET', '/v1/nope')],
      ['413', await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'x'.repeat(20_000) })],
      ['health', await http.inject({ method: 'GET', url: '/health/live' })],
    ]
    for (const [what, response] of responses) assertSecurityHeaders(response, what)
  })

  it('echoes a well-formed incoming x-request-id and replaces a malformed one', async () => {
    const kept = await call(http, undefined, 'GET', '/health/live', undefined, {
      'x-request-id': 'trace-123',
    })
    assert.equal(kept.headers['x-request-id'], 'trace-123')
    const replaced = await call(http, undefined, 'GET', '/health/live', undefined, {
      'x-request-id': 'bad id\u0001',
    })
    assert.notEqual(replaced.headers['x-request-id'], 'bad id\u0001')
  })

  it('a body over the configured limit answers 413 PAYLOAD_TOO_LARGE', async () => {
    assertProblem(
      await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'x'.repeat(20_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    )
  })

  it('malformed JSON answers 400 MALFORMED_JSON', async () => {
    assertProblem(
      await call(http, org.ownerToken, 'POST', '/v1/records', '{"content": "x"'),
      400,
      'MALFORMED_JSON',
    )
  })

  it('a body that is not JSON answers 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await call(http, org.ownerToken, 'POST', '/v1/records', 'content=x', {
      'content-type': 'text/plain',
    })
    assertProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('validation failures answer 400 VALIDATION_FAILED naming the field, never echoing the value', async () => {
    const cases: [unknown, string][] = [
      [{}, 'content'],
      [{ content: 42 }, 'content'],
      [{ content: 'x', namespace: 'Bad Name!' }, 'namespace'],
      [{ content: 'x', type: '' }, 'type'],
      [{ content: 'x', metadata: 'not-an-object' }, 'metadata'],
      [{ content: 'x', extra_field_canary: 1 }, 'body'],
    ]
    for (const [body, field] of cases) {
      const problem = assertProblem(
        await call(http, org.ownerToken, 'POST', '/v1/records', body),
        400,
        'VALIDATION_FAILED',
      )
      assert.match(String(problem.detail), new RegExp(`^${field}`), `detail names ${field}`)
      assert.equal(String(problem.detail).includes('Bad Name!'), false)
    }
    assertProblem(await call(http, org.ownerToken, 'GET', '/v1/records/not-a-uuid'), 400, 'VALIDATION_FAILED')
    assertProblem(await call(http, org.ownerToken, 'GET', '/v1/records?limit=0'), 400, 'VALIDATION_FAILED')
    assertProblem(await call(http, org.ownerToken, 'GET', '/v1/records?cursor=abc'), 400, 'VALIDATION_FAILED')
  })

  it('content over 1 MiB answers 413 naming content, even under a larger body limit', async () => {
    const big = await wireTestCoffer(db, { config: { ...coffer.config, bodyLimitBytes: 4 * 1024 * 1024 } })
    const { http: bigHttp } = await buildTestServer(big)
    try {
      const response = await call(bigHttp, org.ownerToken, 'POST', '/v1/records', {
        content: 'x'.repeat(1024 * 1024 + 1),
      })
      const problem = assertProblem(response, 413, 'PAYLOAD_TOO_LARGE')
      assert.match(String(problem.detail), /^content/)
      const fits = await call(bigHttp, org.ownerToken, 'POST', '/v1/records', {
        content: 'x'.repeat(1024 * 1024),
      })
      assert.equal(fits.statusCode, 201)
    } finally {
      await bigHttp.close()
    }
  })

  it('an unknown route answers a problem+json 404, and internal errors never leak their detail', async () => {
    assertProblem(await call(http, org.ownerToken, 'GET', '/v1/unknown'), 404, 'NOT_FOUND')
  })

  it('health: live answers; ready checks the database and migrations', async () => {
    assert.equal((await http.inject({ method: 'GET', url: '/health/live' })).statusCode, 200)
    const ready = await http.inject({ method: 'GET', url: '/health/ready' })
    assert.equal(ready.statusCode, 200)
    assert.deepEqual(ready.json(), { status: 'ok', database: 'pglite', key_provider: 'local' })
    const { rows } = await db.query<{ name: string; checksum: string }>(
      'DELETE FROM schema_migrations WHERE version = 1 RETURNING name, checksum',
    )
    try {
      assertProblem(await http.inject({ method: 'GET', url: '/health/ready' }), 503, 'NOT_READY')
    } finally {
      await db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES (1, $1, $2)', [
        rows[0]!.name,
        rows[0]!.checksum,
      ])
    }
    assert.equal((await http.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
  })
})
