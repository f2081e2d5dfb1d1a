/**
 * Coffer's ciphertext envelope: a self-describing, versioned XChaCha20-Poly1305 message.
 *
 * Binary layout (stored as `bytea`):
 *
 *     0x01 | key_version: u32 big-endian | nonce: 24 | ciphertext | tag: 16
 *
 * The first byte names format and cipher; decoders refuse any other. The header names the
 * key version, so decryption never tries keys in turn. The AAD is the 5 header bytes
 * followed by the UTF-8 bytes of the context (`fieldContext`), so an envelope moved to
 * another org, table, column or row, or relabelled with another key version, fails to open.
 *
 * Text form (exports, CLI): `cf1.` + base64url (no padding) of the same bytes.
 *
 * Callers never handle nonces: `sealEnvelope` draws a fresh random one for every message.
 * Any failure to open or parse is one `DECRYPTION_FAILED`, with the detail on `cause`.
 */
import { CofferError } from '../errors.js'
import { XCHACHA_KEY_BYTES, XCHACHA_NONCE_BYTES, XCHACHA_TAG_BYTES } from './aead.js'
import { envelopeAad } from './envelope-aad.js'
import { sodiumPort } from './sodium-port.js'

/** Format byte of envelope version 1: XChaCha20-Poly1305 with a 24-byte random nonce. */
export const ENVELOPE_FORMAT_V1 = 0x01

const HEADER_BYTES = 5
const NONCE_END = HEADER_BYTES + XCHACHA_NONCE_BYTES
const MIN_ENVELOPE_BYTES = NONCE_END + XCHACHA_TAG_BYTES

/** The length of the envelope of `plaintextBytes` bytes: header, nonce and tag around them. */
export function envelopeLength(plaintextBytes: number): number {
  return MIN_ENVELOPE_BYTES + plaintextBytes
}
const MAX_KEY_VERSION = 0xffffffff
const TEXT_PREFIX = 'cf1.'
const BASE64URL = /^[A-Za-z0-9_-]*$/

/**
 * Encrypts `plaintext` under `key` into a new envelope bound to `context`.
 *
 * @param input.key the 32-byte key of version `keyVersion`.
 * @param input.keyVersion the version written in the header, an integer from 1 to 2^32-1.
 * @param input.context where the value lives, usually `fieldContext(...)`; it must be given
 *   again to open the envelope. It is bound as UTF-8 (a lone surrogate becomes U+FFFD).
 * @returns `0x01 | keyVersion | nonce | ciphertext | tag`, 45 + `plaintext.byteLength` bytes.
 * @throws TypeError when `key` is not 32 bytes or `keyVersion` is out of range (a programmer error).
 */
export function sealEnvelope(input: {
  key: Uint8Array
  keyVersion: number
  plaintext: Uint8Array
  context: string
}): Buffer {
  const { key, keyVersion, plaintext, context } = input
  if (key.byteLength !== XCHACHA_KEY_BYTES) throw new TypeError('key must be 32 bytes')
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > MAX_KEY_VERSION) {
    throw new TypeError('keyVersion must be an integer from 1 to 2^32-1')
  }
  // One allocation for the whole envelope; nonce and ciphertext are views into it.
  const envelope = Buffer.allocUnsafe(MIN_ENVELOPE_BYTES + plaintext.byteLength)
  envelope[0] = ENVELOPE_FORMAT_V1
  envelope.writeUInt32BE(keyVersion, 1)
  const nonce = envelope.subarray(HEADER_BYTES, NONCE_END)
  sodiumPort.randombytes_buf(nonce)
  const aad = envelopeAad(envelope, context)
  sodiumPort.crypto_aead_xchacha20poly1305_ietf_encrypt(
    envelope.subarray(NONCE_END),
    plaintext,
    aad,
    null,
    nonce,
    key,
  )
  return envelope
}

/**
 * Authenticates and decrypts an envelope made by `sealEnvelope` with the same `context`.
 *
 * @param input.key the 32-byte key of the version named in the header (`readEnvelopeKeyVersion`).
 * @returns the plaintext.
 * @throws CofferError `DECRYPTION_FAILED` when the envelope is too short, has an unknown format
 *   byte or key version 0, was tampered with, truncated or extended, was sealed under another key,
 *   or for another context. The detail is on `cause`.
 * @throws TypeError when `key` is not 32 bytes (a programmer error, not a property of the envelope).
 */
