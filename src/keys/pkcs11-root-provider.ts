/**
 * The `pkcs11` root provider: org keys wrapped with AES-256-GCM by a root key that never leaves an
 * HSM token. The only vendor code here is pkcs11js; the rest of Coffer sees a `RootKeyProvider`.
 */
import { createHash } from 'node:crypto'
import pkcs11js from 'pkcs11js'
import { randomBytes } from '../crypto/random.js'
import { allocSecureBuffer, wipe } from '../crypto/secure-memory.js'
import { CofferError } from '../errors.js'
import {
  assertRootKeyShape,
  BAD_WRAP_ANSWERS,
  findSecretKey,
  findTokenSlot,
  type LoadedModule,
  loadModule,
  PIN_REFUSALS,
  quietly,
  reinitialize,
  returnValueOf,
  unavailable,
  unloadModule,
} from './pkcs11-token.js'
import { type OrgKeyContext, orgKeyWrapContext, type RootKeyProvider } from './root-key-provider.js'

/** Wrapped-key format: 0x02 | root key id (8) | iv (12) | ciphertext (32) | tag (16). */
const WRAP_FORMAT_PKCS11 = 0x02
const ROOT_KEY_ID_BYTES = 8
const HEADER_BYTES = 1 + ROOT_KEY_ID_BYTES
const GCM_IV_BYTES = 12
const GCM_TAG_BYTES = 16
const ORG_KEY_BYTES = 32
const WRAP_BYTES = HEADER_BYTES + GCM_IV_BYTES + ORG_KEY_BYTES + GCM_TAG_BYTES

/** Where the root keys are: a token found by label, logged in to as the normal user. */
export interface Pkcs11RootProviderOptions {
  /** Path of the vendor's PKCS#11 module (`/usr/lib/softhsm/libsofthsm2.so`). */
  modulePath: string
  /** CKA label of the token (`CK_TOKEN_INFO.label`) holding the root keys. */
  tokenLabel: string
  /** User PIN (CKU_USER). Never appears in messages. */
  pin: string
  /** CKA_LABEL of the current root key (AES-256, sensitive, non-extractable). */
  keyLabel: string
  /** Labels of earlier root keys that still open old wraps during a root rotation. */
  previousKeyLabels?: readonly string[]
}

/** A root key by label, with the id that every wrap made under it carries. */
interface RootKeyRef {
  label: string
  id: Buffer
}

/** One logged-in session and the object handles of the configured root keys found in it. */
interface TokenSession {
  module: LoadedModule
  generation: number
  slot: Buffer
  handle: Buffer
  /** By label; absent when a previous root key is not in the token. */
  keys: Map<string, Buffer>
}

/** Root key id: the first 8 bytes of SHA-256 over the key's label. Labels must never be reused. */
function rootKeyRef(label: string): RootKeyRef {
  if (label.length === 0) throw new TypeError('PKCS#11 key labels must not be empty')
  const id = createHash('sha256').update(`coffer/pkcs11/${label}`).digest().subarray(0, ROOT_KEY_ID_BYTES)
  return { label, id }
}

function wrapAad(header: Uint8Array, context: OrgKeyContext): Buffer {
  return Buffer.concat([header, Buffer.from(orgKeyWrapContext(context))])
}

/**
 * CKM_AES_GCM with CK_GCM_PARAMS as PKCS#11 2.40 lays it out (iv, ivBits, aad, tagBits), which
 * SoftHSM 2.6 and current HSMs read. pkcs11js's plain CK_PARAMS_AES_GCM leaves ulIvBits unset.
 */
function gcm(iv: Buffer, aad: Buffer): pkcs11js.Mechanism {
  const parameter = { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, aad, ivBits: GCM_IV_BYTES * 8, tagBits: 128 }
  return { mechanism: pkcs11js.CKM_AES_GCM, parameter }
}

/** A view of the caller's bytes without copying them (a copy would escape the wipe). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * Creates the `pkcs11` root provider. Org keys are wrapped by C_Encrypt and opened by C_Decrypt
 * with CKM_AES_GCM (12-byte random iv, 128-bit tag, AAD = wrap header ‖ org key context) under
 * an AES-256 secret key object found by label; the root key never enters this process.
 *
 * Nothing is opened until first use, so a missing token, key or module makes the provider's
 * `check()` and operations fail with `KEY_UNAVAILABLE` (readiness reports why) instead of this
 * call. After an operational failure the next call opens a new session, re-initialising the
 * module if needed, so the provider recovers when the token returns. A refused PIN is not retried
 * (a real HSM locks the PIN after a few attempts): fix it and restart.
 *
 * One logged-in session per provider; pkcs11js calls are synchronous, so operations on it never
 * interleave (they do block the event loop for the HSM's round trip). PKCS#11 login state belongs
 * to the process and token: a second provider on a token this process is already logged in to
 * does not re-prove its PIN.
 *
 * Root key ids are derived from the key label: never give a new key the label of an old one.
 *
 * @throws TypeError when a key label is empty (nothing else throws here).
 */
