/**
 * The one door for every outbound HTTP request Coffer makes (secret verifiers, webhooks).
 *
 * Always: no credentials in the URL, http(s) only, no redirect followed (a 3xx is returned as
 * is), one time limit over resolution, connection, headers and body. With `requirePublic`: https
 * only, and the host is resolved once per attempt, every answer is checked against the address
 * policy, and the connection goes to exactly the checked address (TLS SNI and certificate checks
 * still use the host name), so a DNS answer that changes between check and connect (rebinding)
 * cannot move the request. IP literals, including spellings the URL parser normalises
 * (`http://0x7f.1/`, `http://2130706433/`), are checked as themselves.
 *
 * Error messages name the host, never the path, query or headers: URLs may carry tokens.
 */
import { lookup } from 'node:dns/promises'
import {
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import { CofferError } from '../errors.js'
import { type AddressVerdict, classifyAddress } from './address-policy.js'

/** One answer of a host name lookup. */
export interface ResolvedAddress {
  address: string
  family: number
}

/** Resolves a host name to all its addresses, in the order the system would use them. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>

/** The system resolver (`getaddrinfo`, so `/etc/hosts` counts), all answers, in system order. */
export const SYSTEM_RESOLVER: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true })

/** Most response body bytes ever read; past it the connection is closed. */
export const MAX_RESPONSE_BODY_BYTES = 64 * 1024

/** How to send one guarded request. */
export interface GuardedRequestOptions {
  method: string
  headers: Readonly<Record<string, string>>
  body?: string | Uint8Array
  /** Limit for the whole attempt: resolution, connection, response headers and body. */
  timeoutMs: number
  /** Only https to public addresses (`COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS`). */
  requirePublic: boolean
  /** Host name resolver used in public mode; default {@link SYSTEM_RESOLVER}. */
  resolve?: HostResolver
  /** Address policy of public mode; default {@link classifyAddress}. Only tests replace it. */
  classify?: (address: string) => AddressVerdict
  /** Response body bytes to keep, at most {@link MAX_RESPONSE_BODY_BYTES}; default 0. */
  maxBodyBytes?: number
}

/** What came back. The body beyond `maxBodyBytes` is read (up to the cap) and discarded. */
export interface GuardedResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The first `maxBodyBytes` bytes of the body. */
  body: Buffer
  /** False when the body went past {@link MAX_RESPONSE_BODY_BYTES} and the connection was cut. */
  bodyComplete: boolean
  /** The address connected to, or the host name when public mode is off (the system resolved it). */
  connectedTo: string
}

export interface OutboundTarget {
  url: URL
  /** `url.hostname` without IPv6 brackets. */
  host: string
  literal: boolean
}

/**
 * Sends one request under the outbound policy and returns the response; never follows redirects.
 * @throws UNSAFE_URL (credentials, scheme, http in public mode, a non-public address);
 *   UPSTREAM_UNREACHABLE (no resolution, connection failed or broke off); UPSTREAM_TIMEOUT;
 *   VALIDATION_FAILED (a method or header Node refuses to send)
 */
