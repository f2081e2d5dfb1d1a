/**
 * `new CofferOperator({ baseUrl, token })` with a `cfo_` operator token: the operator plane,
 * `/v1/orgs`. An operator token reaches no tenant data, and a tenant token never reaches this.
 */
import type { ItemOf, RequestBody, ResponseBody } from './api-types.js'
import { type CallOptions, type ClientOptions, type CreateOptions, HttpTransport } from './http-transport.js'
import { paginate } from './pagination.js'

const at = (id: string) => `/v1/orgs/${encodeURIComponent(id)}`

/** `/v1/orgs`: create (owner token shown once), list, get, update, delete (crypto-shred first). */
export class OrgsResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /**
   * A new org and its owner token (`owner_token`, in this answer only).
   * @throws CofferApiError CONFLICT (slug taken), VALIDATION_FAILED (unknown plan)
   */
  create(org: RequestBody<'/v1/orgs', 'post'>, options: CreateOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/orgs', 'post'>>({
      method: 'POST',
      path: '/v1/orgs',
      body: org,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** Every org, page by page. */
  list(options: CallOptions = {}): AsyncGenerator<ItemOf<'/v1/orgs', 'get'>, void, undefined> {
    return paginate((cursor) =>
      this.#http.request<ResponseBody<'/v1/orgs', 'get'>>({
        method: 'GET',
        path: '/v1/orgs',
        query: { cursor },
        signal: options.signal,
      }),
    )
  }

  /** @throws CofferApiError NOT_FOUND */
  get(id: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/orgs/{id}', 'get'>>({
      method: 'GET',
      path: at(id),
      signal: options.signal,
    })
  }

  /** Name, plan, rate limit, suspension. @throws CofferApiError NOT_FOUND, VALIDATION_FAILED */
  update(id: string, patch: RequestBody<'/v1/orgs/{id}', 'patch'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/orgs/{id}', 'patch'>>({
      method: 'PATCH',
      path: at(id),
      body: patch,
      signal: options.signal,
    })
  }

  /**
   * Destroys the org's keys, then its rows; `confirm` must equal the org's slug.
   * @throws CofferApiError NOT_FOUND, VALIDATION_FAILED (confirm does not match)
   */
  delete(id: string, request: { confirm: string }, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/orgs/{id}', 'delete'>>({
      method: 'DELETE',
      path: at(id),
      query: { confirm: request.confirm },
      signal: options.signal,
    })
  }
}

/** A client of the operator plane. */
export class CofferOperator {
  readonly orgs: OrgsResource
  readonly #http: HttpTransport

  /** @throws TypeError when `token` is missing or not a Coffer token */
  constructor(options: ClientOptions & { token: string }) {
    if (typeof options.token !== 'string')
      throw new TypeError('token: an operator token (cfo_...) is required')
    this.#http = new HttpTransport(options)
    this.orgs = new OrgsResource(this.#http)
  }

  toJSON(): Record<string, string> {
    return this.#http.toJSON()
  }
}
