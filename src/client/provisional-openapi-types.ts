/**
 * PROVISIONAL: a hand-written stand-in for `openapi-types.ts` (generated from the OpenAPI
 * document by the openapi branch), in the same shape openapi-typescript writes. Deleted when that
 * file is merged; `api-types.ts` is the only importer.
 */
type Json<T> = { content: { 'application/json': T } }
type Text = { content: { 'text/plain': string } }
type Op<Q, B, R extends Record<number, unknown>, P = never> = {
  parameters: { query?: Q; path: P }
  requestBody: B extends never ? never : Json<B>
  responses: R
}
type Page<T> = { items: T[]; next_cursor: string | null }
type Paging = { limit?: number; cursor?: string }
type Id = { id: string }
type Summary = {
  id: string
  namespace: string
  type: string
  visibility: 'private' | 'shared' | 'public'
  owner_agent: string | null
  allowed_agents: string[]
  created_at: string
  updated_at: string
  expires_at: string | null
  via_grant: string | null
}
type View = Summary & { content: string; metadata: Record<string, unknown> | null; entities: string[] }
type Store = {
  namespace?: string
  type?: string
  content: string
  metadata?: Record<string, unknown>
  visibility?: 'private' | 'shared' | 'public'
  allowed_agents?: string[]
  entities?: string[]
  ttl_seconds?: number
}
type Token = {
  id: string
  name: string
  scopes: string[]
  agent: string | null
  namespace: string | null
  rate_limit_per_minute: number | null
  created_at: string
  expires_at: string | null
  revoked_at: string | null
}
type Endpoint = {
  id: string
  url: string
  event_types: string[]
  description: string
  enabled: boolean
  created_at: string
}
type Delivery = {
  id: string
  event_type: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
}
type Org = {
  id: string
  slug: string
  name: string
  plan: string
  rate_limit_per_minute: number | null
  suspended: boolean
  created_at: string
}
type AuditEntry = { seq: number; at: string; actor: string; action: string; resource: string }

