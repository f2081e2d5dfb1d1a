/**
 * The one place the client talks HTTP: builds the URL, sends the credential (a bearer token, or in
 * the browser the session cookie plus `x-csrf-token`), retries what may be retried, and turns every
 * error answer into a CofferApiError. Plain `fetch`; no dependency.
 */
import { CofferApiError, type CofferProblemCode } from './coffer-api-error.js'
import { isIdempotentMethod, parseRetryAfter, type RetryOptions, retryDelayMs } from './retry-policy.js'

/** The subset of `fetch` the client needs (pass your own for proxies, tracing or tests). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** What a client is built with. Either `token`, or no token for the browser (cookie session). */
export interface ClientOptions extends RetryOptions {
  /** Where Coffer answers, e.g. `https://vault.example.com`; `''` in the browser means this origin. */
  baseUrl: string
  /** A `cf_` tenant token or (for CofferOperator) a `cfo_` operator token. Absent: browser mode. */
  token?: string | undefined
  /** Browser mode: the CSRF token a login answered (`auth.login` sets it). */
  csrfToken?: string | undefined
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike | undefined
  /** Called before each retry with the wait chosen (for logs and metrics; never sees the token). */
  onRetry?: ((retry: RetryEvent) => void) | undefined
}

/** One retry about to happen. */
export interface RetryEvent {
  method: string
  path: string
  /** 1 for the first retry. */
  attempt: number
  status: number
  code: CofferProblemCode
  delayMs: number
}

/** Per-call options every resource method takes. */
export interface CallOptions {
  signal?: AbortSignal | undefined
}

/** Per-call options of a creating POST: an `Idempotency-Key` makes it safe to retry. */
export interface CreateOptions extends CallOptions {
  /** Sent as `Idempotency-Key`; the server answers a retry with the first response (24 h). */
  idempotencyKey?: string | undefined
}

/** Query values as the API takes them; undefined ones are left out. */
export type QueryInput = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>

/** One request, as the resources describe it. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query?: QueryInput | undefined
  body?: unknown
  /** How to read a success: JSON (default), text, or nothing (204). */
  expect?: 'json' | 'text' | 'none'
  /** A POST that changes nothing (search): retried like a GET. */
  readOnly?: boolean
  idempotencyKey?: string | undefined
  signal?: AbortSignal | undefined
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Builds `?a=1&b=x,y` from defined values (arrays comma-joined, as the API reads them). */
function queryString(query: QueryInput | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    params.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/** Reads an error answer into a CofferApiError (problem+json, or UNEXPECTED_RESPONSE). */
async function errorOf(response: Response): Promise<CofferApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now())
  const text = await response.text().catch(() => '')
  let problem: { code?: unknown; detail?: unknown } | undefined
  if (/json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      problem = JSON.parse(text) as typeof problem
    } catch {
      problem = undefined
    }
  }
  const coffer = typeof problem?.code === 'string' && /^[A-Z_]+$/.test(problem.code)
  return new CofferApiError({
    code: coffer ? (problem!.code as CofferProblemCode) : 'UNEXPECTED_RESPONSE',
    status: response.status,
    detail:
      coffer && typeof problem?.detail === 'string'
        ? problem.detail
        : `HTTP ${response.status} without a Coffer problem document`,
    requestId,
    retryAfter,
  })
}

/** Sends requests for one client. The token lives here only and is never printed. */
export class HttpTransport {
  readonly #baseUrl: string
  readonly #token: string | undefined
  readonly #fetch: FetchLike
  readonly #options: ClientOptions
  /** Browser mode's CSRF token, set by login. */
  csrfToken: string | undefined

  constructor(options: ClientOptions) {
    if (typeof options.baseUrl !== 'string') throw new TypeError('baseUrl: must be a string')
    if (options.token !== undefined && !/^cfo?_[0-9A-Za-z]+$/.test(options.token))
      throw new TypeError('token: must be a Coffer token (cf_... or cfo_...)')
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#token = options.token
    this.csrfToken = options.csrfToken
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init))
    this.#options = options
  }

  /** True without a token: the session cookie authenticates, as in the web console. */
  get browserMode(): boolean {
    return this.#token === undefined
  }

  /**
   * Sends `spec`, retrying 429/503 when the request may be repeated (GET, PUT, DELETE, a read-only
   * POST, or anything with an idempotency key), and returns the success body.
   * @throws CofferApiError for every error answer
   */
  async request<T>(spec: RequestSpec): Promise<T> {
    const url = `${this.#baseUrl}${spec.path}${queryString(spec.query)}`
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' }
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`
    else if (MUTATING.has(spec.method) && this.csrfToken !== undefined)
      headers['x-csrf-token'] = this.csrfToken
    if (spec.body !== undefined) headers['content-type'] = 'application/json'
    if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey
    const init: RequestInit = {
      method: spec.method,
      headers,
      ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
      ...(this.#token === undefined ? { credentials: 'same-origin' as const } : {}),
      ...(spec.signal ? { signal: spec.signal } : {}),
    }
    const repeatable =
      isIdempotentMethod(spec.method) || spec.readOnly === true || spec.idempotencyKey !== undefined
    for (let attempt = 1; ; attempt++) {
      const response = await this.#fetch(url, init)
      if (response.ok) return (await this.#read(response, spec.expect ?? 'json')) as T
      const error = await errorOf(response)
      const delayMs = repeatable
        ? retryDelayMs(
            { status: response.status, attempt, retryAfterSeconds: error.retryAfter, random: Math.random },
            this.#options,
          )
        : undefined
      if (delayMs === undefined) throw error
      this.#options.onRetry?.({
        method: spec.method,
        path: spec.path,
        attempt,
        status: error.status,
        code: error.code,
        delayMs,
      })
      await sleep(delayMs, spec.signal)
    }
  }

  async #read(response: Response, expect: 'json' | 'text' | 'none'): Promise<unknown> {
    if (expect === 'none' || response.status === 204) {
      await response.body?.cancel()
      return undefined
    }
    return expect === 'text' ? response.text() : response.json()
  }

  /** Never shows the token. */
  toJSON(): Record<string, string> {
    return { baseUrl: this.#baseUrl }
  }
}
