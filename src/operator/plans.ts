import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { DEFAULT_PLANS, type Plan, type PlanTable } from '../auth/scopes.js'
import { CofferError } from '../errors.js'

/** Plan names: what the `orgs.plan` column accepts. */
export const PLAN_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/

const count = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)

const PLAN_SCHEMA = z.strictObject({
  rate_limit_per_minute: count,
  storage_bytes: count.optional(),
  records: count.optional(),
  max_tokens: count.optional(),
  max_webhook_endpoints: count.optional(),
})

function toPlan(raw: z.output<typeof PLAN_SCHEMA>): Plan {
  return {
    rateLimitPerMinute: raw.rate_limit_per_minute,
    ...(raw.storage_bytes !== undefined ? { storageBytes: raw.storage_bytes } : {}),
    ...(raw.records !== undefined ? { records: raw.records } : {}),
    ...(raw.max_tokens !== undefined ? { maxTokens: raw.max_tokens } : {}),
    ...(raw.max_webhook_endpoints !== undefined ? { maxWebhookEndpoints: raw.max_webhook_endpoints } : {}),
  }
}

/** The JSON text of `COFFER_PLANS`: inline when it starts with `{`, else the path of a JSON file. */
function planTableText(value: string): string {
  if (value.trimStart().startsWith('{')) return value
  try {
    return readFileSync(value, 'utf8')
  } catch (error) {
    throw new CofferError('CONFIG_INVALID', 'COFFER_PLANS names a file that cannot be read', { cause: error })
  }
}

/**
 * Reads the deployer's plan table from `COFFER_PLANS` (JSON, or a path to a JSON file):
 * `{ "<name>": { "rate_limit_per_minute": n, "storage_bytes"?: n, "records"?: n, "max_tokens"?: n,
 * "max_webhook_endpoints"?: n } }`. Unset or empty: free (60/min), pro (600), enterprise (6000).
 * @throws CONFIG_INVALID naming the plan and field, never a value
 */
export function readPlanTable(value: string | undefined): PlanTable {
  if (value === undefined || value.trim() === '') return DEFAULT_PLANS
  let parsed: unknown
  try {
    parsed = JSON.parse(planTableText(value))
  } catch (error) {
    if (error instanceof CofferError) throw error
    throw new CofferError('CONFIG_INVALID', 'COFFER_PLANS is not valid JSON', { cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CofferError('CONFIG_INVALID', 'COFFER_PLANS must be a JSON object of plans by name')
  }
  const names = Object.keys(parsed)
  if (names.length === 0) throw new CofferError('CONFIG_INVALID', 'COFFER_PLANS must name at least one plan')
  const table: Record<string, Plan> = {}
  for (const name of names) {
    if (!PLAN_NAME_PATTERN.test(name)) {
      throw new CofferError(
        'CONFIG_INVALID',
        'COFFER_PLANS: a plan name must be 1-63 lower-case letters, digits, dashes or underscores',
      )
    }
    const result = PLAN_SCHEMA.safeParse((parsed as Record<string, unknown>)[name])
    if (!result.success) {
      const fields = result.error.issues.map((issue) => issue.path.join('.') || 'the plan').join(', ')
      throw new CofferError('CONFIG_INVALID', `COFFER_PLANS: plan ${name} is invalid (${fields})`)
    }
    table[name] = toPlan(result.data)
  }
  return table
}

/** The plan a new org gets when it names none: the table's first. */
export function defaultPlanName(plans: PlanTable): string {
  return Object.keys(plans)[0]!
}

/**
 * Refuses a plan name the table does not have.
 * @throws VALIDATION_FAILED
 */
export function requireKnownPlan(plans: PlanTable, name: string): Plan {
  if (!Object.hasOwn(plans, name)) {
    throw new CofferError(
      'VALIDATION_FAILED',
      'plan must name a plan of the server plan table (COFFER_PLANS)',
    )
  }
  return plans[name]!
}
