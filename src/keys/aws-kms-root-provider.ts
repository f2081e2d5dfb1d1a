/**
 * The `aws-kms` root provider: the adapter between Coffer's `RootKeyProvider` port and AWS KMS.
 * The KMS SDK and its types stay inside this file.
 */
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { allocSecureBuffer, wipe } from '../crypto/secure-memory.js'
import { CofferError } from '../errors.js'
import type { OrgKeyContext, RootKeyProvider } from './root-key-provider.js'

/** Wrapped-key format: 0x03 | key id length (u16 big-endian) | key id (UTF-8) | KMS ciphertext blob. */
const WRAP_FORMAT_AWS_KMS = 0x03
const WRAP_HEADER_BYTES = 3
const ORG_KEY_BYTES = 32
/** KMS's own bounds: a KeyId is 1-2048 characters, a CiphertextBlob 1-6144 bytes. */
const MAX_KEY_ID_BYTES = 2048
const MAX_CIPHERTEXT_BLOB_BYTES = 6144
const DEFAULT_MAX_ATTEMPTS = 3
const DEFAULT_REQUEST_TIMEOUT_MS = 5000

/** Decrypt answers that mean "this wrap does not open under its key and context". */
const WRAP_REFUSALS = new Set([
  'InvalidCiphertextException',
  'IncorrectKeyException',
  'InvalidKeyUsageException',
])

/** Non-secret probe for `check()`: a constant byte under its own encryption context. */
const CHECK_PLAINTEXT = Uint8Array.of(0)
const CHECK_ENCRYPTION_CONTEXT = { coffer_purpose: 'readiness-check' }

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const SAFE_ERROR_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/

type KMSOperation = 'GenerateDataKey' | 'Encrypt' | 'Decrypt'

/** Options of {@link createAwsKmsRootProvider}. */
export interface AwsKmsRootProviderOptions {
  /** Key ARN (or key id) of the current root: every new wrap uses it. Not an alias (see below). */
  keyId: string
  /** Key ARNs of earlier roots whose wraps still open during a root rotation. */
  previousKeyIds?: readonly string[]
  region: string
  /** KMS endpoint URL; the SDK's regional endpoint when absent. */
  endpoint?: string
  /** Static credentials; the SDK's default provider chain when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Attempts per KMS call, retries of throttling and transient errors included (default 3). */
  maxAttempts?: number
  /** Time limit of each attempt, connection included (default 5000). */
  requestTimeoutMs?: number
}

function configInvalid(message: string): CofferError {
  return new CofferError('CONFIG_INVALID', message)
}

function validKeyIdBytes(keyId: string, option: string): Buffer {
  if (typeof keyId !== 'string' || keyId.length === 0) throw configInvalid(`aws-kms ${option} is empty`)
  // An alias is resolved by KMS at call time: retargeting it would make every recorded wrap unopenable.
  if (keyId.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(keyId)) {
    throw configInvalid(`aws-kms ${option} must name a key, not an alias`)
  }
  const bytes = Buffer.from(keyId, 'utf8')
  if (bytes.length > MAX_KEY_ID_BYTES) throw configInvalid(`aws-kms ${option} is too long`)
  return bytes
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 1)
    throw configInvalid(`aws-kms ${option} must be a positive integer`)
  return value
}

/** The authenticated context of a wrap: KMS refuses to open it under any other org or version. */
function encryptionContextOf(context: OrgKeyContext): Record<string, string> {
  return { coffer_org_id: context.orgId, coffer_key_version: String(context.version) }
}

function encodeWrap(keyIdBytes: Buffer, ciphertextBlob: Uint8Array): Buffer {
  const header = Buffer.alloc(WRAP_HEADER_BYTES)
  header[0] = WRAP_FORMAT_AWS_KMS
  header.writeUInt16BE(keyIdBytes.length, 1)
  return Buffer.concat([header, keyIdBytes, ciphertextBlob])
}

