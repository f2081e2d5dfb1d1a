import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { WebhookWorker } from '../../src/webhooks/webhook-worker.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import type { DatabaseTarget, TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

/** A server on a fresh database with two orgs, a test clock and a delivery worker (no jitter). */
export interface WebhooksFixture {
  testDb: TestDatabase
  coffer: Coffer
  clock: TestClock
  http: FastifyInstance
  logs: LogCapture
  worker: WebhookWorker
  orgA: CreatedOrg
  orgB: CreatedOrg
  close(): Promise<void>
}

export async function openWebhooksFixture(
  target: DatabaseTarget,
  config: Partial<KeyedConfig> = {},
): Promise<WebhooksFixture> {
  const testDb = await target.create()
  const clock = new TestClock(Date.now())
  const coffer = await wireTestCoffer(testDb.db, { clock, config })
  const { http, logs } = await buildTestServer(coffer)
  const worker = new WebhookWorker({
    db: coffer.db,
    endpoints: coffer.webhooks.endpoints,
    clock,
    requirePublicTargets: coffer.config.requirePublicTargets,
    random: () => 0,
    timeoutMs: 2_000,
  })
  return {
    testDb,
    coffer,
    clock,
    http,
    logs,
    worker,
    orgA: await createOrg(coffer, { slug: 'org-a', actor: 'test' }),
    orgB: await createOrg(coffer, { slug: 'org-b', actor: 'test' }),
    async close() {
      await http.close()
      await testDb.drop()
    },
  }
}

/** `POST /v1/webhooks` as org's owner; asserts 201 and puts the secret on the leak-check list. */
export async function createEndpoint(
  http: FastifyInstance,
  org: CreatedOrg,
  body: { url: string; event_types: string[]; description?: string; enabled?: boolean },
): Promise<{ id: string; secret: string; url: string }> {
  const response = await call(http, org.ownerToken, 'POST', '/v1/webhooks', body)
  assert.equal(response.statusCode, 201, response.body)
  const created = response.json()
  recordCanary(created.secret)
  return created
}

/** One request the receiver got. */
export interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** A local receiver on 127.0.0.1 answering `status` (changeable), recording what it gets. */
export class Receiver {
  readonly received: Received[] = []
  status = 204
  headers: Record<string, string> = {}
  #server: Server | undefined
  #port = 0

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hooks/coffer?tenant=a`
  }

  /** Listens (again, on the same port when it listened before). */
  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        this.received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        })
        response.writeHead(this.status, this.headers).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve))
    this.#port = (server.address() as AddressInfo).port
    this.#server = server
  }

  async stop(): Promise<void> {
    const server = this.#server
    this.#server = undefined
    if (server) {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
