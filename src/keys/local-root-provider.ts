import { XCHACHA_NONCE_BYTES, xchachaDecrypt, xchachaEncrypt } from '../crypto/aead.js'
import { hmacSha256 } from '../crypto/hmac.js'
import { randomBytes } from '../crypto/random.js'
import { allocSecureBuffer, wipe } from '../crypto/secure-memory.js'
import { CofferError } from '../errors.js'
import type { GeneratedOrgKey, OrgKeyContext, RootKeyProvider } from './root-key-provider.js'

/** Wrapped-key format: 0x01 | root key id (8) | nonce (24) | ciphertext (32) | tag (16). */
const WRAP_FORMAT_V1 = 0x01
const ROOT_KEY_ID_BYTES = 8
const HEADER_BYTES = 1 + ROOT_KEY_ID_BYTES
const ORG_KEY_BYTES = 32

function wrapAad(header: Uint8Array, context: OrgKeyContext): Buffer {
  return Buffer.concat([header, Buffer.from(`coffer/org-key/org:${context.orgId}/v${context.version}`)])
}

/** Root key id: a non-secret fingerprint of the master key (first 8 bytes of an HMAC under it). */
function rootKeyIdOf(masterKey: Uint8Array): Buffer {
  return hmacSha256(masterKey, 'coffer/root-key-id').subarray(0, ROOT_KEY_ID_BYTES)
}

/**
 * The `local` root provider: org keys wrapped with XChaCha20-Poly1305 under `COFFER_MASTER_KEY`
 * (32 bytes), with AAD binding org id and key version. The master key is copied into secure memory.
 */
export function createLocalRootProvider(options: { masterKey: Uint8Array }): RootKeyProvider {
  if (options.masterKey.length !== 32) throw new TypeError('master key must be 32 bytes')
  const masterKey = allocSecureBuffer(32)
  masterKey.set(options.masterKey)
  const keyId = rootKeyIdOf(masterKey)

  function wrap(orgKey: Uint8Array, context: OrgKeyContext): Buffer {
    const header = Buffer.alloc(HEADER_BYTES)
    header[0] = WRAP_FORMAT_V1
    keyId.copy(header, 1)
    const nonce = randomBytes(XCHACHA_NONCE_BYTES)
    return Buffer.concat([header, nonce, xchachaEncrypt(masterKey, nonce, orgKey, wrapAad(header, context))])
  }

  return {
    name: 'local',
    rootKeyId: keyId.toString('hex'),
    async generateOrgKey(context): Promise<GeneratedOrgKey> {
      const key = allocSecureBuffer(ORG_KEY_BYTES)
      key.set(randomBytes(ORG_KEY_BYTES))
      return { key, wrapped: wrap(key, context) }
    },
    async unwrapOrgKey(wrapped, context) {
      const header = wrapped.subarray(0, HEADER_BYTES)
      if (
        wrapped.length !== HEADER_BYTES + XCHACHA_NONCE_BYTES + ORG_KEY_BYTES + 16 ||
        header[0] !== WRAP_FORMAT_V1
      ) {
        throw new CofferError('DECRYPTION_FAILED', 'wrapped org key has an unknown format')
      }
      if (!keyId.equals(header.subarray(1))) {
        throw new CofferError('DECRYPTION_FAILED', 'wrapped org key was made under another root key')
      }
      const nonce = wrapped.subarray(HEADER_BYTES, HEADER_BYTES + XCHACHA_NONCE_BYTES)
      const sealed = wrapped.subarray(HEADER_BYTES + XCHACHA_NONCE_BYTES)
      const opened = xchachaDecrypt(masterKey, nonce, sealed, wrapAad(header, context))
      const key = allocSecureBuffer(ORG_KEY_BYTES)
      key.set(opened)
      // Best effort: JS gives no guarantee that no other copy of these bytes exists.
      wipe(opened)
      return key
    },
  }
}
