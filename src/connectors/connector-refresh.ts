/**
 * Keeps connector credentials fresh: refreshes each one before its access token expires.
 *
 * One refresh in flight per credential, across instances: a refresh first takes a lease on the
 * row (`refresh_claim`, `refresh_claimed_until`) in a short transaction that picks due rows
 * `FOR UPDATE SKIP LOCKED` and skips rows whose lease is still running; the call to the provider
 * runs outside any transaction; the outcome is stored only `WHERE refresh_claim` is still this
 * lease, so a lease that was lost (the row deleted, or the lease expired and taken over) stores
 * nothing. A refusal (RFC 6749 5.2, e.g. `invalid_grant` for a revoked refresh token) marks the
 * credential `needs_reauth`, audits and emits `connector.reauth_required`; an unreachable
 * provider is retried with backoff and leaves the credential active.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError, isCofferError } from '../errors.js'
import { forEachSettled } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { lastFourOf } from '../secrets/secrets-service.js'
import { orgsWithDueConnectorRefresh } from '../tenancy/due-work.js'
import type { ConnectorProviders } from './connector-providers.js'
import { refreshDueAt, retryDueAt } from './connector-schedule.js'
import { connectorTokenLocation, sealTokens } from './connectors-encryption.js'
import { requestToken } from './token-endpoint.js'

/** How the refresh job appears in the audit log. */
export const CONNECTOR_REFRESHER_ACTOR = 'system:connector-refresher'
/** How long a lease holds a credential: longer than one token request may take. */
export const REFRESH_LEASE_MS = 60_000
/** How often each server looks for due refreshes (± 20 % jitter). */
export const CONNECTOR_REFRESH_INTERVAL_MS = 15_000
/** Credentials leased per org and pass. */
const REFRESH_BATCH_SIZE = 50

/** How one refresh ended; `busy`: another refresh of it holds the lease (or it is not due, or gone). */
export type RefreshOutcome = 'refreshed' | 'refused' | 'unreachable' | 'busy'

/** What one pass did. */
export interface RefreshPassResult {
  refreshed: number
  refused: number
  unreachable: number
}

/** Emits `connector.reauth_required` (ids only) in the transaction that marks the credential. */
export type ReauthEventEmitter = (
  sql: TenantSql,
  event: { type: 'connector.reauth_required'; data: { id: string; provider: string } },
) => Promise<void>

interface Leased {
  id: string
  providerId: string
  refreshToken: string
}

/** Leases, refreshes and records connector credentials. */
export class ConnectorRefresh {
  readonly #db: Database
  readonly #providers: ConnectorProviders
  readonly #keyring: OrgKeyring
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #emit: ReauthEventEmitter
  readonly #requirePublic: boolean
  readonly #random: () => number

  constructor(options: {
    db: Database
    providers: ConnectorProviders
    keyring: OrgKeyring
    audit: AuditLog
    clock: Clock
    requirePublicTargets: boolean
    emit?: ReauthEventEmitter
    random?: () => number
  }) {
    this.#db = options.db
    this.#providers = options.providers
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#clock = options.clock
    this.#requirePublic = options.requirePublicTargets
    this.#emit = options.emit ?? (async () => undefined)
    this.#random = options.random ?? Math.random
  }