export interface paths {
  '/v1/records': {
    get: Op<
      Paging & { namespace?: string; type?: string; entity?: string },
      never,
      { 200: Json<Page<Summary>> }
    >
    post: Op<never, Store, { 201: Json<Summary> }>
    delete: Op<
      { ids?: string; entity?: string; namespace?: string; before?: string; after?: string },
      never,
      { 200: Json<{ deleted: number }> }
    >
  }
  '/v1/records/{id}': {
    get: Op<never, never, { 200: Json<View> }, Id>
    patch: Op<never, Partial<Omit<Store, 'namespace'>>, { 200: Json<Summary> }, Id>
    delete: Op<never, never, { 204: { content?: never } }, Id>
  }
  '/v1/records/search': {
    post: Op<
      never,
      { query: string; namespaces?: string[]; types?: string[]; entities?: string[]; limit?: number },
      { 200: Json<{ items: (Omit<Summary, 'owner_agent' | 'allowed_agents'> & { score: number })[] }> }
    >
  }
  '/v1/export': {
    get: Op<
      Paging & { format?: 'plain' | 'sealed' },
      never,
      { 200: Json<Page<{ kind: 'record' | 'secret'; id: string; content?: string }>> }
    >
  }
  '/v1/namespaces': {
    get: Op<never, never, { 200: Json<{ items: { name: string }[] }> }>
    post: Op<never, { name: string }, { 201: Json<{ name: string }> }>
  }
  '/v1/namespaces/{name}': {
    delete: Op<never, never, { 200: Json<{ deleted_records: number }> }, { name: string }>
  }
  '/v1/grants': {
    get: Op<never, never, { 200: Json<Page<{ id: string; namespace: string; reads: string }>> }>
    post: Op<
      never,
      { namespace: string; reads: string; types?: string[]; expires_in_seconds?: number },
      { 201: Json<{ id: string; namespace: string; reads: string }> }
    >
  }
  '/v1/grants/{id}': { delete: Op<never, never, { 204: { content?: never } }, Id> }
  '/v1/secrets': {
    get: Op<Paging, never, { 200: Json<Page<{ kind: string; last4: string | null }>> }>
  }
  '/v1/secrets/{kind}': {
    put: Op<
      never,
      { value: string; verify_url?: string },
      { 200: Json<{ kind: string; last4: string | null; updated_at: string }> },
      { kind: string }
    >
    delete: Op<never, never, { 204: { content?: never } }, { kind: string }>
  }
  '/v1/secrets/{kind}/verify': {
    post: Op<
      never,
      never,
      { 200: Json<{ kind: string; verify_status: string; reason: string }> },
      { kind: string }
    >
  }
  '/v1/secrets/{kind}/resolve': {
    post: Op<never, { purpose: string }, { 200: Json<{ kind: string; value: string }> }, { kind: string }>
  }
  '/v1/tokens': {
    get: Op<Paging, never, { 200: Json<Page<Token>> }>
    post: Op<
      never,
      {
        name: string
        scopes: string[]
        agent?: string
        namespace?: string
        expires_in_seconds?: number
        rate_limit_per_minute?: number
      },
      { 201: Json<Token & { token: string }> }
    >
  }
  '/v1/tokens/{id}': { delete: Op<never, never, { 204: { content?: never } }, Id> }
  '/v1/tokens/{id}/rotate': {
    post: Op<never, { grace_seconds?: number }, { 201: Json<Token & { token: string }> }, Id>
  }
  '/v1/webhooks': {
    get: Op<Paging, never, { 200: Json<Page<Endpoint>> }>
    post: Op<
      never,
      { url: string; event_types: string[]; description?: string; enabled?: boolean },
      { 201: Json<Endpoint & { secret: string }> }
    >
  }
  '/v1/webhooks/{id}': {
    get: Op<never, never, { 200: Json<Endpoint> }, Id>
    patch: Op<
      never,
      { url?: string; event_types?: string[]; description?: string; enabled?: boolean },
      { 200: Json<Endpoint> },
      Id
    >
    delete: Op<never, never, { 204: { content?: never } }, Id>
  }
  '/v1/webhooks/{id}/rotate-secret': { post: Op<never, never, { 201: Json<{ secret: string }> }, Id> }
  '/v1/webhooks/{id}/test': {
    post: Op<never, never, { 202: Json<{ id: string; event_type: 'ping'; status: 'pending' }> }, Id>
  }
  '/v1/webhooks/{id}/deliveries': { get: Op<Paging, never, { 200: Json<Page<Delivery>> }, Id> }
  '/v1/webhooks/{id}/deliveries/retry': {
    post: Op<never, { ids?: string[]; since?: string }, { 202: Json<{ retried: number }> }, Id>
  }
  '/v1/audit': {
    get: Op<
      { actor?: string; action?: string; resource?: string; since?: string; until?: string } & Paging,
      never,
      { 200: Json<Page<AuditEntry>> }
    >
  }
  '/v1/audit/checkpoint': { get: Op<never, never, { 200: Text }> }
  '/v1/audit/checkpoint-key': { get: Op<never, never, { 200: Text }> }
  '/v1/audit/proof/inclusion': {
    get: Op<
      { seq: number; size?: number },
      never,
      { 200: Json<{ leaf_index: number; tree_size: number; proof: string[] }> }
    >
  }
  '/v1/audit/proof/consistency': {
    get: Op<
      { from: number; to?: number },
      never,
      { 200: Json<{ from: number; to: number; proof: string[] }> }
    >
  }
  '/v1/audit/export': {
    get: Op<{ from?: number; to?: number }, never, { 200: { content: { 'application/x-ndjson': string } } }>
  }
  '/v1/orgs': {
    get: Op<Paging, never, { 200: Json<Page<Org>> }>
    post: Op<
      never,
      { slug: string; name?: string; plan?: string },
      { 201: Json<{ org_id: string; slug: string; owner_token: string }> }
    >
  }
  '/v1/orgs/{id}': {
    get: Op<never, never, { 200: Json<Org> }, Id>
    patch: Op<
      never,
      { name?: string; plan?: string; rate_limit_per_minute?: number | null; suspended?: boolean },
      { 200: Json<Org> },
      Id
    >
    delete: Op<{ confirm?: string }, never, { 200: Json<Org & { rows_deleted: number }> }, Id>
  }
  '/v1/auth/login': {
    post: Op<
      never,
      { email: string; password: string; org: string },
      { 200: Json<{ session_id: string; expires_at: string; csrf_token: string }> }
    >
  }
  '/v1/auth/logout': { post: Op<never, never, { 204: { content?: never } }> }
}
