/**
 * The periodic jobs' one cross-org question: which orgs have work due now? Asked through the admin
 * door so that an idle instance runs one query per pass instead of one tenant transaction per org.
 * `coffer_admin` may read only the columns these queries name (migration 0011): org ids and
 * times, never a payload, an envelope or an endpoint. The work itself runs in each org's scope.
 */
import { withAdmin } from '../db/admin-door.js'
import { asOrgId, type OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'

/** Orgs not deleted with a pending webhook delivery due at `now`, in id order. */
export async function orgsWithDueDeliveries(db: Database, now: Date): Promise<OrgId[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ org_id: string }>(
      `SELECT DISTINCT d.org_id FROM webhook_deliveries d JOIN orgs o ON o.id = d.org_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND o.deleted_at IS NULL
       ORDER BY d.org_id`,
      [now],
    ),
  )
  return rows.map((row) => asOrgId(row.org_id))
}

/** Orgs not deleted with a record expired at `now`, in id order. */
export async function orgsWithExpiredRecords(db: Database, now: Date): Promise<OrgId[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ org_id: string }>(
      `SELECT DISTINCT r.org_id FROM records r JOIN orgs o ON o.id = r.org_id
       WHERE r.expires_at IS NOT NULL AND r.expires_at <= $1 AND o.deleted_at IS NULL
       ORDER BY r.org_id`,
      [now],
    ),
  )
  return rows.map((row) => asOrgId(row.org_id))
}

/** Orgs not deleted with a webhook delivery that finished (delivered or failed) before `before`. */
export async function orgsWithFinishedDeliveries(db: Database, before: Date): Promise<OrgId[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<{ org_id: string }>(
      `SELECT DISTINCT d.org_id FROM webhook_deliveries d JOIN orgs o ON o.id = d.org_id
       WHERE d.finished_at < $1 AND o.deleted_at IS NULL
       ORDER BY d.org_id`,
      [before],
    ),
  )
  return rows.map((row) => asOrgId(row.org_id))
}
