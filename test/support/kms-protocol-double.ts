// A PROTOCOL DOUBLE FOR TESTS, NOT AWS KMS. It speaks the KMS JSON 1.1 wire protocol
// (POST / with `X-Amz-Target: TrentService.<Operation>`, `application/x-amz-json-1.1` bodies with
// base64 blobs, errors as `{"__type": ..., "message": ...}`) for the calls the aws-kms root
// provider makes: GenerateDataKey, Encrypt, Decrypt, DescribeKey. Behind the wire it is a toy:
// - its keys are AES-256-GCM keys held in memory (node:crypto), gone when the process ends;
// - the encryption context is bound as AAD, as canonical JSON of its pairs sorted by name;
// - its ciphertext blob format is its own (0x01 | key uuid (16) | iv (12) | ciphertext | tag (16)),
//   nothing like a real KMS blob;
// - it accepts any SigV4 `Authorization` header WITHOUT verifying the signature (it only checks
//   that one is present, so an unsigned request is noticed).
// It listens on 127.0.0.1 only, and gives tests controls real KMS lacks: disable keys, throttle,
// fail or stall the next requests, stop and restart on the same port, count calls.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The operations the double answers. */
export type KMSDoubleOperation = 'GenerateDataKey' | 'Encrypt' | 'Decrypt' | 'DescribeKey'

/** One request as the double received it (after it was counted, before it was answered). */
export interface KMSDoubleRequest {
  operation: KMSDoubleOperation
  headers: IncomingHttpHeaders
  body: Record<string, unknown>
}

/** A running double and its test controls. */
export interface KMSProtocolDouble {
  /** `http://127.0.0.1:<port>`: the endpoint to give the KMS client. */
  readonly url: string
  /** Requests per operation since start or `resetCounters`, including throttled and failed ones. */
  readonly calls: Record<KMSDoubleOperation, number>
  /** The last request with a known operation. */
  readonly lastRequest: KMSDoubleRequest | undefined
  /** Makes a new enabled key; returns its ARN (`arn:aws:kms:us-east-1:000000000000:key/<uuid>`). */
  createKey(): string
  disableKey(keyId: string): void
  enableKey(keyId: string): void
  /** The next `count` requests answer ThrottlingException. */
  throttleNext(count: number): void
  /** The next `count` requests answer the error `errorType` (500 for KMSInternalException, else 400). */
  failNext(count: number, errorType: string): void
  /** The next `count` requests are read and never answered (a hung server). */
  stallNext(count: number): void
  /** Seals `plaintext` the way Encrypt would, without a request (to build odd wraps in tests). */
  sealBlob(keyId: string, plaintext: Uint8Array, encryptionContext: Record<string, string>): Buffer
  resetCounters(): void
  /** Stops listening and drops every connection: clients get ECONNREFUSED until `start`. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
  close(): Promise<void>
}

const ACCOUNT = '000000000000'
const REGION = 'us-east-1'
const ARN_PREFIX = `arn:aws:kms:${REGION}:${ACCOUNT}:key/`
const BLOB_FORMAT = 0x01
const BLOB_HEADER_BYTES = 1 + 16
const IV_BYTES = 12
const TAG_BYTES = 16
const MAX_BODY_BYTES = 1 << 20
const OPERATIONS: readonly KMSDoubleOperation[] = ['GenerateDataKey', 'Encrypt', 'Decrypt', 'DescribeKey']
const ERROR_STATUS: Record<string, number> = {
  KMSInternalException: 500,
  DependencyTimeoutException: 503,
}

interface DoubleKey {
  uuid: string
  material: Buffer
  enabled: boolean
  createdAtSeconds: number
}

/** A KMS error answer: `{"__type": type, "message": message}` with an HTTP status. */
class KMSFault extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = ERROR_STATUS[type] ?? 400,
  ) {
    super(message)
  }
}

const arnOf = (key: DoubleKey) => `${ARN_PREFIX}${key.uuid}`

/** Canonical JSON of the context: pairs sorted by name, so the AAD does not depend on key order. */
function canonicalContext(context: Record<string, string>): Buffer {
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Buffer.from(JSON.stringify(pairs))
}

function readContext(body: Record<string, unknown>): Record<string, string> {
  const context = body.EncryptionContext ?? {}
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new KMSFault('ValidationException', 'EncryptionContext must be a map')
  }
  for (const value of Object.values(context)) {
    if (typeof value !== 'string') throw new KMSFault('ValidationException', 'EncryptionContext values')
  }
  return context as Record<string, string>
}

