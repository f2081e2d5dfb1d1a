import { XCHACHA_NONCE_BYTES, XCHACHA_TAG_BYTES, xchachaDecrypt, xchachaEncrypt } from '../crypto/aead.js'
import { hmacSha256 } from '../crypto/hmac.js'
import { randomBytes } from '../crypto/random.js'
import { allocSecureBuffer, wipe } from '../crypto/secure-memory.js'
import { CofferError } from '../errors.js'
import { type OrgKeyContext, orgKeyWrapContext, type RootKeyProvider } from './root-key-provider.js'

/** Wrapped-key format: 0x01 | root key id (8) | nonce (24) | ciphertext (32) | tag (16). */
const WRAP_FORMAT_LOCAL = 0x01
const ROOT_KEY_ID_BYTES = 8
const HEADER_BYTES = 1 + ROOT_KEY_ID_BYTES
const ORG_KEY_BYTES = 32
const WRAP_BYTES = HEADER_BYTES + XCHACHA_NONCE_BYTES + ORG_KEY_BYTES + XCHACHA_TAG_BYTES

interface RootKey {
  id: Buffer
  key: Buffer
}

function wrapAad(header: Uint8Array, context: OrgKeyContext): Buffer {
  return Buffer.concat([header, Buffer.from(orgKeyWrapContext(context))])
}

/** Root key id: a non-secret fingerprint of a master key (first 8 bytes of an HMAC under it). */
function rootKeyIdOf(masterKey: Uint8Array): Buffer {
  return hmacSha256(masterKey, 'coffer/root-key-id').subarray(0, ROOT_KEY_ID_BYTES)
}

function toRootKey(masterKey: Uint8Array): RootKey {
  if (masterKey.length !== 32) throw new TypeError('master key must be 32 bytes')
  const key = allocSecureBuffer(32)
  key.set(masterKey)
  return { id: rootKeyIdOf(key), key }
}

/**
 * The `local` root provider: org keys wrapped with XChaCha20-Poly1305 under `COFFER_MASTER_KEY`
 * (32 bytes), with AAD binding org id and key version. `previousMasterKeys`
 * (`COFFER_MASTER_KEY_PREVIOUS`) still open old wraps during a root rotation. Keys are copied
 * into secure memory.
 */
export function createLocalRootProvider(options: {
  masterKey: Uint8Array
  previousMasterKeys?: readonly Uint8Array[]
}): RootKeyProvider {
  const current = toRootKey(options.masterKey)
  const known = [current, ...(options.previousMasterKeys ?? []).map(toRootKey)]
  let closed = false
  // After close() the root keys are wiped: refuse, rather than wrap under a zeroed key.
  const assertOpen = () => {
    if (closed) throw new CofferError('KEY_UNAVAILABLE', 'the local root key provider is closed')
  }

  async function wrapOrgKey(orgKey: Uint8Array, context: OrgKeyContext): Promise<Buffer> {
    assertOpen()
    if (orgKey.length !== ORG_KEY_BYTES) throw new TypeError('org key must be 32 bytes')
    const header = Buffer.alloc(HEADER_BYTES)
    header[0] = WRAP_FORMAT_LOCAL
    current.id.copy(header, 1)
    const nonce = randomBytes(XCHACHA_NONCE_BYTES)
    return Buffer.concat([
      header,
      nonce,
      xchachaEncrypt(current.key, nonce, orgKey, wrapAad(header, context)),
    ])
  }

  function parse(wrapped: Uint8Array): { header: Uint8Array; root: RootKey | undefined } {
    if (wrapped.length !== WRAP_BYTES || wrapped[0] !== WRAP_FORMAT_LOCAL) {
      throw new CofferError('DECRYPTION_FAILED', 'wrapped org key has an unknown format')
    }
    const header = wrapped.subarray(0, HEADER_BYTES)
    const id = header.subarray(1)
    return { header, root: known.find((root) => root.id.equals(id)) }
  }

  return {
    name: 'local',
    rootKeyId: current.id.toString('hex'),
    async generateOrgKey(context) {
      const key = allocSecureBuffer(ORG_KEY_BYTES)
      key.set(randomBytes(ORG_KEY_BYTES))
      return { key, wrapped: await wrapOrgKey(key, context) }
    },
    wrapOrgKey,
    async unwrapOrgKey(wrapped, context) {
      assertOpen()
      const { header, root } = parse(wrapped)
      if (!root) {
        throw new CofferError(
          'DECRYPTION_FAILED',
          'wrapped org key was made under a root key this server does not have',
        )
      }
      const nonce = wrapped.subarray(HEADER_BYTES, HEADER_BYTES + XCHACHA_NONCE_BYTES)
      const sealed = wrapped.subarray(HEADER_BYTES + XCHACHA_NONCE_BYTES)
      const opened = xchachaDecrypt(root.key, nonce, sealed, wrapAad(header, context))
      const key = allocSecureBuffer(ORG_KEY_BYTES)
      key.set(opened)
      // Best effort: JS gives no guarantee that no other copy of these bytes exists.
      wipe(opened)
      return key
    },
    rootKeyIdOf(wrapped) {
      return Buffer.from(parse(wrapped).header.subarray(1)).toString('hex')
    },
    async check() {
      assertOpen()
    },
    async close() {
      closed = true
      for (const root of known) wipe(root.key)
    },
  }
}
