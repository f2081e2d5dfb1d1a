/**
 * Coffer's one error type and its closed set of codes.
 *
 * Codes are API: they are never renamed, and each is documented once, here and in the
 * README's error table. Messages name the parameter that was wrong, never its value.
 * Internal detail (a driver error, a libsodium failure) goes on `cause`, which is logged
 * by the server but never sent to a client.
 */

/** Every code Coffer can answer with, and the HTTP status it maps to. */
export const ERROR_STATUS = {
  /** Request body, query or path failed validation; `detail` names the field. */
  VALIDATION_FAILED: 400,
  /** Request body is not valid JSON. */
  MALFORMED_JSON: 400,
  /** No `Authorization: Bearer` credential was sent. */
  UNAUTHENTICATED: 401,
  /** The token is unknown, malformed or fails its checksum (one answer for all of these). */
  TOKEN_INVALID: 401,
  /** The token was valid but its lifetime (or rotation grace period) is over. */
  TOKEN_EXPIRED: 401,
  /** The token was revoked. */
  TOKEN_REVOKED: 401,
  /** Login failed: unknown email or wrong password (one answer for both). */
  INVALID_CREDENTIALS: 401,
  /** The session cookie is unknown, expired or revoked. */
  SESSION_INVALID: 401,
  /** A cookie-authenticated mutating request lacks a valid `x-csrf-token` header. */
  CSRF_FAILED: 403,
  /** The token lacks the scope the route needs. */
  INSUFFICIENT_SCOPE: 403,
  /** The org (or user) is suspended. */
  ACCOUNT_SUSPENDED: 403,
  /** No such resource in this org (another org's id answers exactly the same). */
  NOT_FOUND: 404,
  /** An archive run or restore needs archive settings, and this org has none (`PUT /v1/archive/settings`). */
  ARCHIVE_NOT_CONFIGURED: 409,
  /**
   * A restore of a record archived in `sealed` mode: Coffer cannot read it back; the customer opens
   * the object with their secret key (`crypto_box_seal_open`) and stores the record again.
   */
  ARCHIVE_SEALED: 409,
  /**
   * The archived object of a record is no longer in the bucket, changed since it was archived (its
   * SHA-256 differs from the stub's), or is not an archive object Coffer wrote for this record.
   */
  ARCHIVE_OBJECT_INVALID: 409,
  /** The resource already exists (e.g. an org slug). */
  CONFLICT: 409,
  /**
   * A request under this `Idempotency-Key` (of this credential) is still running: retry later. A
   * key whose first request died with its server answers this until the key expires (24 h), so a
   * create is never run twice.
   */
  IDEMPOTENCY_KEY_IN_USE: 409,
  /** The org already holds as many of this resource as it may (e.g. 100 webhook endpoints). */
  LIMIT_REACHED: 409,
  /** The org's keys were destroyed (crypto-shredding); its data is gone for good. */
  KEY_DESTROYED: 410,
  /** The request (its headers or its body) did not arrive within the server's time limit. */
  REQUEST_TIMEOUT: 408,
  /** The request body exceeds the configured limit. */
  PAYLOAD_TOO_LARGE: 413,
  /**
   * The write would take the org past its plan's `records` or `storage_bytes` quota
   * (`COFFER_PLANS`); `detail` names the quota. Nothing was stored.
   */
  QUOTA_EXCEEDED: 413,
  /** The request body is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /**
   * An outbound URL Coffer was asked to call is refused: credentials in it, a scheme other than
   * http(s), or (with `COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS`) plain http or a host that is or
   * resolves to a non-public address. `detail` names the host and the range, never the path or query.
   */
  UNSAFE_URL: 422,
  /** This `Idempotency-Key` was already used (by this credential) with another method, path or body. */
  IDEMPOTENCY_KEY_REUSED: 422,
  /**
   * An OAuth connector `state` is invalid: tampered, expired (10 minutes), already used, of another
   * org, or unknown. One answer for all of these.
   */
  STATE_INVALID: 400,
  /** A connector credential was refused by its provider (a refused refresh): authorize it again. */
  CONNECTOR_REAUTH_REQUIRED: 409,
  /** Too many requests; see `Retry-After`. */
  RATE_LIMITED: 429,
  /** The request line and headers together exceed the server's limit (64 KiB). */
  HEADERS_TOO_LARGE: 431,
  /** An envelope failed to open: tampered, truncated, moved, or under an unknown key. */
  DECRYPTION_FAILED: 500,
  /** The audit hash chain of an org does not verify. */
  AUDIT_CHAIN_BROKEN: 500,
  /** Something unexpected failed; details are in the server log only. */
  INTERNAL: 500,
  /** Configuration is missing or invalid; `detail` names the variable, never its value. */
  CONFIG_INVALID: 500,
  /** The database schema does not enforce tenant isolation (RLS missing, not forced, no policy). */
  TENANT_ISOLATION_BROKEN: 500,
  /** A migration failed, or an applied migration's file changed since. */
  MIGRATION_FAILED: 500,
  /** The embedded database's data dir is in use by another Coffer process. */
  DATA_DIR_LOCKED: 500,
  /**
   * The OAuth provider refused: the user denied the authorization, or the token endpoint refused
   * the code (RFC 6749 5.2). `detail` names the OAuth error code, never a code or token.
   */
  CONNECTOR_TOKEN_REFUSED: 502,
  /** OAuth connectors are off on this server: `COFFER_CONNECTORS_REDIRECT_URL` is not set. */
  CONNECTORS_NOT_CONFIGURED: 501,
  /**
   * The archive bucket refused a request (write, read or delete; wrong credentials, no such bucket,
   * a server error) or an object did not read back as written; `detail` names the operation and
   * the bucket's status and error code, never a credential.
   */
  ARCHIVE_BUCKET_REFUSED: 502,
  /** An outbound request failed: the host did not resolve, the connection failed or broke off. */
  UPSTREAM_UNREACHABLE: 502,
  /** The root key provider cannot be reached or refuses right now (generate, wrap, unwrap, check). */
  KEY_UNAVAILABLE: 503,
  /**
   * The database is down, restarting, refusing connections, or dropped the connection mid-request;
   * see `Retry-After`. A write answered with this may or may not have been applied.
   */
  DATABASE_UNAVAILABLE: 503,
  /** The server is not ready (database unreachable, migrations not current). */
  NOT_READY: 503,
  /** An outbound request got no complete answer within its time limit. */
  UPSTREAM_TIMEOUT: 504,
} as const

/** The closed union of error codes. */
export type ErrorCode = keyof typeof ERROR_STATUS

/** Coffer's error: a stable `code`, a message that never contains secret values, an optional cause. */
export class CofferError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CofferError'
    this.code = code
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

/** True when `error` is a CofferError, optionally with the given code. */
export function isCofferError(error: unknown, code?: ErrorCode): error is CofferError {
  return error instanceof CofferError && (code === undefined || error.code === code)
}