export async function guardedRequest(
  input: string,
  options: GuardedRequestOptions,
): Promise<GuardedResponse> {
  const target = checkOutboundUrl(input, { requirePublic: options.requirePublic })
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs)
  try {
    const address = options.requirePublic ? await pickPublicAddress(target, options, controller.signal) : null
    return await send(target, address, options, controller.signal)
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Parses and checks the URL itself (no DNS): absolute, http(s), no credentials; https only in
 * public mode. Also used where a URL is registered, before any request.
 * @throws UNSAFE_URL
 */
export function checkOutboundUrl(input: string, options: { requirePublic: boolean }): OutboundTarget {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new CofferError('UNSAFE_URL', 'url: must be an absolute URL')
  }
  if (url.username !== '' || url.password !== '') {
    throw new CofferError('UNSAFE_URL', 'url: must not contain credentials')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CofferError('UNSAFE_URL', 'url: scheme must be http or https')
  }
  if (options.requirePublic && url.protocol !== 'https:') {
    throw new CofferError('UNSAFE_URL', 'url: must be https (only public https targets are allowed)')
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return { url, host, literal: isIP(host) !== 0 }
}

/**
 * Resolves the host once (a literal is its own answer), refuses if any answer is refused, and
 * returns the first answer: the address the connection must go to.
 * @throws UNSAFE_URL; UPSTREAM_UNREACHABLE; UPSTREAM_TIMEOUT
 */
async function pickPublicAddress(
  target: OutboundTarget,
  options: GuardedRequestOptions,
  signal: AbortSignal,
): Promise<string> {
  const classify = options.classify ?? classifyAddress
  if (target.literal) {
    const verdict = classify(target.host)
    if (!verdict.allowed) {
      throw new CofferError(
        'UNSAFE_URL',
        `url: host ${target.url.hostname} is a non-public address (${verdict.range})`,
      )
    }
    return target.host
  }
  const resolve = options.resolve ?? SYSTEM_RESOLVER
  let answers: readonly ResolvedAddress[]
  try {
    answers = await untilAborted(resolve(target.host), signal)
  } catch (cause) {
    if (signal.aborted) throw timeoutError(target, options.timeoutMs)
    throw new CofferError('UPSTREAM_UNREACHABLE', `url: host ${target.host} did not resolve`, { cause })
  }
  if (answers.length === 0) {
    throw new CofferError('UPSTREAM_UNREACHABLE', `url: host ${target.host} did not resolve`)
  }
  for (const { address } of answers) {
    const verdict = classify(address)
    if (!verdict.allowed) {
      throw new CofferError(
        'UNSAFE_URL',
        `url: host ${target.host} resolves to a non-public address (${verdict.range})`,
      )
    }
  }
  return answers[0]!.address
}

/** Connects to `address` (or lets the system resolve the host when it is null) and reads the answer. */
function send(
  target: OutboundTarget,
  address: string | null,
  options: GuardedRequestOptions,
  signal: AbortSignal,
): Promise<GuardedResponse> {
  const { url } = target
  const tls = url.protocol === 'https:'
  const keep = Math.min(Math.max(options.maxBodyBytes ?? 0, 0), MAX_RESPONSE_BODY_BYTES)
  return new Promise((resolve, reject) => {
    let request: ClientRequest
    try {
      request = (tls ? httpsRequest : httpRequest)({
        host: address ?? target.host,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: options.method,
        headers: { ...options.headers, host: url.host },
        // SNI and the certificate check use the name, not the address; never an IP as SNI.
        ...(tls && !target.literal ? { servername: target.host } : {}),
        agent: false,
      })
    } catch (cause) {
      // Node refuses a bad method or header before connecting; its message names no value.
      return reject(new CofferError('VALIDATION_FAILED', 'headers: a method or header is invalid', { cause }))
    }
    const fail = (error: CofferError) => {
      signal.removeEventListener('abort', onAbort)
      request.destroy()
      reject(error)
    }
    const broken = (cause: unknown) =>
      fail(new CofferError('UPSTREAM_UNREACHABLE', `url: the request to ${target.host} failed`, { cause }))
    const onAbort = () => fail(timeoutError(target, options.timeoutMs))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    request.on('error', broken)
    request.on('response', (response: IncomingMessage) => {
      const kept: Buffer[] = []
      let keptBytes = 0
      let seenBytes = 0
      const finish = (bodyComplete: boolean) => {
        signal.removeEventListener('abort', onAbort)
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(kept),
          bodyComplete,
          connectedTo: address ?? target.host,
        })
        if (!bodyComplete) request.destroy()
      }
      response.on('data', (chunk: Buffer) => {
        seenBytes += chunk.length
        if (keptBytes < keep) {
          const part = chunk.subarray(0, keep - keptBytes)
          kept.push(part)
          keptBytes += part.length
        }
        if (seenBytes > MAX_RESPONSE_BODY_BYTES) finish(false)
      })
      response.on('end', () => finish(true))
      response.on('error', broken)
      response.on('close', () => {
        if (!response.complete) broken(new Error('the response broke off'))
      })
    })
    request.end(options.body)
  })
}

function timeoutError(target: OutboundTarget, timeoutMs: number): CofferError {
  return new CofferError(
    'UPSTREAM_TIMEOUT',
    `url: no complete answer from ${target.host} within ${timeoutMs} ms`,
  )
}

/** `promise`, or a rejection as soon as `signal` aborts (the lookup itself cannot be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
