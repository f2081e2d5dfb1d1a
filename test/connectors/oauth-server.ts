/**
 * A real OAuth 2.0 authorization server for the connector tests: `oidc-provider` (an OpenID
 * Certified implementation of RFC 6749, RFC 7636 PKCE and RFC 7009 revocation), listening on
 * loopback only, with one confidential client. The login and consent screens are replaced by
 * an interaction route that signs in a fixed account and grants what was asked: the rest
 * (codes, PKCE checks, token issuance, refresh, revocation) is the provider's own code.
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** What the server counted: each grant the token endpoint answered, by grant type. */
export interface OAuthServerCounts {
  authorizationCode: number
  refreshToken: number
  refused: number
}

/** A running authorization server. */
export interface OAuthServer {
  issuer: string
  authorizationEndpoint: string
  tokenEndpoint: string
  revocationEndpoint: string
  clientId: string
  clientSecret: string
  counts: OAuthServerCounts
  /** Milliseconds the token endpoint waits before answering a refresh (to overlap two instances). */
  refreshDelayMs: number
  /** Runs before the token endpoint answers any grant (to change Coffer's state mid-exchange). */
  beforeTokenAnswer: (() => Promise<void>) | null
  /** Follows the authorization URL as a signed-in user who consents; answers the redirect's URL. */
  authorizeAsUser(authorizationUrl: string): Promise<URL>
  /** RFC 7009: revokes a token at the server, with the client's credentials. */
  revoke(token: string): Promise<void>
  close(): Promise<void>
}

const ACCOUNT_ID = 'user-1'

/** Starts the server on 127.0.0.1 with a client whose redirect URI is `redirectUri`. */
export async function startOAuthServer(options: {
  redirectUri: string
  accessTokenTtlSeconds?: number
}): Promise<OAuthServer> {
  const server: Server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'coffer-test-client'
  const clientSecret = 'oauth-test-client-secret-0123456789abcdef'
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    features: { revocation: { enabled: true }, devInteractions: { enabled: false } },
    scopes: ['openid', 'offline_access', 'files.read'],
    ttl: { AccessToken: options.accessTokenTtlSeconds ?? 3600 },
    // A refresh token for every code grant of a client allowed the refresh_token grant.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    // Opaque access tokens (no resource indicators): what most OAuth providers hand out.
    cookies: { keys: ['oauth-test-cookie-key-0123456789'] },
  })
  provider.proxy = false
  const counts: OAuthServerCounts = { authorizationCode: 0, refreshToken: 0, refused: 0 }
  provider.on('grant.success', (ctx) => {
    const type = (ctx.oidc.params as { grant_type?: string } | undefined)?.grant_type
    if (type === 'authorization_code') counts.authorizationCode++
    if (type === 'refresh_token') counts.refreshToken++
  })
  provider.on('grant.error', () => counts.refused++)
  const callback = provider.callback()
  const state: OAuthServer = {
    issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    revocationEndpoint: `${issuer}/token/revocation`,
    clientId,
    clientSecret,
    counts,
    refreshDelayMs: 0,
    beforeTokenAnswer: null,
    authorizeAsUser: (url) => followAsUser(url),
    revoke: async (token) => {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token }).toString(),
      })
      if (response.status !== 200) throw new Error(`revocation answered ${response.status}`)
    },
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      if (request.url?.startsWith('/interaction/')) {
        // The user signs in and consents to everything asked: a grant, then back to the provider.
        const details = await provider.interactionDetails(request, response)
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: ACCOUNT_ID, clientId })
        const scope = String(details.params.scope ?? '')
        grant!.addOIDCScope(scope)
        const grantId = await grant!.save()
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: ACCOUNT_ID }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        )
        return
      }
      if (request.method === 'POST' && request.url === '/token' && state.refreshDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, state.refreshDelayMs))
      }
      if (request.method === 'POST' && request.url === '/token' && state.beforeTokenAnswer) {
        await state.beforeTokenAnswer()
      }
      callback(request, response)
    })().catch((error: unknown) => {
      response.statusCode = 500
      response.end(String(error))
    })
  })

  /** A browser: follows redirects on the server's own origin, carrying its cookies, until it leaves. */
  async function followAsUser(authorizationUrl: string): Promise<URL> {
    const cookies = new Map<string, string>()
    let next = new URL(authorizationUrl)
    for (let hop = 0; hop < 10; hop++) {
      if (next.origin !== issuer) return next
      const response = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const [name, ...value] = pair!.split('=')
        cookies.set(name!.trim(), value.join('='))
      }
      const location = response.headers.get('location')
      if (!location) throw new Error(`authorization stopped at ${response.status}: ${await response.text()}`)
      next = new URL(location, next)
    }
    throw new Error('too many redirects')
  }
  return state
}
