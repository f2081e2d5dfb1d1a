// Stops: `coffer serve` exiting on node-postgres' unhandled 'error' event when PostgreSQL ends a
// backend a request holds between two statements (pg_terminate_backend, a restart, failover,
// idle_in_transaction_session_timeout), requests that hang or answer outside the house style
// when it happens, an acknowledged write lost, and a server that does not resume by itself.
// The built `coffer serve` on real PostgreSQL under a write load, its backends terminated in a loop.
import assert from 'node:assert/strict'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { type CreatedOrg, createOrg, setOrgRateLimit } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { recordLogLine, recordSecret } from '../support/leak-canary.js'
import { startServe, stopServe } from '../support/serve-process.js'

const POSTGRES = DATABASE_TARGETS.find((target) => target.name === 'postgres')
const WRITERS = 4
const WRITES_PER_WRITER = 60
/** A request that has no answer after this long counts as hung. */
const HUNG_MS = 30_000

/** What one write got: the id of an acknowledged write, or the code of a refused one. */
type Outcome = { status: number; id?: string; content: string; code?: string; contentType?: string }

describe('the server outlives backends terminated under a write load (PostgreSQL)', () => {
  let testDb: TestDatabase
  let org: CreatedOrg
  let server: { child: ChildProcessWithoutNullStreams; out: string; url: string } | undefined
  let stderr = ''

  before(async () => {
    if (!POSTGRES) return
    testDb = await POSTGRES.create()
    const masterKey = randomBytes(32)
    const tokenSecret = randomBytes(32)
    recordSecret(masterKey.toString('base64'))
    recordSecret(tokenSecret.toString('base64'))
    const coffer = await wireTestCoffer(testDb.db, { config: { masterKey, tokenSecret } })
    org = await createOrg(coffer, { slug: 'killed', actor: 'test' })
    await setOrgRateLimit(testDb.db, 'killed', 1_000_000)
    server = await startServe({
      COFFER_DATABASE_URL: testDb.url!,
      COFFER_MASTER_KEY: masterKey.toString('base64'),
      COFFER_TOKEN_SECRET: tokenSecret.toString('base64'),
      COFFER_LISTEN: '127.0.0.1:0',
      COFFER_LOG_LEVEL: 'info',
    })
    recordLogLine(server.out)
    server.child.stdout.on('data', (chunk: Buffer) => recordLogLine(chunk.toString()))
    server.child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      recordLogLine(chunk.toString())
    })
  })
  after(async () => {
    if (server) await stopServe(server.child, 'SIGKILL')
    if (testDb) await testDb.drop()
  })

  /** One write; a broken connection or no answer in time is an outcome too (status 0). */
  async function store(content: string): Promise<Outcome> {
    try {
      return await tryStore(content)
    } catch (error) {
      return { status: 0, content, code: `no answer: ${(error as Error).cause ?? error}` }
    }
  }

  async function tryStore(content: string): Promise<Outcome> {
    const response = await fetch(`${server!.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.ownerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content }),
      signal: AbortSignal.timeout(HUNG_MS),
    })
    const body = (await response.json()) as { id?: string; code?: string }
    return {
      status: response.status,
      content,
      contentType: response.headers.get('content-type') ?? undefined,
      ...(body.id ? { id: body.id } : {}),
      ...(body.code ? { code: body.code } : {}),
    }
  }

  it('terminating its backends in a loop: it stays up, refusals are clean 503s, no acknowledged write is lost', async (t) => {
    if (!POSTGRES) {
      t.skip('needs PostgreSQL (COFFER_TEST_DATABASE_URL): the server runs as a separate process')
      return
    }
    const database = new URL(testDb.url!).pathname.slice(1)
    const killer = new pg.Client({ connectionString: process.env.COFFER_TEST_DATABASE_URL })
    await killer.connect()
    let loadDone = false
    let terminated = 0
    let terminatedIdleInTransaction = 0
    const killing = (async () => {
      // Bounded: it stops with the load, and after at most 10,000 rounds in any case.
      for (let round = 0; !loadDone && round < 10_000; round++) {
        const idleInTransaction = round % 2 === 0
        const { rows } = await killer.query<{ state: string | null; killed: boolean }>(
          `SELECT state, pg_terminate_backend(pid) AS killed FROM pg_stat_activity
            WHERE datname = $1 AND application_name = 'coffer' AND pid <> pg_backend_pid()
              AND ($2::boolean IS FALSE OR state = 'idle in transaction')`,
          [database, idleInTransaction],
        )
        terminated += rows.filter((row) => row.killed).length
        terminatedIdleInTransaction += rows.filter(
          (row) => row.killed && row.state === 'idle in transaction',
        ).length
        await sleep(idleInTransaction ? 150 : 400)
      }
    })()
    const outcomes: Outcome[] = []
    try {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let i = 0; i < WRITES_PER_WRITER; i++) outcomes.push(await store(`w${writer}-${i}`))
        }),
      )
    } finally {
      loadDone = true
      await killing
      await killer.end()
    }
    t.diagnostic(
      `${outcomes.filter((o) => o.status === 201).length}/${outcomes.length} writes acknowledged; ` +
        `${terminated} backends terminated (${terminatedIdleInTransaction} idle in transaction)`,
    )
    assert.ok(terminated > 0, 'the loop terminated backends')
    assert.ok(
      outcomes.some((o) => o.status === 201),
      'writes were acknowledged between the kills',
    )
    assert.equal(
      server!.child.exitCode,
      null,
      `the server is still running; stderr: ${stderr.slice(0, 6000)}`,
    )
    assert.equal(server!.child.signalCode, null)
    assert.doesNotMatch(stderr, /Unhandled 'error' event/)
    for (const outcome of outcomes) {
      if (outcome.status === 201) continue
      assert.equal(outcome.status, 503, `a refused write answers 503, got ${outcome.status} ${outcome.code}`)
      assert.equal(outcome.code, 'DATABASE_UNAVAILABLE')
      assert.equal(outcome.contentType, 'application/problem+json; charset=utf-8')
    }
    // Service resumes by itself: a dead pooled connection may still answer once, never for long.
    let resumed: Outcome | undefined
    for (let attempt = 0; attempt < 10 && resumed?.status !== 201; attempt++) {
      if (attempt > 0) await sleep(100)
      resumed = await store('after the kills')
    }
    assert.equal(resumed?.status, 201, 'writes succeed again once the kills stop')
    for (const outcome of outcomes.filter((o) => o.status === 201)) {
      const read = await fetch(`${server!.url}/v1/records/${outcome.id}`, {
        headers: { authorization: `Bearer ${org.ownerToken}` },
        signal: AbortSignal.timeout(HUNG_MS),
      })
      assert.equal(read.status, 200, `acknowledged write ${outcome.content} is readable`)
      assert.equal(((await read.json()) as { content: string }).content, outcome.content)
    }
  })
})
