/** `coffer.audit` (the org's Merkle audit log, scope `audit:read`) and `coffer.export`. */
import type { ItemOf, QueryParams, ResponseBody } from './api-types.js'
import type { CallOptions, HttpTransport } from './http-transport.js'
import { paginate } from './pagination.js'

/** Filters of the audit query, without the cursor the iterator drives. */
export type AuditQuery = Omit<QueryParams<'/v1/audit', 'get'>, 'cursor'>

/**
 * `/v1/audit`: entries (newest first), the signed checkpoint and its key, proofs, and the export
 * bundle that `verifyAuditBundle` checks offline. Needs a token not narrowed to a namespace or agent.
 */
export class AuditResource {
  readonly #http: HttpTransport
  constructor(http: HttpTransport) {
    this.#http = http
  }

  /** One page; pass the previous page's `next_cursor` as `cursor`. */
  listPage(query: QueryParams<'/v1/audit', 'get'> = {}, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/audit', 'get'>>({
      method: 'GET',
      path: '/v1/audit',
      query,
      signal: options.signal,
    })
  }

  /** Every entry matching `query`, newest first, page by page. */
  list(
    query: AuditQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<ItemOf<'/v1/audit', 'get'>, void, undefined> {
    return paginate((cursor) =>
      this.listPage({ ...query, ...(cursor ? { cursor } : {}) } as typeof query, options),
    )
  }

  /** The latest signed checkpoint (C2SP signed note text). @throws CofferApiError NOT_FOUND before the first seal */
  checkpoint(options: CallOptions = {}): Promise<string> {
    return this.#http.request({
      method: 'GET',
      path: '/v1/audit/checkpoint',
      expect: 'text',
      signal: options.signal,
    })
  }

  /** The org's checkpoint verifier key(s), one per line: keep it, it is what offline checks trust. */
  checkpointKey(options: CallOptions = {}): Promise<string> {
    return this.#http.request({
      method: 'GET',
      path: '/v1/audit/checkpoint-key',
      expect: 'text',
      signal: options.signal,
    })
  }

  /** Proof that entry `seq` is in the tree of `size` (default: the latest checkpoint). */
  inclusionProof(query: QueryParams<'/v1/audit/proof/inclusion', 'get'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/audit/proof/inclusion', 'get'>>({
      method: 'GET',
      path: '/v1/audit/proof/inclusion',
      query,
      signal: options.signal,
    })
  }

  /** Proof that the tree of size `from` is a prefix of the tree of size `to`. */
  consistencyProof(query: QueryParams<'/v1/audit/proof/consistency', 'get'>, options: CallOptions = {}) {
    return this.#http.request<ResponseBody<'/v1/audit/proof/consistency', 'get'>>({
      method: 'GET',
      path: '/v1/audit/proof/consistency',
      query,
      signal: options.signal,
    })
  }

  /** The NDJSON bundle (`verifyAuditBundle(bundle, { key })` checks it without the server). */
  export(query: QueryParams<'/v1/audit/export', 'get'> = {}, options: CallOptions = {}): Promise<string> {
    return this.#http.request({
      method: 'GET',
      path: '/v1/audit/export',
      query,
      expect: 'text',
      signal: options.signal,
    })
  }
}

/** What `coffer.export(...)` yields: each record and each secret's metadata. */
export type ExportItem = ItemOf<'/v1/export', 'get'>

/**
 * `GET /v1/export`: every record the token reaches (and secret metadata for `secrets:write`),
 * `sealed` (envelopes as `cf1.` text, the default) or `plain` (decrypted; needs `admin`).
 */
export function exportItems(
  http: HttpTransport,
  query: Omit<QueryParams<'/v1/export', 'get'>, 'cursor'> = {},
  options: CallOptions = {},
): AsyncGenerator<ExportItem, void, undefined> {
  return paginate((cursor) =>
    http.request<ResponseBody<'/v1/export', 'get'>>({
      method: 'GET',
      path: '/v1/export',
      query: { ...query, ...(cursor ? { cursor } : {}) },
      signal: options.signal,
    }),
  )
}
