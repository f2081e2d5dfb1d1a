import { CofferError, isCofferError } from '../errors.js'
import { guardedRequest } from '../net/outbound-request.js'

/** What a verification found. `unverified` is only the state before any verification. */
export type VerifyStatus = 'valid' | 'invalid' | 'error'

/** A verifier's answer: a status and a fixed, value-free reason. */
export interface VerifyOutcome {
  status: VerifyStatus
  /** Says what was checked and what it found; never contains the secret. */
  reason: string
}

/** Checks one secret's plaintext. Must never put the value in its outcome, a log line or an error. */
export type SecretVerifier = (value: string) => Promise<VerifyOutcome>

/** Default time an HTTP verification may take. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 5000

function formatCheck(pattern: RegExp, expected: string): SecretVerifier {
  return async (value) =>
    pattern.test(value)
      ? { status: 'valid', reason: `format: looks like ${expected}` }
      : { status: 'invalid', reason: `format: does not look like ${expected}` }
}

/**
 * Format checks for the kinds Coffer knows. They prove a value is plausible, not that the vendor
 * accepts it: set a `verify_url` for a live check.
 */
export const FORMAT_VERIFIERS: Readonly<Record<string, SecretVerifier>> = {
  // Legacy `sk-` keys and project/service-account/admin keys (`sk-proj-`...); not Anthropic's `sk-ant-`.
  openai_key: formatCheck(
    /^sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,256}$/,
    'an OpenAI API key (sk-...)',
  ),
  anthropic_key: formatCheck(/^sk-ant-[A-Za-z0-9_-]{32,256}$/, 'an Anthropic API key (sk-ant-...)'),
  aws_access_key: formatCheck(/^(?:AKIA|ASIA)[A-Z0-9]{16}$/, 'an AWS access key id (AKIA/ASIA + 16)'),
}

/** Hosts to which a verify URL may use plain `http:` (local development and tests). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])

/** Longest verify URL stored. */
export const MAX_VERIFY_URL_LENGTH = 2048

/**
 * Checks a verify URL and returns it normalised: `https:` (plain `http:` only to loopback), no
 * credentials, no fragment. Messages never echo the URL.
 * @throws VALIDATION_FAILED naming `verify_url`
 */
export function parseVerifyUrl(input: string): string {
  if (input.length > MAX_VERIFY_URL_LENGTH) {
    throw new CofferError(
      'VALIDATION_FAILED',
      `verify_url: must be at most ${MAX_VERIFY_URL_LENGTH} characters`,
    )
  }
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new CofferError('VALIDATION_FAILED', 'verify_url: must be an absolute URL')
  }
  if (url.username !== '' || url.password !== '') {
    throw new CofferError('VALIDATION_FAILED', 'verify_url: must not contain credentials')
  }
  const plainLoopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !plainLoopback) {
    throw new CofferError('VALIDATION_FAILED', 'verify_url: must be https (http only to loopback)')
  }
  url.hash = ''
  return url.toString()
}

/** A header value may not hold control characters; such a value cannot be a bearer token. */
const HEADER_SAFE = /^[\x20-\x7e\x80-\xff]+$/

/**
 * A live check: `GET url` with `Authorization: Bearer <value>` through the outbound guard (no
 * redirects, a timeout; with `requirePublic`, https to public addresses only).
 * 2xx → valid; 401/403 → invalid; anything else (3xx, other status, timeout, network, a target
 * the guard refuses) → error. The response body is never kept; errors are reduced to a fixed reason.
 */
export function httpVerifier(
  url: string,
  options: { timeoutMs?: number; requirePublic?: boolean } = {},
): SecretVerifier {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS
  const requirePublic = options.requirePublic ?? false
  return async (value) => {
    if (!HEADER_SAFE.test(value)) {
      return { status: 'invalid', reason: 'http: the value cannot be sent as a bearer token' }
    }
    let status: number
    try {
      const response = await guardedRequest(url, {
        method: 'GET',
        headers: { authorization: `Bearer ${value}` },
        timeoutMs,
        requirePublic,
      })
      status = response.status
    } catch (error) {
      // The error is dropped, not logged: its cause may quote the request.
      if (isCofferError(error, 'UPSTREAM_TIMEOUT')) {
        return { status: 'error', reason: `http: no answer within ${timeoutMs} ms` }
      }
      if (isCofferError(error, 'UNSAFE_URL')) {
        return { status: 'error', reason: 'http: verify_url refused by the outbound guard' }
      }
      return { status: 'error', reason: 'http: request failed' }
    }
    if (status >= 200 && status < 300) return { status: 'valid', reason: `http: ${status}` }
    if (status === 401 || status === 403) return { status: 'invalid', reason: `http: ${status}` }
    if (status >= 300 && status < 400)
      return { status: 'error', reason: `http: redirect ${status} not followed` }
    return { status: 'error', reason: `http: ${status}` }
  }
}

/**
 * Picks the checks for one secret: its kind's format check (if Coffer knows the kind), then the
 * HTTP check (if a verify URL is set). A failed format check stops before anything is sent.
 * @throws VALIDATION_FAILED naming the kind when there is neither
 */
export function verifierFor(
  kind: string,
  verifyUrl: string | null,
  options: {
    formats?: Readonly<Record<string, SecretVerifier>>
    timeoutMs?: number
    /** Only https to public addresses (`COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS`). */
    requirePublic?: boolean
  } = {},
): SecretVerifier {
  const formats = options.formats ?? FORMAT_VERIFIERS
  const format = Object.hasOwn(formats, kind) ? formats[kind] : undefined
  const http =
    verifyUrl === null
      ? undefined
      : httpVerifier(verifyUrl, { timeoutMs: options.timeoutMs, requirePublic: options.requirePublic })
  if (format && http) {
    return async (value) => {
      const checked = await format(value)
      return checked.status === 'valid' ? http(value) : checked
    }
  }
  const verifier = format ?? http
  if (!verifier) {
    throw new CofferError(
      'VALIDATION_FAILED',
      `kind: no verifier for ${kind}; known kinds are ${Object.keys(formats).join(', ')}, others need a verify_url`,
    )
  }
  return verifier
}
