/**
 * Stored first responses of idempotent creates, per org: a row is reserved (no response) before
 * the request runs, completed with the response sealed as an envelope under the org's key, or
 * released when the request failed. Keys and request fingerprints arrive already hashed
 * (http/idempotency.ts): nothing here sees a key, a body or a response in the clear but the
 * response it seals and opens.
 */
import type { Database } from '../db/sql.js'
import type { TenantSql } from '../db/tenant-door.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { assertPositiveInteger, forEachSettled, untilShortBatch } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { EncryptedTable } from '../keys/encrypted-tables.js'
import type { FieldLocation, OrgKeyring } from '../keys/org-keyring.js'
import { orgsWithExpiredIdempotencyKeys } from '../tenancy/due-work.js'

/** How long a key answers with its first response: 24 hours. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000

/** How often a server sweeps expired keys (reads already ignore them). */
export const IDEMPOTENCY_SWEEP_INTERVAL_MS = 10 * 60_000

/** Rotation re-encrypts the stored responses with every other envelope. */
export const IDEMPOTENCY_ENCRYPTED_TABLE: EncryptedTable = {
  table: 'idempotency_keys',
  columns: ['response'],
  versionColumn: 'key_version',
}

/** A first response as it is replayed. Its envelope's plaintext is this, as JSON (`v: 1`). */
export interface StoredResponse {
  status: number
  body: string
}

/** What a reservation found: the key is new (and now held), in flight, or done. */
export type Reservation =
  | { state: 'reserved'; id: string }
  | { state: 'in_flight' }
  | { state: 'done'; response: StoredResponse }

/** The hashes that name a request (see http/idempotency.ts). */
export interface IdempotencyHashes {
  keyHash: Buffer
  requestHash: Buffer
}

const responseAt = (rowId: string): FieldLocation => ({
  table: 'idempotency_keys',
  column: 'response',
  rowId,
})

/** Seals a response for row `id` under the org's active key (the column and its key version). */
export async function sealResponse(
  keyring: OrgKeyring,
  sql: TenantSql,
  id: string,
  response: StoredResponse,
): Promise<{ envelope: Buffer; keyVersion: number }> {
  const plaintext = Buffer.from(
    JSON.stringify({ v: 1, status: response.status, body: response.body }),
    'utf8',
  )
  try {
    return await keyring.sealField(sql, responseAt(id), plaintext)
  } finally {
    // JS gives no guarantee that no other copy of the plaintext exists.
    plaintext.fill(0)
  }
}

/**
 * Opens a stored response of row `id`.
 * @throws DECRYPTION_FAILED (also for an unknown format version), KEY_DESTROYED, KEY_UNAVAILABLE
 */
export async function openResponse(
  keyring: OrgKeyring,
  sql: TenantSql,
  id: string,
  envelope: Uint8Array,
): Promise<StoredResponse> {
  const plaintext = await keyring.openField(sql, responseAt(id), envelope)
  const parsed = JSON.parse(plaintext.toString('utf8')) as { v?: unknown; status?: unknown; body?: unknown }
  plaintext.fill(0)
  if (parsed.v !== 1 || typeof parsed.status !== 'number' || typeof parsed.body !== 'string') {
    throw new CofferError('DECRYPTION_FAILED', 'stored response has an unknown format')
  }
  return { status: parsed.status, body: parsed.body }
}

/** One org's idempotency keys. */
export class IdempotencyStore {
  readonly #keyring: OrgKeyring
  readonly #clock: Clock

  constructor(options: { keyring: OrgKeyring; clock: Clock }) {
    this.#keyring = options.keyring
    this.#clock = options.clock
  }

