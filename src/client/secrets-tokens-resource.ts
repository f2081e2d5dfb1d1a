/** `coffer.secrets` (write-only vendor credentials) and `coffer.tokens` (the org's API tokens). */
import type { ItemOf, QueryParams, RequestBody, ResponseBody } from './api-types.js'
import type { CallOptions, CreateOptions, HttpTransport } from './http-transport.js'
import { paginate } from './pagination.js'

const at = (id: string) => encodeURIComponent(id)

/** `/v1/secrets`: put, list, verify, resolve, delete. */
export class SecretsResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /**
   * Stores (or replaces) the secret of `kind`; answers `kind` and `last4` only, never the value.
   * @throws CofferApiError VALIDATION_FAILED, UNSAFE_URL (verify_url), INSUFFICIENT_SCOPE
   */
  put(kind: string, secret: RequestBody<'/v1/secrets/{kind}', 'put'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/secrets/{kind}', 'put'>>({
      method: 'PUT',
      path: `/v1/secrets/${at(kind)}`,
      body: secret,
      signal: options.signal,
    })
  }

  /** Every secret's metadata (kind, last4, audit fields; never a value). */
  list(
    query: Omit<QueryParams<'/v1/secrets', 'get'>, 'cursor'> = {},
    options: CallOptions = {},
  ): AsyncGenerator<ItemOf<'/v1/secrets', 'get'>, void, undefined> {
    return paginate((cursor) =>
      this.#http.request<ResponseBody<'/v1/secrets', 'get'>>({
        method: 'GET',
        path: '/v1/secrets',
        query: { ...query, ...(cursor ? { cursor } : {}) },
        signal: options.signal,
      }),
    )
  }

  /** Checks the secret against its `verify_url`. @throws CofferApiError NOT_FOUND */
  verify(kind: string, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/secrets/{kind}/verify', 'post'>>({
      method: 'POST',
      path: `/v1/secrets/${at(kind)}/verify`,
      signal: options.signal,
    })
  }

  /**
   * The plaintext, for `purpose` (written to the access log; scope `secrets:resolve`). Keep the
   * value in memory only. @throws CofferApiError NOT_FOUND, INSUFFICIENT_SCOPE, VALIDATION_FAILED
   */
  resolve(
    kind: string,
    request: RequestBody<'/v1/secrets/{kind}/resolve', 'post'>,
    options: CallOptions = {},
  ) {
    return this.#http.request<ResponseBody<'/v1/secrets/{kind}/resolve', 'post'>>({
      method: 'POST',
      path: `/v1/secrets/${at(kind)}/resolve`,
      body: request,
      signal: options.signal,
    })
  }

  /** @throws CofferApiError NOT_FOUND */
  async delete(kind: string, options: CallOptions = {}): Promise<void> {
    await this.#http.request({
      method: 'DELETE',
      path: `/v1/secrets/${at(kind)}`,
      expect: 'none',
      signal: options.signal,
    })
  }
}

/**
 * `/v1/tokens` (scope `admin`): create, list, rotate, revoke. A token hands out only what it holds
 * itself: wider scopes, another namespace or agent, a later expiry answer INSUFFICIENT_SCOPE.
 */
export class TokensResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /** A new token; `token` is in this answer only. @throws CofferApiError INSUFFICIENT_SCOPE, VALIDATION_FAILED */
  create(token: RequestBody<'/v1/tokens', 'post'>, options: CreateOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/tokens', 'post'>>({
      method: 'POST',
      path: '/v1/tokens',
      body: token,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** The tokens within the caller's reach. */
  list(options: CallOptions = {}): AsyncGenerator<ItemOf<'/v1/tokens', 'get'>, void, undefined> {
    return paginate((cursor) =>
      this.#http.request<ResponseBody<'/v1/tokens', 'get'>>({
        method: 'GET',
        path: '/v1/tokens',
        query: { cursor },
        signal: options.signal,
      }),
    )
  }

  /** A successor token; the old one lives `grace_seconds` more. @throws CofferApiError NOT_FOUND */
  rotate(
    id: string,
    request: RequestBody<'/v1/tokens/{id}/rotate', 'post'> = {},
    options: CreateOptions = {},
  ) {
    return this.#http.request<ResponseBody<'/v1/tokens/{id}/rotate', 'post'>>({
      method: 'POST',
      path: `/v1/tokens/${at(id)}/rotate`,
      body: request,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    })
  }

  /** @throws CofferApiError NOT_FOUND */
  async revoke(id: string, options: CallOptions = {}): Promise<void> {
    await this.#http.request({
      method: 'DELETE',
      path: `/v1/tokens/${at(id)}`,
      expect: 'none',
      signal: options.signal,
    })
  }
}
