/**
 * The console's one door to the server, on coffer/client's transport in browser mode: every call
 * goes to `/v1` on this origin with the session cookie (HttpOnly: never readable here) and, on
 * every call that changes state, `x-csrf-token`. The CSRF token lives in the transport's memory
 * only: never in a URL, localStorage, sessionStorage or a cookie, so a reload signs out (by
 * design: nothing is cached).
 *
 * The client's modules are imported one by one, not through `coffer/client`'s index: the index
 * also exports the webhook and audit-bundle checks, which need node:crypto.
 */
import { CofferApiError } from '../../src/client/coffer-api-error.js'
import { HttpTransport, type QueryInput } from '../../src/client/http-transport.js'

export { CofferApiError as ApiError }

/** Codes that mean the session is over: the console goes back to sign-in and forgets everything. */
const SESSION_ENDED = new Set(['UNAUTHENTICATED', 'SESSION_INVALID', 'TOKEN_INVALID'])

/** Browser mode (no token): same-origin credentials; reads that meet 429/503 are retried once. */
const transport = new HttpTransport({ baseUrl: '', retries: 1, maxDelayMs: 5_000 })
let onSessionEnded: () => void = () => undefined

/** Called once by the app: what to do when the server says the session is over. */
export function whenSessionEnds(callback: () => void): void {
  onSessionEnded = callback
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

async function call<T>(spec: {
  method: Method
  path: string
  query?: QueryInput | undefined
  body?: unknown
  expect?: 'json' | 'text'
}): Promise<T> {
  try {
    return await transport.request<T>({ ...spec, path: `/v1${spec.path}` })
  } catch (error) {
    if (error instanceof CofferApiError && SESSION_ENDED.has(error.code) && !spec.path.startsWith('/auth/')) {
      transport.csrfToken = undefined
      onSessionEnded()
    }
    throw error
  }
}

/** Drops the query values a form left empty. */
function definedQuery(
  query: Record<string, string | number | undefined> | undefined,
): QueryInput | undefined {
  if (!query) return undefined
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== ''))
}

/** GET a JSON answer. */
export function getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
  return call<T>({ method: 'GET', path, query: definedQuery(query) })
}

/** GET a text answer (checkpoints, export bundles). */
export function getText(path: string, query?: Record<string, string | number | undefined>): Promise<string> {
  return call<string>({ method: 'GET', path, query: definedQuery(query), expect: 'text' })
}

/** A mutation (POST, PUT, PATCH, DELETE) with the CSRF token; the JSON answer, or null for 204. */
export async function send<T>(
  method: Exclude<Method, 'GET'>,
  path: string,
  body?: unknown,
  query?: Record<string, string | number | undefined>,
): Promise<T> {
  const answer = await call<T | undefined>({ method, path, body, query: definedQuery(query) })
  return (answer ?? null) as T
}

/** Signs in; the CSRF token it answers stays in the transport. */
export async function signIn(input: { email: string; password: string; org: string }): Promise<void> {
  const session = await call<{ csrf_token: string }>({ method: 'POST', path: '/auth/login', body: input })
  transport.csrfToken = session.csrf_token
}

/** Signs out (ends the session on the server) and forgets the CSRF token whatever happens. */
export async function signOut(): Promise<void> {
  try {
    await call({ method: 'POST', path: '/auth/logout' })
  } finally {
    transport.csrfToken = undefined
  }
}
