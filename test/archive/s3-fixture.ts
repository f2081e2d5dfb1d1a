/**
 * A real S3-compatible server for the archive tests: `s3rver` (npm), started on loopback with a
 * bucket in a temporary directory, and in front of it a forwarding proxy the test can turn
 * hostile: answer 500 to object writes after N of them, acknowledge writes without storing
 * them (a bucket that lies), or refuse object deletions (403 AccessDenied).
 *
 * s3rver speaks the S3 REST protocol (SigV4-signed PUT/GET/DELETE object, S3 XML errors such as
 * NoSuchBucket) in-process in Node, so no binary has to be downloaded and the test owns its
 * lifetime; it does not check signatures, so wrong credentials are tested as a missing bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'

export const BUCKET = 'customer-bucket'
/** s3rver's default credentials. */
export const ACCESS_KEY_ID = 'S3RVER'
export const SECRET_ACCESS_KEY = 'S3RVER'

/** How the proxy treats object writes (PUTs of `*.json`; the settings probe always passes). */
export type ProxyMode =
  | { kind: 'forward' }
  | { kind: 'fail-after'; writes: number }
  | { kind: 'drop-writes' }
  | { kind: 'refuse-deletes' }

export interface S3Fixture {
  /** The proxy's endpoint: what Coffer is configured with. */
  endpoint: string
  mode: ProxyMode
  /** Object writes the proxy forwarded. */
  forwardedWrites: number
  /** Reads an object straight from s3rver (null when there is none). */
  read(key: string): Promise<Buffer | null>
  /** Writes an object straight to s3rver (the customer changing a file). */
  write(key: string, body: Buffer): Promise<void>
  close(): Promise<void>
}

export async function startS3(): Promise<S3Fixture> {
  const directory = mkdtempSync(join(tmpdir(), 'coffer-s3rver-'))
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  })
  const { port: s3Port } = (await s3rver.run()) as AddressInfo
  const direct = new S3Client({
    endpoint: `http://127.0.0.1:${s3Port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
  })
  const fixture: S3Fixture = {
    endpoint: '',
    mode: { kind: 'forward' },
    forwardedWrites: 0,
    async read(key) {
      try {
        const answer = await direct.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
        return Buffer.from(await answer.Body!.transformToByteArray())
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null
        throw error
      }
    },
    async write(key, body) {
      await direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))
    },
    async close() {
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      proxy.closeAllConnections()
      direct.destroy()
      await s3rver.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
  const isObjectWrite = (request: IncomingMessage) =>
    request.method === 'PUT' && /\.json(\?|$)/.test(request.url ?? '')
  const proxy: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (
        fixture.mode.kind === 'refuse-deletes' &&
        request.method === 'DELETE' &&
        /\.json(\?|$)/.test(request.url ?? '')
      ) {
        response.writeHead(403, { 'content-type': 'application/xml' })
        response.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>refused by the test</Message></Error>',
        )
        return
      }
      if (isObjectWrite(request)) {
        const mode = fixture.mode
        if (mode.kind === 'fail-after' && fixture.forwardedWrites >= mode.writes) {
          response.writeHead(500, { 'content-type': 'application/xml' })
          response.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>refused by the test</Message></Error>',
          )
          return
        }
        if (mode.kind === 'drop-writes') {
          response.writeHead(200, { etag: '"00000000000000000000000000000000"' })
          response.end()
          return
        }
        fixture.forwardedWrites++
      }
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: s3Port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(response)
        },
      )
      upstream.on('error', () => response.destroy())
      upstream.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()))
  fixture.endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  return fixture
}
