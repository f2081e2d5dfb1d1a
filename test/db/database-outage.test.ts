// Stops: a database outage answering 500 INTERNAL with a stack trace per request, requests that
// hang, `/health/ready` that cannot say why, and a server that does not resume by itself.
// A pool pointed at a closed loopback port (refused connections), and on PostgreSQL a loopback
// proxy that drops every connection and refuses new ones, then lets them through again.
import assert from 'node:assert/strict'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { openPostgres } from '../../src/db/pg-driver.js'
import type { Database } from '../../src/db/sql.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'

const POSTGRES = DATABASE_TARGETS.find((target) => target.name === 'postgres')
const PGLITE = DATABASE_TARGETS.find((target) => target.name === 'pglite')!

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

/** A TCP proxy on loopback to the database that can drop every connection and refuse new ones. */
class OutageProxy {
  readonly #sockets = new Set<Socket>()
  #up = true
  readonly server: Server

  constructor(upstream: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (!this.#up) {
        client.destroy()
        return
      }
      const server = connect(upstream)
      for (const socket of [client, server]) {
        this.#sockets.add(socket)
        socket.on('close', () => this.#sockets.delete(socket))
        socket.on('error', () => undefined)
      }
      client.pipe(server).pipe(client)
      client.on('close', () => server.destroy())
      server.on('close', () => client.destroy())
    })
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    return typeof address === 'object' && address ? address.port : 0
  }

  /** Drops every open connection (as a restart does) and refuses new ones. */
  down(): void {
    this.#up = false
    for (const socket of this.#sockets) socket.destroy()
  }

  up(): void {
    this.#up = true
  }

  async close(): Promise<void> {
    this.down()
    await new Promise((resolve) => this.server.close(resolve))
  }
}

/** Pino lines at `level` whose message starts with `message`. */
function linesAt(logs: LogCapture, level: number, message: string): Record<string, unknown>[] {
  return logs.lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.level === level && String(line.msg).startsWith(message))
}

function assertUnavailable(response: LightMyRequestResponse, what: string): void {
  assert.equal(response.statusCode, 503, `${what}: ${response.body.slice(0, 200)}`)
  assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
  assert.equal(response.json().code, 'DATABASE_UNAVAILABLE', what)
  assert.match(String(response.headers['retry-after']), /^[1-9][0-9]*$/, `${what}: Retry-After`)
}

describe('a database refusing connections answers 503 DATABASE_UNAVAILABLE, logged once', () => {
  let testDb: TestDatabase
  let coffer: Coffer
  let dead: Database
  let http: FastifyInstance
  let logs: LogCapture
  let org: CreatedOrg

  before(async () => {
    testDb = await PGLITE.create()
    coffer = await wireTestCoffer(testDb.db)
    org = await createOrg(coffer, { slug: 'outage', actor: 'test' })
    dead = await openPostgres({
      connectionString: `postgres://coffer@127.0.0.1:${await closedPort()}/coffer`,
    })
    ;({ http, logs } = await buildTestServer({ ...coffer, db: dead }))
  })
  after(async () => {
    await http.close()
    await dead.close()
    await testDb.drop()
  })

  it('reads, writes and logins answer 503 with Retry-After; one warning, no stack per request', async () => {
    for (let i = 0; i < 5; i++) {
      assertUnavailable(await call(http, org.ownerToken, 'GET', '/v1/records'), 'list')
      assertUnavailable(await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'x' }), 'store')
      assertUnavailable(
        await call(http, undefined, 'POST', '/v1/auth/login', {
          email: 'a@b.c',
          password: 'p',
          org: 'outage',
        }),
        'login',
      )
    }
    assert.equal(linesAt(logs, 40, 'database unavailable').length, 1, 'one warning for the outage')
    assert.equal(linesAt(logs, 50, '').length, 0, 'no error line (with a stack) per request')
    assert.doesNotMatch(logs.text(), /"stack"/)
  })

  it('/health/ready answers 503 NOT_READY naming the reason, with Retry-After', async () => {
    const response = await http.inject({ method: 'GET', url: '/health/ready' })
    assert.equal(response.statusCode, 503)
    assert.equal(response.json().code, 'NOT_READY')
    assert.equal(response.json().detail, 'database unavailable: ECONNREFUSED')
    assert.match(String(response.headers['retry-after']), /^[1-9][0-9]*$/)
  })
})

describe('a database that drops every connection and comes back (PostgreSQL)', () => {
  let testDb: TestDatabase
  let coffer: Coffer
  let proxy: OutageProxy
  let viaProxy: Database
  let http: FastifyInstance
  let logs: LogCapture
  let org: CreatedOrg

  before(async () => {
    if (!POSTGRES) return
    testDb = await POSTGRES.create()
    coffer = await wireTestCoffer(testDb.db)
    org = await createOrg(coffer, { slug: 'outage', actor: 'test' })
    const url = new URL(testDb.url!)
    proxy = new OutageProxy({ host: url.hostname, port: Number(url.port || 5432) })
    url.port = String(await proxy.listen())
    viaProxy = await openPostgres({ connectionString: url.toString(), maxConnections: 3 })
    ;({ http, logs } = await buildTestServer({ ...coffer, db: viaProxy }))
  })
  after(async () => {
    if (!POSTGRES) return
    await http.close()
    await viaProxy.close()
    await proxy.close()
    await testDb.drop()
  })

  it('answers 503 while it is gone, resumes by itself, logs the outage once each way', async (t) => {
    if (!POSTGRES) {
      t.skip('needs PostgreSQL (COFFER_TEST_DATABASE_URL): PGlite has no connection to lose')
      return
    }
    const first = await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'before' })
    assert.equal(first.statusCode, 201)
    proxy.down()
    for (let i = 0; i < 5; i++) {
      assertUnavailable(await call(http, org.ownerToken, 'GET', `/v1/records/${first.json().id}`), 'read')
      assertUnavailable(
        await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'during' }),
        'store',
      )
    }
    const ready = await http.inject({ method: 'GET', url: '/health/ready' })
    assert.equal(ready.statusCode, 503)
    assert.match(ready.json().detail, /^database unavailable: /)
    proxy.up()
    const after = await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'after' })
    assert.equal(after.statusCode, 201, after.body)
    const read = await call(http, org.ownerToken, 'GET', `/v1/records/${first.json().id}`)
    assert.equal(read.json().content, 'before')
    assert.equal((await http.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
    assert.equal(linesAt(logs, 40, 'database unavailable').length, 1)
    assert.equal(linesAt(logs, 30, 'database available again').length, 1)
    assert.deepEqual(
      linesAt(logs, 50, '').map((l) => [l.msg, l.err]),
      [],
      'no error line per request',
    )
  })
})
