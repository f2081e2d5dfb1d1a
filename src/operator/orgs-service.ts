import type { AuditLog } from '../audit/audit-log.js'
import type { ApiTokens } from '../auth/api-tokens.js'
import type { PlanTable } from '../auth/scopes.js'
import { asOrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import type { KeyEventEmitter, TenantRunner } from '../keys/key-ports.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import {
  type ArchivedObjectsPurge,
  type ArchivedObjectsPurger,
  type CreatedOrg,
  createOrg,
  deleteOrg,
  findOrgById,
  findOrgBySlug,
  listOrgsPage,
  type OrgSummary,
  setOrgProfile,
  setOrgRateLimit,
  setOrgSuspended,
} from '../tenancy/orgs.js'
import { defaultPlanName, requireKnownPlan } from './plans.js'
import type { SystemAudit } from './system-audit.js'

/** An org named by its id (the API) or its slug (the CLI). */
export type OrgRef = { id: string } | { slug: string }

/** What an operator may change on an org; absent fields stay as they are. */
export interface OrgChanges {
  name?: string
  plan?: string
  /** Requests per minute; null: the plan's default. */
  rateLimitPerMinute?: number | null
  suspended?: boolean
}

/** The services an org's life touches (a wired Coffer has them all). */
export interface OrgsServiceDeps {
  db: Database
  inTenant: TenantRunner
  keyring: OrgKeyring
  tokens: ApiTokens
  audit: AuditLog
  clock: Clock
  emitEvent?: KeyEventEmitter | undefined
  plans: PlanTable
  systemAudit: SystemAudit
  /** The archive's purge of the org's bucket, run before an org deletion destroys its keys. */
  purgeArchivedObjects?: ArchivedObjectsPurger | undefined
}

const MAX_NAME_LENGTH = 200

/**
 * The one service behind both the CLI (`coffer org ...`) and the operator API (`/v1/orgs`): they
 * cannot drift. Every change is audited in the org's own log and in the system log, which
 * outlives the org, each in the transaction of the change.
 */
export class OrgsService {
  readonly #deps: OrgsServiceDeps

  constructor(deps: OrgsServiceDeps) {
    this.#deps = deps
  }

  /** The plan table this server runs with. */
  get plans(): PlanTable {
    return this.#deps.plans
  }

  /**
   * Creates an org with its owner token (shown once) on a plan of the table (default: its first).
   * @throws VALIDATION_FAILED (slug, name, unknown plan); CONFLICT when the slug is taken
   */
  async create(input: { slug: string; name?: string; plan?: string; actor: string }): Promise<CreatedOrg> {
    const plan = input.plan ?? defaultPlanName(this.#deps.plans)
    requireKnownPlan(this.#deps.plans, plan)
    if (input.name !== undefined) requireName(input.name)
    return createOrg(this.#deps, { ...input, plan })
  }

  /** One page of orgs, oldest first; `cursor` is the previous page's `nextCursor`. */
  async list(options: {
    limit: number
    cursor: string | null
  }): Promise<{ items: OrgSummary[]; nextCursor: string | null }> {
    const after = options.cursor === null ? null : cursorOrgId(options.cursor)
    const rows = await listOrgsPage(this.#deps.db, { limit: options.limit + 1, after })
    const items = rows.slice(0, options.limit)
    return { items, nextCursor: rows.length > options.limit ? items.at(-1)!.id : null }
  }

  /**
   * One org, deleted ones included (with `deletedAt`).
   * @throws NOT_FOUND; VALIDATION_FAILED for an id that is not a UUID
   */
  get(ref: OrgRef): Promise<OrgSummary> {
    return 'id' in ref ? findOrgById(this.#deps.db, asOrgId(ref.id)) : findOrgBySlug(this.#deps.db, ref.slug)
  }

  /**
   * Changes name, plan, rate limit or suspension. All fields are checked before anything changes.
   * @throws NOT_FOUND; VALIDATION_FAILED; KEY_DESTROYED for a deleted org
   */
  async update(ref: OrgRef, changes: OrgChanges, actor: string): Promise<OrgSummary> {
    const org = await this.get(ref)
    if (org.deletedAt !== null) throw new CofferError('KEY_DESTROYED', 'the org was deleted')
    if (changes.plan !== undefined) requireKnownPlan(this.#deps.plans, changes.plan)
    if (changes.name !== undefined) requireName(changes.name)
    const limit = changes.rateLimitPerMinute
    if (limit !== undefined && limit !== null && (!Number.isSafeInteger(limit) || limit <= 0)) {
      throw new CofferError('VALIDATION_FAILED', 'rate_limit_per_minute must be a positive integer or null')
    }
    if (changes.name !== undefined || changes.plan !== undefined) {
      await setOrgProfile(this.#deps, org.slug, {
        actor,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.plan !== undefined ? { plan: changes.plan } : {}),
      })
    }
    if (limit !== undefined) {
      await setOrgRateLimit(this.#deps.db, org.slug, limit, { ...this.#deps, actor })
      this.#deps.tokens.forgetCachedVerifications()
    }
    if (changes.suspended !== undefined) {
      await setOrgSuspended(this.#deps, org.slug, { suspended: changes.suspended, actor })
    }
    return this.get({ id: org.id })
  }

  /**
   * Deletes an org: destroys its keys (crypto-shredding), then deletes its rows. `confirm` must
   * repeat the org's slug.
   * @throws NOT_FOUND; VALIDATION_FAILED when `confirm` is not the slug
   */
  async delete(
    ref: OrgRef,
    options: { confirm: string | undefined; actor: string },
  ): Promise<{
    org: OrgSummary
    destroyedVersions: number[]
    rowsDeleted: number
    archive?: ArchivedObjectsPurge
  }> {
    const org = await this.get(ref)
    if (options.confirm !== org.slug) {
      throw new CofferError('VALIDATION_FAILED', 'this cannot be undone: confirm must repeat the org slug')
    }
    const deleted = await deleteOrg(this.#deps, org.slug, options.actor)
    return { org: await this.get({ id: org.id }), ...deleted }
  }
}

function requireName(name: string): void {
  if (name.trim().length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new CofferError('VALIDATION_FAILED', 'name must be 1-200 characters')
  }
}

function cursorOrgId(cursor: string) {
  try {
    return asOrgId(cursor)
  } catch (error) {
    throw new CofferError('VALIDATION_FAILED', 'cursor is invalid', { cause: error })
  }
}
