/** How a connector credential is shown: ids, status, `last4` and times, never a token. */

/** A credential as listed: never a token or its envelope. */
export interface ConnectorSummary {
  id: string
  provider: string
  status: 'active' | 'needs_reauth'
  verify_status: 'valid' | 'refused' | 'unreachable'
  access_last4: string | null
  scope: string | null
  expires_at: string | null
  refreshable: boolean
  created_by: string
  created_at: string
  updated_at: string
  last_refreshed_at: string | null
  last_used_at: string | null
}

export interface SummaryRow {
  id: string
  provider: string
  status: ConnectorSummary['status']
  verify_status: ConnectorSummary['verify_status']
  access_last4: string | null
  granted_scope: string | null
  expires_at: Date | null
  refreshable: boolean
  created_by: string
  created_at: Date
  updated_at: Date
  last_refreshed_at: Date | null
  last_used_at: Date | null
}

/** The columns a list reads: deliberately no envelope. */
export const SUMMARY_COLUMNS = `c.id, p.name AS provider, c.status, c.verify_status, c.access_last4, c.granted_scope,
  c.expires_at, c.refresh_token IS NOT NULL AS refreshable, c.created_by, c.created_at, c.updated_at,
  c.last_refreshed_at, c.last_used_at`
/** Credentials with their provider's name (the app role reads only `id, name` of providers). */
export const WITH_PROVIDER = 'connector_credentials c JOIN connector_providers p ON p.id = c.provider_id'

export const iso = (at: Date | null) => (at === null ? null : at.toISOString())
/** The answer shape of one row. */
export function toSummary(row: SummaryRow): ConnectorSummary {
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    verify_status: row.verify_status,
    access_last4: row.access_last4,
    scope: row.granted_scope,
    expires_at: iso(row.expires_at),
    refreshable: row.refreshable,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_refreshed_at: iso(row.last_refreshed_at),
    last_used_at: iso(row.last_used_at),
  }
}
