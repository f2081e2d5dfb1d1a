/**
 * Coffer's crypto core: pure functions over bytes, no I/O, no configuration.
 */
export {
  XCHACHA_KEY_BYTES,
  XCHACHA_NONCE_BYTES,
  XCHACHA_TAG_BYTES,
  xchachaDecrypt,
  xchachaEncrypt,
} from './aead.js'
export {
  API_TOKEN_LENGTH,
  API_TOKEN_PREFIX,
  generateApiToken,
  hashApiToken,
  hasValidTokenChecksum,
} from './api-token.js'
export { BASE62_ALPHABET, base62Encode, base62EncodeNumber } from './base62.js'
export { constantTimeEqual } from './compare.js'
export {
  ENVELOPE_FORMAT_V1,
  envelopeFromText,
  envelopeLength,
  envelopeToText,
  fieldContext,
  openEnvelope,
  readEnvelopeKeyVersion,
  sealEnvelope,
} from './envelope.js'
export { deriveKey, hkdfSha256 } from './hkdf.js'
export { hmacSha256 } from './hmac.js'
export { randomBytes } from './random.js'
export { allocSecureBuffer, wipe } from './secure-memory.js'
