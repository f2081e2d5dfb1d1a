// Stops: a client that hammers a refusing server (no backoff, no bound), waits less than
// Retry-After, or repeats a request that may already have been applied (a PATCH, a POST without
// an Idempotency-Key) after a 503. A loopback HTTP server answers what each case needs; the waits
// are asserted as the values the client chose (onRetry), never by measuring time.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { Coffer, CofferApiError, type RetryEvent } from '../../src/client/index.js'
import { parseRetryAfter, retryDelayMs } from '../../src/client/retry-policy.js'

const TOKEN = `cf_${'A'.repeat(49)}`

/** One scripted answer: status, headers, body. */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown }

const problem = (status: number, code: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/problem+json', 'x-request-id': `req-${code}`, ...headers },
  body: { type: 'about:blank', title: code, status, code, detail: `${code} detail` },
})

describe('retries against a loopback server', () => {
  let server: Server
  let baseUrl: string
  let script: Answer[] = []
  const received: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = []

  before(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = ''
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, headers: request.headers, body })
        const answer = script.shift() ?? { status: 200, body: { items: [], next_cursor: null } }
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const client = (retries: RetryEvent[], options: { retries?: number; maxDelayMs?: number } = {}) =>
    new Coffer({ baseUrl, token: TOKEN, onRetry: (retry) => retries.push(retry), ...options })

  it('a GET answered 503 with Retry-After: 0, twice, succeeds on the third attempt', async () => {
    received.length = 0
    script = [
      problem(503, 'DATABASE_UNAVAILABLE', { 'retry-after': '0' }),
      problem(503, 'DATABASE_UNAVAILABLE', { 'retry-after': '0' }),
    ]
    const retries: RetryEvent[] = []
    const page = await client(retries).records.listPage()
    assert.deepEqual(page, { items: [], next_cursor: null })
    assert.equal(received.length, 3)
    assert.deepEqual(
      retries.map((r) => [r.attempt, r.status, r.code, r.delayMs]),
      [
        [1, 503, 'DATABASE_UNAVAILABLE', 0],
        [2, 503, 'DATABASE_UNAVAILABLE', 0],
      ],
    )
  })

  it('gives up after `retries`, throwing the last answer with its request id and Retry-After', async () => {
    received.length = 0
    script = [1, 2, 3].map(() => problem(429, 'RATE_LIMITED', { 'retry-after': '0' }))
    const retries: RetryEvent[] = []
    const error = await client(retries, { retries: 2 })
      .records.get('00000000-0000-7000-8000-000000000000')
      .catch((e: unknown) => e)
    assert.ok(error instanceof CofferApiError)
    assert.equal(error.code, 'RATE_LIMITED')
    assert.equal(error.requestId, 'req-RATE_LIMITED')
    assert.equal(error.retryAfter, 0)
    assert.equal(received.length, 3, 'one attempt and two retries, no more')
    assert.equal(retries.length, 2)
  })

  it('never repeats a PATCH or a POST without an Idempotency-Key after a 503 (it may have been applied)', async () => {
    const retries: RetryEvent[] = []
    for (const call of [
      (c: Coffer) => c.records.update('00000000-0000-7000-8000-000000000000', { content: 'x' }),
      (c: Coffer) => c.records.store({ content: 'x' }),
      (c: Coffer) => c.tokens.create({ name: 'x', scopes: ['records:read'] }),
    ]) {
      received.length = 0
      script = [problem(503, 'DATABASE_UNAVAILABLE', { 'retry-after': '0' })]
      const error = await call(client(retries)).catch((e: unknown) => e)
      assert.ok(error instanceof CofferApiError && error.code === 'DATABASE_UNAVAILABLE')
      assert.equal(received.length, 1)
    }
    assert.equal(retries.length, 0)
  })

  it('repeats a POST sent with an Idempotency-Key, with the same key and body; search is retried as a read', async () => {
    received.length = 0
    script = [
      problem(503, 'DATABASE_UNAVAILABLE', { 'retry-after': '0' }),
      { status: 201, body: { id: 'r1' } },
    ]
    const retries: RetryEvent[] = []
    const stored = await client(retries).records.store({ content: 'once' }, { idempotencyKey: 'key-1' })
    assert.deepEqual(stored, { id: 'r1' })
    assert.equal(received.length, 2)
    assert.deepEqual(
      received.map((r) => [r.headers['idempotency-key'], r.body]),
      [
        ['key-1', '{"content":"once"}'],
        ['key-1', '{"content":"once"}'],
      ],
    )
    received.length = 0
    script = [problem(429, 'RATE_LIMITED', { 'retry-after': '0' })]
    await client(retries).records.search({ query: 'tea' })
    assert.equal(received.length, 2)
  })

  it('waits what Retry-After says (seconds or an HTTP date), with at most 10% jitter, bounded by maxDelayMs', async () => {
    received.length = 0
    script = [problem(429, 'RATE_LIMITED', { 'retry-after': '1' })]
    const retries: RetryEvent[] = []
    await client(retries).records.listPage()
    assert.equal(retries.length, 1)
    assert.ok(retries[0]!.delayMs >= 1000 && retries[0]!.delayMs <= 1100, `${retries[0]!.delayMs} ms`)

    const now = Date.UTC(2026, 11, 7, 2, 0, 0)
    assert.equal(parseRetryAfter(new Date(now + 5_000).toUTCString(), now), 5)
    assert.equal(parseRetryAfter(new Date(now - 5_000).toUTCString(), now), 0)
    assert.equal(parseRetryAfter('soon', now), undefined)
    assert.equal(parseRetryAfter(null, now), undefined)

    const at = (random: number, retryAfterSeconds: number | undefined, attempt = 1, maxDelayMs = 30_000) =>
      retryDelayMs({ status: 429, attempt, retryAfterSeconds, random: () => random }, { maxDelayMs })
    assert.equal(at(0, 2), 2000)
    assert.equal(at(1, 2), 2200)
    assert.equal(at(1, 2, 1, 2100), 2100, 'jitter never pushes past maxDelayMs')
    assert.equal(at(0, 60, 1, 30_000), undefined, 'a Retry-After beyond maxDelayMs is not waited out')
    assert.equal(
      retryDelayMs({ status: 500, attempt: 1, retryAfterSeconds: 0, random: () => 0 }, {}),
      undefined,
      'only 429 and 503 are retried',
    )
  })

  it('without Retry-After: full-jitter exponential backoff, each wait within its step and under maxDelayMs', () => {
    const delays = (random: number) =>
      [1, 2, 3, 4].map((attempt) =>
        retryDelayMs(
          { status: 503, attempt, retryAfterSeconds: undefined, random: () => random },
          { retries: 10, baseDelayMs: 100, maxDelayMs: 500 },
        ),
      )
    assert.deepEqual(delays(1), [100, 200, 400, 500])
    assert.deepEqual(delays(0), [0, 0, 0, 0])
    assert.equal(
      retryDelayMs(
        { status: 503, attempt: 3, retryAfterSeconds: undefined, random: () => 1 },
        { retries: 2 },
      ),
      undefined,
      'no retry beyond `retries`',
    )
  })

  it('an answer that is not Coffer’s problem+json is UNEXPECTED_RESPONSE, with the status kept', async () => {
    script = [{ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }]
    const error = await client([])
      .records.listPage()
      .catch((e: unknown) => e)
    assert.ok(error instanceof CofferApiError)
    assert.equal(error.code, 'UNEXPECTED_RESPONSE')
    assert.equal(error.status, 502)
    assert.doesNotMatch(error.detail, /Bad gateway/, 'a foreign body is not echoed')
  })

  it('sends the token only as a bearer header; browser mode sends none and adds x-csrf-token to writes only', async () => {
    received.length = 0
    await client([]).records.listPage()
    assert.equal(received[0]!.headers.authorization, `Bearer ${TOKEN}`)
    const browser = new Coffer({ baseUrl, csrfToken: 'csrf-1' })
    received.length = 0
    script = [
      { status: 200, body: { items: [] } },
      { status: 201, body: { id: 'r1' } },
    ]
    await browser.records.listPage()
    await browser.records.store({ content: 'x' })
    assert.deepEqual(
      received.map((r) => [r.method, r.headers.authorization, r.headers['x-csrf-token']]),
      [
        ['GET', undefined, undefined],
        ['POST', undefined, 'csrf-1'],
      ],
    )
  })

  it('refuses a token that is not a Coffer token (no header injection) without echoing it', () => {
    const bad = 'cf_abc\r\nx-evil: 1'
    assert.throws(
      () => new Coffer({ baseUrl, token: bad }),
      (error: unknown) => error instanceof TypeError && !error.message.includes(bad),
    )
  })

  it('a path parameter is encoded: an id cannot reach another route', async () => {
    received.length = 0
    script = [problem(404, 'NOT_FOUND')]
    await client([])
      .records.get('../tokens')
      .catch(() => undefined)
    assert.equal(received[0]!.url, '/v1/records/..%2Ftokens')
  })
})
