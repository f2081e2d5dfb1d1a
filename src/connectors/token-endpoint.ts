/**
 * Calls a provider's token endpoint (RFC 6749 sections 4.1.3 and 6) through the outbound guard:
 * the same SSRF policy as webhooks (no redirects; with COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS only
 * https to public addresses, resolved once and pinned). The client authenticates with HTTP Basic
 * (`client_secret_basic`, section 2.3.1). Errors name the host at most: never a token, a code or
 * the client secret.
 */
import { CofferError } from '../errors.js'
import { guardedRequest } from '../net/outbound-request.js'

/** Time limit of one token request. */
export const TOKEN_REQUEST_TIMEOUT_MS = 10_000

/** Largest token response read. */
const MAX_TOKEN_RESPONSE_BYTES = 32 * 1024

/** A successful token response. Redacts itself when logged. */
export interface TokenGrant {
  accessToken: string
  refreshToken: string | null
  /** Seconds the access token lives, when the provider says. */
  expiresIn: number | null
  scope: string | null
}

/** How a token request ended. `refused`: the provider answered with an OAuth error (RFC 6749 5.2). */
export type TokenOutcome =
  | { kind: 'granted'; grant: TokenGrant }
  | { kind: 'refused'; error: string }
  | { kind: 'unreachable'; reason: string }

/** `application/x-www-form-urlencoded` encoding of a client credential (RFC 6749 section 2.3.1). */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+')

/** What a token request sends. */
export interface TokenRequest {
  tokenEndpoint: string
  clientId: string
  clientSecret: Buffer
  params: Record<string, string>
  requirePublic: boolean
}

/**
 * Sends one token request and classifies the answer; never throws for what the provider says.
 * @throws UNSAFE_URL when the endpoint is refused by the outbound policy
 */
export async function requestToken(request: TokenRequest): Promise<TokenOutcome> {
  const credentials = `${formEncode(request.clientId)}:${formEncode(request.clientSecret.toString('utf8'))}`
  let response: Awaited<ReturnType<typeof guardedRequest>>
  try {
    response = await guardedRequest(request.tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
      },
      body: new URLSearchParams(request.params).toString(),
      timeoutMs: TOKEN_REQUEST_TIMEOUT_MS,
      requirePublic: request.requirePublic,
      maxBodyBytes: MAX_TOKEN_RESPONSE_BYTES,
    })
  } catch (error) {
    if (error instanceof CofferError && error.code === 'UNSAFE_URL') throw error
    if (error instanceof CofferError) return { kind: 'unreachable', reason: error.code }
    throw error
  }
  const body = parseJsonObject(response.bodyComplete ? response.body : Buffer.alloc(0))
  if (response.status === 200 && body && typeof body.access_token === 'string' && body.access_token !== '') {
    const expiresIn = Number(body.expires_in)
    return {
      kind: 'granted',
      grant: {
        accessToken: body.access_token,
        refreshToken:
          typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : null,
        expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? Math.floor(expiresIn) : null,
        scope: typeof body.scope === 'string' ? body.scope.slice(0, 2048) : null,
      },
    }
  }
  // RFC 6749 5.2: 400 (or 401 for client authentication) with an `error` code is a refusal.
  if ((response.status === 400 || response.status === 401) && body && typeof body.error === 'string') {
    return {
      kind: 'refused',
      error: /^[\x20-\x21\x23-\x5B\x5D-\x7E]{1,64}$/.test(body.error) ? body.error : 'invalid',
    }
  }
  return { kind: 'unreachable', reason: `status ${response.status}` }
}

function parseJsonObject(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