function readBlob(body: Record<string, unknown>, field: string, maxBytes: number): Buffer {
  const value = body[field]
  if (
    typeof value !== 'string' ||
    !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)
  ) {
    throw new KMSFault('ValidationException', `${field} must be base64`)
  }
  const bytes = Buffer.from(value, 'base64')
  if (bytes.length < 1 || bytes.length > maxBytes) {
    throw new KMSFault('ValidationException', `${field} length is out of range`)
  }
  return bytes
}

/** Starts a double on 127.0.0.1 and a free port. */
export async function startKMSProtocolDouble(): Promise<KMSProtocolDouble> {
  const keys = new Map<string, DoubleKey>()
  const calls = Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<KMSDoubleOperation, number>
  let lastRequest: KMSDoubleRequest | undefined
  let throttleCount = 0
  let stallCount = 0
  let failure = { count: 0, type: '' }

  function findKey(keyId: unknown): DoubleKey {
    if (typeof keyId !== 'string' || keyId.length === 0) {
      throw new KMSFault('ValidationException', 'KeyId is required')
    }
    const uuid = keyId.startsWith(ARN_PREFIX) ? keyId.slice(ARN_PREFIX.length) : keyId
    const key = keys.get(uuid)
    if (!key) throw new KMSFault('NotFoundException', `Key '${keyId}' does not exist`)
    return key
  }

  function usableKey(keyId: unknown): DoubleKey {
    const key = findKey(keyId)
    if (!key.enabled) throw new KMSFault('DisabledException', `${arnOf(key)} is disabled.`)
    return key
  }

  function seal(key: DoubleKey, plaintext: Uint8Array, context: Record<string, string>): Buffer {
    const header = Buffer.concat([Buffer.of(BLOB_FORMAT), Buffer.from(key.uuid.replaceAll('-', ''), 'hex')])
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key.material, iv)
    cipher.setAAD(Buffer.concat([header, canonicalContext(context)]))
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()])
    return Buffer.concat([header, iv, sealed, cipher.getAuthTag()])
  }

  function open(body: Record<string, unknown>): { key: DoubleKey; plaintext: Buffer } {
    const blob = readBlob(body, 'CiphertextBlob', 6144)
    const context = readContext(body)
    if (blob.length < BLOB_HEADER_BYTES + IV_BYTES + TAG_BYTES || blob[0] !== BLOB_FORMAT) {
      throw new KMSFault('InvalidCiphertextException', 'The ciphertext is invalid')
    }
    const header = blob.subarray(0, BLOB_HEADER_BYTES)
    const hex = header.subarray(1).toString('hex')
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    const key = keys.get(uuid)
    if (!key) throw new KMSFault('InvalidCiphertextException', 'The ciphertext refers to an unknown key')
    if (body.KeyId !== undefined && findKey(body.KeyId) !== key) {
      throw new KMSFault('IncorrectKeyException', 'The key ID in the request does not identify the key')
    }
    if (!key.enabled) throw new KMSFault('DisabledException', `${arnOf(key)} is disabled.`)
    const iv = blob.subarray(BLOB_HEADER_BYTES, BLOB_HEADER_BYTES + IV_BYTES)
    const decipher = createDecipheriv('aes-256-gcm', key.material, iv)
    decipher.setAAD(Buffer.concat([header, canonicalContext(context)]))
    decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES))
    try {
      const sealed = blob.subarray(BLOB_HEADER_BYTES + IV_BYTES, blob.length - TAG_BYTES)
      return { key, plaintext: Buffer.concat([decipher.update(sealed), decipher.final()]) }
    } catch {
      throw new KMSFault('InvalidCiphertextException', 'The ciphertext is invalid')
    }
  }

  const handlers: Record<KMSDoubleOperation, (body: Record<string, unknown>) => object> = {
    GenerateDataKey(body) {
      const key = usableKey(body.KeyId)
      const context = readContext(body)
      const bytes =
        body.KeySpec === 'AES_256'
          ? 32
          : body.KeySpec === 'AES_128'
            ? 16
            : typeof body.NumberOfBytes === 'number' && body.NumberOfBytes >= 1 && body.NumberOfBytes <= 1024
              ? body.NumberOfBytes
              : undefined
      if (bytes === undefined)
        throw new KMSFault('ValidationException', 'KeySpec or NumberOfBytes is required')
      const plaintext = randomBytes(bytes)
      return {
        CiphertextBlob: seal(key, plaintext, context).toString('base64'),
        Plaintext: plaintext.toString('base64'),
        KeyId: arnOf(key),
      }
    },
    Encrypt(body) {
      const key = usableKey(body.KeyId)
      const plaintext = readBlob(body, 'Plaintext', 4096)
      return {
        CiphertextBlob: seal(key, plaintext, readContext(body)).toString('base64'),
        KeyId: arnOf(key),
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      }
    },
    Decrypt(body) {
      const { key, plaintext } = open(body)
      return {
        Plaintext: plaintext.toString('base64'),
        KeyId: arnOf(key),
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      }
    },
    DescribeKey(body) {
      const key = findKey(body.KeyId)
      return {
        KeyMetadata: {
          AWSAccountId: ACCOUNT,
          KeyId: key.uuid,
          Arn: arnOf(key),
          CreationDate: key.createdAtSeconds,
          Enabled: key.enabled,
          KeyState: key.enabled ? 'Enabled' : 'Disabled',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
          EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
          KeyManager: 'CUSTOMER',
          Origin: 'AWS_KMS',
          MultiRegion: false,
          Description: 'protocol double key',
        },
      }
    },
  }

  function send(response: ServerResponse, status: number, body: object): void {
    const text = JSON.stringify(body)
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    })
    response.end(text)
  }

  function answer(request: IncomingMessage, response: ServerResponse, text: string): void {
    const target = request.headers['x-amz-target']
    const name = typeof target === 'string' && target.startsWith('TrentService.') ? target.slice(13) : ''
    const operation = OPERATIONS.find((op) => op === name)
    if (request.method !== 'POST' || request.url !== '/' || operation === undefined) {
      throw new KMSFault('UnknownOperationException', 'The operation is not supported')
    }
    calls[operation] += 1
    let body: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(text || '{}')
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object')
      body = parsed as Record<string, unknown>
    } catch {
      throw new KMSFault('SerializationException', 'The request body is not a JSON object')
    }
    lastRequest = { operation, headers: request.headers, body }
    if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
      throw new KMSFault('MissingAuthenticationTokenException', 'Request is missing a SigV4 signature')
    }
    if (stallCount > 0) {
      stallCount -= 1
      return
    }
    if (throttleCount > 0) {
      throttleCount -= 1
      throw new KMSFault('ThrottlingException', 'Rate exceeded')
    }
    if (failure.count > 0) {
      failure.count -= 1
      throw new KMSFault(failure.type, `Injected ${failure.type}`)
    }
    send(response, 200, handlers[operation](body))
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () => {
      try {
        if (size > MAX_BODY_BYTES) throw new KMSFault('ValidationException', 'Request body is too large')
        answer(request, response, Buffer.concat(chunks).toString('utf8'))
      } catch (error) {
        const fault =
          error instanceof KMSFault ? error : new KMSFault('KMSInternalException', 'The double failed')
        send(response, fault.status, { __type: fault.type, message: fault.message })
      }
    })
  })

  async function listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    return (server.address() as AddressInfo).port
  }

  async function stopListening(): Promise<void> {
    if (!server.listening) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeAllConnections()
    await closed
  }

  const port = await listen(0)

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get lastRequest() {
      return lastRequest
    },
    createKey() {
      const key = {
        uuid: randomUUID(),
        material: randomBytes(32),
        enabled: true,
        createdAtSeconds: Date.now() / 1000,
      }
      keys.set(key.uuid, key)
      return arnOf(key)
    },
    disableKey(keyId) {
      findKey(keyId).enabled = false
    },
    enableKey(keyId) {
      findKey(keyId).enabled = true
    },
    throttleNext(count) {
      throttleCount = count
    },
    failNext(count, errorType) {
      failure = { count, type: errorType }
    },
    stallNext(count) {
      stallCount = count
    },
    sealBlob(keyId, plaintext, encryptionContext) {
      return seal(findKey(keyId), plaintext, encryptionContext)
    },
    resetCounters() {
      for (const op of OPERATIONS) calls[op] = 0
      lastRequest = undefined
    },
    stop: stopListening,
    async start() {
      if (!server.listening) await listen(port)
    },
    async close() {
      await stopListening()
      for (const key of keys.values()) key.material.fill(0)
      keys.clear()
    },
  }
}
