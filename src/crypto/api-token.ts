/**
 * API tokens: `cf_` + 43 base62 digits of 32 random bytes + 6 base62 digits of a CRC32 checksum.
 * Operator tokens have the same body and checksum under the prefix `cfo_`: neither kind passes
 * the other's shape check.
 *
 * The checksum (over `cf_` and the body) lets a server refuse typos and random strings
 * without a database lookup, and lets secret scanners recognise leaked tokens. It is not a
 * MAC: only the database, holding `hashApiToken` digests, says whether a token is real.
 */
import { crc32 } from 'node:zlib'
import { base62Encode, base62EncodeNumber } from './base62.js'
import { hmacSha256 } from './hmac.js'
import { randomBytes } from './random.js'

/** Prefix of every Coffer API token. */
export const API_TOKEN_PREFIX = 'cf_'

const SECRET_BYTES = 32
const BODY_DIGITS = 43
const CHECKSUM_DIGITS = 6
const CHECKSUMMED_LENGTH = API_TOKEN_PREFIX.length + BODY_DIGITS

/** Length of every Coffer API token: 3 + 43 + 6 = 52 characters. */
export const API_TOKEN_LENGTH = CHECKSUMMED_LENGTH + CHECKSUM_DIGITS

/** Prefix of every operator token (the operator plane, `/v1/orgs`); 4 + 43 + 6 = 53 characters. */
export const OPERATOR_TOKEN_PREFIX = 'cfo_'

const shapeOf = (prefix: string) => new RegExp(`^${prefix}[0-9A-Za-z]{${BODY_DIGITS + CHECKSUM_DIGITS}}$`)
const TOKEN_SHAPE = shapeOf(API_TOKEN_PREFIX)
const OPERATOR_TOKEN_SHAPE = shapeOf(OPERATOR_TOKEN_PREFIX)

function generateToken(prefix: string): string {
  const secret = randomBytes(SECRET_BYTES)
  const body = prefix + base62Encode(secret, BODY_DIGITS)
  // Clear the random bytes; JS gives no guarantee that no other copy exists (the token string stays).
  secret.fill(0)
  return body + tokenChecksum(body)
}

function hasValidChecksum(token: string, prefix: string, shape: RegExp): boolean {
  const checksummed = prefix.length + BODY_DIGITS
  if (typeof token !== 'string' || token.length !== checksummed + CHECKSUM_DIGITS || !shape.test(token))
    return false
  return token.slice(checksummed) === tokenChecksum(token.slice(0, checksummed))
}

/** Generates a new API token from 32 fresh random bytes (256 bits). Shown to its owner once. */
export function generateApiToken(): string {
  return generateToken(API_TOKEN_PREFIX)
}

/** Generates a new operator token (`cfo_`) from 32 fresh random bytes. Shown to its owner once. */
export function generateOperatorToken(): string {
  return generateToken(OPERATOR_TOKEN_PREFIX)
}

/**
 * True when `token` has the prefix, the length, the alphabet and a matching checksum of a
 * Coffer API token. Says nothing about whether the token was ever issued. Never throws.
 */
export function hasValidTokenChecksum(token: string): boolean {
  return hasValidChecksum(token, API_TOKEN_PREFIX, TOKEN_SHAPE)
}

/** The same check for an operator token (`cfo_`). Never throws. */
export function hasValidOperatorTokenChecksum(token: string): boolean {
  return hasValidChecksum(token, OPERATOR_TOKEN_PREFIX, OPERATOR_TOKEN_SHAPE)
}

/**
 * The digest stored for a token: HMAC-SHA256 under the server's pepper (`COFFER_TOKEN_SECRET`).
 *
 * A stolen table of digests is useless without the pepper, and lookups by digest need no
 * per-token salt.
 */
export function hashApiToken(pepper: Uint8Array, token: string): Buffer {
  return hmacSha256(pepper, token)
}

function tokenChecksum(checksummed: string): string {
  return base62EncodeNumber(crc32(checksummed), CHECKSUM_DIGITS)
}