  /**
   * One pass of the job: every org not deleted with a credential due (one cross-org lookup), up to
   * 50 leased per org. An org that fails does not stop the others; the first error is thrown last.
   */
  async refreshDue(): Promise<RefreshPassResult> {
    const result: RefreshPassResult = { refreshed: 0, refused: 0, unreachable: 0 }
    const now = new Date(this.#clock.now())
    await forEachSettled(await orgsWithDueConnectorRefresh(this.#db, now), async (orgId) => {
      const claim = uuidV7(this.#clock.now())
      let leasedRows: Leased[]
      try {
        leasedRows = await this.#lease(orgId, claim, null)
      } catch (error) {
        if (!isCofferError(error, 'KEY_DESTROYED')) throw error
        // A shredded org's tokens are gone for good: its credentials are no longer scheduled.
        await withTenant(this.#db, orgId, (sql) =>
          sql.query('UPDATE connector_credentials SET refresh_due_at = NULL WHERE org_id = $1', [sql.orgId]),
        )
        return
      }
      for (const leased of leasedRows) {
        const outcome = await this.#refreshLeased(orgId, claim, leased)
        if (outcome !== 'busy') result[outcome]++
      }
    })
    return result
  }

  /** Refreshes one credential now (a resolve of a token about to expire), unless a lease is running. */
  async refreshNow(orgId: OrgId, id: string): Promise<RefreshOutcome> {
    const claim = uuidV7(this.#clock.now())
    const [leased] = await this.#lease(orgId, claim, id)
    return leased ? this.#refreshLeased(orgId, claim, leased) : 'busy'
  }

  /** Leases due rows (or the one `id`) whose lease is not running, and opens their refresh tokens. */
  async #lease(orgId: OrgId, claim: string, id: string | null): Promise<Leased[]> {
    return withTenant(this.#db, orgId, async (sql) => {
      const now = new Date(this.#clock.now())
      // A locking CTE runs once; SKIP LOCKED leaves rows another instance is leasing right now.
      const { rows } = await sql.query<{ id: string; provider_id: string; refresh_token: Uint8Array }>(
        `WITH due AS (
           SELECT id FROM connector_credentials
           WHERE org_id = $1 AND status = 'active' AND refresh_token IS NOT NULL
             AND ($2::uuid IS NOT NULL AND id = $2::uuid OR $2::uuid IS NULL AND refresh_due_at <= $3)
             AND (refresh_claimed_until IS NULL OR refresh_claimed_until <= $3)
           ORDER BY refresh_due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         UPDATE connector_credentials c SET refresh_claim = $5, refresh_claimed_until = $6
         FROM due WHERE c.org_id = $1 AND c.id = due.id
         RETURNING c.id, c.provider_id, c.refresh_token`,
        [sql.orgId, id, now, REFRESH_BATCH_SIZE, claim, new Date(now.getTime() + REFRESH_LEASE_MS)],
      )
      const leased: Leased[] = []
      for (const row of rows) {
        const plaintext = await this.#keyring.openField(
          sql,
          connectorTokenLocation(row.id, 'refresh_token'),
          row.refresh_token,
        )
        leased.push({ id: row.id, providerId: row.provider_id, refreshToken: plaintext.toString('utf8') })
        plaintext.fill(0) // best effort: the string copy stays until collected
      }
      return leased
    })
  }

  async #refreshLeased(orgId: OrgId, claim: string, leased: Leased): Promise<RefreshOutcome> {
    const provider = await this.#providers.forFlowById(leased.providerId)
    const clientSecret = await provider.openClientSecret()
    let outcome: Awaited<ReturnType<typeof requestToken>>
    try {
      outcome = await requestToken({
        tokenEndpoint: provider.tokenEndpoint,
        clientId: provider.clientId,
        clientSecret,
        params: { grant_type: 'refresh_token', refresh_token: leased.refreshToken },
        requirePublic: this.#requirePublic,
      })
    } catch (error) {
      // UNSAFE_URL: the endpoint now resolves to an address the policy refuses; retried later.
      if (!(error instanceof CofferError)) throw error
      outcome = { kind: 'unreachable', reason: error.code }
    } finally {
      clientSecret.fill(0)
    }
    return withTenant(this.#db, orgId, async (sql) => {
      const now = new Date(this.#clock.now())
      const ours = `org_id = $1 AND id = $2 AND refresh_claim = $3`
      const base = [sql.orgId, leased.id, claim]
      if (outcome.kind === 'granted') {
        const grant = outcome.grant
        // A provider that rotates sends a new refresh token; one that does not keeps the old one.
        const refresh = grant.refreshToken ?? leased.refreshToken
        const sealed = await sealTokens(this.#keyring, sql, leased.id, grant.accessToken, refresh)
        const expiresAt = grant.expiresIn === null ? null : new Date(now.getTime() + grant.expiresIn * 1000)
        const { rowCount } = await sql.query(
          `UPDATE connector_credentials SET access_token = $4, refresh_token = $5, key_version = $6,
             access_last4 = $7, granted_scope = coalesce($8, granted_scope), expires_at = $9,
             refresh_due_at = $10, refresh_claim = NULL, refresh_claimed_until = NULL, refresh_failures = 0,
             verify_status = 'valid', last_refreshed_at = $11, updated_at = $11
           WHERE ${ours}`,
          [
            ...base,
            sealed.access,
            sealed.refresh,
            sealed.keyVersion,
            lastFourOf(grant.accessToken),
            grant.scope,
            expiresAt,
            refreshDueAt(now.getTime(), grant.expiresIn, this.#random),
            now,
          ],
        )
        if (rowCount === 0) return 'busy'
        await this.#audit.append(sql, {
          actor: CONNECTOR_REFRESHER_ACTOR,
          action: 'connector.refreshed',
          resource: `connector:${leased.id}`,
        })
        return 'refreshed'
      }
      if (outcome.kind === 'refused') {
        const { rowCount } = await sql.query(
          `UPDATE connector_credentials SET status = 'needs_reauth', verify_status = 'refused',
             refresh_due_at = NULL, refresh_claim = NULL, refresh_claimed_until = NULL, updated_at = $4
           WHERE ${ours}`,
          [...base, now],
        )
        if (rowCount === 0) return 'busy'
        await this.#audit.append(sql, {
          actor: CONNECTOR_REFRESHER_ACTOR,
          action: 'connector.reauth_required',
          resource: `connector:${leased.id}`,
        })
        await this.#emit(sql, {
          type: 'connector.reauth_required',
          data: { id: leased.id, provider: provider.name },
        })
        return 'refused'
      }
      const { rows } = await sql.query<{ refresh_failures: number }>(
        `UPDATE connector_credentials SET verify_status = 'unreachable', refresh_failures = refresh_failures + 1,
           refresh_claim = NULL, refresh_claimed_until = NULL, updated_at = $4
         WHERE ${ours} RETURNING refresh_failures`,
        [...base, now],
      )
      if (!rows[0]) return 'busy'
      await sql.query(`UPDATE connector_credentials SET refresh_due_at = $3 WHERE org_id = $1 AND id = $2`, [
        sql.orgId,
        leased.id,
        retryDueAt(now.getTime(), rows[0].refresh_failures, this.#random),
      ])
      return 'unreachable'
    })
  }
}
