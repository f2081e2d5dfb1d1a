import type { Plan, PlanTable } from '../auth/scopes.js'

/** The quotas of one plan that the usage module enforces; undefined: no such quota. */
export interface PlanQuotas {
  records?: number | undefined
  storageBytes?: number | undefined
  maxTokens?: number | undefined
  maxWebhookEndpoints?: number | undefined
}

/** The key of the plan-quota JSON under which an unknown plan's quotas sit (not a valid plan name). */
export const UNKNOWN_PLAN_KEY = '#unknown'

function smallest(plans: readonly Plan[], pick: (plan: Plan) => number | undefined): number | undefined {
  const values = plans.map(pick)
  // One plan without the quota: an unknown plan gets none either (fails towards the laxest only
  // when every plan is lax).
  if (values.some((value) => value === undefined)) return undefined
  return Math.min(...(values as number[]))
}

/**
 * The quotas of `planName`. A plan the table no longer has gets, per quota, the smallest of the
 * table (none when some plan has none), like the rate limit falls back to the lowest.
 */
export function quotasOf(plans: PlanTable, planName: string): PlanQuotas {
  const plan = Object.hasOwn(plans, planName) ? plans[planName] : undefined
  if (plan) {
    return {
      records: plan.records,
      storageBytes: plan.storageBytes,
      maxTokens: plan.maxTokens,
      maxWebhookEndpoints: plan.maxWebhookEndpoints,
    }
  }
  const all = Object.values(plans)
  return {
    records: smallest(all, (p) => p.records),
    storageBytes: smallest(all, (p) => p.storageBytes),
    maxTokens: smallest(all, (p) => p.maxTokens),
    maxWebhookEndpoints: smallest(all, (p) => p.maxWebhookEndpoints),
  }
}

/**
 * The plan table's record and storage quotas as JSON for SQL (`{plan: {records, bytes}}`, plus
 * {@link UNKNOWN_PLAN_KEY}), so the fast path of a write reads the org's plan and its quotas in
 * the statement that reserves.
 */
export function storageQuotaJson(plans: PlanTable): string {
  const entries: Record<string, { records: number | null; bytes: number | null }> = {}
  for (const name of [...Object.keys(plans), UNKNOWN_PLAN_KEY]) {
    const quotas = quotasOf(plans, name)
    entries[name] = { records: quotas.records ?? null, bytes: quotas.storageBytes ?? null }
  }
  return JSON.stringify(entries)
}
