import type { PlanTable } from '../auth/scopes.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { quotasOf } from './plan-quotas.js'

/** Days of request counts a report shows, today included. */
export const REQUEST_DAYS_SHOWN = 31

/** A quota and how much of it is used; `limit` null: the plan sets none. */
export interface QuotaUse {
  limit: number | null
  used: number
}

/** An org's usage, as `GET /v1/usage` and the operator's `GET /v1/orgs/:id` answer it (snake_case). */
export interface UsageReport {
  plan: string
  records: number
  bytes: number
  namespaces: { namespace: string; records: number; bytes: number }[]
  secrets: number
  webhook_endpoints: number
  /** Live (not revoked) tokens. */
  tokens: number
  /** Requests per UTC day, newest first, as flushed by the instances (see request-counter.ts). */
  requests_per_day: { day: string; requests: number }[]
  quotas: {
    records: QuotaUse
    storage_bytes: QuotaUse
    max_tokens: QuotaUse
    max_webhook_endpoints: QuotaUse
  }
}

/**
 * Reads the org's usage from its counters (a few rows per namespace, never a scan of records).
 * @throws NOT_FOUND for an org that does not exist
 */
export async function readUsage(sql: TenantSql, plans: PlanTable, now: Date): Promise<UsageReport> {
  const { rows: orgRows } = await sql.query<{ plan: string }>('SELECT plan FROM orgs WHERE id = $1', [
    sql.orgId,
  ])
  if (!orgRows[0]) throw new CofferError('NOT_FOUND', 'no org with this id')
  const plan = orgRows[0].plan
  const { rows: spaces } = await sql.query<{ namespace: string; records: string; bytes: string }>(
    `SELECT n.name AS namespace, sum(u.records) AS records, sum(u.bytes) AS bytes
     FROM usage_records u JOIN namespaces n ON n.org_id = u.org_id AND n.id = u.namespace_id
     WHERE u.org_id = $1 GROUP BY n.name HAVING sum(u.records) <> 0 OR sum(u.bytes) <> 0 ORDER BY n.name`,
    [sql.orgId],
  )
  const { rows: objects } = await sql.query<{ kind: string; count: string }>(
    'SELECT kind, count FROM usage_objects WHERE org_id = $1',
    [sql.orgId],
  )
  const since = new Date(now.getTime() - (REQUEST_DAYS_SHOWN - 1) * 86_400_000).toISOString().slice(0, 10)
  const { rows: days } = await sql.query<{ day: string; count: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, count FROM usage_requests
     WHERE org_id = $1 AND day >= $2::date ORDER BY day DESC`,
    [sql.orgId, since],
  )
  const countOf = (kind: string) => Number(objects.find((row) => row.kind === kind)?.count ?? 0)
  const namespaces = spaces.map((row) => ({
    namespace: row.namespace,
    records: Number(row.records),
    bytes: Number(row.bytes),
  }))
  const records = namespaces.reduce((sum, row) => sum + row.records, 0)
  const bytes = namespaces.reduce((sum, row) => sum + row.bytes, 0)
  const quotas = quotasOf(plans, plan)
  const tokens = countOf('tokens')
  const endpoints = countOf('webhook_endpoints')
  return {
    plan,
    records,
    bytes,
    namespaces,
    secrets: countOf('secrets'),
    webhook_endpoints: endpoints,
    tokens,
    requests_per_day: days.map((row) => ({ day: row.day, requests: Number(row.count) })),
    quotas: {
      records: { limit: quotas.records ?? null, used: records },
      storage_bytes: { limit: quotas.storageBytes ?? null, used: bytes },
      max_tokens: { limit: quotas.maxTokens ?? null, used: tokens },
      max_webhook_endpoints: { limit: quotas.maxWebhookEndpoints ?? null, used: endpoints },
    },
  }
}
