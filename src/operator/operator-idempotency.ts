/**
 * The operator's idempotency keys (`POST /v1/orgs`), through the admin door: hashes and the id of
 * the org a key created only. The first response holds the new org's owner token, so it is never
 * here: it is sealed under that org's own key in the org's `idempotency_keys` row of the same id.
 */
import { withAdmin } from '../db/admin-door.js'
import { asOrgId, type OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'
import { uuidV7 } from '../internal/uuid-v7.js'

/** What a reservation of an operator key found. */
export type OperatorReservation =
  | { state: 'reserved'; id: string }
  | { state: 'in_flight' }
  | { state: 'done'; id: string; orgId: OrgId }

/**
 * Holds `keyHash` for a new request (replacing an expired row), or says what holds it.
 * @throws IDEMPOTENCY_KEY_REUSED when the key was used with another request
 */
export function reserveOperatorKey(
  db: Database,
  hashes: { keyHash: Buffer; requestHash: Buffer },
  options: { now: Date; ttlMs: number },
): Promise<OperatorReservation> {
  return withAdmin(db, async (sql) => {
    await sql.query('DELETE FROM operator_idempotency_keys WHERE key_hash = $1 AND expires_at <= $2', [
      hashes.keyHash,
      options.now,
    ])
    const id = uuidV7(options.now.getTime())
    const inserted = await sql.query(
      `INSERT INTO operator_idempotency_keys (id, key_hash, request_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_hash) DO NOTHING`,
      [id, hashes.keyHash, hashes.requestHash, options.now, new Date(options.now.getTime() + options.ttlMs)],
    )
    if (inserted.rowCount === 1) return { state: 'reserved', id }
    const { rows } = await sql.query<{ id: string; request_hash: Uint8Array; created_org_id: string | null }>(
      'SELECT id, request_hash, created_org_id FROM operator_idempotency_keys WHERE key_hash = $1',
      [hashes.keyHash],
    )
    const row = rows[0]
    if (!row) return { state: 'in_flight' }
    if (!Buffer.from(row.request_hash).equals(hashes.requestHash)) {
      throw new CofferError(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key: already used with another request (method, path or body)',
      )
    }
    if (row.created_org_id === null) return { state: 'in_flight' }
    return { state: 'done', id: row.id, orgId: asOrgId(row.created_org_id) }
  })
}

/** Marks reservation `id` done: its response is stored in `orgId`'s row of the same id. */
export async function completeOperatorKey(db: Database, id: string, orgId: OrgId): Promise<void> {
  await withAdmin(db, (sql) =>
    sql.query(
      'UPDATE operator_idempotency_keys SET created_org_id = $2 WHERE id = $1 AND created_org_id IS NULL',
      [id, orgId],
    ),
  )
}

/** Frees reservation `id` after its request failed. */
export async function releaseOperatorKey(db: Database, id: string): Promise<void> {
  await withAdmin(db, (sql) =>
    sql.query('DELETE FROM operator_idempotency_keys WHERE id = $1 AND created_org_id IS NULL', [id]),
  )
}

/** Deletes the operator keys expired at `now`; returns how many. */
export async function sweepOperatorKeys(db: Database, now: Date): Promise<number> {
  const { rowCount } = await withAdmin(db, (sql) =>
    sql.query('DELETE FROM operator_idempotency_keys WHERE expires_at <= $1', [now]),
  )
  return rowCount
}
