/** `coffer.webhooks`: endpoints, secret rotation, test delivery, delivery log and retry. */
import type { ItemOf, RequestBody, ResponseBody } from './api-types.js'
import type { CallOptions, CreateOptions, HttpTransport } from './http-transport.js'
import { paginate } from './pagination.js'

const at = (id: string) => `/v1/webhooks/${encodeURIComponent(id)}`

/** `/v1/webhooks` (scope `admin`, org-wide token). */
export class WebhooksResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /**
   * A new endpoint; its signing `secret` (`whsec_...`) is in this answer only.
   * @throws CofferApiError UNSAFE_URL, LIMIT_REACHED, VALIDATION_FAILED
   */
  create(endpoint: RequestBody<'/v1/webhooks', 'post'>, options: CreateOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/webhooks', 'post'>>({
      method: 'POST',
      path: '/v1/webhooks',
      body: endpoint,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** Every endpoint of the org. */
  list(options: CallOptions = {}): AsyncGenerator<ItemOf<'/v1/webhooks', 'get'>, void, undefined> {
    return paginate((cursor) =>
      this.#http.request<ResponseBody<'/v1/webhooks', 'get'>>({
        method: 'GET',
        path: '/v1/webhooks',
        query: { cursor },
        signal: options.signal,
      }),
    )
  }

  /** @throws CofferApiError NOT_FOUND */
  get(id: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/webhooks/{id}', 'get'>>({
      method: 'GET',
      path: at(id),
      signal: options.signal,
    })
  }

  /** @throws CofferApiError NOT_FOUND, UNSAFE_URL */
  update(id: string, patch: RequestBody<'/v1/webhooks/{id}', 'patch'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/webhooks/{id}', 'patch'>>({
      method: 'PATCH',
      path: at(id),
      body: patch,
      signal: options.signal,
    })
  }

  /** @throws CofferApiError NOT_FOUND */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.#http.request({ method: 'DELETE', path: at(id), expect: 'none', signal: options.signal })
  }

  /** A new signing secret; the old one keeps signing beside it for a while. @throws CofferApiError NOT_FOUND */
  rotateSecret(id: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/webhooks/{id}/rotate-secret', 'post'>>({
      method: 'POST',
      path: `${at(id)}/rotate-secret`,
      signal: options.signal,
    })
  }

  /** Queues a `ping` to the endpoint. @throws CofferApiError NOT_FOUND */
  test(id: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/webhooks/{id}/test', 'post'>>({
      method: 'POST',
      path: `${at(id)}/test`,
      signal: options.signal,
    })
  }

  /** The endpoint's deliveries, newest first, each with its attempts. */
  deliveries(
    id: string,
    options: CallOptions = {},
  ): AsyncGenerator<ItemOf<'/v1/webhooks/{id}/deliveries', 'get'>, void, undefined> {
    return paginate((cursor) =>
      this.#http.request<ResponseBody<'/v1/webhooks/{id}/deliveries', 'get'>>({
        method: 'GET',
        path: `${at(id)}/deliveries`,
        query: { cursor },
        signal: options.signal,
      }),
    )
  }

  /** Queues failed deliveries again (all, some `ids`, or `since`). @throws CofferApiError NOT_FOUND */
  retry(
    id: string,
    request: RequestBody<'/v1/webhooks/{id}/deliveries/retry', 'post'> = {},
    options: CallOptions = {},
  ) {
    return this.#http.request<ResponseBody<'/v1/webhooks/{id}/deliveries/retry', 'post'>>({
      method: 'POST',
      path: `${at(id)}/deliveries/retry`,
      body: request,
      signal: options.signal,
    })
  }
}
