// Stops: login telling an attacker which emails have accounts (by answer or by work done), and
// suspension being revealed to someone who does not know the password.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { type PasswordVerifier, verifyAgainstDummy, verifyPassword } from '../../src/auth/passwords.js'
import { SessionService } from '../../src/auth/sessions.js'
import { addMembership, createUser, setUserSuspended } from '../../src/auth/users.js'
import { deriveKey } from '../../src/crypto/hkdf.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { CofferError } from '../../src/errors.js'
import { registerProblemHandler } from '../../src/http/problem.js'
import { registerAuthRoutes } from '../../src/http/routes/auth-routes.js'
import { loggerOptions } from '../../src/observability/logger.js'
import { type CreatedOrg, createOrg, setOrgSuspended } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { LogCapture, problemShape } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'a long and correct passphrase'
const WRONG = 'a long and wrong passphrase'

for (const target of DATABASE_TARGETS) {
  describe(`login answers alike for every wrong credential on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const logs = new LogCapture()
    const clock = new TestClock()
    const verifies: ('real' | 'dummy')[] = []
    const limiterCalls: string[] = []
    const counting: PasswordVerifier = {
      verify(hash, password) {
        verifies.push('real')
        return verifyPassword(hash, password)
      },
      verifyAgainstDummy(password) {
        verifies.push('dummy')
        return verifyAgainstDummy(password)
      },
    }

    before(async () => {
      recordSecret(PASSWORD)
      recordSecret(WRONG)
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      const sessions = new SessionService({
        secret: deriveKey(coffer.config.tokenSecret, 'coffer/session'),
        clock,
        passwords: counting,
      })
      http = Fastify({ logger: loggerOptions('trace', logs) })
      registerProblemHandler(http)
      await http.register(
        async (v1) =>
          registerAuthRoutes(v1, {
            db: coffer.db,
            sessions,
            loginRateLimit: async (request: FastifyRequest, outcome) => {
              limiterCalls.push(`${outcome}:${request.ip}`)
            },
          }),
        { prefix: '/v1' },
      )
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      // A real org the user is not a member of.
      await createOrg(coffer, { slug: 'org-b', actor: 'test' })
      const member = await createUser(coffer.db, { email: 'Ada@Example.test ', password: PASSWORD })
      const passwordless = await createUser(coffer.db, { email: 'sso-only@example.test' })
      const suspended = await createUser(coffer.db, { email: 'gone@example.test', password: PASSWORD })
      await withTenant(coffer.db, org.orgId, async (sql) => {
        await addMembership(sql, { userId: member.id, role: 'member' })
        await addMembership(sql, { userId: passwordless.id, role: 'member' })
        await addMembership(sql, { userId: suspended.id, role: 'member' })
      })
      await setUserSuspended(coffer.db, 'gone@example.test', { suspended: true })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })
    beforeEach(() => {
      verifies.length = 0
      limiterCalls.length = 0
    })

    const login = (body: Record<string, unknown>) =>
      http.inject({ method: 'POST', url: '/v1/auth/login', payload: body })

    it('the right email, password and org open a session (email matched trimmed and case-blind)', async () => {
      const response = await login({ email: '  ADA@example.TEST', password: PASSWORD, org: 'org-a' })
      assert.equal(response.statusCode, 200)
      recordSecret(response.json().csrf_token)
      assert.deepEqual(verifies, ['real'])
      assert.deepEqual(limiterCalls, ['attempt:127.0.0.1', 'success:127.0.0.1'])
    })

    it('wrong password, unknown email, no membership, unknown org and no password: one body, one verify', async () => {
      const cases: [string, Record<string, string>, 'real' | 'dummy'][] = [
        ['wrong password', { email: 'ada@example.test', password: WRONG, org: 'org-a' }, 'real'],
        ['unknown email', { email: 'nobody@example.test', password: PASSWORD, org: 'org-a' }, 'dummy'],
        ['not a member of the org', { email: 'ada@example.test', password: PASSWORD, org: 'org-b' }, 'real'],
        ['unknown org', { email: 'ada@example.test', password: PASSWORD, org: 'no-such-org' }, 'real'],
        [
          'user without a password',
          { email: 'sso-only@example.test', password: PASSWORD, org: 'org-a' },
          'dummy',
        ],
      ]
      const shapes: unknown[] = []
      for (const [name, body, expectedVerify] of cases) {
        verifies.length = 0
        limiterCalls.length = 0
        const response = await login(body)
        assert.equal(response.json().code, 'INVALID_CREDENTIALS', name)
        assert.equal(response.headers['set-cookie'], undefined, name)
        assert.deepEqual(verifies, [expectedVerify], `${name}: exactly one Argon2 verify`)
        assert.deepEqual(limiterCalls, ['attempt:127.0.0.1', 'failure:127.0.0.1'], name)
        shapes.push(problemShape(response))
      }
      for (const shape of shapes.slice(1)) assert.deepEqual(shape, shapes[0])
      assert.deepEqual(shapes[0], {
        status: 401,
        contentType: 'application/problem+json; charset=utf-8',
        type: 'urn:coffer:problem:invalid-credentials',
        title: 'invalid credentials',
        code: 'INVALID_CREDENTIALS',
        detail: 'email or password is wrong',
      })
    })

    it('a suspended user learns of it only with the right password', async () => {
      const wrong = await login({ email: 'gone@example.test', password: WRONG, org: 'org-a' })
      assert.equal(wrong.json().code, 'INVALID_CREDENTIALS')
      const right = await login({ email: 'gone@example.test', password: PASSWORD, org: 'org-a' })
      assert.equal(right.statusCode, 403)
      assert.equal(right.json().code, 'ACCOUNT_SUSPENDED')
      assert.equal(right.headers['set-cookie'], undefined)
      assert.deepEqual(verifies, ['real', 'real'])
    })

    it('a suspended org refuses login with ACCOUNT_SUSPENDED, after the password verified', async () => {
      await setOrgSuspended(coffer, 'org-a', { suspended: true, actor: 'test' })
      try {
        const wrong = await login({ email: 'ada@example.test', password: WRONG, org: 'org-a' })
        assert.equal(wrong.json().code, 'INVALID_CREDENTIALS')
        const right = await login({ email: 'ada@example.test', password: PASSWORD, org: 'org-a' })
        assert.equal(right.json().code, 'ACCOUNT_SUSPENDED')
      } finally {
        await setOrgSuspended(coffer, 'org-a', { suspended: false, actor: 'test' })
      }
      assert.equal(
        (await login({ email: 'ada@example.test', password: PASSWORD, org: 'org-a' })).statusCode,
        200,
      )
    })

    it('malformed input is VALIDATION_FAILED before any verify, naming the field only', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'ada@example.test', password: PASSWORD }, 'org'],
        [{ email: 'ada@example.test', password: 'x'.repeat(4097), org: 'org-a' }, 'password'],
        [{ email: 'ada@example.test', password: PASSWORD, org: 'Org A' }, 'org'],
        [{ email: 'ada@example.test', password: PASSWORD, org: 'org-a', extra: 1 }, 'body'],
      ]
      for (const [body, field] of cases) {
        const response = await login(body)
        assert.equal(response.json().code, 'VALIDATION_FAILED')
        assert.ok(response.json().detail.startsWith(field), response.json().detail)
        assert.equal(response.body.includes(PASSWORD), false)
      }
      assert.deepEqual(verifies, [])
      assert.deepEqual(limiterCalls, [])
    })

    it('a refusing limiter stops the login before any verify', async () => {
      const sessions = new SessionService({
        secret: deriveKey(coffer.config.tokenSecret, 'coffer/session'),
        clock,
        passwords: counting,
      })
      const limited = Fastify()
      registerProblemHandler(limited)
      await limited.register(
        async (v1) =>
          registerAuthRoutes(v1, {
            db: coffer.db,
            sessions,
            loginRateLimit: async () => {
              throw new CofferError('RATE_LIMITED', 'too many login attempts')
            },
          }),
        { prefix: '/v1' },
      )
      const response = await limited.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'ada@example.test', password: PASSWORD, org: 'org-a' },
      })
      assert.equal(response.json().code, 'RATE_LIMITED')
      assert.deepEqual(verifies, [])
      await limited.close()
    })

    it('no password reached the logs', () => {
      const text = logs.text()
      assert.ok(logs.lines.length > 10, 'the logger captured the requests')
      for (const secret of [PASSWORD, WRONG]) assert.equal(text.includes(secret), false)
    })
  })
}
