/**
 * The port the archive job writes through (`ArchiveBucket`: put, get, delete one object) and its
 * one adapter, an S3-compatible bucket through `@aws-sdk/client-s3`.
 *
 * Every connection the adapter makes goes through the outbound policy of `src/net`: the endpoint
 * is checked like a webhook URL (no credentials in it, http(s) only; with
 * `COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS` https only and never a non-public address). In public
 * mode a host name is resolved on every connection, every answer is judged by the address policy,
 * and the socket connects to exactly the address judged (the agents' `lookup`), so a DNS answer
 * that changes between check and connect cannot move the request. The SDK follows no redirects.
 *
 * Errors name the operation and the bucket's answer (an S3 error code and status), never a
 * credential, and the object key only as the caller passed it.
 */
import { createHash } from 'node:crypto'
import type { LookupAddress, LookupOptions } from 'node:dns'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { CofferError } from '../errors.js'
import { classifyAddress } from '../net/address-policy.js'
import { checkOutboundUrl, type HostResolver, SYSTEM_RESOLVER } from '../net/outbound-request.js'

/** The largest object ever read back (a record is at most 1 MiB of content and 64 KiB of metadata, base64 in JSON). */
export const MAX_ARCHIVE_OBJECT_BYTES = 4 * 1024 * 1024

/** Limit for one request to the bucket: connection, headers and body. */
export const BUCKET_REQUEST_TIMEOUT_MS = 15_000

/** One object store the archive writes to. */
export interface ArchiveBucket {
  /**
   * Writes `body` under `key` (replacing what is there).
   * @throws ARCHIVE_BUCKET_REFUSED; UPSTREAM_UNREACHABLE; UPSTREAM_TIMEOUT
   */
  put(key: string, body: Buffer, contentType: string): Promise<void>
  /**
   * Reads the object under `key`; null when there is none.
   * @throws ARCHIVE_BUCKET_REFUSED (also for an object over MAX_ARCHIVE_OBJECT_BYTES);
   *   UPSTREAM_UNREACHABLE; UPSTREAM_TIMEOUT
   */
  get(key: string): Promise<Buffer | null>
  /** Deletes the object under `key` (no error when there is none). @throws as `put` */
  delete(key: string): Promise<void>
}

/** Where the bucket is and how to sign for it. The secret is handed in only to build a client. */
export interface BucketLocation {
  endpoint: string
  bucket: string
  region: string
  pathStyle: boolean
  accessKeyId: string
  secretAccessKey: string
}

/** SHA-256 of bytes, lower-case hex: how objects are verified and how stubs name them. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Checks an endpoint before it is stored or used: what `checkOutboundUrl` checks, and in public
 * mode an IP literal against the address policy (a name is judged on every connection). Returns
 * the endpoint as an origin (scheme, host, port; a path is refused).
 * @throws UNSAFE_URL; VALIDATION_FAILED
 */
export function checkBucketEndpoint(input: string, options: { requirePublic: boolean }): string {
  if (input.length > 2048)
    throw new CofferError('VALIDATION_FAILED', 'endpoint: must be at most 2048 characters')
  const target = checkOutboundUrl(input, options)
  if ((target.url.pathname !== '/' && target.url.pathname !== '') || target.url.search !== '') {
    throw new CofferError(
      'VALIDATION_FAILED',
      'endpoint: must be an origin (scheme, host, port) without path or query',
    )
  }
  if (options.requirePublic && target.literal) {
    const verdict = classifyAddress(target.host)
    if (!verdict.allowed) {
      throw new CofferError(
        'UNSAFE_URL',
        `endpoint: host ${target.url.hostname} is a non-public address (${verdict.range})`,
      )
    }
  }
  return target.url.origin
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * A `lookup` for the agents in public mode: resolves the name, refuses it when any answer is a
 * non-public address, and answers only the first (checked) address.
 */
function guardedLookup(resolve: HostResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (answers) => {
        const refused = answers.map((answer) => classifyAddress(answer.address)).find((v) => !v.allowed)
        const first = answers[0]
        if (refused && !refused.allowed) {
          const error: NodeJS.ErrnoException = new Error(
            `host ${hostname} resolves to a non-public address (${refused.range})`,
          )
          error.code = 'COFFER_UNSAFE_ADDRESS'
          return callback(error, '')
        }
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`host ${hostname} did not resolve`)
          error.code = 'ENOTFOUND'
          return callback(error, '')
        }
        if (options.all) return callback(null, [{ address: first.address, family: first.family }])
        return callback(null, first.address, first.family)
      },
      (cause: NodeJS.ErrnoException) => callback(cause, ''),
    )
  }
}

