/**
 * The webhook endpoints of an org. The URL and the signing secrets are stored only as envelopes;
 * the secret is answered once (at creation or rotation) and never read back by a route. After a
 * rotation the previous secret keeps signing beside the new one for 24 hours.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { PlanTable } from '../auth/scopes.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { requireWithinPlanLimit } from '../usage/object-limits.js'
import type { WebhookSubscription } from './webhook-events.js'
import { generateWebhookSecret } from './webhook-signature.js'
import { checkWebhookUrl } from './webhook-url.js'
import { webhookFieldLocation } from './webhooks-encryption.js'

/** How long a rotated-out secret keeps signing beside the new one. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000

/** How many endpoints an org may have; one more answers 409 `LIMIT_REACHED`. */
export const MAX_ENDPOINTS_PER_ORG = 100

/** Failing without a single delivered attempt for this long disables an endpoint. */
export const AUTO_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000

/** How the delivery worker appears in the audit log (`webhook.disabled`). */
export const WEBHOOK_WORKER_ACTOR = 'system:webhook-worker'

/** Why an endpoint is disabled, when Coffer disabled it (null when a person did, or it is enabled). */
export type DisabledReason = 'continuous_failure'

/** An endpoint as listed: the URL decrypted, never a secret. */
export interface WebhookEndpointView {
  id: string
  url: string
  event_types: WebhookSubscription[]
  description: string
  enabled: boolean
  /** `continuous_failure` when the worker disabled it; cleared when it is enabled again. */
  disabled_reason: DisabledReason | null
  /** The first failed attempt since the last delivered one; null while it delivers. */
  failing_since: string | null
  created_at: string
  updated_at: string
}

/** What a creation answers: the view and the signing secret, shown this once. */
export type WebhookEndpointCreated = WebhookEndpointView & { secret: string }

/** What a delivery needs: where to send, and every secret that signs right now. */
export interface WebhookTarget {
  url: string
  enabled: boolean
  secrets: string[]
  /** Recorded by a public-targets instance that created or changed it: deliver to public https only. */
  requirePublicTargets: boolean
}

interface EndpointRow {
  id: string
  url: Uint8Array
  event_types: WebhookSubscription[]
  description: string
  enabled: boolean
  disabled_reason: DisabledReason | null
  failing_since: Date | null
  created_at: Date
  updated_at: Date
}

const VIEW_COLUMNS =
  'id, url, event_types, description, enabled, disabled_reason, failing_since, created_at, updated_at'

const notFound = () => new CofferError('NOT_FOUND', 'no webhook endpoint with this id')

/** Webhook endpoints of an org; every change audited (`webhook.created|updated|deleted|secret_rotated`). */
export class WebhookEndpoints {
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #requirePublic: boolean
  readonly #plans: PlanTable | undefined

  constructor(options: {
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    requirePublicTargets: boolean
    /** The deployer's plans (COFFER_PLANS): `max_webhook_endpoints` is checked on create. */
    plans?: PlanTable | undefined
  }) {
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
    this.#requirePublic = options.requirePublicTargets
    this.#plans = options.plans
  }

