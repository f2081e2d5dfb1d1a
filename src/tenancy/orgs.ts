import type { AuditLog } from '../audit/audit-log.js'
import type { ApiTokens } from '../auth/api-tokens.js'
import { SCOPES } from '../auth/scopes.js'
import { withAdmin, withAdminThenTenant, withNewOrg } from '../db/admin-door.js'
import { asOrgId, type OrgId } from '../db/org-id.js'
import type { Database, Queryable } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { KeyEventEmitter, TenantRunner } from '../keys/key-ports.js'
import { destroyOrgKeys } from '../keys/org-key-destruction.js'
import type { OrgKeyring } from '../keys/org-keyring.js'

/** Org slugs: lower-case letters, digits and dashes, 1-63 characters (the DB checks the same). */
export const ORG_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/
export const DEFAULT_NAMESPACE = 'default'

/** A new org and its owner token (shown once). */
export interface CreatedOrg {
  orgId: OrgId
  slug: string
  ownerTokenId: string
  ownerToken: string
}

/** An org as listed to operators. */
export interface OrgSummary {
  id: OrgId
  slug: string
  name: string
  plan: string
  /** The operator's own limit (`coffer org limit`); null: the plan's. */
  rateLimitPerMinute: number | null
  suspendedAt: Date | null
  deletedAt: Date | null
  createdAt: Date
}

/** An org as the operator API and `coffer org list --json` show it (snake_case, ISO times). */
export function orgJson(org: OrgSummary) {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    plan: org.plan,
    rate_limit_per_minute: org.rateLimitPerMinute,
    suspended: org.suspendedAt !== null,
    suspended_at: org.suspendedAt?.toISOString() ?? null,
    deleted_at: org.deletedAt?.toISOString() ?? null,
    created_at: org.createdAt.toISOString(),
  }
}

/** Appends to the system audit log inside the caller's transaction (operator/system-audit.ts). */
export interface SystemAuditAppender {
  append(sql: Queryable, entry: { actor: string; action: string; resource: string }): Promise<void>
}

interface OrgDeps {
  db: Database
  /** The system log that outlives the org: written in the same transaction as each change. */
  systemAudit?: SystemAuditAppender | undefined
  inTenant: TenantRunner
  keyring: OrgKeyring
  tokens: ApiTokens
  audit: AuditLog
  clock: Clock
  /** Emits `key.destroyed` when an org deletion destroys its keys (the webhooks outbox). */
  emitEvent?: KeyEventEmitter | undefined
  /** Deletes the objects of the org's archived records from its bucket (the archive), before its keys go. */
  purgeArchivedObjects?: ArchivedObjectsPurger | undefined
}

/** What an org deletion did to the objects of its archived records in the org's own bucket. */
export interface ArchivedObjectsPurge {
  objects_deleted: number
  /** Object keys left in the bucket (refused, unreachable, or no settings): delete them there. */
  objects_left: string[]
  error_code: string | null
}

/**
 * Deletes every object of an org's archived records from the org's bucket; undefined when the org
 * has none. Runs before the org's keys are destroyed: the bucket's credentials are sealed by them.
 */
export type ArchivedObjectsPurger = (orgId: OrgId, actor: string) => Promise<ArchivedObjectsPurge | undefined>

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

/**
 * Creates an org with its first key, the `default` namespace and an owner token carrying every
 * scope, all in one transaction, audited as `org.created`.
 * @throws VALIDATION_FAILED for a bad slug; CONFLICT when the slug is taken.
 */