  /**
   * Holds `keyHash` for a new request, or says what holds it: a request in flight, or a done one
   * (its response opened). Run in a transaction of its own, committed before the request runs,
   * so that a concurrent retry sees the reservation. An expired row is replaced.
   * @throws IDEMPOTENCY_KEY_REUSED when the key was used with another request (method, path, body)
   */
  async reserve(sql: TenantSql, hashes: IdempotencyHashes): Promise<Reservation> {
    const now = new Date(this.#clock.now())
    await sql.query('DELETE FROM idempotency_keys WHERE org_id = $1 AND key_hash = $2 AND expires_at <= $3', [
      sql.orgId,
      hashes.keyHash,
      now,
    ])
    const id = uuidV7(now.getTime())
    // A concurrent insert of the same key waits here for the other transaction, then does nothing.
    const inserted = await sql.query(
      `INSERT INTO idempotency_keys (org_id, id, key_hash, request_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, key_hash) DO NOTHING`,
      [
        sql.orgId,
        id,
        hashes.keyHash,
        hashes.requestHash,
        now,
        new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      ],
    )
    if (inserted.rowCount === 1) return { state: 'reserved', id }
    const { rows } = await sql.query<{ id: string; request_hash: Uint8Array; response: Uint8Array | null }>(
      'SELECT id, request_hash, response FROM idempotency_keys WHERE org_id = $1 AND key_hash = $2',
      [sql.orgId, hashes.keyHash],
    )
    const row = rows[0]
    // Released between our insert and this read: the key is free again, but not ours; a retry takes it.
    if (!row) return { state: 'in_flight' }
    if (!Buffer.from(row.request_hash).equals(hashes.requestHash)) {
      throw new CofferError(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key: already used with another request (method, path or body)',
      )
    }
    if (row.response === null) return { state: 'in_flight' }
    return { state: 'done', response: await openResponse(this.#keyring, sql, row.id, row.response) }
  }

  /** Stores the response of the request that holds reservation `id`. */
  async complete(sql: TenantSql, id: string, response: StoredResponse): Promise<void> {
    const sealed = await sealResponse(this.#keyring, sql, id, response)
    await sql.query(
      `UPDATE idempotency_keys SET response = $3, key_version = $4
       WHERE org_id = $1 AND id = $2 AND response IS NULL`,
      [sql.orgId, id, sealed.envelope, sealed.keyVersion],
    )
  }

  /**
   * Stores a done key in one step, for a response that created this org (the operator's
   * `POST /v1/orgs`: the response is sealed under the new org's key, in that org's rows).
   */
  async insertDone(
    sql: TenantSql,
    id: string,
    hashes: IdempotencyHashes,
    response: StoredResponse,
  ): Promise<void> {
    const now = new Date(this.#clock.now())
    const sealed = await sealResponse(this.#keyring, sql, id, response)
    await sql.query(
      `INSERT INTO idempotency_keys (org_id, id, key_hash, request_hash, response, key_version, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        sql.orgId,
        id,
        hashes.keyHash,
        hashes.requestHash,
        sealed.envelope,
        sealed.keyVersion,
        now,
        new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      ],
    )
  }

  /** The stored response of row `id`; null when there is none (deleted with its org, or swept). */
  async responseOf(sql: TenantSql, id: string): Promise<StoredResponse | null> {
    const { rows } = await sql.query<{ response: Uint8Array | null }>(
      'SELECT response FROM idempotency_keys WHERE org_id = $1 AND id = $2',
      [sql.orgId, id],
    )
    const envelope = rows[0]?.response
    return envelope ? openResponse(this.#keyring, sql, id, envelope) : null
  }

  /** Frees reservation `id` after its request failed: a retry under the key runs again. */
  async release(sql: TenantSql, id: string): Promise<void> {
    await sql.query('DELETE FROM idempotency_keys WHERE org_id = $1 AND id = $2 AND response IS NULL', [
      sql.orgId,
      id,
    ])
  }
}

/**
 * Deletes expired idempotency keys of every org not deleted, `batchSize` rows per transaction;
 * returns how many. An org that fails does not stop the others; the first error is thrown at the end.
 * Reads already ignore an expired key: the sweep only frees the space.
 * @throws RangeError for a batch size that is not a positive integer
 */
export async function sweepExpiredIdempotencyKeys(
  db: Database,
  now: Date,
  batchSize: number,
): Promise<number> {
  assertPositiveInteger(batchSize, 'batchSize')
  let deleted = 0
  await forEachSettled(await orgsWithExpiredIdempotencyKeys(db, now), async (orgId) => {
    deleted += await untilShortBatch(batchSize, () =>
      withTenant(db, orgId, async (sql) => {
        const { rows } = await sql.query(
          `WITH batch AS (
             SELECT id FROM idempotency_keys WHERE org_id = $1 AND expires_at <= $2
             ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED)
           DELETE FROM idempotency_keys k USING batch WHERE k.org_id = $1 AND k.id = batch.id RETURNING k.id`,
          [sql.orgId, now, batchSize],
        )
        return rows.length
      }),
    )
  })
  return deleted
}
