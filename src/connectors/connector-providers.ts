/**
 * OAuth providers, registered by the operator: the deployer's data, not any org's. A provider's
 * client secret is sealed in an envelope under a data key of its own, made by the root key
 * provider and stored only wrapped by it (context `connector-provider:<id>`, version 1: no org id
 * has that form, so no org key wrap fits it). Deleting the provider deletes its wrapped key with
 * it. The table is reached through the table owner's connection, like the audit signing keys:
 * tenants never read it, and the tenant services ask this class for what they need.
 */
import { openEnvelope, sealEnvelope } from '../crypto/envelope.js'
import type { Database, Queryable } from '../db/sql.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { OrgKeyContext, RootKeyProvider } from '../keys/root-key-provider.js'
import { classifyAddress } from '../net/address-policy.js'
import { checkOutboundUrl } from '../net/outbound-request.js'
import { lastFourOf } from '../secrets/secrets-service.js'

/** Provider names: 1-53 of a-z 0-9 _ - (the database checks the same). */
export const PROVIDER_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,52}$/

/** Longest endpoint URL accepted, in characters. */
export const MAX_ENDPOINT_URL_LENGTH = 2048

/** OAuth scope tokens (RFC 6749 section 3.3: printable ASCII but space, `"` and `\`). */
export const OAUTH_SCOPE_PATTERN = /^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/

/** What the operator registers. */
export interface ProviderRegistration {
  name: string
  authorizationEndpoint: string
  tokenEndpoint: string
  clientId: string
  clientSecret: string
  scopes: readonly string[]
}

/** A provider as listed: never the client secret or its envelope. */
export interface ProviderSummary {
  id: string
  name: string
  authorization_endpoint: string
  token_endpoint: string
  client_id: string
  client_secret_last4: string | null
  scopes: string[]
  created_by: string
  created_at: string
}

/** What the connector service needs to run a flow: the client secret is opened on request only. */
export interface ProviderForFlow {
  id: string
  name: string
  authorizationEndpoint: string
  tokenEndpoint: string
  clientId: string
  scopes: readonly string[]
  /** Opens the client secret; the caller wipes the buffer after use. */
  openClientSecret(): Promise<Buffer>
}

interface ProviderRow {
  id: string
  name: string
  authorization_endpoint: string
  token_endpoint: string
  client_id: string
  client_secret: Uint8Array
  client_secret_last4: string | null
  wrapped_key: Uint8Array
  scopes: string[]
  created_by: string
  created_at: Date
}

const wrapContext = (id: string): OrgKeyContext => ({ orgId: `connector-provider:${id}`, version: 1 })
const secretContext = (id: string) => `system/connector_providers.client_secret/${id}`
const notFound = () => new CofferError('NOT_FOUND', 'no provider of this name')

function toSummary(row: ProviderRow): ProviderSummary {
  return {
    id: row.id,
    name: row.name,
    authorization_endpoint: row.authorization_endpoint,
    token_endpoint: row.token_endpoint,
    client_id: row.client_id,
    client_secret_last4: row.client_secret_last4,
    scopes: row.scopes,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  }
}

/**
 * Checks an endpoint URL as it is registered: absolute, http(s), no credentials, no fragment,
 * https in public mode. The outbound guard checks it again, with DNS, on every request.
 * @throws UNSAFE_URL; VALIDATION_FAILED (too long)
 */
