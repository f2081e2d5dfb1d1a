/**
 * The `state` of an OAuth authorization (RFC 6749 section 10.12) and its PKCE verifier (RFC 7636).
 *
 * A state is `cs1.<payload>.<mac>`: base64url of a JSON payload `{sid, org, actor, provider, exp}`
 * and HMAC-SHA256 over `cs1.<payload>` under a key derived from COFFER_TOKEN_SECRET
 * (`coffer/connector-state`). The HMAC binds it to the org and the caller that started the flow
 * and to its 10-minute expiry; the database row named by `sid` makes it single-use. Any bad state
 * (tampered, expired, unknown version, replayed, another org's) is one `STATE_INVALID`.
 *
 * The PKCE verifier is HMAC-SHA256(`coffer/connector-pkce` key, sid), base64url: 43 characters of
 * the unreserved set, never stored, and only the callback that holds a valid state can derive it.
 */
import { createHash } from 'node:crypto'
import { constantTimeEqual } from '../crypto/compare.js'
import { deriveKey } from '../crypto/hkdf.js'
import { hmacSha256 } from '../crypto/hmac.js'
import { CofferError } from '../errors.js'

/** How long a state is accepted after the authorization started. */
export const STATE_TTL_SECONDS = 600

const STATE_VERSION = 'cs1'
const BASE64URL = /^[A-Za-z0-9_-]+$/
const MAX_STATE_LENGTH = 1024

/** What a state carries. */
export interface StatePayload {
  /** The `connector_states` row that makes it single-use. */
  sid: string
  org: string
  actor: string
  provider: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

const invalid = () => new CofferError('STATE_INVALID', 'state is invalid, expired or already used')

/** Signs and checks connector states; derives PKCE verifiers. */
export class ConnectorStateSigner {
  readonly #stateKey: Buffer
  readonly #pkceKey: Buffer

  constructor(tokenSecret: Uint8Array) {
    this.#stateKey = deriveKey(tokenSecret, 'coffer/connector-state')
    this.#pkceKey = deriveKey(tokenSecret, 'coffer/connector-pkce')
  }

  /** The state token of `payload`. */
  sign(payload: StatePayload): string {
    const body = `${STATE_VERSION}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`
    return `${body}.${hmacSha256(this.#stateKey, body).toString('base64url')}`
  }

  /**
   * The payload of a state signed here and not expired at `nowMs`. Single use is the caller's
   * check (in the database).
   * @throws STATE_INVALID
   */
  verify(state: string, nowMs: number): StatePayload {
    if (state.length > MAX_STATE_LENGTH) throw invalid()
    const parts = state.split('.')
    if (parts.length !== 3 || parts[0] !== STATE_VERSION) throw invalid()
    const [, payload, mac] = parts as [string, string, string]
    if (!BASE64URL.test(payload) || !BASE64URL.test(mac)) throw invalid()
    const expected = hmacSha256(this.#stateKey, `${STATE_VERSION}.${payload}`)
    if (!constantTimeEqual(expected, Buffer.from(mac, 'base64url'))) throw invalid()
    let parsed: StatePayload
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StatePayload
    } catch (cause) {
      throw new CofferError('STATE_INVALID', 'state is invalid, expired or already used', { cause })
    }
    if (typeof parsed.exp !== 'number' || parsed.exp * 1000 <= nowMs) throw invalid()
    return parsed
  }

  /** The PKCE code verifier of the authorization `sid` (RFC 7636: 43 unreserved characters). */
  codeVerifier(sid: string): string {
    return hmacSha256(this.#pkceKey, `pkce/${sid}`).toString('base64url')
  }

  /** The S256 code challenge of the authorization `sid`. */
  codeChallenge(sid: string): string {
    return createHash('sha256').update(this.codeVerifier(sid), 'ascii').digest('base64url')
  }
}
