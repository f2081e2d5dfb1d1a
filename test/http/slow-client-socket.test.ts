// Stops: a client that holds a socket for ever by never finishing its headers or its body
// (slowloris), and socket-level refusals (431, 408, bytes that are not HTTP) answered outside
// the house style. Real sockets on loopback against a listening server with small time limits.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { openPGlite } from '../../src/db/pglite-driver.js'
import type { Database } from '../../src/db/sql.js'
import { MAX_HEADER_BYTES } from '../../src/http/http-server.js'
import { SECURITY_HEADERS } from '../../src/http/security-headers.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { buildTestServer } from '../support/http.js'

/** How long a test waits for the server to close a socket before it calls the socket held for ever. */
const HELD_FOR_EVER_MS = 15_000

/**
 * Writes `bytes` to the server and resolves with everything it answers once it closes the socket;
 * rejects when the socket is still open after HELD_FOR_EVER_MS.
 */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let received = ''
    const guard = setTimeout(() => {
      socket.destroy()
      reject(new Error(`socket still held after ${HELD_FOR_EVER_MS} ms; received: ${received.slice(0, 200)}`))
    }, HELD_FOR_EVER_MS)
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(guard)
      resolve(received)
    })
    socket.write(bytes)
  })
}

/** Status, lower-cased headers and JSON body of one raw HTTP/1.1 answer. */
function parseAnswer(raw: string): {
  status: number
  headers: Record<string, string>
  body: Record<string, unknown>
} {
  const split = raw.indexOf('\r\n\r\n')
  assert.ok(split > 0, `an HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`)
  const [statusLine, ...lines] = raw.slice(0, split).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(raw.slice(split + 4)) }
}

function assertProblemAnswer(raw: string, status: number, code: string): void {
  const answer = parseAnswer(raw)
  assert.equal(answer.status, status)
  assert.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8')
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    assert.equal(answer.headers[name], value, name)
  assert.match(answer.headers['x-request-id'] ?? '', /^[A-Za-z0-9._:-]{1,64}$/)
  assert.equal(answer.body.code, code)
  assert.equal(answer.body.status, status)
  assert.equal(answer.body.instance, answer.headers['x-request-id'])
}

describe('slow or broken clients lose their socket, answered in the house style (real sockets)', () => {
  let db: Database
  let http: FastifyInstance
  let port: number
  let org: CreatedOrg

  before(async () => {
    db = await openPGlite({})
    const coffer = await wireTestCoffer(db, {
      config: { httpTimeouts: { requestMs: 1_000, headersMs: 500, keepAliveMs: 500 } },
    })
    org = await createOrg(coffer, { slug: 'slow', actor: 'test' })
    ;({ http } = await buildTestServer(coffer))
    await http.listen({ host: '127.0.0.1', port: 0 })
    const address = http.server.address()
    port = typeof address === 'object' && address ? address.port : 0
  })
  after(async () => {
    await http.close()
    await db.close()
  })

  it('a body that never arrives is cut off with 408 REQUEST_TIMEOUT', async () => {
    const raw = await exchange(
      port,
      `POST /v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${org.ownerToken}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"content":',
    )
    assertProblemAnswer(raw, 408, 'REQUEST_TIMEOUT')
  })

  it('headers that never finish are cut off with 408 REQUEST_TIMEOUT', async () => {
    const raw = await exchange(port, 'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n')
    assertProblemAnswer(raw, 408, 'REQUEST_TIMEOUT')
  })

  it('headers over the limit answer 431 HEADERS_TOO_LARGE', async () => {
    const raw = await exchange(
      port,
      `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES + 1024)}\r\n\r\n`,
    )
    assertProblemAnswer(raw, 431, 'HEADERS_TOO_LARGE')
  })

  it('bytes that are not HTTP answer 400 VALIDATION_FAILED', async () => {
    const raw = await exchange(port, 'HELLO THERE\r\n\r\n')
    assertProblemAnswer(raw, 400, 'VALIDATION_FAILED')
  })

  it('an idle kept-alive socket is closed after its answer', async () => {
    const raw = await exchange(
      port,
      'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n',
    )
    assert.equal(parseAnswer(raw).status, 200)
  })
})
