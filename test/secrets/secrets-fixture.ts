import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { dumpTables } from '../../src/db/dump.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import type { DatabaseTarget, TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'

/** A server on a fresh database with two orgs, and scoped tokens of org A. */
export interface SecretsFixture {
  testDb: TestDatabase
  coffer: Coffer
  http: FastifyInstance
  logs: LogCapture
  orgA: CreatedOrg
  orgB: CreatedOrg
  /** Tokens of org A carrying exactly one scope each. */
  writer: string
  resolver: string
  reader: string
  close(): Promise<void>
}

/** A token of `org` with exactly `scopes`, made through `POST /v1/tokens`. */
export async function scopedToken(http: FastifyInstance, org: CreatedOrg, scopes: string[]): Promise<string> {
  const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', { name: scopes.join('+'), scopes })
  assert.equal(response.statusCode, 201)
  return response.json().token
}

export async function openSecretsFixture(target: DatabaseTarget): Promise<SecretsFixture> {
  const testDb = await target.create()
  const coffer = await wireTestCoffer(testDb.db)
  const { http, logs } = await buildTestServer(coffer)
  const orgA = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
  const orgB = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
  return {
    testDb,
    coffer,
    http,
    logs,
    orgA,
    orgB,
    writer: await scopedToken(http, orgA, ['secrets:write']),
    resolver: await scopedToken(http, orgA, ['secrets:resolve']),
    reader: await scopedToken(http, orgA, ['records:read']),
    async close() {
      await http.close()
      await testDb.drop()
    },
  }
}

/** `PUT /v1/secrets/:kind` */
export function putSecret(
  http: FastifyInstance,
  token: string,
  kind: string,
  body: { value: string; verify_url?: string },
) {
  return http.inject({
    method: 'PUT',
    url: `/v1/secrets/${kind}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  })
}

/** `POST /v1/secrets/:kind/resolve` */
export function resolveSecret(http: FastifyInstance, token: string, kind: string, purpose: string) {
  return call(http, token, 'POST', `/v1/secrets/${kind}/resolve`, { purpose })
}

/** What a stolen snapshot holds: `pg_dump` on PostgreSQL, every row of every table on PGlite. */
export async function dumpDatabase(testDb: TestDatabase): Promise<string> {
  if (testDb.url) {
    const result = spawnSync('pg_dump', ['--no-owner', testDb.url], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    assert.equal(result.status, 0, `pg_dump ran: ${result.stderr}`)
    assert.match(result.stdout, /COPY public\.org_secrets/, 'the dump holds the secrets table')
    return result.stdout
  }
  const lines: string[] = []
  for await (const entry of dumpTables(testDb.db)) lines.push(JSON.stringify(entry))
  assert.ok(
    lines.some((line) => JSON.parse(line).table === 'org_secrets'),
    'the dump holds the secrets table',
  )
  return lines.join('\n')
}
