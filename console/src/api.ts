/**
 * The console's one door to the server: every call goes to `/v1` on this origin with the session
 * cookie (HttpOnly: never readable here) and, on every call that changes state, `x-csrf-token`.
 * The CSRF token lives in this module's memory only: never in a URL, localStorage,
 * sessionStorage or a cookie, so a reload signs out (by design: nothing is cached).
 */

/** A problem+json answer: its `code`, the HTTP status and the request id, never a stack. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly requestId: string | null
  /** From `Retry-After` on 429 and 503 answers. */
  readonly retryAfterSeconds: number | null

  constructor(options: {
    code: string
    status: number
    detail: string
    requestId: string | null
    retryAfterSeconds: number | null
  }) {
    super(options.detail)
    this.name = 'ApiError'
    this.code = options.code
    this.status = options.status
    this.requestId = options.requestId
    this.retryAfterSeconds = options.retryAfterSeconds
  }
}

/** Codes that mean the session is over: the console goes back to sign-in and forgets everything. */
const SESSION_ENDED = new Set(['UNAUTHENTICATED', 'SESSION_INVALID', 'TOKEN_INVALID'])

let csrfToken: string | null = null
let onSessionEnded: () => void = () => undefined

/** Called once by the app: what to do when the server says the session is over. */
export function whenSessionEnds(callback: () => void): void {
  onSessionEnded = callback
}

type Query = Record<string, string | number | undefined>

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return `/v1${path}${search ? `?${search}` : ''}`
}

async function problemOf(response: Response): Promise<ApiError> {
  let code = 'HTTP_ERROR'
  let detail = `the server answered ${response.status}`
  try {
    const body = (await response.json()) as { code?: unknown; detail?: unknown; title?: unknown }
    if (typeof body.code === 'string') code = body.code
    if (typeof body.detail === 'string') detail = body.detail
    else if (typeof body.title === 'string') detail = body.title
  } catch {
    // Not JSON (a proxy's page): keep the status only.
  }
  const retryAfter = Number(response.headers.get('retry-after'))
  return new ApiError({
    code,
    status: response.status,
    detail,
    requestId: response.headers.get('x-request-id'),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null,
  })
}

async function call(method: string, path: string, options: { query?: Query; body?: unknown } = {}) {
  const headers: Record<string, string> = { accept: 'application/json, text/plain, application/x-ndjson' }
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(urlOf(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  if (!response.ok) {
    const error = await problemOf(response)
    if (SESSION_ENDED.has(error.code) && !path.startsWith('/auth/')) {
      csrfToken = null
      onSessionEnded()
    }
    throw error
  }
  return response
}

/** GET a JSON answer. */
export async function getJson<T>(path: string, query?: Query): Promise<T> {
  return (await (await call('GET', path, query ? { query } : {})).json()) as T
}

/** GET a text answer (checkpoints, export bundles). */
export async function getText(path: string, query?: Query): Promise<string> {
  return (await call('GET', path, query ? { query } : {})).text()
}

/** A mutation (POST, PUT, PATCH, DELETE) with the CSRF token; the JSON answer, or null for 204. */
export async function send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const response = await call(method, path, {
    ...(body !== undefined ? { body } : {}),
    ...(query ? { query } : {}),
  })
  if (response.status === 204) return null as T
  return (await response.json()) as T
}

/** Signs in; the CSRF token it answers stays in this module. */
export async function signIn(input: { email: string; password: string; org: string }): Promise<void> {
  const answer = await send<{ csrf_token: string; expires_at: string }>('POST', '/auth/login', input)
  csrfToken = answer.csrf_token
}

/** Signs out (ends the session on the server) and forgets the CSRF token whatever happens. */
export async function signOut(): Promise<void> {
  try {
    await send('POST', '/auth/logout')
  } finally {
    csrfToken = null
  }
}