export async function createOrg(
  deps: OrgDeps,
  input: { slug: string; name?: string; plan?: string; actor: string },
): Promise<CreatedOrg> {
  if (!ORG_SLUG_PATTERN.test(input.slug)) {
    throw new CofferError('VALIDATION_FAILED', 'slug must be 1-63 lower-case letters, digits or dashes')
  }
  const orgId = asOrgId(uuidV7(deps.clock.now()))
  const org = { id: orgId, slug: input.slug, name: input.name ?? input.slug, plan: input.plan ?? 'free' }
  try {
    return await withNewOrg(deps.db, org, async (sql) => {
      await deps.systemAudit?.append(sql, {
        actor: input.actor,
        action: 'org.created',
        resource: `org:${orgId}`,
      })
      await deps.keyring.createFirstKey(sql)
      await sql.query('INSERT INTO namespaces (org_id, id, name) VALUES ($1, $2, $3)', [
        orgId,
        uuidV7(deps.clock.now()),
        DEFAULT_NAMESPACE,
      ])
      const owner = await deps.tokens.issue(sql, { name: 'owner', scopes: SCOPES })
      await deps.audit.append(sql, { actor: input.actor, action: 'org.created', resource: `org:${orgId}` })
      await deps.audit.append(sql, {
        actor: input.actor,
        action: 'token.created',
        resource: `token:${owner.id}`,
      })
      return { orgId, slug: input.slug, ownerTokenId: owner.id, ownerToken: owner.token }
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new CofferError('CONFLICT', 'an org with this slug exists', { cause: error })
    throw error
  }
}

interface OrgRow {
  id: string
  slug: string
  name: string
  plan: string
  rate_limit_per_minute: number | null
  suspended_at: Date | null
  deleted_at: Date | null
  created_at: Date
}

const ORG_COLUMNS = 'id, slug, name, plan, rate_limit_per_minute, suspended_at, deleted_at, created_at'

function toOrgSummary(row: OrgRow): OrgSummary {
  return {
    id: asOrgId(row.id),
    slug: row.slug,
    name: row.name,
    plan: row.plan,
    rateLimitPerMinute: row.rate_limit_per_minute,
    suspendedAt: row.suspended_at,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
  }
}

/** Lists orgs, oldest first (operator view, admin door). */
export async function listOrgs(db: Database): Promise<OrgSummary[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM orgs ORDER BY id`),
  )
  return rows.map(toOrgSummary)
}

/** One page of orgs, oldest first, after the org id `after` (the operator API's cursor). */
export async function listOrgsPage(
  db: Database,
  options: { limit: number; after: OrgId | null },
): Promise<OrgSummary[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<OrgRow>(
      `SELECT ${ORG_COLUMNS} FROM orgs WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [options.after, options.limit],
    ),
  )
  return rows.map(toOrgSummary)
}

/**
 * Finds an org by id (admin door).
 * @throws NOT_FOUND
 */
export async function findOrgById(db: Database, id: OrgId): Promise<OrgSummary> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM orgs WHERE id = $1`, [id]),
  )
  if (!rows[0]) throw new CofferError('NOT_FOUND', 'no org with this id')
  return toOrgSummary(rows[0])
}

/**
 * Sets the org's display name and plan (the caller checks the plan against the plan table);
 * audited in the org's own log and the system log as `org.renamed` / `org.plan_changed` (the
 * plan's resource names the new plan), in the transaction of the change.
 * @throws NOT_FOUND
 */
export async function setOrgProfile(
  deps: Pick<OrgDeps, 'db' | 'audit' | 'tokens' | 'systemAudit'>,
  slug: string,
  options: { name?: string; plan?: string; actor: string },
): Promise<void> {
  const org = await findOrgBySlug(deps.db, slug)
  const events: { action: string; resource: string }[] = []
  if (options.name !== undefined) events.push({ action: 'org.renamed', resource: `org:${org.id}` })
  if (options.plan !== undefined)
    events.push({ action: 'org.plan_changed', resource: `org:${org.id}/plan:${options.plan}` })
  await withAdminThenTenant(
    deps.db,
    org.id,
    async (sql) => {
      await sql.query('UPDATE orgs SET name = coalesce($2, name), plan = coalesce($3, plan) WHERE id = $1', [
        org.id,
        options.name ?? null,
        options.plan ?? null,
      ])
      for (const event of events) await deps.systemAudit?.append(sql, { actor: options.actor, ...event })
    },
    async (sql) => {
      for (const event of events) await deps.audit.append(sql, { actor: options.actor, ...event })
    },
  )
  // A plan change changes the limit of every credential verified from the cache.
  deps.tokens.forgetCachedVerifications()
}

/**
 * Finds an org by slug (admin door).
 * @throws NOT_FOUND
 */
export async function findOrgBySlug(db: Database, slug: string): Promise<OrgSummary> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM orgs WHERE slug = $1`, [slug]),
  )
  if (!rows[0]) throw new CofferError('NOT_FOUND', 'no org with this slug')
  return toOrgSummary(rows[0])
}

/** Tenant tables whose rows an org deletion removes, children first. */
const ORG_DATA_TABLES = [
  'idempotency_keys',
  'connector_credentials',
  'connector_states',
  'archive_settings',
  'archive_runs',
  'archived_record_entities',
  'archived_records',
  'webhook_endpoints',
  'records',
  'org_secrets',
  'namespaces',
  'api_tokens',
  'memberships',
  // Last: the deletions above count themselves into these (usage triggers).
  'usage_records',
  'usage_objects',
  'usage_requests',
  'usage_allotments',
  'usage_quota_state',
] as const

