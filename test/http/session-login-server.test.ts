import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { addMembership, createUser, setUserSuspended } from '../../src/auth/users.js'
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../../src/http/http-server.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'correct horse battery staple'

for (const target of DATABASE_TARGETS) {
  describe(`password login and sessions through the server on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock(Date.now())
    recordSecret(PASSWORD)

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      for (const [email, role] of [
        ['ada@example.test', 'member'],
        ['grace@example.test', 'admin'],
      ] as const) {
        const { id } = await createUser(coffer.db, { email, password: PASSWORD })
        await coffer.inTenant(org.orgId, (sql) => addMembership(sql, { userId: id, role }))
      }
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    async function login(
      email: string,
      remoteAddress = '203.0.113.10',
      headers: Record<string, string> = {},
    ) {
      const response = await http.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress,
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ email, password: PASSWORD, org: 'org-a' }),
      })
      const setCookie = String(response.headers['set-cookie'] ?? '')
      const cookie = setCookie.split(';')[0] ?? ''
      if (cookie) recordSecret(cookie.split('=')[1] ?? '')
      if (response.statusCode === 200) recordSecret(response.json().csrf_token)
      return {
        response,
        cookie,
        csrf: response.statusCode === 200 ? (response.json().csrf_token as string) : '',
      }
    }

    it('a session reads with its cookie; writes need the CSRF header; its scopes follow the role', async () => {
      const { response, cookie, csrf } = await login('ada@example.test')
      assert.equal(response.statusCode, 200)
      const read = await http.inject({ method: 'GET', url: '/v1/records', headers: { cookie } })
      assert.equal(read.statusCode, 200)
      const body = JSON.stringify({ content: 'from a browser' })
      const json = { cookie, 'content-type': 'application/json' }
      const noCsrf = await http.inject({ method: 'POST', url: '/v1/records', headers: json, payload: body })
      assert.equal(noCsrf.statusCode, 403)
      assert.equal(noCsrf.json().code, 'CSRF_FAILED')
      const withCsrf = await http.inject({
        method: 'POST',
        url: '/v1/records',
        headers: { ...json, 'x-csrf-token': csrf },
        payload: body,
      })
      assert.equal(withCsrf.statusCode, 201)
      const tokens = await http.inject({ method: 'GET', url: '/v1/tokens', headers: { cookie } })
      assert.equal(tokens.json().code, 'INSUFFICIENT_SCOPE', 'a member has no admin scope')
      const admin = await login('grace@example.test')
      assert.equal(
        (await http.inject({ method: 'GET', url: '/v1/tokens', headers: { cookie: admin.cookie } }))
          .statusCode,
        200,
      )
    })

    it('a bearer token wins over a cookie', async () => {
      const { cookie } = await login('ada@example.test')
      const both = await http.inject({
        method: 'GET',
        url: '/v1/tokens',
        headers: { cookie, authorization: `Bearer ${org.ownerToken}` },
      })
      assert.equal(both.statusCode, 200, 'the owner token, not the member session, decided')
    })

    it('a suspended user is stopped on existing sessions and at login', async () => {
      const { cookie } = await login('grace@example.test')
      await setUserSuspended(coffer.db, 'grace@example.test', { suspended: true })
      assert.equal(
        (await http.inject({ method: 'GET', url: '/v1/records', headers: { cookie } })).json().code,
        'ACCOUNT_SUSPENDED',
      )
      assert.equal((await login('grace@example.test')).response.json().code, 'ACCOUNT_SUSPENDED')
      await setUserSuspended(coffer.db, 'grace@example.test', { suspended: false })
    })

    it(`login is limited to ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute per client address; a forged X-Forwarded-For does not reset it`, async () => {
      const address = '198.51.100.77'
      for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) {
        assert.equal((await login('ada@example.test', address)).response.statusCode, 200, `attempt ${i + 1}`)
      }
      const refused = await login('ada@example.test', address, { 'x-forwarded-for': '192.0.2.1' })
      assert.equal(refused.response.statusCode, 429)
      assert.equal(refused.response.json().code, 'RATE_LIMITED')
      assert.ok(Number(refused.response.headers['retry-after']) > 0)
      assert.equal(
        (await login('ada@example.test', '198.51.100.78')).response.statusCode,
        200,
        'another client is not',
      )
      clock.advance(120_000)
      assert.equal(
        (await login('ada@example.test', address)).response.statusCode,
        200,
        'the window slides on',
      )
    })

    it('after three wrong passwords each attempt from that address waits 1, 2 ... s, even with the right password; a success clears it', async () => {
      const address = '198.51.100.90'
      const guess = (password: string) =>
        http.inject({
          method: 'POST',
          url: '/v1/auth/login',
          remoteAddress: address,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ email: 'ada@example.test', password, org: 'org-a' }),
        })
      clock.advance(120_000)
      for (let i = 0; i < 4; i++) {
        assert.equal((await guess(`wrong guess ${i}`)).json().code, 'INVALID_CREDENTIALS', `guess ${i + 1}`)
      }
      const held = await login('ada@example.test', address)
      assert.equal(held.response.statusCode, 429, 'the right password is not even checked')
      assert.equal(held.response.json().code, 'RATE_LIMITED')
      assert.equal(held.response.headers['retry-after'], '1')
      assert.equal(held.cookie, '')
      clock.advance(1000)
      assert.equal((await guess('wrong guess 5')).json().code, 'INVALID_CREDENTIALS')
      assert.equal((await guess('wrong guess 6')).headers['retry-after'], '2')
      assert.equal(
        (await login('ada@example.test', '198.51.100.91')).response.statusCode,
        200,
        'another address',
      )
      clock.advance(2000)
      assert.equal((await login('ada@example.test', address)).response.statusCode, 200)
      assert.equal((await guess('wrong again')).json().code, 'INVALID_CREDENTIALS', 'cleared: free again')
    })
  })
}