export async function createPkcs11RootProvider(options: Pkcs11RootProviderOptions): Promise<RootKeyProvider> {
  const { modulePath, tokenLabel, pin } = options
  const current = rootKeyRef(options.keyLabel)
  const known = [current, ...(options.previousKeyLabels ?? []).map(rootKeyRef)]
  const keyWhere = (label: string) => `PKCS#11 key "${label}" in token "${tokenLabel}"`

  let module: LoadedModule | undefined
  let session: TokenSession | undefined
  let pinRefusal: CofferError | undefined
  let closed = false

  function login(pkcs11: pkcs11js.PKCS11, handle: Buffer): void {
    try {
      pkcs11.C_Login(handle, pkcs11js.CKU_USER, pin)
    } catch (error) {
      const code = returnValueOf(error)
      if (code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN) return
      if (code !== undefined && PIN_REFUSALS.has(code)) {
        const advice = 'not retried, so the token does not lock: fix the PIN and restart'
        pinRefusal = unavailable(`PKCS#11 login to token "${tokenLabel}" refused the PIN (${advice})`, error)
        throw pinRefusal
      }
      throw unavailable(`PKCS#11 login to token "${tokenLabel}" failed`, error)
    }
  }

  function findRootKeys(pkcs11: pkcs11js.PKCS11, handle: Buffer): Map<string, Buffer> {
    const keys = new Map<string, Buffer>()
    for (const root of known) {
      const found = findSecretKey(pkcs11, handle, root.label)
      if (found.length > 1) throw unavailable(`${keyWhere(root.label)} is not unique`)
      const [key] = found
      if (!key) {
        // A missing previous root fails only the unwraps that need it.
        if (root !== current) continue
        throw unavailable(`PKCS#11 key "${root.label}" not found in token "${tokenLabel}"`)
      }
      assertRootKeyShape(pkcs11, handle, key, keyWhere(root.label))
      keys.set(root.label, key)
    }
    return keys
  }

  function openTokenSession(loaded: LoadedModule): TokenSession {
    const { pkcs11 } = loaded
    const slot = findTokenSlot(pkcs11, tokenLabel)
    let handle: Buffer
    try {
      handle = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
    } catch (error) {
      throw unavailable(`PKCS#11 session on token "${tokenLabel}" could not be opened`, error)
    }
    try {
      login(pkcs11, handle)
      return {
        module: loaded,
        generation: loaded.generation,
        slot,
        handle,
        keys: findRootKeys(pkcs11, handle),
      }
    } catch (error) {
      quietly(() => pkcs11.C_CloseSession(handle))
      if (error instanceof CofferError) throw error
      throw unavailable(`PKCS#11 root keys in token "${tokenLabel}" could not be read`, error)
    }
  }

  /** The open session, or a new one: on failure the module is re-initialised and tried once more. */
  function ensureSession(): TokenSession {
    if (closed) throw unavailable('PKCS#11 root provider is closed')
    if (session && session.generation === session.module.generation) return session
    session = undefined
    if (pinRefusal) throw unavailable(pinRefusal.message, pinRefusal.cause)
    if (!module) {
      module = loadModule(modulePath)
      module.users += 1
    }
    try {
      session = openTokenSession(module)
    } catch (error) {
      if (error === pinRefusal) throw error
      reinitialize(module, modulePath)
      session = openTokenSession(module)
    }
    return session
  }

  function dropSession(): void {
    const stale = session
    session = undefined
    if (stale) quietly(() => stale.module.pkcs11.C_CloseSession(stale.handle))
  }

  /**
   * Runs `use` on the session. A PKCS#11 error drops the session and, once, retries on a new one
   * (the old one may predate a token's return); CofferErrors are answers and pass through.
   */
  function withSession<T>(operation: string, use: (open: TokenSession) => T): T {
    for (let attempt = 1; ; attempt += 1) {
      const open = ensureSession()
      try {
        return use(open)
      } catch (error) {
        if (error instanceof CofferError) throw error
        dropSession()
        if (attempt >= 2) throw unavailable(`PKCS#11 ${operation} in token "${tokenLabel}" failed`, error)
      }
    }
  }

  function rootKeyHandle(open: TokenSession, root: RootKeyRef): Buffer {
    const key = open.keys.get(root.label)
    if (!key) throw unavailable(`PKCS#11 key "${root.label}" not found in token "${tokenLabel}"`)
    return key
  }

  function encryptWithRoot(open: TokenSession, iv: Buffer, aad: Buffer, orgKey: Buffer): Buffer {
    const { pkcs11 } = open.module
    pkcs11.C_EncryptInit(open.handle, gcm(iv, aad), rootKeyHandle(open, current))
    return pkcs11.C_Encrypt(open.handle, orgKey, Buffer.alloc(ORG_KEY_BYTES + GCM_TAG_BYTES))
  }

  /** Opens into secure memory; a bad wrap is DECRYPTION_FAILED only if the session proves healthy. */
  function decryptWithRoot(open: TokenSession, root: RootKeyRef, iv: Buffer, aad: Buffer, sealed: Buffer) {
    const { pkcs11 } = open.module
    const key = rootKeyHandle(open, root)
    pkcs11.C_DecryptInit(open.handle, gcm(iv, aad), key)
    // SoftHSM wants room for the whole input (ciphertext and tag) before it checks the tag.
    const output = allocSecureBuffer(sealed.length)
    try {
      const opened = pkcs11.C_Decrypt(open.handle, sealed, output)
      if (opened.length !== ORG_KEY_BYTES) {
        throw new CofferError('DECRYPTION_FAILED', 'wrapped org key failed to open')
      }
      const orgKey = allocSecureBuffer(ORG_KEY_BYTES)
      orgKey.set(opened)
      return orgKey
    } catch (error) {
      const code = returnValueOf(error)
      if (code === undefined || !BAD_WRAP_ANSWERS.has(code)) throw error
      // Throws (an operational failure) unless the token and the key still answer.
      pkcs11.C_GetTokenInfo(open.slot)
      pkcs11.C_GetAttributeValue(open.handle, key, [{ type: pkcs11js.CKA_KEY_TYPE }])
      throw new CofferError('DECRYPTION_FAILED', 'wrapped org key failed to open', { cause: error })
    } finally {
      // Best effort: JS gives no guarantee that no other copy of these bytes exists.
      wipe(output)
    }
  }

  function parse(wrapped: Uint8Array): { header: Buffer; root: RootKeyRef | undefined } {
    if (wrapped.length !== WRAP_BYTES || wrapped[0] !== WRAP_FORMAT_PKCS11) {
      throw new CofferError('DECRYPTION_FAILED', 'wrapped org key has an unknown format')
    }
    const header = Buffer.from(wrapped.subarray(0, HEADER_BYTES))
    const id = header.subarray(1)
    return { header, root: known.find((root) => root.id.equals(id)) }
  }

  async function wrapOrgKey(orgKey: Uint8Array, context: OrgKeyContext): Promise<Buffer> {
    if (orgKey.length !== ORG_KEY_BYTES) throw new TypeError('org key must be 32 bytes')
    const header = Buffer.alloc(HEADER_BYTES)
    header[0] = WRAP_FORMAT_PKCS11
    current.id.copy(header, 1)
    const aad = wrapAad(header, context)
    return withSession('wrap', (open) => {
      // A fresh iv per attempt: a retried wrap never reuses one.
      const iv = randomBytes(GCM_IV_BYTES)
      return Buffer.concat([header, iv, encryptWithRoot(open, iv, aad, asBuffer(orgKey))])
    })
  }

  return {
    name: 'pkcs11',
    rootKeyId: current.id.toString('hex'),
    async generateOrgKey(context) {
      const key = allocSecureBuffer(ORG_KEY_BYTES)
      const random = randomBytes(ORG_KEY_BYTES)
      key.set(random)
      // Best effort: JS gives no guarantee that no other copy of these bytes exists.
      wipe(random)
      try {
        return { key, wrapped: await wrapOrgKey(key, context) }
      } catch (error) {
        wipe(key)
        throw error
      }
    },
    wrapOrgKey,
    async unwrapOrgKey(wrapped, context) {
      const { header, root } = parse(wrapped)
      if (!root) {
        throw new CofferError(
          'DECRYPTION_FAILED',
          'wrapped org key was made under a root key this server does not have',
        )
      }
      const iv = Buffer.from(wrapped.subarray(HEADER_BYTES, HEADER_BYTES + GCM_IV_BYTES))
      const sealed = Buffer.from(wrapped.subarray(HEADER_BYTES + GCM_IV_BYTES))
      const aad = wrapAad(header, context)
      return withSession('unwrap', (open) => decryptWithRoot(open, root, iv, aad, sealed))
    },
    rootKeyIdOf(wrapped) {
      return parse(wrapped).header.subarray(1).toString('hex')
    },
    async check() {
      withSession('check', (open) => {
        open.module.pkcs11.C_GetTokenInfo(open.slot)
        open.module.pkcs11.C_GetAttributeValue(open.handle, rootKeyHandle(open, current), [
          { type: pkcs11js.CKA_KEY_TYPE },
        ])
      })
    },
    async close() {
      if (closed) return
      closed = true
      const open = session
      session = undefined
      const loaded = module
      if (!loaded) return
      loaded.users -= 1
      const last = loaded.users === 0
      if (open && open.generation === loaded.generation) {
        if (last) quietly(() => loaded.pkcs11.C_Logout(open.handle))
        quietly(() => loaded.pkcs11.C_CloseSession(open.handle))
      }
      if (last) unloadModule(loaded, modulePath)
    },
  }
}