export function openEnvelope(input: { key: Uint8Array; envelope: Uint8Array; context: string }): Buffer {
  const { key, envelope, context } = input
  if (key.byteLength !== XCHACHA_KEY_BYTES) throw new TypeError('key must be 32 bytes')
  readEnvelopeKeyVersion(envelope)
  const plaintext = Buffer.allocUnsafe(envelope.byteLength - MIN_ENVELOPE_BYTES)
  const aad = envelopeAad(envelope, context)
  const nonce = envelope.subarray(HEADER_BYTES, NONCE_END)
  try {
    sodiumPort.crypto_aead_xchacha20poly1305_ietf_decrypt(
      plaintext,
      null,
      envelope.subarray(NONCE_END),
      aad,
      nonce,
      key,
    )
  } catch (error) {
    // libsodium refuses a bad tag, and has already zeroed `plaintext`.
    throw decryptionFailed(error)
  }
  return plaintext
}

/**
 * Reads the key version from an envelope's header, without decrypting it.
 *
 * The version is not authenticated until the envelope opens; use it only to pick the key.
 *
 * @throws CofferError `DECRYPTION_FAILED` when the input is shorter than an empty envelope
 *   (45 bytes), its format byte is not `0x01`, or its key version is 0.
 */
export function readEnvelopeKeyVersion(envelope: Uint8Array): number {
  if (envelope.byteLength < MIN_ENVELOPE_BYTES) {
    throw decryptionFailed(new Error(`envelope is shorter than ${MIN_ENVELOPE_BYTES} bytes`))
  }
  if (envelope[0] !== ENVELOPE_FORMAT_V1) throw decryptionFailed(new Error('unknown envelope format byte'))
  // `>>> 0` keeps the top byte unsigned; indices 1..4 exist after the length check.
  const keyVersion = ((envelope[1]! << 24) | (envelope[2]! << 16) | (envelope[3]! << 8) | envelope[4]!) >>> 0
  if (keyVersion === 0) throw decryptionFailed(new Error('envelope names key version 0'))
  return keyVersion
}

/** Encodes an envelope in its text form: `cf1.` + base64url without padding. */
export function envelopeToText(envelope: Uint8Array): string {
  return (
    TEXT_PREFIX + Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength).toString('base64url')
  )
}

/**
 * Decodes the text form made by `envelopeToText`, and checks its header.
 *
 * @throws CofferError `DECRYPTION_FAILED` when the prefix is not `cf1.`, the rest is not canonical
 *   unpadded base64url, or the bytes are not a version-1 envelope (see `readEnvelopeKeyVersion`).
 */
export function envelopeFromText(text: string): Buffer {
  if (typeof text !== 'string' || !text.startsWith(TEXT_PREFIX)) {
    throw decryptionFailed(new Error('envelope text does not start with cf1.'))
  }
  const encoded = text.slice(TEXT_PREFIX.length)
  // Node's decoder skips characters it does not know; be strict so one envelope has one spelling.
  if (!BASE64URL.test(encoded) || encoded.length % 4 === 1) {
    throw decryptionFailed(new Error('envelope text is not base64url'))
  }
  const envelope = Buffer.from(encoded, 'base64url')
  if (envelope.toString('base64url') !== encoded) {
    throw decryptionFailed(new Error('envelope text is not canonical base64url'))
  }
  readEnvelopeKeyVersion(envelope)
  return envelope
}

/**
 * The context of one encrypted field: `org:<orgId>/<table>.<column>/<rowId>`.
 *
 * Parts are refused when they could make two different fields share a context: `orgId` and
 * `column` must not contain `/`, `table` must contain neither `/` nor `.`, and none may be empty.
 *
 * @throws TypeError when a part is empty or contains a separator (a programmer error).
 */
export function fieldContext(input: { orgId: string; table: string; column: string; rowId: string }): string {
  const { orgId, table, column, rowId } = input
  assertContextPart('orgId', orgId, /\//)
  assertContextPart('table', table, /[/.]/)
  assertContextPart('column', column, /\//)
  assertContextPart('rowId', rowId, null)
  return `org:${orgId}/${table}.${column}/${rowId}`
}

function assertContextPart(name: string, value: string, forbidden: RegExp | null): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string`)
  }
  if (forbidden?.test(value)) throw new TypeError(`${name} contains a context separator`)
}

function decryptionFailed(cause: unknown): CofferError {
  return new CofferError('DECRYPTION_FAILED', 'envelope could not be opened', { cause })
}
