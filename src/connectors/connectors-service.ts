/**
 * Connector credentials of an org: OAuth access and refresh tokens obtained through an
 * authorization-code flow with PKCE (S256) and a signed single-use state, stored as envelopes
 * under the org key, shown only as `last4` and expiry, and handed out only through `resolve`
 * (access-logged in `secret_access_log` like a secret, kind `connector.<provider>`).
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { CredentialRefusal } from '../auth/credential-liveness.js'
import { asOrgId, type OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { lastFourOf } from '../secrets/secrets-service.js'
import type { ConnectorProviders, ProviderForFlow } from './connector-providers.js'
import type { ConnectorRefresh, RefreshOutcome } from './connector-refresh.js'
import { refreshDueAt } from './connector-schedule.js'
import { type ConnectorStateSigner, STATE_TTL_SECONDS, type StatePayload } from './connector-state.js'
import {
  type ConnectorSummary,
  iso,
  SUMMARY_COLUMNS,
  type SummaryRow,
  toSummary,
  WITH_PROVIDER,
} from './connector-summary.js'
import { connectorTokenLocation, sealTokens } from './connectors-encryption.js'
import { requestToken } from './token-endpoint.js'

/** How long before its expiry an access token is no longer handed out as is (refreshed first). */
export const RESOLVE_MIN_VALIDITY_MS = 30_000

const notFound = () => new CofferError('NOT_FOUND', 'no connector credential of this id')

export type { ConnectorSummary }

/** The kind a connector's reads carry in `secret_access_log`. */
export const accessLogKind = (providerName: string) => `connector.${providerName}`

/** Answers of the authorize step. */
export interface AuthorizationStarted {
  authorization_url: string
  state_expires_at: string
}

export interface ConnectorServiceOptions {
  db: Database
  providers: ConnectorProviders
  keyring: OrgKeyring
  audit: AuditLog
  clock: Clock
  signer: ConnectorStateSigner
  refresh: ConnectorRefresh
  /** Whether the token or session that started an authorization would still be let in (the callback). */
  credentialRefusal: CredentialRefusal
  /** `COFFER_CONNECTORS_REDIRECT_URL`: this server's callback as providers redirect to it. */
  redirectUrl: string | undefined
  requirePublicTargets: boolean
  random?: () => number
}

/** The tenant side of connectors (`/v1/connectors`). */
export class ConnectorService {
  readonly #o: ConnectorServiceOptions
  readonly #random: () => number

  constructor(options: ConnectorServiceOptions) {
    this.#o = options
    this.#random = options.random ?? Math.random
  }

