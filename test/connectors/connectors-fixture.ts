/**
 * A Coffer with connectors on, a real OAuth authorization server (oidc-provider) on loopback, an
 * operator token, a provider registered for that server, and two orgs.
 */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Coffer } from '../../src/app.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import type { DatabaseTarget, TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'
import { type OAuthServer, startOAuthServer } from './oauth-server.js'

/** Where the provider sends the browser back: never connected to, the test injects it. */
export const REDIRECT_URL = 'https://coffer.example.test/v1/connectors/callback'
export const PROVIDER = 'test-idp'
/** The access token lifetime the authorization server gives. */
export const ACCESS_TOKEN_TTL_SECONDS = 120

export interface ConnectorsFixture {
  testDb: TestDatabase
  coffer: Coffer
  http: FastifyInstance
  logs: LogCapture
  clock: TestClock
  oauth: OAuthServer
  operatorToken: string
  orgA: CreatedOrg
  orgB: CreatedOrg
  /** Authorize, consent at the server, return the callback request as the browser would send it. */
  startAndConsent(token: string): Promise<{ callbackUrl: string; state: string }>
  /** GET /v1/connectors/callback with that URL's query (no credential, like a browser). */
  callback(callbackUrl: string): Promise<LightMyRequestResponse>
  /** The whole flow: returns the new credential's id. */
  connect(token: string): Promise<string>
  close(): Promise<void>
}

export async function openConnectorsFixture(
  target: DatabaseTarget,
  options: { config?: Partial<KeyedConfig> } = {},
): Promise<ConnectorsFixture> {
  const testDb = await target.create()
  const clock = new TestClock()
  const coffer = await wireTestCoffer(testDb.db, {
    clock,
    config: { connectorsRedirectUrl: REDIRECT_URL, requirePublicTargets: false, ...options.config },
  })
  const { http, logs } = await buildTestServer(coffer)
  const oauth = await startOAuthServer({
    redirectUri: REDIRECT_URL,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  })
  recordSecret(oauth.clientSecret)
  const operatorToken = (await coffer.operatorTokens.create({ name: 'ops', actor: 'test' })).token
  recordSecret(operatorToken)
  const registered = await call(http, operatorToken, 'POST', '/v1/connectors/providers', {
    name: PROVIDER,
    authorization_endpoint: oauth.authorizationEndpoint,
    token_endpoint: oauth.tokenEndpoint,
    client_id: oauth.clientId,
    client_secret: oauth.clientSecret,
    scopes: ['openid', 'offline_access'],
  })
  assert.equal(registered.statusCode, 201, registered.body)
  const orgA = await createOrg(coffer, { slug: 'conn-a', actor: 'test' })
  const orgB = await createOrg(coffer, { slug: 'conn-b', actor: 'test' })
  const callback = (callbackUrl: string) => {
    const url = new URL(callbackUrl)
    return http.inject({ method: 'GET', url: `${url.pathname}${url.search}` })
  }
  const startAndConsent = async (token: string) => {
    const started = await call(http, token, 'POST', `/v1/connectors/${PROVIDER}/authorize`)
    assert.equal(started.statusCode, 200, started.body)
    const back = await oauth.authorizeAsUser(started.json().authorization_url)
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URL)
    // The authorization code is a credential too: no log line or table may hold it.
    recordSecret(back.searchParams.get('code')!)
    return { callbackUrl: back.toString(), state: back.searchParams.get('state')! }
  }
  return {
    testDb,
    coffer,
    http,
    logs,
    clock,
    oauth,
    operatorToken,
    orgA,
    orgB,
    startAndConsent,
    callback,
    async connect(token) {
      const { callbackUrl } = await startAndConsent(token)
      const connected = await callback(callbackUrl)
      assert.equal(connected.statusCode, 201, connected.body)
      return connected.json().id
    },
    async close() {
      await http.close()
      await oauth.close()
      await testDb.drop()
    },
  }
}

/** Resolves the credential's access token as `token`; records it as a secret for the leak checks. */
export async function resolveAccessToken(f: ConnectorsFixture, token: string, id: string): Promise<string> {
  const resolved = await call(f.http, token, 'POST', `/v1/connectors/${id}/resolve`, {
    purpose: 'sync files',
  })
  assert.equal(resolved.statusCode, 200, resolved.body)
  const accessToken = resolved.json().access_token as string
  recordSecret(accessToken)
  return accessToken
}
