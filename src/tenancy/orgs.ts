import type { AuditLog } from '../audit/audit-log.js'
import type { ApiTokens } from '../auth/api-tokens.js'
import { SCOPES } from '../auth/scopes.js'
import { withAdmin, withNewOrg } from '../db/admin-door.js'
import { asOrgId, type OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
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
  suspendedAt: Date | null
}

interface OrgDeps {
  db: Database
  keyring: OrgKeyring
  tokens: ApiTokens
  audit: AuditLog
  clock: Clock
}

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
  input: { slug: string; name?: string; actor: string },
): Promise<CreatedOrg> {
  if (!ORG_SLUG_PATTERN.test(input.slug)) {
    throw new CofferError('VALIDATION_FAILED', 'slug must be 1-63 lower-case letters, digits or dashes')
  }
  const orgId = asOrgId(uuidV7(deps.clock.now()))
  const org = { id: orgId, slug: input.slug, name: input.name ?? input.slug, plan: 'free' }
  try {
    return await withNewOrg(deps.db, org, async (sql) => {
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
  suspended_at: Date | null
}

const ORG_COLUMNS = 'id, slug, name, plan, suspended_at'

function toOrgSummary(row: OrgRow): OrgSummary {
  return {
    id: asOrgId(row.id),
    slug: row.slug,
    name: row.name,
    plan: row.plan,
    suspendedAt: row.suspended_at,
  }
}

/** Lists orgs, oldest first (operator view, admin door). */
export async function listOrgs(db: Database): Promise<OrgSummary[]> {
  const { rows } = await withAdmin(db, (sql) =>
    sql.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM orgs ORDER BY id`),
  )
  return rows.map(toOrgSummary)
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
