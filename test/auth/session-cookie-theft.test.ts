// Stops: a session cookie readable by scripts or sent cross-site, a stolen sessions table (or log)
// opening sessions, sessions outliving their expiry, logout or suspension, and cross-site requests
// riding a victim's cookie (CSRF).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { ROLE_SCOPES } from '../../src/auth/scopes.js'
import { readSessionCookie, SESSION_COOKIE, SessionService } from '../../src/auth/sessions.js'
import { addMembership, createUser, setUserSuspended } from '../../src/auth/users.js'
import { deriveKey } from '../../src/crypto/hkdf.js'
import { hmacSha256 } from '../../src/crypto/hmac.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { isCofferError } from '../../src/errors.js'
import { registerProblemHandler } from '../../src/http/problem.js'
import { registerAuthRoutes } from '../../src/http/routes/auth-routes.js'
import { loggerOptions } from '../../src/observability/logger.js'
import { type CreatedOrg, createOrg, setOrgSuspended } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { LogCapture } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'session test passphrase 1'
const DAY_MS = 24 * 3600 * 1000

interface LoggedIn {
  cookie: string
  csrf: string
  sessionId: string
  setCookie: string
}

for (const target of DATABASE_TARGETS) {
  describe(`browser sessions on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let sessions: SessionService
    let secret: Buffer
    let org: CreatedOrg
    const logs = new LogCapture()
    const clock = new TestClock()
    /** Every secret a login produced: none may reach a log line or a table in readable form. */
    const issued: LoggedIn[] = []

    before(async () => {
      recordSecret(PASSWORD)
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      secret = deriveKey(coffer.config.tokenSecret, 'coffer/session')
      sessions = new SessionService({ secret, clock })
      http = Fastify({ logger: loggerOptions('trace', logs) })
      registerProblemHandler(http)
      await http.register(async (v1) => registerAuthRoutes(v1, { db: coffer.db, sessions }), {
        prefix: '/v1',
      })
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      for (const [email, role] of [
        ['owner@example.test', 'owner'],
        ['member@example.test', 'member'],
      ] as const) {
        const user = await createUser(coffer.db, { email, password: PASSWORD })
        await withTenant(coffer.db, org.orgId, (sql) => addMembership(sql, { userId: user.id, role }))
      }
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    async function login(email = 'member@example.test'): Promise<LoggedIn> {
      const response = await http.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email, password: PASSWORD, org: 'org-a' },
      })
      assert.equal(response.statusCode, 200, response.body)
      const setCookie = String(response.headers['set-cookie'])
      const cookie = readSessionCookie(setCookie.split(';')[0])
      assert.ok(cookie)
      const body = response.json()
      const hash = hmacSha256(secret, cookie)
      for (const form of [
        cookie,
        body.csrf_token,
        body.session_id,
        hash.toString('hex'),
        hash.toString('base64'),
      ]) {
        recordSecret(form)
      }
      recordSecret(hash.toString('base64url'))
      const loggedIn = { cookie, csrf: body.csrf_token, sessionId: body.session_id, setCookie }
      issued.push(loggedIn)
      return loggedIn
    }

    function logout(cookie: string | undefined, csrf: string | undefined): Promise<LightMyRequestResponse> {
      return http.inject({
        method: 'POST',
        url: '/v1/auth/logout',
        headers: {
          ...(cookie === undefined ? {} : { cookie: `theme=dark; ${SESSION_COOKIE}=${cookie}` }),
          ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
        },
      })
    }

    async function refusal(cookie: string): Promise<string> {
      try {
        await sessions.authenticate(coffer.db, cookie)
        return 'accepted'
      } catch (error) {
        assert.ok(isCofferError(error))
        return error.code
      }
    }

    it('sets a script-proof, same-site-only cookie of 32 random bytes, expiring with the session', async () => {
      const session = await login()
      const [pair, ...attributes] = session.setCookie.split('; ')
      assert.equal(pair, `coffer_session=${session.cookie}`)
      assert.match(session.cookie, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(Buffer.from(session.cookie, 'base64url').length, 32)
      assert.deepEqual(attributes.slice(0, 4), ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict'])
      assert.equal(attributes[4], `Expires=${new Date(clock.now() + DAY_MS).toUTCString()}`)
      assert.notEqual((await login()).cookie, session.cookie)
    })

    it('the login answer carries the session id, expiry and CSRF token, and is not cached', async () => {
      const response = await http.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'member@example.test', password: PASSWORD, org: 'org-a' },
      })
      const body = response.json()
      assert.deepEqual(Object.keys(body).sort(), ['csrf_token', 'expires_at', 'session_id'])
      assert.equal(body.expires_at, new Date(clock.now() + DAY_MS).toISOString())
      assert.match(body.csrf_token, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(response.headers['cache-control'], 'no-store')
      const cookie = readSessionCookie(String(response.headers['set-cookie']).split(';')[0])!
      recordSecret(cookie)
      recordSecret(body.csrf_token)
      assert.equal(body.csrf_token.includes(cookie), false)
    })

    it('a session is a principal with its role scopes, its org and its own actor', async () => {
      const member = await login()
      const principal = await sessions.authenticate(coffer.db, member.cookie)
      assert.deepEqual(principal, {
        orgId: org.orgId,
        kind: 'session',
        credentialId: member.sessionId,
        userId: principal.userId,
        scopes: [...ROLE_SCOPES.member],
        actor: `session:${member.sessionId}`,
        agent: null,
        namespaceId: null,
        rateLimitPerMinute: 60,
        expiresAt: principal.expiresAt,
      })
      assert.ok(principal.expiresAt instanceof Date, 'a session principal carries its end')
      const owner = await sessions.authenticate(coffer.db, (await login('owner@example.test')).cookie)
      assert.deepEqual(owner.scopes, [...ROLE_SCOPES.owner])
    })

    it('stores only the HMAC of the cookie: no table holds it, its bytes, the CSRF token or the password', async () => {
      const session = await login()
      const stored = await coffer.db.query<{ session_hash: Uint8Array }>(
        'SELECT session_hash FROM sessions WHERE id = $1',
        [session.sessionId],
      )
      assert.ok(Buffer.from(stored.rows[0]!.session_hash).equals(hmacSha256(secret, session.cookie)))
      const tables = await coffer.db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
      assert.ok(tables.rows.some((row) => row.table_name === 'sessions'))
      for (const { table_name } of tables.rows) {
        const dump = await coffer.db.query<{ t: string | null }>(
          `SELECT string_agg(t::text, '|') AS t FROM "${table_name}" t`,
        )
        const text = dump.rows[0]!.t ?? ''
        for (const { cookie, csrf } of issued) {
          const forms = [PASSWORD, cookie, csrf, Buffer.from(cookie, 'base64url').toString('hex')]
          for (const form of forms) assert.equal(text.includes(form), false, `${table_name} holds a secret`)
        }
      }
    })

    it('refuses malformed and unknown cookies with SESSION_INVALID', async () => {
      const session = await login()
      assert.equal(await refusal(''), 'SESSION_INVALID')
      assert.equal(await refusal(`${session.cookie}x`), 'SESSION_INVALID')
      assert.equal(await refusal(Buffer.alloc(32).toString('base64url')), 'SESSION_INVALID')
      // The stored hash itself is not a cookie.
      assert.equal(await refusal(hmacSha256(secret, session.cookie).toString('base64url')), 'SESSION_INVALID')
    })

    it('a session ends after 24 hours: SESSION_INVALID', async () => {
      const start = clock.now()
      const session = await login()
      clock.advance(DAY_MS - 1000)
      assert.equal(await refusal(session.cookie), 'accepted')
      clock.advance(1000)
      assert.equal(await refusal(session.cookie), 'SESSION_INVALID')
      const response = await logout(session.cookie, session.csrf)
      assert.equal(response.json().code, 'SESSION_INVALID')
      clock.advance(start - clock.now())
    })

    it('CSRF: a missing, wrong or other session’s token is CSRF_FAILED; the bound one passes', async () => {
      const victim = await login()
      const attacker = await login()
      for (const csrf of [undefined, '', 'x'.repeat(43), attacker.csrf, `${victim.csrf} `]) {
        const response = await logout(victim.cookie, csrf)
        assert.equal(response.statusCode, 403)
        assert.equal(response.json().code, 'CSRF_FAILED')
      }
      assert.equal(await refusal(victim.cookie), 'accepted', 'the refused requests did nothing')
      assert.throws(
        () => sessions.verifyCsrf(victim.cookie, attacker.csrf),
        (error) => isCofferError(error, 'CSRF_FAILED'),
      )
      sessions.verifyCsrf(victim.cookie, victim.csrf)
      assert.equal((await logout(victim.cookie, victim.csrf)).statusCode, 204)
    })

    it('logout revokes the session (SESSION_INVALID afterwards) and clears the cookie', async () => {
      const session = await login()
      const response = await logout(session.cookie, session.csrf)
      assert.equal(response.statusCode, 204)
      assert.equal(
        response.headers['set-cookie'],
        'coffer_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0',
      )
      assert.equal(await refusal(session.cookie), 'SESSION_INVALID')
      assert.equal((await logout(session.cookie, session.csrf)).json().code, 'SESSION_INVALID')
      const revoked = await coffer.db.query<{ revoked_at: Date | null }>(
        'SELECT revoked_at FROM sessions WHERE id = $1',
        [session.sessionId],
      )
      assert.equal(revoked.rows[0]!.revoked_at?.getTime(), clock.now())
    })

    it('logout without the cookie is UNAUTHENTICATED; two session cookies are refused, not guessed', async () => {
      const session = await login()
      assert.equal((await logout(undefined, session.csrf)).json().code, 'UNAUTHENTICATED')
      const planted = await http.inject({
        method: 'POST',
        url: '/v1/auth/logout',
        headers: {
          cookie: `${SESSION_COOKIE}=${session.cookie}; ${SESSION_COOKIE}=${session.cookie}`,
          'x-csrf-token': session.csrf,
        },
      })
      assert.equal(planted.json().code, 'UNAUTHENTICATED')
      assert.equal(readSessionCookie(undefined), undefined)
      assert.equal(readSessionCookie(`a=b;${SESSION_COOKIE}=v1`), 'v1')
      assert.equal(readSessionCookie(`x${SESSION_COOKIE}=v1`), undefined)
    })

    it('suspending the user or the org stops an existing session with ACCOUNT_SUSPENDED', async () => {
      const session = await login()
      await setUserSuspended(coffer.db, 'MEMBER@example.test', { suspended: true })
      assert.equal(await refusal(session.cookie), 'ACCOUNT_SUSPENDED')
      assert.equal((await logout(session.cookie, session.csrf)).json().code, 'ACCOUNT_SUSPENDED')
      await setUserSuspended(coffer.db, 'member@example.test', { suspended: false })
      assert.equal(await refusal(session.cookie), 'accepted')
      await setOrgSuspended(coffer, 'org-a', { suspended: true, actor: 'test' })
      assert.equal(await refusal(session.cookie), 'ACCOUNT_SUSPENDED')
      await setOrgSuspended(coffer, 'org-a', { suspended: false, actor: 'test' })
      assert.equal(await refusal(session.cookie), 'accepted')
      await assert.rejects(setUserSuspended(coffer.db, 'nobody@example.test', { suspended: true }), (error) =>
        isCofferError(error, 'NOT_FOUND'),
      )
    })

    it('no password, cookie, CSRF token, session id or session hash reached the logs', () => {
      const text = logs.text()
      assert.ok(logs.lines.length > 20, 'the logger captured the requests')
      assert.ok(issued.length > 5)
      for (const { cookie, csrf, sessionId } of issued) {
        const hash = hmacSha256(secret, cookie)
        for (const form of [
          PASSWORD,
          cookie,
          csrf,
          sessionId,
          hash.toString('hex'),
          hash.toString('base64'),
          hash.toString('base64url'),
        ]) {
          assert.equal(text.includes(form), false)
        }
      }
    })
  })
}
