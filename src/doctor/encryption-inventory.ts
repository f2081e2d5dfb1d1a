import { ENCRYPTED_TABLES } from '../app.js'

/** What one tenant table holds encrypted and what it holds in plaintext, and why. */
export interface TableEncryption {
  table: string
  /** Envelope columns (from ENCRYPTED_TABLES). */
  encrypted: readonly string[]
  /** Key material encrypted by the root key instead (wrapped org keys). */
  wrapped: readonly string[]
  /** The other columns, in words: what they are and why they stay readable. */
  plaintext: string
}

/**
 * Why each tenant table's other columns are plaintext. The encrypted columns are not written here:
 * they come from ENCRYPTED_TABLES (the list rotation re-encrypts), so this table and the code that
 * encrypts cannot disagree. A test requires every tenant table to have an entry and the README
 * table to be exactly `renderEncryptionTable()`.
 */
const PLAINTEXT_COLUMNS: Readonly<Record<string, string>> = {
  archive_runs: 'trigger, actor, status, counts, error code, timestamps',
  archive_settings:
    'endpoint, bucket, prefix, region, `access_key_last4`, mode, recipient public key (public), policy, timestamps',
  archived_record_entities:
    "`entity_hash`: an archived record's entity blind index (HMAC under an org subkey, copied from the record), key version",
  archived_records:
    'stub of an archived record: namespace, `type`, visibility, agents, timestamps, object key, object SHA-256, endpoint and bucket',
  api_tokens: 'name, scopes, agent, namespace, limits, timestamps; `token_hash` is an HMAC, not reversible',
  audit_checkpoints: 'tree size, root hash, the signed checkpoint note',
  audit_log:
    'actor, action, resource (ids, never content), request id, outcome, purpose, timestamps, seq, leaf hash',
  audit_tree_nodes: 'Merkle subtree hashes (of entries that hold no content)',
  idempotency_keys:
    'timestamps; `key_hash` and `request_hash` are HMACs of the key and the request, not reversible',
  connector_credentials:
    'provider id, `access_last4`, granted scope, expiry, refresh schedule and lease, status, verify status, timestamps',
  connector_states: 'provider id, actor, timestamps (the PKCE verifier is derived, never stored)',
  grants: 'namespace ids, record types, expiry, creator',
  key_rotation_jobs: 'target version, state, cursor (table and row id), counters',
  memberships: 'user id, role',
  namespaces: 'name',
  org_keys: 'version, state, provider, root key id, timestamps',
  org_secrets: 'kind, `last4`, `verify_url`, verify status, timestamps',
  record_entities: '`entity_hash`: blind index (HMAC under an org subkey), key version',
  record_terms: '`term_hash`: blind index (HMAC under an org subkey), term frequency',
  record_terms_pending:
    "`term_hashes`, `tfs`: a record's blind index entries until the term indexer moves them to `record_terms`",
  records: 'namespace, `type`, visibility, agents, timestamps, expiry, key version',
  secret_access_log: 'secret id, kind, actor, purpose',
  sessions: 'user id, `session_hash` (HMAC, not reversible), timestamps',
  usage_allotments: 'quota ledger: shard, quota, used and allotted counts',
  usage_objects: 'kind (tokens, webhook endpoints, secrets), count',
  usage_quota_state: 'whether each quota warning was sent',
  usage_records: 'namespace id, shard, record count, stored bytes',
  usage_requests: 'day, request count',
  webhook_attempts: 'status code, error text (host only), latency, outcome',
  webhook_deliveries: 'event type, payload (event ids and types, never record content), status',
  webhook_endpoints: 'event types, description, enabled, health, outbound policy, timestamps',
}

/** Key material that is encrypted by the root key rather than sealed in an envelope. */
const WRAPPED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  org_keys: ['wrapped_key'],
}

/** Every tenant table the inventory describes, alphabetically. */
export function encryptionInventory(): TableEncryption[] {
  const tables = new Set([...Object.keys(PLAINTEXT_COLUMNS), ...ENCRYPTED_TABLES.map((t) => t.table)])
  return [...tables].sort().map((table) => ({
    table,
    encrypted: ENCRYPTED_TABLES.find((t) => t.table === table)?.columns ?? [],
    wrapped: WRAPPED_COLUMNS[table] ?? [],
    plaintext: PLAINTEXT_COLUMNS[table] ?? 'every other column',
  }))
}

/** The inventory as the Markdown table the README carries (checked by a test) and doctor prints. */
export function renderEncryptionTable(): string {
  const rows = encryptionInventory().map((entry) => {
    const encrypted = [
      ...entry.encrypted.map((column) => `\`${column}\``),
      ...entry.wrapped.map((column) => `\`${column}\` (wrapped by the root key)`),
    ]
    return `| \`${entry.table}\` | ${encrypted.join(', ') || 'nothing'} | ${entry.plaintext} |`
  })
  return ['| table | encrypted | plaintext |', '|---|---|---|', ...rows].join('\n')
}
