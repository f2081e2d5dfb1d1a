/**
 * The periodic jobs' one cross-org question: which orgs have work due now? Asked through the admin
 * door so that an idle instance runs one query per pass instead of one tenant transaction per org.
 * `coffer_admin` may read only the columns these queries name (migration 0011): org and endpoint
 * ids and times, never a payload, an envelope or an endpoint's URL. The work itself runs in each
 * org's scope.
 */
import { withAdmin } from '../db/admin-door.js'
import { asOrgId, type OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'

/**
 * The distinct `columns` of rows of `table` (alias `t`) matching `condition` at `at` ($1), of orgs
 * not deleted, in that order. Only this module's fixed texts reach it: no caller text is ever
 * spliced into the SQL.
 */
async function distinctOfLiveOrgs<Row>(
  db: Database,
  table: 'webhook_deliveries' | 'records' | 'idempotency_keys' | 'connector_credentials' | 'archive_settings',
  columns: string,
  condition: string,
  at: Date,
): Promise<Row[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<Row>(
      `SELECT DISTINCT ${columns} FROM ${table} t JOIN orgs o ON o.id = t.org_id
       WHERE ${condition} AND o.deleted_at IS NULL ORDER BY ${columns}`,
      [at],
    ),
  )
  return rows
}

/** The orgs not deleted with a row of `table` matching `condition` at `at`, in id order. */
async function orgsWith(
  db: Database,
  table: 'webhook_deliveries' | 'records' | 'idempotency_keys' | 'connector_credentials' | 'archive_settings',
  condition: string,
  at: Date,
): Promise<OrgId[]> {
  const rows = await distinctOfLiveOrgs<{ org_id: string }>(db, table, 't.org_id', condition, at)
  return rows.map((row) => asOrgId(row.org_id))
}

/** An endpoint with deliveries due, and its org. */
export interface DueEndpoint {
  orgId: OrgId
  endpointId: string
}

/** Endpoints of orgs not deleted with a pending webhook delivery due at `now`, in (org, endpoint) order. */
export async function endpointsWithDueDeliveries(db: Database, now: Date): Promise<DueEndpoint[]> {
  const rows = await distinctOfLiveOrgs<{ org_id: string; endpoint_id: string }>(
    db,
    'webhook_deliveries',
    't.org_id, t.endpoint_id',
    "t.status = 'pending' AND t.next_attempt_at <= $1",
    now,
  )
  return rows.map((row) => ({ orgId: asOrgId(row.org_id), endpointId: row.endpoint_id }))
}

/** Orgs not deleted with a webhook delivery that finished (delivered or failed) before `before`. */
export function orgsWithFinishedDeliveries(db: Database, before: Date): Promise<OrgId[]> {
  return orgsWith(db, 'webhook_deliveries', 't.finished_at < $1', before)
}

/** Orgs not deleted with a record expired at `now`, in id order. */
export function orgsWithExpiredRecords(db: Database, now: Date): Promise<OrgId[]> {
  return orgsWith(db, 'records', 't.expires_at IS NOT NULL AND t.expires_at <= $1', now)
}

/** Orgs not deleted with an idempotency key expired at `now`, in id order. */
export function orgsWithExpiredIdempotencyKeys(db: Database, now: Date): Promise<OrgId[]> {
  return orgsWith(db, 'idempotency_keys', 't.expires_at <= $1', now)
}

/** Orgs not deleted with an active connector credential whose refresh is due at `now`, in id order. */
export function orgsWithDueConnectorRefresh(db: Database, now: Date): Promise<OrgId[]> {
  return orgsWith(db, 'connector_credentials', "t.status = 'active' AND t.refresh_due_at <= $1", now)
}

/** Orgs not deleted whose scheduled archive run is due at `now` (migration 0017), in id order. */
export function orgsWithArchiveDue(db: Database, now: Date): Promise<OrgId[]> {
  return orgsWith(db, 'archive_settings', 't.enabled AND t.next_run_at <= $1', now)
}

/** The work waiting in the database now, across live orgs (metrics): counts and ages only. */
export async function backlogAt(
  db: Database,
  now: Date,
): Promise<{ pendingDeliveries: number; oldestDueDelivery: Date | null; oldestExpiredRecord: Date | null }> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ pending: string | number; oldest_due: Date | null; oldest_expired: Date | null }>(
      `SELECT
         (SELECT count(t.org_id) FROM webhook_deliveries t JOIN orgs o ON o.id = t.org_id
           WHERE t.status = 'pending' AND o.deleted_at IS NULL) AS pending,
         (SELECT min(t.next_attempt_at) FROM webhook_deliveries t JOIN orgs o ON o.id = t.org_id
           WHERE t.status = 'pending' AND t.next_attempt_at <= $1 AND o.deleted_at IS NULL) AS oldest_due,
         (SELECT min(t.expires_at) FROM records t JOIN orgs o ON o.id = t.org_id
           WHERE t.expires_at IS NOT NULL AND t.expires_at <= $1 AND o.deleted_at IS NULL) AS oldest_expired`,
      [now],
    ),
  )
  const row = rows[0]!
  return {
    pendingDeliveries: Number(row.pending),
    oldestDueDelivery: row.oldest_due,
    oldestExpiredRecord: row.oldest_expired,
  }
}

/** Orgs with blind index rows still pending (`record_terms_pending`), in id order. */
export async function orgsWithPendingTerms(db: Database): Promise<OrgId[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ org_id: string }>('SELECT DISTINCT org_id FROM record_terms_pending ORDER BY org_id'),
  )
  return rows.map((row) => asOrgId(row.org_id))
}

/**
 * Orgs with audit entries not yet sealed into their Merkle tree, in id order. Deleted orgs are
 * included: their audit trail outlives them, the `org.deleted` entry too.
 */
export async function orgsWithUnsealedAuditEntries(db: Database): Promise<OrgId[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ org_id: string }>(
      'SELECT DISTINCT org_id FROM audit_log WHERE leaf_hash IS NULL ORDER BY org_id',
    ),
  )
  return rows.map((row) => asOrgId(row.org_id))
}
