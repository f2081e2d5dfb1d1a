import type { PlanTable } from '../auth/scopes.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { quotasOf } from './plan-quotas.js'

/** The things a plan caps by count: live tokens, webhook endpoints. */
export type CountedKind = 'tokens' | 'webhook_endpoints'

const LIMIT_NAME: Record<CountedKind, 'max_tokens' | 'max_webhook_endpoints'> = {
  tokens: 'max_tokens',
  webhook_endpoints: 'max_webhook_endpoints',
}

/**
 * Refuses a creation that took the org past its plan's `max_tokens` / `max_webhook_endpoints`.
 * Called in the creating transaction right after its INSERT: the insert's trigger has counted it
 * in `usage_objects`, whose row lock makes concurrent creations of the org wait here, so two of
 * them never both pass the last free place. Throwing rolls the creation back.
 * @throws LIMIT_REACHED naming the plan limit
 */
export async function requireWithinPlanLimit(
  sql: TenantSql,
  plans: PlanTable,
  kind: CountedKind,
): Promise<void> {
  const { rows } = await sql.query<{ plan: string; count: string | number | null }>(
    `SELECT o.plan, (SELECT u.count FROM usage_objects u WHERE u.org_id = $1 AND u.kind = $2) AS count
     FROM orgs o WHERE o.id = $1`,
    [sql.orgId, kind],
  )
  const row = rows[0]
  if (!row) throw new CofferError('NOT_FOUND', 'no org with this id')
  const quotas = quotasOf(plans, row.plan)
  const max = kind === 'tokens' ? quotas.maxTokens : quotas.maxWebhookEndpoints
  if (max !== undefined && Number(row.count ?? 0) > max) {
    throw new CofferError(
      'LIMIT_REACHED',
      `the org's plan allows ${LIMIT_NAME[kind]} = ${max}: revoke or delete one first`,
    )
  }
}