/** Maps what the SDK threw to one of our codes, naming the operation and the bucket's answer only. */
function bucketError(operation: string, error: unknown): CofferError {
  if (error instanceof CofferError) return error
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? 0
    // The SDK's name is the S3 error code (NoSuchBucket, AccessDenied, ...): a fixed word, no value.
    const code = /^[A-Za-z0-9]{1,64}$/.test(error.name) ? error.name : 'unknown error'
    return new CofferError('ARCHIVE_BUCKET_REFUSED', `bucket: ${operation} was refused (${status} ${code})`)
  }
  const errno = (error as { code?: unknown; name?: unknown }) ?? {}
  if (errno.code === 'COFFER_UNSAFE_ADDRESS') {
    return new CofferError('UNSAFE_URL', 'endpoint: the host resolves to a non-public address', {
      cause: error,
    })
  }
  if (errno.name === 'TimeoutError' || errno.code === 'ETIMEDOUT') {
    return new CofferError('UPSTREAM_TIMEOUT', `bucket: ${operation} got no answer in time`, { cause: error })
  }
  return new CofferError('UPSTREAM_UNREACHABLE', `bucket: ${operation} failed to reach the endpoint`, {
    cause: error,
  })
}

/** An S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...) behind the outbound policy. */
export class S3ArchiveBucket implements ArchiveBucket {
  readonly #client: S3Client
  readonly #bucket: string

  /** @throws UNSAFE_URL; VALIDATION_FAILED (the endpoint, as `checkBucketEndpoint`) */
  constructor(
    location: BucketLocation,
    options: { requirePublic: boolean; resolve?: HostResolver; maxAttempts?: number },
  ) {
    const endpoint = checkBucketEndpoint(location.endpoint, { requirePublic: options.requirePublic })
    const lookup = options.requirePublic ? guardedLookup(options.resolve ?? SYSTEM_RESOLVER) : undefined
    const agentOptions = { keepAlive: true, maxSockets: 8, ...(lookup ? { lookup } : {}) }
    this.#bucket = location.bucket
    this.#client = new S3Client({
      endpoint,
      region: location.region,
      forcePathStyle: location.pathStyle,
      credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
      maxAttempts: options.maxAttempts ?? 3,
      // Plain PUT bodies with Content-MD5-free signing: what every S3-compatible server accepts.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: BUCKET_REQUEST_TIMEOUT_MS,
        requestTimeout: BUCKET_REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        httpAgent: new HttpAgent(agentOptions),
        httpsAgent: new HttpsAgent(agentOptions),
      },
    })
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    try {
      await this.#client.send(
        new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentType: contentType }),
      )
    } catch (error) {
      throw bucketError('write', error)
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const answer = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }))
      if ((answer.ContentLength ?? 0) > MAX_ARCHIVE_OBJECT_BYTES) {
        ;(answer.Body as { destroy?: () => void } | undefined)?.destroy?.()
        throw new CofferError(
          'ARCHIVE_BUCKET_REFUSED',
          'bucket: the object is larger than an archive object can be',
        )
      }
      // Counted while read: a server that sends no length cannot make us buffer more than the cap.
      const chunks: Buffer[] = []
      let total = 0
      for await (const chunk of (answer.Body ?? []) as AsyncIterable<Uint8Array>) {
        total += chunk.length
        if (total > MAX_ARCHIVE_OBJECT_BYTES) {
          ;(answer.Body as { destroy?: () => void } | undefined)?.destroy?.()
          throw new CofferError(
            'ARCHIVE_BUCKET_REFUSED',
            'bucket: the object is larger than an archive object can be',
          )
        }
        chunks.push(Buffer.from(chunk))
      }
      return Buffer.concat(chunks)
    } catch (error) {
      if (error instanceof S3ServiceException && error.name === 'NoSuchKey') {
        return null
      }
      throw bucketError('read', error)
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }))
    } catch (error) {
      throw bucketError('delete', error)
    }
  }

  /** Closes the client's sockets. */
  close(): void {
    this.#client.destroy()
  }
}