  /**
   * Starts an authorization for the caller: a single-use state row (10 minutes), and the
   * provider's authorization URL with that state and a PKCE S256 challenge. Audits
   * `connector.authorize`.
   * @throws NOT_FOUND (no such provider); CONNECTORS_NOT_CONFIGURED (COFFER_CONNECTORS_REDIRECT_URL unset)
   */
  async authorize(orgId: OrgId, actor: string, providerName: string): Promise<AuthorizationStarted> {
    const redirectUrl = this.#redirectUrl()
    const provider = await this.#o.providers.forFlowByName(providerName)
    const now = this.#o.clock.now()
    const sid = uuidV7(now)
    const expiresAt = new Date(now + STATE_TTL_SECONDS * 1000)
    await withTenant(this.#o.db, orgId, async (sql) => {
      // Expired states can never be used again (their MAC says so too): they go here, per org.
      await sql.query('DELETE FROM connector_states WHERE org_id = $1 AND expires_at <= $2', [
        sql.orgId,
        new Date(now),
      ])
      await sql.query(
        `INSERT INTO connector_states (org_id, id, provider_id, actor, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [sql.orgId, sid, provider.id, actor, new Date(now), expiresAt],
      )
      await this.#o.audit.append(sql, {
        actor,
        action: 'connector.authorize',
        resource: `connector-provider:${provider.name}`,
      })
    })
    const state = this.#o.signer.sign({
      sid,
      org: orgId,
      actor,
      provider: provider.id,
      exp: Math.floor(expiresAt.getTime() / 1000),
    })
    const url = new URL(provider.authorizationEndpoint)
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: redirectUrl,
      state,
      code_challenge: this.#o.signer.codeChallenge(sid),
      code_challenge_method: 'S256',
    }
    if (provider.scopes.length > 0) params.scope = provider.scopes.join(' ')
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
    return { authorization_url: url.toString(), state_expires_at: expiresAt.toISOString() }
  }

  /**
   * The provider's redirect back: checks the state (signature, expiry, then single use in the
   * database, committed before the code is exchanged), exchanges the code with the PKCE verifier
   * through the outbound guard, and stores the tokens as envelopes. Audits `connector.connected`.
   * The credential that started the flow (the state's actor) is checked before the exchange and
   * again before the store: if it would no longer be let in, nothing is
   * stored, `connector.connect_refused` is audited with the refusal's code as outcome, and that
   * code is thrown (the state is used up either way).
   * @throws CONNECTORS_NOT_CONFIGURED; STATE_INVALID (tampered, expired, replayed, unknown);
   *   TOKEN_REVOKED, TOKEN_EXPIRED, TOKEN_INVALID, SESSION_INVALID, ACCOUNT_SUSPENDED (the
   *   starter's credential); CONNECTOR_TOKEN_REFUSED (the
   *   user or provider refused, or the code exchange was refused); UPSTREAM_UNREACHABLE;
   *   UNSAFE_URL; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async callback(input: {
    state: string
    code?: string | undefined
    error?: string | undefined
  }): Promise<ConnectorSummary> {
    const redirectUrl = this.#redirectUrl()
    const payload = this.#o.signer.verify(input.state, this.#o.clock.now())
    let orgId: OrgId
    try {
      orgId = asOrgId(payload.org)
    } catch (cause) {
      throw new CofferError('STATE_INVALID', 'state is invalid, expired or already used', { cause })
    }
    // The caller who started the flow must still be let in: a token revoked or expired, a session
    // ended, an org or user suspended since the authorize step finishes nothing.
    const refusal = await this.#starterRefusal(orgId, payload.actor)
    await withTenant(this.#o.db, orgId, async (sql) => {
      const { rowCount } = await sql.query(
        `UPDATE connector_states SET used_at = $3
         WHERE org_id = $1 AND id = $2 AND used_at IS NULL AND expires_at > $3 AND provider_id = $4 AND actor = $5`,
        [sql.orgId, payload.sid, new Date(this.#o.clock.now()), payload.provider, payload.actor],
      )
      if (rowCount !== 1) throw new CofferError('STATE_INVALID', 'state is invalid, expired or already used')
      // The state is used up with the refusal, which the org's log keeps.
      if (refusal) await this.#auditRefusal(sql, payload, refusal)
    })
    if (refusal) throw refusal
    if (input.error !== undefined || input.code === undefined) {
      throw new CofferError('CONNECTOR_TOKEN_REFUSED', 'provider: the authorization was not granted')
    }
    const provider = await this.#o.providers.forFlowById(payload.provider)
    const grant = await this.#exchange(provider, {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: redirectUrl,
      code_verifier: this.#o.signer.codeVerifier(payload.sid),
    })
    // Again after the exchange (which may take seconds): the tokens it got are dropped, unstored.
    const late = await this.#starterRefusal(orgId, payload.actor)
    if (late) {
      await withTenant(this.#o.db, orgId, (sql) => this.#auditRefusal(sql, payload, late))
      throw late
    }
    return withTenant(this.#o.db, orgId, async (sql) => {
      const now = new Date(this.#o.clock.now())
      const id = uuidV7(now.getTime())
      const sealed = await sealTokens(this.#o.keyring, sql, id, grant.accessToken, grant.refreshToken)
      await sql.query(
        `INSERT INTO connector_credentials (org_id, id, provider_id, access_token, refresh_token, key_version,
           access_last4, granted_scope, expires_at, refresh_due_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
        [
          sql.orgId,
          id,
          provider.id,
          sealed.access,
          sealed.refresh,
          sealed.keyVersion,
          lastFourOf(grant.accessToken),
          grant.scope,
          grant.expiresIn === null ? null : new Date(now.getTime() + grant.expiresIn * 1000),
          grant.refreshToken === null ? null : refreshDueAt(now.getTime(), grant.expiresIn, this.#random),
          payload.actor,
          now,
        ],
      )
      await this.#o.audit.append(sql, {
        actor: payload.actor,
        action: 'connector.connected',
        resource: `connector:${id}`,
      })
      return this.#summary(sql, id)
    })
  }

  /** The org's credentials, newest first; `before` is the last id of the previous page. */
  async list(
    sql: TenantSql,
    options: { limit: number; before?: string | undefined },
  ): Promise<{ items: ConnectorSummary[]; next_cursor: string | null }> {
    const { rows } = await sql.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${WITH_PROVIDER}
       WHERE c.org_id = $1 AND ($2::uuid IS NULL OR c.id < $2::uuid) ORDER BY c.id DESC LIMIT $3`,
      [sql.orgId, options.before ?? null, options.limit + 1],
    )
    const page = rows.slice(0, options.limit)
    return {
      items: page.map(toSummary),
      next_cursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    }
  }

  /** @throws NOT_FOUND (also for another org's id) */
  get(sql: TenantSql, id: string): Promise<ConnectorSummary> {
    return this.#summary(sql, id)
  }

  /**
   * Deletes the credential (its envelopes with it); audits `connector.deleted`. The provider is not
   * told (revoke there if it offers revocation). Its access log stays.
   * @throws NOT_FOUND
   */
  async delete(sql: TenantSql, actor: string, id: string): Promise<void> {
    const { rowCount } = await sql.query('DELETE FROM connector_credentials WHERE org_id = $1 AND id = $2', [
      sql.orgId,
      id,
    ])
    if (rowCount === 0) throw notFound()
    await this.#o.audit.append(sql, { actor, action: 'connector.deleted', resource: `connector:${id}` })
  }

  /**
   * A currently valid access token of the credential, for `purpose`. A token that expires within
   * 30 s is refreshed first (the same single-flight lease as the refresh job). In the transaction
   * that reads the token: stamps `last_used_at`, writes `secret_access_log`, audits
   * `connector.resolved`; only then decrypts.
   * @throws NOT_FOUND; CONNECTOR_REAUTH_REQUIRED (refused refresh, or expired with no refresh
   *   token); CONFLICT (another refresh of it is in flight and the token has expired: retry);
   *   UPSTREAM_UNREACHABLE; DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async resolve(
    orgId: OrgId,
    actor: string,
    id: string,
    purpose: string,
  ): Promise<{ id: string; provider: string; access_token: string; expires_at: string | null }> {
    let refreshed: RefreshOutcome | undefined
    for (let attempt = 0; attempt < 2; attempt++) {
      const outcome = await withTenant(this.#o.db, orgId, async (sql) => {
        const now = new Date(this.#o.clock.now())
        const { rows } = await sql.query<{
          provider: string
          access_token: Uint8Array
          status: string
          expires_at: Date | null
          refreshable: boolean
          refresh_claimed_until: Date | null
        }>(
          `SELECT p.name AS provider, c.access_token, c.status, c.expires_at,
             c.refresh_token IS NOT NULL AS refreshable, c.refresh_claimed_until
           FROM ${WITH_PROVIDER} WHERE c.org_id = $1 AND c.id = $2`,
          [sql.orgId, id],
        )
        const row = rows[0]
        if (!row) throw notFound()
        if (row.status === 'needs_reauth') throw reauthRequired()
        const fresh =
          row.expires_at === null || row.expires_at.getTime() - now.getTime() > RESOLVE_MIN_VALIDITY_MS
        const unexpired = row.expires_at === null || row.expires_at.getTime() > now.getTime()
        const inFlight = row.refresh_claimed_until !== null && row.refresh_claimed_until > now
        if (!fresh && row.refreshable && !(inFlight && unexpired) && attempt === 0) return 'refresh' as const
        if (!unexpired) {
          if (!row.refreshable) throw reauthRequired()
          throw refreshed === 'unreachable' ? unreachable() : refreshInFlight()
        }
        await sql.query('UPDATE connector_credentials SET last_used_at = $3 WHERE org_id = $1 AND id = $2', [
          sql.orgId,
          id,
          now,
        ])
        await sql.query(
          `INSERT INTO secret_access_log (org_id, id, secret_id, kind, actor, purpose, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [sql.orgId, uuidV7(now.getTime()), id, accessLogKind(row.provider), actor, purpose, now],
        )
        await this.#o.audit.append(sql, { actor, action: 'connector.resolved', resource: `connector:${id}` })
        const plaintext = await this.#o.keyring.openField(
          sql,
          connectorTokenLocation(id, 'access_token'),
          row.access_token,
        )
        try {
          return {
            id,
            provider: row.provider,
            access_token: plaintext.toString('utf8'),
            expires_at: iso(row.expires_at),
          }
        } finally {
          plaintext.fill(0) // JS gives no guarantee other copies are gone; this one is.
        }
      })
      if (outcome !== 'refresh') return outcome
      refreshed = await this.#o.refresh.refreshNow(orgId, id)
      if (refreshed === 'refused') throw reauthRequired()
      // Refreshed, busy (another instance holds the lease) or unreachable: read again, and hand out
      // the token if it is still unexpired.
    }
    throw refreshInFlight()
  }

  #starterRefusal(orgId: OrgId, actor: string): Promise<CofferError | null> {
    return this.#o.credentialRefusal(orgId, actor)
  }

  /** `connector.connect_refused`, outcome the refusal's code (ids only, like every entry). */
  async #auditRefusal(sql: TenantSql, payload: StatePayload, refusal: CofferError): Promise<void> {
    await this.#o.audit.append(sql, {
      actor: payload.actor,
      action: 'connector.connect_refused',
      resource: `connector-provider:${payload.provider}`,
      outcome: refusal.code,
    })
  }

  #redirectUrl(): string {
    if (!this.#o.redirectUrl) {
      throw new CofferError(
        'CONNECTORS_NOT_CONFIGURED',
        'connectors are off on this server: COFFER_CONNECTORS_REDIRECT_URL is not set',
      )
    }
    return this.#o.redirectUrl
  }

  async #exchange(provider: ProviderForFlow, params: Record<string, string>) {
    const clientSecret = await provider.openClientSecret()
    let outcome: Awaited<ReturnType<typeof requestToken>>
    try {
      outcome = await requestToken({
        tokenEndpoint: provider.tokenEndpoint,
        clientId: provider.clientId,
        clientSecret,
        params,
        requirePublic: this.#o.requirePublicTargets,
      })
    } finally {
      clientSecret.fill(0)
    }
    if (outcome.kind === 'granted') return outcome.grant
    if (outcome.kind === 'refused') {
      throw new CofferError(
        'CONNECTOR_TOKEN_REFUSED',
        `provider: the token endpoint refused the code (${outcome.error})`,
      )
    }
    throw new CofferError(
      'UPSTREAM_UNREACHABLE',
      `provider: the token endpoint did not answer (${outcome.reason})`,
    )
  }

  async #summary(sql: TenantSql, id: string): Promise<ConnectorSummary> {
    const { rows } = await sql.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${WITH_PROVIDER} WHERE c.org_id = $1 AND c.id = $2`,
      [sql.orgId, id],
    )
    if (!rows[0]) throw notFound()
    return toSummary(rows[0])
  }
}

const reauthRequired = () =>
  new CofferError('CONNECTOR_REAUTH_REQUIRED', 'the provider refused this credential: authorize again')
const unreachable = () =>
  new CofferError('UPSTREAM_UNREACHABLE', 'provider: the token endpoint did not answer the refresh')
const refreshInFlight = () =>
  new CofferError('CONFLICT', 'id: a refresh of this credential is in flight; retry shortly')
