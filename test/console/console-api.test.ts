/**
 * The tenant routes the console added (`/v1/session`, `/v1/members`, `/v1/keys`) and the console's
 * static serving, in-process on both databases: what each answers, who may call it, that another
 * org's member is out of reach, that removal takes the member's tokens and sessions with it, and
 * that a rotation started here finishes and reports its progress.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import { CONSOLE_CSP, HASHED_ASSET_CACHE, registerConsole } from '../../src/http/console-static.js'
import { registerProblemHandler } from '../../src/http/problem.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'correct horse battery staple'
recordSecret(PASSWORD)

describe('console static files', () => {
  let dir: string
  let app: FastifyInstance
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coffer-console-dist-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>')
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), 'export {}')
    writeFileSync(join(dir, 'assets', 'notes.txt'), 'not served')
    app = Fastify()
    registerProblemHandler(app)
    await registerConsole(app, { root: dir })
  })
  after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the page uncached and hashed assets for a year, each with the console CSP', async () => {
    for (const url of ['/console']) {
      const page = await app.inject({ url })
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['content-security-policy'], CONSOLE_CSP)
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.match(String(page.headers['content-type']), /^text\/html/)
    }
    const script = await app.inject({ url: '/console/assets/index-AbCd1234.js' })
    assert.equal(script.statusCode, 200)
    assert.equal(script.headers['cache-control'], HASHED_ASSET_CACHE)
    assert.equal(script.headers['content-security-policy'], CONSOLE_CSP)
    assert.match(String(script.headers['content-type']), /^text\/javascript/)
    assert.doesNotMatch(CONSOLE_CSP, /unsafe-inline|unsafe-eval/)
    assert.match(CONSOLE_CSP, /default-src 'self'/)
    assert.match(CONSOLE_CSP, /frame-ancestors 'none'/)
  })

  it('answers 404 NOT_FOUND for anything else: unknown files, other types, traversal', async () => {
    for (const url of [
      '/console/',
      '/console/assets/missing.js',
      '/console/assets/notes.txt',
      '/console/assets/..%2Findex.html',
      '/console/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/console/index.html',
      '/console/../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
    ]) {
      const answer = await app.inject({ url })
      assert.equal(answer.statusCode, 404, url)
      assert.equal(answer.json().code, 'NOT_FOUND', url)
    }
  })

  it('says the console is not built when there is no bundle', async () => {
    const empty = Fastify()
    registerProblemHandler(empty)
    await registerConsole(empty, { root: join(dir, 'nothing-here') })
    const answer = await empty.inject({ url: '/console' })
    assert.equal(answer.statusCode, 404)
    assert.equal(answer.json().code, 'NOT_FOUND')
    await empty.close()
  })
})

for (const target of DATABASE_TARGETS) {
  describe(`console API (session, members, keys) on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let other: CreatedOrg
    const users: Record<string, string> = {}
    const clock = new TestClock(Date.now())

    async function login(email: string, slug = 'acme'): Promise<{ cookie: string; csrf: string }> {
      const answer = await call(http, undefined, 'POST', '/v1/auth/login', {
        email,
        password: PASSWORD,
        org: slug,
      })
      assert.equal(answer.statusCode, 200, answer.body)
      const cookie = String(answer.headers['set-cookie']).split(';')[0]!
      return { cookie, csrf: answer.json().csrf_token }
    }

    function asSession(
      session: { cookie: string; csrf: string },
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      body?: unknown,
    ) {
      return call(http, undefined, method, url, body, {
        cookie: session.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }),
      })
    }

    async function mint(body: Record<string, unknown>): Promise<string> {
      const made = await call(http, org.ownerToken, 'POST', '/v1/tokens', { name: 'narrow', ...body })
      assert.equal(made.statusCode, 201, made.body)
      recordSecret(made.json().token)
      return made.json().token
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'acme', actor: 'test' })
      other = await createOrg(coffer, { slug: 'globex', actor: 'test' })
      for (const [email, role, where] of [
        ['owner@example.test', 'owner', org],
        ['second-owner@example.test', 'owner', org],
        ['admin@example.test', 'admin', org],
        ['member@example.test', 'member', org],
        ['leaver@example.test', 'admin', org],
        ['outsider@example.test', 'owner', other],
      ] as const) {
        const { id } = await createUser(coffer.db, { email, password: PASSWORD })
        await coffer.inTenant(where.orgId, (sql) => addMembership(sql, { userId: id, role }))
        users[email] = id
      }
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('GET /v1/session names the org, plan, limits, stored records, audit state and the signed-in user', async () => {
      await call(http, org.ownerToken, 'POST', '/v1/namespaces', { name: 'notes' })
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', {
        namespace: 'notes',
        content: 'hello',
      })
      assert.equal(stored.statusCode, 201)
      const session = await login('admin@example.test')
      const answer = await asSession(session, 'GET', '/v1/session')
      assert.equal(answer.statusCode, 200, answer.body)
      const body = answer.json()
      assert.deepEqual(body.org, { id: org.orgId, slug: 'acme', name: 'acme', plan: 'free' })
      assert.equal(body.limits.rate_limit_per_minute, 60)
      assert.equal(body.stored.records, 1)
      assert.ok(body.stored.content_bytes > 'hello'.length, 'ciphertext bytes')
      assert.equal(body.audit.verifies, true)
      assert.equal(body.principal.kind, 'session')
      assert.equal(body.principal.email, 'admin@example.test')
      assert.equal(body.principal.role, 'admin')
      assert.equal(JSON.stringify(body).includes(session.cookie.split('=')[1]!), false, 'no cookie echoed')
      const byToken = (await call(http, org.ownerToken, 'GET', '/v1/session')).json()
      assert.equal(byToken.principal.kind, 'token')
      assert.equal(byToken.principal.role, null, 'the owner token has no user')
    })

    it('a member (no admin scope) and a narrower token are refused', async () => {
      const member = await login('member@example.test')
      for (const url of ['/v1/session', '/v1/members', '/v1/keys']) {
        assert.equal((await asSession(member, 'GET', url)).json().code, 'INSUFFICIENT_SCOPE', url)
      }
      const leaver = users['leaver@example.test']!
      assert.equal(
        (await asSession(member, 'DELETE', `/v1/members/${leaver}`)).json().code,
        'INSUFFICIENT_SCOPE',
      )
      assert.equal((await asSession(member, 'POST', '/v1/keys/rotate')).json().code, 'INSUFFICIENT_SCOPE')
      const nsToken = await mint({ scopes: ['admin'], namespace: 'notes' })
      const agentToken = await mint({ scopes: ['admin'], agent: 'planner' })
      for (const token of [nsToken, agentToken]) {
        assert.equal((await call(http, token, 'GET', '/v1/members')).json().code, 'INSUFFICIENT_SCOPE')
        assert.equal(
          (await call(http, token, 'DELETE', `/v1/members/${leaver}`)).json().code,
          'INSUFFICIENT_SCOPE',
        )
        assert.equal((await call(http, token, 'GET', '/v1/keys')).json().code, 'INSUFFICIENT_SCOPE')
        assert.equal((await call(http, token, 'POST', '/v1/keys/rotate')).json().code, 'INSUFFICIENT_SCOPE')
      }
      const list = (await call(http, org.ownerToken, 'GET', '/v1/members')).json()
      assert.ok(
        list.items.some((m: { user_id: string }) => m.user_id === leaver),
        'nobody was removed',
      )
    })

    it('a mutation without the CSRF token is refused', async () => {
      const session = await login('owner@example.test')
      const leaver = users['leaver@example.test']!
      const answer = await call(http, undefined, 'DELETE', `/v1/members/${leaver}`, undefined, {
        cookie: session.cookie,
      })
      assert.equal(answer.json().code, 'CSRF_FAILED')
      const rotate = await call(http, undefined, 'POST', '/v1/keys/rotate', undefined, {
        cookie: session.cookie,
      })
      assert.equal(rotate.json().code, 'CSRF_FAILED')
    })

    it('GET /v1/members lists this org only, with roles; no password hash', async () => {
      const session = await login('owner@example.test')
      const answer = await asSession(session, 'GET', '/v1/members')
      assert.equal(answer.statusCode, 200)
      const items = answer.json().items as Array<Record<string, unknown>>
      assert.deepEqual(
        items.map((m) => [m.email, m.role]),
        [
          ['owner@example.test', 'owner'],
          ['second-owner@example.test', 'owner'],
          ['admin@example.test', 'admin'],
          ['member@example.test', 'member'],
          ['leaver@example.test', 'admin'],
        ],
      )
      assert.equal(items.find((m) => m.email === 'owner@example.test')!.is_caller, true)
      assert.doesNotMatch(answer.body, /argon2|password/)
    })

    it('removing a member revokes their tokens and sessions in this org, audited', async () => {
      const leaverId = users['leaver@example.test']!
      const leaver = await login('leaver@example.test')
      const made = await asSession(leaver, 'POST', '/v1/tokens', {
        name: 'leavers',
        scopes: ['records:read'],
      })
      assert.equal(made.statusCode, 201, made.body)
      const leaversToken = made.json().token as string
      recordSecret(leaversToken)
      assert.equal((await call(http, leaversToken, 'GET', '/v1/records')).statusCode, 200)
      const admin = await login('admin@example.test')
      const removed = await asSession(admin, 'DELETE', `/v1/members/${leaverId}`)
      assert.equal(removed.statusCode, 204, removed.body)
      assert.equal((await asSession(leaver, 'GET', '/v1/records')).json().code, 'SESSION_INVALID')
      assert.equal((await call(http, leaversToken, 'GET', '/v1/records')).json().code, 'TOKEN_REVOKED')
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const audit = (await call(http, org.ownerToken, 'GET', '/v1/audit?action=membership.removed')).json()
        .items
      assert.equal(audit.length, 1)
      assert.equal(audit[0].resource, `user:${leaverId}`)
      assert.match(audit[0].actor, /^session:/)
      assert.equal((await asSession(admin, 'DELETE', `/v1/members/${leaverId}`)).json().code, 'NOT_FOUND')
    })

    it('another org’s member answers 404, like an unknown id, and stays a member there', async () => {
      const outsider = users['outsider@example.test']!
      for (const id of [outsider, '00000000-0000-7000-8000-000000000000']) {
        const answer = await call(http, org.ownerToken, 'DELETE', `/v1/members/${id}`)
        assert.equal(answer.statusCode, 404)
        assert.equal(answer.json().code, 'NOT_FOUND')
      }
      const theirs = (await call(http, other.ownerToken, 'GET', '/v1/members')).json().items
      assert.deepEqual(
        theirs.map((m: { user_id: string }) => m.user_id),
        [outsider],
      )
      assert.equal(
        (await call(http, org.ownerToken, 'DELETE', '/v1/members/not-a-uuid')).json().code,
        'VALIDATION_FAILED',
      )
    })

    it('nobody removes themselves, an admin cannot remove an owner, and the last owner stays', async () => {
      const owner = await login('owner@example.test')
      const admin = await login('admin@example.test')
      const self = await asSession(owner, 'DELETE', `/v1/members/${users['owner@example.test']}`)
      assert.equal(self.json().code, 'CONFLICT')
      const up = await asSession(admin, 'DELETE', `/v1/members/${users['owner@example.test']}`)
      assert.equal(up.json().code, 'INSUFFICIENT_SCOPE')
      const second = await asSession(owner, 'DELETE', `/v1/members/${users['second-owner@example.test']}`)
      assert.equal(second.statusCode, 204)
      // The owner token has no user: it may remove owners, but not the last one.
      const last = await call(http, org.ownerToken, 'DELETE', `/v1/members/${users['owner@example.test']}`)
      assert.equal(last.json().code, 'CONFLICT')
    })

    it('GET /v1/keys and POST /v1/keys/rotate: a new version at once, envelopes re-encrypted, progress reported', async () => {
      const before = (await call(http, org.ownerToken, 'GET', '/v1/keys')).json()
      assert.deepEqual(
        before.versions.map((v: { version: number; state: string }) => [v.version, v.state]),
        [[1, 'active']],
      )
      assert.ok(before.versions[0].envelopes >= 1)
      assert.equal(before.rotation, null)
      assert.doesNotMatch(JSON.stringify(before), /root_key|wrapped/)
      const session = await login('owner@example.test')
      const started = await asSession(session, 'POST', '/v1/keys/rotate')
      assert.equal(started.statusCode, 202, started.body)
      assert.equal(started.json().target_version, 2)
      let keys = before
      for (let i = 0; i < 300; i++) {
        keys = (await call(http, org.ownerToken, 'GET', '/v1/keys')).json()
        if (keys.rotation === null) break
        assert.equal(keys.rotation.target_version, 2)
        await new Promise((r) => setTimeout(r, 50))
      }
      assert.equal(keys.rotation, null, 'the rotation finished')
      const states = Object.fromEntries(
        keys.versions.map((v: { version: number; state: string }) => [v.version, v.state]),
      )
      assert.equal(states[2], 'active')
      assert.notEqual(states[1], 'active')
      assert.equal(keys.versions.find((v: { version: number }) => v.version === 1).envelopes, 0)
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const audit = (await call(http, org.ownerToken, 'GET', '/v1/audit?action=key.rotated')).json().items
      assert.equal(audit.at(-1).resource, `org_key:${org.orgId}/v2`)
      const record = (await call(http, org.ownerToken, 'GET', '/v1/records')).json().items[0]
      assert.equal(
        (await call(http, org.ownerToken, 'GET', `/v1/records/${record.id}`)).json().content,
        'hello',
      )
      const theirs = (await call(http, other.ownerToken, 'GET', '/v1/keys')).json()
      assert.deepEqual(
        theirs.versions.map((v: { version: number }) => v.version),
        [1],
        'the other org’s key did not rotate',
      )
    })
  })
}
