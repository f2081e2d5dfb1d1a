/**
 * libsodium's sealed box (`crypto_box_seal`): encryption to a recipient's X25519 public key by an
 * anonymous sender (a fresh ephemeral key pair per message, then X25519 + XSalsa20-Poly1305). Only
 * the holder of the matching secret key opens it (`crypto_box_seal_open`, any libsodium binding);
 * the sender cannot, once it has sealed. The archive's `sealed` mode uses it.
 */
import sodium from 'sodium-native'
import { CofferError } from '../errors.js'
import { sodiumPort } from './sodium-port.js'

/** Bytes of an X25519 public key. */
export const SEALED_BOX_PUBLIC_KEY_BYTES = sodium.crypto_box_PUBLICKEYBYTES
/** Bytes a sealed box adds to its message (ephemeral public key and tag). */
export const SEALED_BOX_OVERHEAD_BYTES = sodium.crypto_box_SEALBYTES

/**
 * Decodes a recipient public key given as canonical base64 of 32 bytes.
 * @throws VALIDATION_FAILED naming `field`, never the value
 */
export function parseSealedBoxPublicKey(base64: string, field: string): Buffer {
  const key = Buffer.from(base64, 'base64')
  if (key.length !== SEALED_BOX_PUBLIC_KEY_BYTES || key.toString('base64') !== base64) {
    throw new CofferError('VALIDATION_FAILED', `${field}: must be a 32-byte X25519 public key in base64`)
  }
  return key
}

/** Seals `message` to `publicKey`; the result is `message.length + SEALED_BOX_OVERHEAD_BYTES` bytes. */
export function sealToPublicKey(message: Uint8Array, publicKey: Uint8Array): Buffer {
  const ciphertext = Buffer.alloc(message.length + SEALED_BOX_OVERHEAD_BYTES)
  sodiumPort.crypto_box_seal(ciphertext, message, publicKey)
  return ciphertext
}
