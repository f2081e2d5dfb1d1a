/** The shapes of the `/v1` answers the console reads (the fields it shows). */

export interface SessionInfo {
  org: { id: string; slug: string; name: string; plan: string }
  limits: {
    rate_limit_per_minute: number
    storage_bytes: number | null
    records: number | null
    max_tokens: number | null
    max_webhook_endpoints: number | null
  }
  stored: { records: number; content_bytes: number }
  audit: { verifies: boolean; entries: number; first_bad_seq?: number; reason?: string }
  principal: {
    kind: string
    email: string | null
    role: string | null
    scopes: string[]
    expires_at: string | null
  }
}

export interface KeysInfo {
  versions: Array<{
    version: number
    state: string
    envelopes: number
    created_at: string
    destroyed_at: string | null
  }>
  rotation: { job_id: string; target_version: number; envelopes_done: number; envelopes_left: number } | null
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

export interface TokenItem {
  id: string
  name: string
  scopes: string[]
  agent: string | null
  namespace: string | null
  rate_limit_per_minute: number | null
  created_at: string
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
}

export interface SecretItem {
  kind: string
  last4: string | null
  verify_status: string
  last_verified_at: string | null
  last_used_at: string | null
  updated_at: string
}

export interface RecordItem {
  id: string
  namespace: string
  type: string | null
  created_at: string
  expires_at: string | null
  visibility?: string
  content?: string
  entities?: string[]
  metadata?: unknown
}

export interface EndpointItem {
  id: string
  url: string
  description: string | null
  event_types: string[]
  enabled: boolean
  created_at: string
}

export interface DeliveryItem {
  id: string
  event_type: string
  status: string
  attempts: Array<{ attempt: number; status_code: number | null; error: string | null; at?: string }> | number
  created_at: string
  finished_at: string | null
  last_status_code: number | null
}

export interface AuditItem {
  seq: number
  at: string
  actor: string
  action: string
  resource: string
  request_id: string | null
  outcome: string | null
  purpose: string | null
  leaf_hash: string
}

export interface MemberItem {
  user_id: string
  email: string
  role: string
  joined_at: string
  suspended: boolean
  is_caller: boolean
}
