/**
 * `new Coffer({ baseUrl, token })`: the tenant API, one resource per capability. Without a token
 * it runs in browser mode (the web console): the session cookie authenticates (`same-origin`),
 * `auth.login` stores the CSRF token and every mutating request sends it as `x-csrf-token`.
 */
import type { QueryParams, RequestBody, ResponseBody } from './api-types.js'
import { AuditResource, type ExportItem, exportItems } from './audit-resource.js'
import { type CallOptions, type ClientOptions, HttpTransport } from './http-transport.js'
import { GrantsResource, NamespacesResource, RecordsResource } from './records-resource.js'
import { SecretsResource, TokensResource } from './secrets-tokens-resource.js'
import { WebhooksResource } from './webhooks-resource.js'

/** Browser sessions: `POST /v1/auth/login` and `/v1/auth/logout`. */
export class AuthResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /**
   * Logs in; the browser keeps the session cookie (HttpOnly), the client keeps the CSRF token.
   * @throws CofferApiError INVALID_CREDENTIALS, ACCOUNT_SUSPENDED, RATE_LIMITED, VALIDATION_FAILED
   */
  async login(credentials: RequestBody<'/v1/auth/login', 'post'>, options: CallOptions = {}) {
    const session = await this.#http.request<ResponseBody<'/v1/auth/login', 'post'>>({
      method: 'POST',
      path: '/v1/auth/login',
      body: credentials,
      signal: options.signal,
    })
    this.#http.csrfToken = session.csrf_token
    return session
  }

  /** Ends the session and forgets the CSRF token. @throws CofferApiError UNAUTHENTICATED, CSRF_FAILED */
  async logout(options: CallOptions = {}): Promise<void> {
    await this.#http.request({
      method: 'POST',
      path: '/v1/auth/logout',
      expect: 'none',
      signal: options.signal,
    })
    this.#http.csrfToken = undefined
  }

  /** The CSRF token of the current session (e.g. to keep across a page reload in sessionStorage). */
  get csrfToken(): string | undefined {
    return this.#http.csrfToken
  }
}

/** A client of one org's API. Holds the token privately; printing the client never shows it. */
export class Coffer {
  readonly records: RecordsResource
  readonly namespaces: NamespacesResource
  readonly grants: GrantsResource
  readonly secrets: SecretsResource
  readonly tokens: TokensResource
  readonly webhooks: WebhooksResource
  readonly audit: AuditResource
  readonly auth: AuthResource
  readonly #http: HttpTransport

  /** @throws TypeError when `baseUrl` is not a string or `token` is not a Coffer token */
  constructor(options: ClientOptions) {
    this.#http = new HttpTransport(options)
    this.records = new RecordsResource(this.#http)
    this.namespaces = new NamespacesResource(this.#http)
    this.grants = new GrantsResource(this.#http)
    this.secrets = new SecretsResource(this.#http)
    this.tokens = new TokensResource(this.#http)
    this.webhooks = new WebhooksResource(this.#http)
    this.audit = new AuditResource(this.#http)
    this.auth = new AuthResource(this.#http)
  }

  /** Every record (and secret metadata) the token reaches, page by page: `for await (const item of coffer.export())`. */
  export(
    query: Omit<QueryParams<'/v1/export', 'get'>, 'cursor'> = {},
    options: CallOptions = {},
  ): AsyncGenerator<ExportItem, void, undefined> {
    return exportItems(this.#http, query, options)
  }

  toJSON(): Record<string, string> {
    return this.#http.toJSON()
  }
}
