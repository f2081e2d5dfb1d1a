/** `coffer.records`, `coffer.namespaces`, `coffer.grants`: the sensitive records and their namespaces. */
import type { ItemOf, QueryParams, RequestBody, ResponseBody } from './api-types.js'
import type { CallOptions, CreateOptions, HttpTransport } from './http-transport.js'
import { paginate } from './pagination.js'

const at = (id: string) => encodeURIComponent(id)

/** A list's filters, without the paging fields the iterator drives. */
export type RecordListQuery = Omit<QueryParams<'/v1/records', 'get'>, 'cursor'>
/** Which records an erase removes (at least one selector). */
export type EraseSelector = QueryParams<'/v1/records', 'delete'>

/** `/v1/records`: store, get, update, delete, list, search, erase. */
export class RecordsResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /**
   * Stores a record (content, metadata and entities are encrypted with the org's key).
   * @throws CofferApiError VALIDATION_FAILED, PAYLOAD_TOO_LARGE, INSUFFICIENT_SCOPE, NOT_FOUND (namespace)
   */
  store(record: RequestBody<'/v1/records', 'post'>, options: CreateOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records', 'post'>>({
      method: 'POST',
      path: '/v1/records',
      body: record,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** One record, decrypted. @throws CofferApiError NOT_FOUND (also for another org's id) */
  get(id: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records/{id}', 'get'>>({
      method: 'GET',
      path: `/v1/records/${at(id)}`,
      signal: options.signal,
    })
  }

  /** Changes the fields given. @throws CofferApiError NOT_FOUND, VALIDATION_FAILED */
  update(id: string, patch: RequestBody<'/v1/records/{id}', 'patch'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records/{id}', 'patch'>>({
      method: 'PATCH',
      path: `/v1/records/${at(id)}`,
      body: patch,
      signal: options.signal,
    })
  }

  /**
   * Deletes one record. Undefined for a live record (204); for an archived one, what became of
   * its object in the org's bucket (`archive.objects_left`: delete those there).
   * @throws CofferApiError NOT_FOUND, INSUFFICIENT_SCOPE
   */
  delete(id: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records/{id}', 'delete'> | undefined>({
      method: 'DELETE',
      path: `/v1/records/${at(id)}`,
      signal: options.signal,
    })
  }

  /** One page of the list (newest first); pass the previous page's `next_cursor` as `cursor`. */
  listPage(query: QueryParams<'/v1/records', 'get'> = {}, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records', 'get'>>({
      method: 'GET',
      path: '/v1/records',
      query,
      signal: options.signal,
    })
  }

  /** Every record the token reaches that matches `query`, page by page (`for await`). */
  list(
    query: RecordListQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<ItemOf<'/v1/records', 'get'>, void, undefined> {
    return paginate((cursor) => this.listPage({ ...query, ...(cursor ? { cursor } : {}) }, options))
  }

  /** Ranked search over the blind term index (retried like a read: it changes nothing). */
  search(query: RequestBody<'/v1/records/search', 'post'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records/search', 'post'>>({
      method: 'POST',
      path: '/v1/records/search',
      body: query,
      readOnly: true,
      signal: options.signal,
    })
  }

  /**
   * Erases every record a selector names (a data subject's `entity`, `ids`, a `namespace`, a time
   * range), within the token's reach. @throws CofferApiError VALIDATION_FAILED (no selector)
   */
  erase(selector: EraseSelector, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/records', 'delete'>>({
      method: 'DELETE',
      path: '/v1/records',
      query: selector,
      signal: options.signal,
    })
  }
}

/** `/v1/namespaces`: create, list, delete (with every record in it). */
export class NamespacesResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /** @throws CofferApiError CONFLICT, INSUFFICIENT_SCOPE (a namespace-restricted token) */
  create(name: string, options: CreateOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/namespaces', 'post'>>({
      method: 'POST',
      path: '/v1/namespaces',
      body: { name } satisfies RequestBody<'/v1/namespaces', 'post'>,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** The namespaces the token sees (one answer: not paged). */
  async list(options: CallOptions = {}): Promise<ItemOf<'/v1/namespaces', 'get'>[]> {
    const page = await this.#http.request<ResponseBody<'/v1/namespaces', 'get'>>({
      method: 'GET',
      path: '/v1/namespaces',
      signal: options.signal,
    })
    return page.items
  }

  /** Deletes a namespace and every record in it (scope `admin`). @throws CofferApiError NOT_FOUND */
  delete(name: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/namespaces/{name}', 'delete'>>({
      method: 'DELETE',
      path: `/v1/namespaces/${at(name)}`,
      signal: options.signal,
    })
  }
}

/** `/v1/grants`: cross-namespace read grants (scope `admin`, org-wide token). */
export class GrantsResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /** @throws CofferApiError NOT_FOUND (a namespace), INSUFFICIENT_SCOPE */
  create(grant: RequestBody<'/v1/grants', 'post'>, options: CreateOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/grants', 'post'>>({
      method: 'POST',
      path: '/v1/grants',
      body: grant,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** Every grant of the org. */
  list(options: CallOptions = {}): AsyncGenerator<ItemOf<'/v1/grants', 'get'>, void, undefined> {
    return paginate(() =>
      this.#http.request<ResponseBody<'/v1/grants', 'get'>>({
        method: 'GET',
        path: '/v1/grants',
        signal: options.signal,
      }),
    )
  }

  /** @throws CofferApiError NOT_FOUND */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.#http.request({
      method: 'DELETE',
      path: `/v1/grants/${at(id)}`,
      expect: 'none',
      signal: options.signal,
    })
  }
}
