/**
 * XChaCha20-Poly1305 (IETF), the one AEAD Coffer uses, through libsodium.
 *
 * These are the raw primitives: the caller supplies the nonce. Application code seals
 * fields with `sealEnvelope`, which makes its own nonce; this module is for the envelope
 * code and for known-answer tests.
 */
import { CofferError } from '../errors.js'
import { sodiumPort } from './sodium-port.js'

/** Key length of XChaCha20-Poly1305, in bytes. */
export const XCHACHA_KEY_BYTES = 32
/** Nonce length of XChaCha20-Poly1305, in bytes (192 bits: random nonces never collide in practice). */
export const XCHACHA_NONCE_BYTES = 24
/** Authentication tag length of XChaCha20-Poly1305, in bytes. */
export const XCHACHA_TAG_BYTES = 16

/**
 * Encrypts `plaintext` and authenticates it together with `aad`.
 *
 * @returns ciphertext ‖ tag, `plaintext.byteLength + 16` bytes.
 * @throws TypeError when `key` is not 32 bytes or `nonce` is not 24 bytes (a programmer error).
 */
export function xchachaEncrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Buffer {
  assertKeyAndNonce(key, nonce)
  const output = Buffer.allocUnsafe(plaintext.byteLength + XCHACHA_TAG_BYTES)
  sodiumPort.crypto_aead_xchacha20poly1305_ietf_encrypt(output, plaintext, aad, null, nonce, key)
  return output
}

/**
 * Verifies the tag of `ciphertextAndTag` over it and `aad`, then decrypts it.
 *
 * @returns the plaintext, `ciphertextAndTag.byteLength - 16` bytes.
 * @throws CofferError `DECRYPTION_FAILED` when the input is shorter than a tag or fails
 *   authentication (tampered, wrong key, wrong nonce, wrong AAD); libsodium's detail is on `cause`.
 * @throws TypeError when `key` is not 32 bytes or `nonce` is not 24 bytes (a programmer error).
 */
export function xchachaDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertextAndTag: Uint8Array,
  aad: Uint8Array,
): Buffer {
  assertKeyAndNonce(key, nonce)
  if (ciphertextAndTag.byteLength < XCHACHA_TAG_BYTES) {
    throw new CofferError('DECRYPTION_FAILED', 'ciphertext could not be decrypted', {
      cause: new Error('ciphertext is shorter than the authentication tag'),
    })
  }
  const plaintext = Buffer.allocUnsafe(ciphertextAndTag.byteLength - XCHACHA_TAG_BYTES)
  try {
    sodiumPort.crypto_aead_xchacha20poly1305_ietf_decrypt(plaintext, null, ciphertextAndTag, aad, nonce, key)
  } catch (error) {
    throw new CofferError('DECRYPTION_FAILED', 'ciphertext could not be decrypted', { cause: error })
  }
  return plaintext
}

function assertKeyAndNonce(key: Uint8Array, nonce: Uint8Array): void {
  if (key.byteLength !== XCHACHA_KEY_BYTES) throw new TypeError('key must be 32 bytes')
  if (nonce.byteLength !== XCHACHA_NONCE_BYTES) throw new TypeError('nonce must be 24 bytes')
}