function checkEndpoint(field: string, input: string, requirePublic: boolean): string {
  if (input.length > MAX_ENDPOINT_URL_LENGTH) {
    throw new CofferError(
      'VALIDATION_FAILED',
      `${field}: must be at most ${MAX_ENDPOINT_URL_LENGTH} characters`,
    )
  }
  try {
    const { url, host, literal } = checkOutboundUrl(input, { requirePublic })
    if (url.hash !== '') throw new CofferError('VALIDATION_FAILED', `${field}: must not have a fragment`)
    // A literal address can be judged now; a name is resolved and judged on every request.
    const verdict = requirePublic && literal ? classifyAddress(host) : { allowed: true as const }
    if (!verdict.allowed) {
      throw new CofferError(
        'UNSAFE_URL',
        `url: host ${url.hostname} is a non-public address (${verdict.range})`,
      )
    }
    return url.toString()
  } catch (error) {
    if (error instanceof CofferError)
      throw new CofferError(error.code, error.message.replace(/^url:/, `${field}:`))
    throw error
  }
}

/** The operator's OAuth providers (`/v1/connectors/providers`). */
export class ConnectorProviders {
  readonly #db: Database
  readonly #provider: RootKeyProvider
  readonly #clock: Clock
  readonly #requirePublic: boolean

  constructor(options: {
    db: Database
    provider: RootKeyProvider
    clock: Clock
    requirePublicTargets: boolean
  }) {
    this.#db = options.db
    this.#provider = options.provider
    this.#clock = options.clock
    this.#requirePublic = options.requirePublicTargets
  }