function decodeWrap(wrapped: Uint8Array): { keyId: string; ciphertextBlob: Uint8Array } {
  const refuse = () => new CofferError('DECRYPTION_FAILED', 'wrapped org key has an unknown format')
  if (wrapped.length <= WRAP_HEADER_BYTES || wrapped[0] !== WRAP_FORMAT_AWS_KMS) throw refuse()
  const keyIdBytes = (wrapped[1]! << 8) | wrapped[2]!
  const blobStart = WRAP_HEADER_BYTES + keyIdBytes
  const blobBytes = wrapped.length - blobStart
  if (keyIdBytes < 1 || keyIdBytes > MAX_KEY_ID_BYTES) throw refuse()
  if (blobBytes < 1 || blobBytes > MAX_CIPHERTEXT_BLOB_BYTES) throw refuse()
  let keyId: string
  try {
    keyId = UTF8.decode(wrapped.subarray(WRAP_HEADER_BYTES, blobStart))
  } catch {
    throw refuse()
  }
  return { keyId, ciphertextBlob: wrapped.subarray(blobStart) }
}

/** The AWS error name (`ThrottlingException`) or Node error code (`ECONNREFUSED`), never a message. */
function errorNameOf(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError'
  const code = (error as NodeJS.ErrnoException).code
  const name = error.name === 'Error' && typeof code === 'string' ? code : error.name
  return SAFE_ERROR_NAME.test(name) ? name : 'UnknownError'
}

function toCofferError(operation: KMSOperation, error: unknown): CofferError {
  const name = errorNameOf(error)
  if (operation === 'Decrypt' && WRAP_REFUSALS.has(name)) {
    return new CofferError('DECRYPTION_FAILED', 'wrapped org key does not open under its root key', {
      cause: error,
    })
  }
  return new CofferError('KEY_UNAVAILABLE', `AWS KMS ${operation} failed: ${name}`, { cause: error })
}

/**
 * Copies a 32-byte plaintext key from a KMS answer into secure memory and wipes the answer's copy.
 * Best effort: JS gives no guarantee that no other copy exists (the SDK decoded it from a JSON string).
 */
function toSecureOrgKey(plaintext: Uint8Array | undefined, onWrongLength: () => CofferError): Buffer {
  try {
    if (plaintext?.length !== ORG_KEY_BYTES) throw onWrongLength()
    const key = allocSecureBuffer(ORG_KEY_BYTES)
    key.set(plaintext)
    return key
  } finally {
    if (plaintext) wipe(plaintext)
  }
}

function malformedAnswer(operation: KMSOperation): CofferError {
  return new CofferError('KEY_UNAVAILABLE', `AWS KMS ${operation} returned a malformed answer`)
}

/**
 * The `aws-kms` root provider: org keys are KMS data keys (`GenerateDataKey`, AES_256) wrapped
 * under the KMS key `keyId`, with the encryption context `{ coffer_org_id, coffer_key_version }`
 * binding each wrap to its org and version. The wrap records the key id, and `Decrypt` names it,
 * so KMS never picks a key by itself; wraps under a key that is neither `keyId` nor in
 * `previousKeyIds` are refused without calling KMS.
 *
 * `keyId` must name a key (ARN preferred), not an alias: the wrap records the id as given, and an
 * alias later pointed at another key would leave every recorded wrap unopenable.
 *
 * Each KMS call is retried by the SDK (throttling and transient errors) up to `maxAttempts`
 * attempts of at most `requestTimeoutMs` each. Credentials default to the SDK's provider chain.
 *
 * @throws CONFIG_INVALID when an option is missing or out of range (the message names it).
 */