  /**
   * Registers an endpoint with a fresh signing secret, answered once.
   * @throws UNSAFE_URL; VALIDATION_FAILED; LIMIT_REACHED (over MAX_ENDPOINTS_PER_ORG, or the plan's
   *   `max_webhook_endpoints`: the caller's transaction must then roll back, as throwing does);
   *   KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async create(
    sql: TenantSql,
    actor: string,
    input: { url: string; eventTypes: WebhookSubscription[]; description?: string; enabled?: boolean },
  ): Promise<WebhookEndpointCreated> {
    const url = checkWebhookUrl(input.url, { requirePublic: this.#requirePublic })
    await this.#checkEndpointCap(sql)
    const now = new Date(this.#clock.now())
    const id = uuidV7(now.getTime())
    const secret = generateWebhookSecret()
    const sealed = await this.#sealAll(sql, id, { url, secret, previousSecret: null })
    const eventTypes = [...new Set(input.eventTypes)]
    await sql.query(
      `INSERT INTO webhook_endpoints (org_id, id, url, secret, key_version, event_types, description, enabled,
                                      created_by, created_at, updated_at, require_public_targets)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)`,
      [
        sql.orgId,
        id,
        sealed.url,
        sealed.secret,
        sealed.keyVersion,
        eventTypes,
        input.description ?? '',
        input.enabled ?? true,
        actor,
        now,
        this.#requirePublic,
      ],
    )
    // The plan's max_webhook_endpoints, counted with this one: throwing rolls the caller's transaction back.
    if (this.#plans) await requireWithinPlanLimit(sql, this.#plans, 'webhook_endpoints')
    await this.#audit.append(sql, { actor, action: 'webhook.created', resource: `webhook:${id}` })
    return {
      id,
      url,
      event_types: eventTypes,
      description: input.description ?? '',
      enabled: input.enabled ?? true,
      disabled_reason: null,
      failing_since: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      secret,
    }
  }

  /**
   * One page of the org's endpoints, oldest first, URLs decrypted one after another (one
   * transaction client runs one query at a time). `next_cursor` is the last id of a full page.
   * @throws DECRYPTION_FAILED; KEY_DESTROYED
   */
  async list(
    sql: TenantSql,
    options: { limit: number; afterId?: string | undefined },
  ): Promise<{ items: WebhookEndpointView[]; next_cursor: string | null }> {
    const { rows } = await sql.query<EndpointRow>(
      `SELECT ${VIEW_COLUMNS} FROM webhook_endpoints
       WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [sql.orgId, options.afterId ?? null, options.limit + 1],
    )
    const page = rows.slice(0, options.limit)
    const items: WebhookEndpointView[] = []
    for (const row of page) items.push(await this.#view(sql, row))
    return { items, next_cursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null }
  }

  /** One endpoint. @throws NOT_FOUND; DECRYPTION_FAILED; KEY_DESTROYED */
  async get(sql: TenantSql, id: string): Promise<WebhookEndpointView> {
    const { rows } = await sql.query<EndpointRow>(
      `SELECT ${VIEW_COLUMNS} FROM webhook_endpoints WHERE org_id = $1 AND id = $2`,
      [sql.orgId, id],
    )
    if (!rows[0]) throw notFound()
    return this.#view(sql, rows[0])
  }

  /**
   * Changes URL, event types, description or enabled. A new URL is sealed under the active key,
   * and the row's secrets with it (a row never mixes key versions). Setting `enabled` either way
   * clears the failing streak and the disabled reason: the endpoint starts afresh.
   * @throws NOT_FOUND; UNSAFE_URL; VALIDATION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async update(
    sql: TenantSql,
    actor: string,
    id: string,
    input: { url?: string; eventTypes?: WebhookSubscription[]; description?: string; enabled?: boolean },
  ): Promise<WebhookEndpointView> {
    const url =
      input.url === undefined ? undefined : checkWebhookUrl(input.url, { requirePublic: this.#requirePublic })
    const current = await this.#lockedSecrets(sql, id)
    const now = new Date(this.#clock.now())
    if (url !== undefined) {
      const sealed = await this.#sealAll(sql, id, { url, ...current })
      await sql.query(
        `UPDATE webhook_endpoints SET url = $3, secret = $4, previous_secret = $5, key_version = $6
         WHERE org_id = $1 AND id = $2`,
        [sql.orgId, id, sealed.url, sealed.secret, sealed.previousSecret, sealed.keyVersion],
      )
    }
    await sql.query(
      `UPDATE webhook_endpoints SET event_types = coalesce($3, event_types),
              description = coalesce($4, description), enabled = coalesce($5, enabled),
              failing_since = CASE WHEN $5::boolean IS NULL THEN failing_since END,
              disabled_reason = CASE WHEN $5::boolean IS NULL THEN disabled_reason END,
              updated_at = greatest(updated_at, $6),
              require_public_targets = require_public_targets OR $7
       WHERE org_id = $1 AND id = $2`,
      [
        sql.orgId,
        id,
        input.eventTypes === undefined ? null : [...new Set(input.eventTypes)],
        input.description ?? null,
        input.enabled ?? null,
        now,
        this.#requirePublic,
      ],
    )
    await this.#audit.append(sql, { actor, action: 'webhook.updated', resource: `webhook:${id}` })
    return this.get(sql, id)
  }

  /** Deletes an endpoint with its deliveries and their log. @throws NOT_FOUND */
  async delete(sql: TenantSql, actor: string, id: string): Promise<void> {
    const { rowCount } = await sql.query('DELETE FROM webhook_endpoints WHERE org_id = $1 AND id = $2', [
      sql.orgId,
      id,
    ])
    if (rowCount === 0) throw notFound()
    await this.#audit.append(sql, { actor, action: 'webhook.deleted', resource: `webhook:${id}` })
  }

  /**
   * Replaces the signing secret; the current one keeps signing beside the new one for 24 hours.
   * @throws NOT_FOUND; DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async rotateSecret(sql: TenantSql, actor: string, id: string): Promise<{ secret: string }> {
    const current = await this.#lockedSecrets(sql, id)
    const { rows } = await sql.query<{ url: Uint8Array }>(
      'SELECT url FROM webhook_endpoints WHERE org_id = $1 AND id = $2',
      [sql.orgId, id],
    )
    const url = await this.#openText(sql, id, 'url', rows[0]!.url)
    const now = new Date(this.#clock.now())
    const secret = generateWebhookSecret()
    const sealed = await this.#sealAll(sql, id, { url, secret, previousSecret: current.secret })
    await sql.query(
      `UPDATE webhook_endpoints SET url = $3, secret = $4, previous_secret = $5, key_version = $6,
              previous_secret_expires_at = $7, updated_at = greatest(updated_at, $8)
       WHERE org_id = $1 AND id = $2`,
      [
        sql.orgId,
        id,
        sealed.url,
        sealed.secret,
        sealed.previousSecret,
        sealed.keyVersion,
        new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
        now,
      ],
    )
    await this.#audit.append(sql, { actor, action: 'webhook.secret_rotated', resource: `webhook:${id}` })
    return { secret }
  }

  /**
   * Where a delivery goes and the secrets that sign it now (the previous one while its grace
   * lasts); null when the endpoint is gone.
   * @throws DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async targetOf(sql: TenantSql, id: string): Promise<WebhookTarget | null> {
    const { rows } = await sql.query<{
      url: Uint8Array
      secret: Uint8Array
      previous_secret: Uint8Array | null
      previous_secret_expires_at: Date | null
      enabled: boolean
      require_public_targets: boolean
    }>(
      `SELECT url, secret, previous_secret, previous_secret_expires_at, enabled, require_public_targets
       FROM webhook_endpoints WHERE org_id = $1 AND id = $2`,
      [sql.orgId, id],
    )
    const row = rows[0]
    if (!row) return null
    const secrets = [await this.#openText(sql, id, 'secret', row.secret)]
    const graceLasts =
      row.previous_secret_expires_at !== null && row.previous_secret_expires_at.getTime() > this.#clock.now()
    if (row.previous_secret !== null && graceLasts) {
      secrets.push(await this.#openText(sql, id, 'previous_secret', row.previous_secret))
    }
    return {
      url: await this.#openText(sql, id, 'url', row.url),
      enabled: row.enabled,
      secrets,
      requirePublicTargets: row.require_public_targets,
    }
  }

  /**
   * Notes how the worker's attempts to the endpoint went, in the transaction that records them: a
   * delivered attempt ends a failing streak; failed ones start it, and once it has lasted
   * AUTO_DISABLE_AFTER_MS they disable the endpoint (`disabled_reason` `continuous_failure`,
   * audited `webhook.disabled`). Its pending deliveries then end as `endpoint_disabled`.
   */
  async noteAttempts(sql: TenantSql, id: string, outcome: { delivered: boolean; at: Date }): Promise<void> {
    if (outcome.delivered) {
      await sql.query(
        'UPDATE webhook_endpoints SET failing_since = NULL WHERE org_id = $1 AND id = $2 AND failing_since IS NOT NULL',
        [sql.orgId, id],
      )
      return
    }
    const { rows } = await sql.query<{ enabled: boolean; failing_since: Date | null }>(
      'SELECT enabled, failing_since FROM webhook_endpoints WHERE org_id = $1 AND id = $2 FOR UPDATE',
      [sql.orgId, id],
    )
    const row = rows[0]
    if (!row) return // Deleted meanwhile; its deliveries went with it.
    const failingSince = row.failing_since ?? outcome.at
    const disable = row.enabled && outcome.at.getTime() - failingSince.getTime() >= AUTO_DISABLE_AFTER_MS
    if (row.failing_since !== null && !disable) return
    await sql.query(
      `UPDATE webhook_endpoints SET failing_since = $3, enabled = enabled AND NOT $4,
              disabled_reason = CASE WHEN $4 THEN 'continuous_failure' ELSE disabled_reason END,
              updated_at = CASE WHEN $4 THEN greatest(updated_at, $5) ELSE updated_at END
       WHERE org_id = $1 AND id = $2`,
      [sql.orgId, id, failingSince, disable, outcome.at],
    )
    if (disable) {
      await this.#audit.append(sql, {
        actor: WEBHOOK_WORKER_ACTOR,
        action: 'webhook.disabled',
        resource: `webhook:${id}`,
      })
    }
  }

  /** The row's secrets, decrypted, with the row locked for the caller's update. @throws NOT_FOUND */
  async #lockedSecrets(
    sql: TenantSql,
    id: string,
  ): Promise<{ secret: string; previousSecret: string | null }> {
    const { rows } = await sql.query<{ secret: Uint8Array; previous_secret: Uint8Array | null }>(
      'SELECT secret, previous_secret FROM webhook_endpoints WHERE org_id = $1 AND id = $2 FOR UPDATE',
      [sql.orgId, id],
    )
    const row = rows[0]
    if (!row) throw notFound()
    return {
      secret: await this.#openText(sql, id, 'secret', row.secret),
      previousSecret:
        row.previous_secret === null
          ? null
          : await this.#openText(sql, id, 'previous_secret', row.previous_secret),
    }
  }

  /** Seals URL and secrets under one leased active key. */
  async #sealAll(
    sql: TenantSql,
    id: string,
    fields: { url: string; secret: string; previousSecret: string | null },
  ): Promise<{ url: Buffer; secret: Buffer; previousSecret: Buffer | null; keyVersion: number }> {
    const sealer = await this.#keyring.leaseSealer(sql)
    try {
      const seal = (column: 'url' | 'secret' | 'previous_secret', text: string) => {
        const plaintext = Buffer.from(text, 'utf8')
        try {
          return sealer.seal(webhookFieldLocation(id, column), plaintext).envelope
        } finally {
          plaintext.fill(0) // JS gives no guarantee other copies are gone; this one is.
        }
      }
      return {
        url: seal('url', fields.url),
        secret: seal('secret', fields.secret),
        previousSecret:
          fields.previousSecret === null ? null : seal('previous_secret', fields.previousSecret),
        keyVersion: sealer.version,
      }
    } finally {
      sealer.release()
    }
  }

  async #openText(
    sql: TenantSql,
    id: string,
    column: 'url' | 'secret' | 'previous_secret',
    envelope: Uint8Array,
  ): Promise<string> {
    const plaintext = await this.#keyring.openField(sql, webhookFieldLocation(id, column), envelope)
    try {
      return plaintext.toString('utf8')
    } finally {
      plaintext.fill(0) // JS gives no guarantee other copies are gone; this one is.
    }
  }

  /** Serialises creations per org (advisory lock, released at commit), then counts. */
  async #checkEndpointCap(sql: TenantSql): Promise<void> {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended('coffer/webhook-endpoints/' || $1, 0))`, [
      sql.orgId,
    ])
    const { rows } = await sql.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM webhook_endpoints WHERE org_id = $1',
      [sql.orgId],
    )
    if ((rows[0]?.count ?? 0) >= MAX_ENDPOINTS_PER_ORG) {
      throw new CofferError(
        'LIMIT_REACHED',
        `an org has at most ${MAX_ENDPOINTS_PER_ORG} webhook endpoints: delete one first`,
      )
    }
  }

  async #view(sql: TenantSql, row: EndpointRow): Promise<WebhookEndpointView> {
    return {
      id: row.id,
      url: await this.#openText(sql, row.id, 'url', row.url),
      event_types: row.event_types,
      description: row.description,
      enabled: row.enabled,
      disabled_reason: row.disabled_reason,
      failing_since: row.failing_since === null ? null : row.failing_since.toISOString(),
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    }
  }
}