/**
 * Deletes an org: deletes the objects of its archived records from its bucket (`archive` says what
 * was left there), destroys its keys (committed on their own, so its data is unreadable even if
 * what follows fails), then deletes its rows, then marks the org deleted and suspended.
 * Key tombstones, rotation jobs and the audit trail (ids only, append-only) are kept.
 * @throws NOT_FOUND
 */
export async function deleteOrg(
  deps: OrgDeps,
  slug: string,
  actor: string,
): Promise<{ destroyedVersions: number[]; rowsDeleted: number; archive?: ArchivedObjectsPurge }> {
  const org = await findOrgBySlug(deps.db, slug)
  // The customer's bucket first: its credentials are sealed by the keys destroyed next.
  const archive = await deps.purgeArchivedObjects?.(org.id, actor)
  const destroyedVersions = await destroyOrgKeys(deps, org.id, actor)
  // Rows deleted, the org's own entry and the system entry commit together.
  const rowsDeleted = await withAdminThenTenant(
    deps.db,
    org.id,
    async (sql) => {
      await sql.query(
        'UPDATE orgs SET deleted_at = now(), suspended_at = coalesce(suspended_at, now()) WHERE id = $1',
        [org.id],
      )
      await deps.systemAudit?.append(sql, { actor, action: 'org.deleted', resource: `org:${org.id}` })
    },
    async (sql) => {
      let deleted = 0
      for (const table of ORG_DATA_TABLES) {
        deleted += (await sql.query(`DELETE FROM ${table} WHERE org_id = $1`, [org.id])).rowCount
      }
      await deps.audit.append(sql, { actor, action: 'org.deleted', resource: `org:${org.id}` })
      return deleted
    },
  )
  // At once on this instance; other instances within the 5 s verification cache.
  deps.tokens.forgetCachedVerifications()
  return { destroyedVersions, rowsDeleted, ...(archive ? { archive } : {}) }
}

/**
 * Suspends or unsuspends an org: every request of its tokens and sessions then answers (or stops
 * answering) 403 ACCOUNT_SUSPENDED, on every instance within the token verification cache's 5 s.
 * Audited as `org.suspended` / `org.unsuspended`.
 * @throws NOT_FOUND
 */
export async function setOrgSuspended(
  deps: Pick<OrgDeps, 'db' | 'audit' | 'tokens' | 'systemAudit'>,
  slug: string,
  options: { suspended: boolean; actor: string },
): Promise<OrgSummary> {
  const org = await findOrgBySlug(deps.db, slug)
  const event = {
    actor: options.actor,
    action: options.suspended ? 'org.suspended' : 'org.unsuspended',
    resource: `org:${org.id}`,
  }
  await withAdminThenTenant(
    deps.db,
    org.id,
    async (sql) => {
      await sql.query(
        `UPDATE orgs SET suspended_at = CASE WHEN $2 THEN coalesce(suspended_at, now()) ELSE NULL END WHERE id = $1`,
        [org.id, options.suspended],
      )
      await deps.systemAudit?.append(sql, event)
    },
    (sql) => deps.audit.append(sql, event),
  )
  deps.tokens.forgetCachedVerifications()
  return findOrgBySlug(deps.db, slug)
}

/**
 * Sets the org's requests-per-minute limit (null: its plan's default). Tokens with their own
 * limit keep it. With `audited`, the change is `org.limit_changed` in the org's own log and the
 * system log, in its transaction (resource `org:<id>/rate_limit:<n|default>`).
 * @throws NOT_FOUND; VALIDATION_FAILED for a limit that is not a positive integer
 */
export async function setOrgRateLimit(
  db: Database,
  slug: string,
  perMinute: number | null,
  audited?: { audit: AuditLog; systemAudit?: SystemAuditAppender | undefined; actor: string },
): Promise<void> {
  if (perMinute !== null && (!Number.isSafeInteger(perMinute) || perMinute <= 0)) {
    throw new CofferError('VALIDATION_FAILED', 'limit must be a positive integer, or "default"')
  }
  const org = await findOrgBySlug(db, slug)
  const event = audited && {
    actor: audited.actor,
    action: 'org.limit_changed',
    resource: `org:${org.id}/rate_limit:${perMinute ?? 'default'}`,
  }
  await withAdminThenTenant(
    db,
    org.id,
    async (sql) => {
      await sql.query('UPDATE orgs SET rate_limit_per_minute = $2 WHERE id = $1', [org.id, perMinute])
      if (event) await audited.systemAudit?.append(sql, event)
    },
    async (sql) => {
      if (event) await audited.audit.append(sql, event)
    },
  )
}