export function createAwsKmsRootProvider(options: AwsKmsRootProviderOptions): RootKeyProvider {
  const currentKeyIdBytes = validKeyIdBytes(options.keyId, 'keyId')
  for (const previous of options.previousKeyIds ?? []) validKeyIdBytes(previous, 'previousKeyIds')
  if (typeof options.region !== 'string' || options.region.length === 0) {
    throw configInvalid('aws-kms region is empty')
  }
  const maxAttempts = positiveInteger(options.maxAttempts, DEFAULT_MAX_ATTEMPTS, 'maxAttempts')
  const requestTimeoutMs = positiveInteger(
    options.requestTimeoutMs,
    DEFAULT_REQUEST_TIMEOUT_MS,
    'requestTimeoutMs',
  )

  const knownKeyIds = new Set([options.keyId, ...(options.previousKeyIds ?? [])])
  let client: KMSClient
  try {
    client = new KMSClient({
      region: options.region,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
      maxAttempts,
      requestHandler: {
        connectionTimeout: requestTimeoutMs,
        requestTimeout: requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
    })
  } catch (error) {
    throw new CofferError('CONFIG_INVALID', 'aws-kms client options are invalid', { cause: error })
  }
  let closed = false

  /** Runs one KMS call; every failure leaves as a CofferError. */
  async function call<T>(operation: KMSOperation, send: () => Promise<T>): Promise<T> {
    if (closed) throw new CofferError('KEY_UNAVAILABLE', `AWS KMS ${operation} refused: provider is closed`)
    try {
      return await send()
    } catch (error) {
      throw toCofferError(operation, error)
    }
  }

  function checkedBlob(operation: KMSOperation, blob: Uint8Array | undefined): Uint8Array {
    if (!blob || blob.length < 1 || blob.length > MAX_CIPHERTEXT_BLOB_BYTES) throw malformedAnswer(operation)
    return blob
  }

  return {
    name: 'aws-kms',
    rootKeyId: options.keyId,

    async generateOrgKey(context) {
      const answer = await call('GenerateDataKey', () =>
        client.send(
          new GenerateDataKeyCommand({
            KeyId: options.keyId,
            KeySpec: 'AES_256',
            EncryptionContext: encryptionContextOf(context),
          }),
        ),
      )
      let blob: Uint8Array
      try {
        blob = checkedBlob('GenerateDataKey', answer.CiphertextBlob)
      } catch (error) {
        if (answer.Plaintext) wipe(answer.Plaintext)
        throw error
      }
      const key = toSecureOrgKey(answer.Plaintext, () => malformedAnswer('GenerateDataKey'))
      return { key, wrapped: encodeWrap(currentKeyIdBytes, blob) }
    },

    async wrapOrgKey(orgKey, context) {
      if (orgKey.length !== ORG_KEY_BYTES) throw new TypeError('org key must be 32 bytes')
      // The SDK base64-encodes the key into a request string that cannot be wiped.
      const answer = await call('Encrypt', () =>
        client.send(
          new EncryptCommand({
            KeyId: options.keyId,
            Plaintext: orgKey,
            EncryptionContext: encryptionContextOf(context),
          }),
        ),
      )
      return encodeWrap(currentKeyIdBytes, checkedBlob('Encrypt', answer.CiphertextBlob))
    },

    async unwrapOrgKey(wrapped, context) {
      const { keyId, ciphertextBlob } = decodeWrap(wrapped)
      if (!knownKeyIds.has(keyId)) {
        throw new CofferError(
          'DECRYPTION_FAILED',
          'wrapped org key was made under a root key this server does not have',
        )
      }
      const answer = await call('Decrypt', () =>
        client.send(
          new DecryptCommand({
            KeyId: keyId,
            CiphertextBlob: ciphertextBlob,
            EncryptionContext: encryptionContextOf(context),
          }),
        ),
      )
      return toSecureOrgKey(
        answer.Plaintext,
        () => new CofferError('DECRYPTION_FAILED', 'wrapped org key does not hold a 32-byte key'),
      )
    },

    rootKeyIdOf(wrapped) {
      return decodeWrap(wrapped).keyId
    },

    /**
     * Encrypts a constant, non-secret byte under the current key: proves KMS is reachable, the
     * key enabled and usable for encryption, with only the permissions the provider needs anyway
     * (a DescribeKey would need one more, and passes for a key the policy forbids us to use).
     */
    async check() {
      const answer = await call('Encrypt', () =>
        client.send(
          new EncryptCommand({
            KeyId: options.keyId,
            Plaintext: CHECK_PLAINTEXT,
            EncryptionContext: CHECK_ENCRYPTION_CONTEXT,
          }),
        ),
      )
      checkedBlob('Encrypt', answer.CiphertextBlob)
    },

    async close() {
      closed = true
      client.destroy()
    },
  }
}