  /**
   * Registers a provider; its client secret is sealed under a new data key wrapped by the root.
   * @throws VALIDATION_FAILED (name, scopes, client id or secret, URL length); UNSAFE_URL (an
   *   endpoint); CONFLICT (the name is taken); KEY_UNAVAILABLE
   */
  async register(
    actor: string,
    input: ProviderRegistration,
    audit: (tx: Queryable, provider: ProviderSummary) => Promise<void> = async () => undefined,
  ): Promise<ProviderSummary> {
    if (!PROVIDER_NAME_PATTERN.test(input.name)) {
      throw new CofferError('VALIDATION_FAILED', 'name: must be 1-53 of a-z 0-9 _ -')
    }
    const authorizationEndpoint = checkEndpoint(
      'authorization_endpoint',
      input.authorizationEndpoint,
      this.#requirePublic,
    )
    const tokenEndpoint = checkEndpoint('token_endpoint', input.tokenEndpoint, this.#requirePublic)
    if (input.scopes.some((scope) => !OAUTH_SCOPE_PATTERN.test(scope))) {
      throw new CofferError('VALIDATION_FAILED', 'scopes: each must be an OAuth scope token')
    }
    const now = new Date(this.#clock.now())
    const id = uuidV7(now.getTime())
    const { key, wrapped } = await this.#provider.generateOrgKey(wrapContext(id))
    const plaintext = Buffer.from(input.clientSecret, 'utf8')
    let envelope: Buffer
    try {
      envelope = sealEnvelope({ key, keyVersion: 1, plaintext, context: secretContext(id) })
    } finally {
      // JS gives no guarantee other copies are gone; these ones are.
      key.fill(0)
      plaintext.fill(0)
    }
    try {
      // The system log's entry commits with the row, or neither does.
      return await this.#db.transaction(async (tx) => {
        const { rows } = await tx.query<ProviderRow>(
          `INSERT INTO connector_providers (id, name, authorization_endpoint, token_endpoint, client_id,
           client_secret, client_secret_last4, wrapped_key, root_key_id, scopes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
          [
            id,
            input.name,
            authorizationEndpoint,
            tokenEndpoint,
            input.clientId,
            envelope,
            lastFourOf(input.clientSecret),
            wrapped,
            this.#provider.rootKeyId,
            [...input.scopes],
            actor,
            now,
          ],
        )
        const provider = toSummary(rows[0]!)
        await audit(tx, provider)
        return provider
      })
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') {
        throw new CofferError('CONFLICT', 'name: a provider of this name exists')
      }
      throw error
    }
  }

  /**
   * Root key rotation: rewraps each provider's data key made under another root than the current
   * one, in one transaction with `audit` per provider (the system log's entry). The client secret's
   * envelope is untouched: its data key stays the same. Returns how many keys were rewrapped.
   * @throws DECRYPTION_FAILED when a wrap was made under a root the provider no longer has; KEY_UNAVAILABLE
   */
  async rewrap(
    audit: (tx: Queryable, provider: { id: string; name: string }) => Promise<void> = async () => undefined,
  ): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; name: string; wrapped_key: Uint8Array }>(
        'SELECT id, name, wrapped_key FROM connector_providers WHERE root_key_id <> $1 ORDER BY id FOR UPDATE',
        [this.#provider.rootKeyId],
      )
      for (const row of rows) {
        const key = await this.#provider.unwrapOrgKey(row.wrapped_key, wrapContext(row.id))
        try {
          const wrapped = await this.#provider.wrapOrgKey(key, wrapContext(row.id))
          await tx.query('UPDATE connector_providers SET wrapped_key = $2, root_key_id = $3 WHERE id = $1', [
            row.id,
            wrapped,
            this.#provider.rootKeyId,
          ])
        } finally {
          key.fill(0)
        }
        await audit(tx, { id: row.id, name: row.name })
      }
      return rows.length
    })
  }

  /** Every provider, by name. */
  async list(): Promise<ProviderSummary[]> {
    const { rows } = await this.#db.query<ProviderRow>('SELECT * FROM connector_providers ORDER BY name')
    return rows.map(toSummary)
  }

  /** @throws NOT_FOUND */
  async get(name: string): Promise<ProviderSummary> {
    return toSummary(await this.#row(name))
  }

  /**
   * Deletes a provider and its wrapped data key (its client secret is unreadable afterwards).
   * @throws NOT_FOUND; CONFLICT while connector credentials of some org still use it
   */
  async delete(
    name: string,
    audit: (tx: Queryable, provider: ProviderSummary) => Promise<void> = async () => undefined,
  ): Promise<ProviderSummary> {
    try {
      return await this.#db.transaction(async (tx) => {
        const { rows } = await tx.query<ProviderRow>(
          'DELETE FROM connector_providers WHERE name = $1 RETURNING *',
          [name],
        )
        if (!rows[0]) throw notFound()
        const provider = toSummary(rows[0])
        await audit(tx, provider)
        return provider
      })
    } catch (error) {
      if ((error as { code?: unknown }).code === '23503') {
        throw new CofferError('CONFLICT', 'name: connector credentials still use this provider')
      }
      throw error
    }
  }

  /** The provider of `name` for an authorization flow. @throws NOT_FOUND */
  async forFlowByName(name: string): Promise<ProviderForFlow> {
    return this.#forFlow(await this.#row(name))
  }

  /** The provider of `id` for a code exchange or refresh. @throws NOT_FOUND */
  async forFlowById(id: string): Promise<ProviderForFlow> {
    const { rows } = await this.#db.query<ProviderRow>('SELECT * FROM connector_providers WHERE id = $1', [
      id,
    ])
    if (!rows[0]) throw notFound()
    return this.#forFlow(rows[0])
  }

  async #row(name: string): Promise<ProviderRow> {
    if (!PROVIDER_NAME_PATTERN.test(name)) throw notFound()
    const { rows } = await this.#db.query<ProviderRow>('SELECT * FROM connector_providers WHERE name = $1', [
      name,
    ])
    if (!rows[0]) throw notFound()
    return rows[0]
  }

  #forFlow(row: ProviderRow): ProviderForFlow {
    return {
      id: row.id,
      name: row.name,
      authorizationEndpoint: row.authorization_endpoint,
      tokenEndpoint: row.token_endpoint,
      clientId: row.client_id,
      scopes: row.scopes,
      openClientSecret: async () => {
        const key = await this.#provider.unwrapOrgKey(row.wrapped_key, wrapContext(row.id))
        try {
          return openEnvelope({ key, envelope: row.client_secret, context: secretContext(row.id) })
        } finally {
          key.fill(0)
        }
      },
    }
  }
}
