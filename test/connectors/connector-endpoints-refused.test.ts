// Stops: a provider endpoint that points the server at its own network (SSRF through the code
// exchange or the refresh job), a misconfigured callback URL that leaks codes over plain http,
// and a config error that echoes the value it refused.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { loadConfig } from '../../src/config/config.js'
import { isCofferError } from '../../src/errors.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

describe('COFFER_CONNECTORS_REDIRECT_URL', () => {
  it('accepts an absolute https URL, and refuses others naming the variable, never the value', () => {
    assert.equal(
      loadConfig({ COFFER_CONNECTORS_REDIRECT_URL: 'https://vault.example.com/v1/connectors/callback' })
        .connectorsRedirectUrl,
      'https://vault.example.com/v1/connectors/callback',
    )
    assert.equal(loadConfig({}).connectorsRedirectUrl, undefined)
    for (const bad of [
      'not a url',
      'ftp://x.example/cb',
      'https://user:pw-secret@x.example/cb',
      'https://x.example/cb#frag',
    ]) {
      assert.throws(
        () => loadConfig({ COFFER_CONNECTORS_REDIRECT_URL: bad }),
        (error: unknown) =>
          isCofferError(error, 'CONFIG_INVALID') &&
          error.message.includes('COFFER_CONNECTORS_REDIRECT_URL') &&
          !error.message.includes(bad),
      )
    }
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          COFFER_CONNECTORS_REDIRECT_URL: 'http://vault.example.com/v1/connectors/callback',
        }),
      (error: unknown) => isCofferError(error, 'CONFIG_INVALID') && error.message.includes('https'),
    )
  })
})

for (const target of DATABASE_TARGETS) {
  describe(`connector endpoints under the outbound policy on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let operatorToken: string
    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { config: { requirePublicTargets: true } })
      ;({ http } = await buildTestServer(coffer))
      operatorToken = (await coffer.operatorTokens.create({ name: 'ops', actor: 'test' })).token
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const register = (overrides: Record<string, unknown>) =>
      call(http, operatorToken, 'POST', '/v1/connectors/providers', {
        name: 'idp',
        authorization_endpoint: 'https://idp.example.com/authorize',
        token_endpoint: 'https://idp.example.com/token',
        client_id: 'client',
        client_secret: 'client-secret-value',
        scopes: ['read'],
        ...overrides,
      })

    it('in public-targets mode, plain http and non-public literal endpoints are refused with UNSAFE_URL', async () => {
      for (const token_endpoint of [
        'http://idp.example.com/token',
        'https://127.0.0.1/token',
        'https://[::1]/token',
        'https://169.254.169.254/latest/meta-data',
        'https://user:pw@idp.example.com/token',
      ]) {
        const answered = await register({ token_endpoint })
        assert.equal(answered.statusCode, 422, token_endpoint)
        assert.equal(answered.json().code, 'UNSAFE_URL')
        assert.ok(answered.json().detail.startsWith('token_endpoint:'), answered.body)
      }
      const badAuthorize = await register({ authorization_endpoint: 'https://10.0.0.1/authorize' })
      assert.equal(badAuthorize.json().code, 'UNSAFE_URL')
      const { rows } = await testDb.db.query('SELECT 1 FROM connector_providers')
      assert.equal(rows.length, 0)
    })

    it('bad names and scopes answer VALIDATION_FAILED; a good provider registers', async () => {
      assert.equal((await register({ name: 'Bad Name' })).json().code, 'VALIDATION_FAILED')
      assert.equal((await register({ scopes: ['has space'] })).json().code, 'VALIDATION_FAILED')
      assert.equal((await register({ client_secret: '' })).json().code, 'VALIDATION_FAILED')
      assert.equal((await register({ extra: true })).json().code, 'VALIDATION_FAILED')
      const ok = await register({})
      assert.equal(ok.statusCode, 201, ok.body)
      assert.equal(ok.body.includes('client-secret-value'), false)
    })

    it('without COFFER_CONNECTORS_REDIRECT_URL, authorize answers 501 CONNECTORS_NOT_CONFIGURED', async () => {
      const org = await createOrg(coffer, { slug: 'no-connectors', actor: 'test' })
      const answered = await call(http, org.ownerToken, 'POST', '/v1/connectors/idp/authorize')
      assert.equal(answered.statusCode, 501)
      assert.equal(answered.json().code, 'CONNECTORS_NOT_CONFIGURED')
    })
  })
}
