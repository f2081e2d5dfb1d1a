import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  type ConnectorProviders,
  MAX_ENDPOINT_URL_LENGTH,
  OAUTH_SCOPE_PATTERN,
  PROVIDER_NAME_PATTERN,
} from '../../connectors/connector-providers.js'
import type { ConnectorService } from '../../connectors/connectors-service.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import type { SystemAudit } from '../../operator/system-audit.js'
import { principalOf } from '../authenticate.js'
import {
  CONNECTOR,
  CONNECTOR_ACCESS_TOKEN,
  CONNECTOR_AUTHORIZATION,
  CONNECTOR_PAGE,
  CONNECTOR_PROVIDER,
  CONNECTOR_PROVIDER_PAGE,
} from '../openapi/response-schemas.js'
import type { RouteDoc } from '../openapi/route-doc.js'
import { operatorOf } from '../operator-authenticate.js'
import { parseInput } from '../validate.js'

const PROVIDER_NAME = z.string().regex(PROVIDER_NAME_PATTERN, 'must be 1-53 of a-z 0-9 _ -')
const ENDPOINT = z
  .string()
  .min(1)
  .max(MAX_ENDPOINT_URL_LENGTH, `must be at most ${MAX_ENDPOINT_URL_LENGTH} characters`)

const REGISTER_BODY = z.strictObject({
  name: PROVIDER_NAME,
  authorization_endpoint: ENDPOINT,
  token_endpoint: ENDPOINT,
  client_id: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters'),
  client_secret: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
  scopes: z.array(z.string().regex(OAUTH_SCOPE_PATTERN, 'must be OAuth scope tokens')).max(50).default([]),
})
const PROVIDER_PARAMS = z.object({ name: PROVIDER_NAME })
const AUTHORIZE_PARAMS = z.object({ provider: PROVIDER_NAME })
const ID_PARAMS = z.object({ id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()) })
const CALLBACK_QUERY = z.object({
  state: z.string().min(1, 'is missing').max(1024, 'is invalid'),
  code: z.string().min(1).max(4096).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  error_uri: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
  scope: z.string().max(4096).optional(),
  session_state: z.string().max(1024).optional(),
})
const RESOLVE_BODY = z.strictObject({
  purpose: z
    .string()
    .min(1, 'must be 1-200 characters')
    .max(200, 'must be 1-200 characters')
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'),
})
const LIST_QUERY = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid({ message: 'is not a cursor from this API' }).optional(),
})

/** An operator-plane route and its OpenAPI declaration. */
const operator = (doc: RouteDoc) => ({ config: { operatorOnly: true as const, doc } })
/** A tenant route of `scope` and its OpenAPI declaration. */
const tenant = (scope: 'secrets:write' | 'secrets:resolve', doc: RouteDoc) => ({ config: { scope, doc } })

/**
 * `/v1/connectors/providers`, in the operator plugin: register, list, get, delete OAuth providers.
 * Each change is written to the system audit log.
 */
export function registerConnectorProviderRoutes(
  app: FastifyInstance,
  deps: {
    providers: ConnectorProviders
    systemAudit: SystemAudit
  },
): void {
  app.post(
    '/connectors/providers',
    operator({
      summary: 'Register an OAuth provider (its client secret is sealed, never answered)',
      body: REGISTER_BODY,
      responses: { 201: CONNECTOR_PROVIDER },
      errors: ['UNSAFE_URL', 'CONFLICT', 'KEY_UNAVAILABLE'],
    }),
    async (request, reply) => {
      const body = parseInput(REGISTER_BODY, request.body, 'body')
      const actor = operatorOf(request).actor
      const provider = await deps.providers.register(
        actor,
        {
          name: body.name,
          authorizationEndpoint: body.authorization_endpoint,
          tokenEndpoint: body.token_endpoint,
          clientId: body.client_id,
          clientSecret: body.client_secret,
          scopes: body.scopes,
        },
        (tx, registered) =>
          deps.systemAudit.append(tx, {
            actor,
            action: 'connector_provider.registered',
            resource: `connector-provider:${registered.id}`,
          }),
      )
      return reply.code(201).send(provider)
    },
  )

  app.get(
    '/connectors/providers',
    operator({
      summary: 'List OAuth providers, by name (one page: `next_cursor` is always null)',
      responses: { 200: CONNECTOR_PROVIDER_PAGE },
    }),
    async () => ({
      items: await deps.providers.list(),
      next_cursor: null,
    }),
  )

  app.get(
    '/connectors/providers/:name',
    operator({
      summary: 'Read an OAuth provider',
      params: PROVIDER_PARAMS,
      responses: { 200: CONNECTOR_PROVIDER },
      errors: ['NOT_FOUND'],
    }),
    async (request) => {
      const { name } = parseInput(PROVIDER_PARAMS, request.params, 'params')
      return deps.providers.get(name)
    },
  )

  app.delete(
    '/connectors/providers/:name',
    operator({
      summary: 'Delete an OAuth provider no connector credential uses any more',
      params: PROVIDER_PARAMS,
      responses: { 204: null },
      errors: ['NOT_FOUND', 'CONFLICT'],
    }),
    async (request, reply) => {
      const { name } = parseInput(PROVIDER_PARAMS, request.params, 'params')
      await deps.providers.delete(name, (tx, deleted) =>
        deps.systemAudit.append(tx, {
          actor: operatorOf(request).actor,
          action: 'connector_provider.deleted',
          resource: `connector-provider:${deleted.id}`,
        }),
      )
      return reply.code(204).send()
    },
  )
}

/**
 * `/v1/connectors`, in the tenant plugin. Starting an authorization and managing credentials need
 * `secrets:write` (a connector credential is a vendor secret that refreshes itself); reading an
 * access token needs `secrets:resolve` and a purpose, and is access-logged.
 */
export function registerConnectorsRoutes(
  app: FastifyInstance,
  deps: { db: Database; connectors: ConnectorService },
): void {
  app.post(
    '/connectors/:provider/authorize',
    tenant('secrets:write', {
      summary: "Start an authorization: the provider's URL to send the user's browser to",
      params: AUTHORIZE_PARAMS,
      responses: { 200: CONNECTOR_AUTHORIZATION },
      errors: ['NOT_FOUND', 'CONNECTORS_NOT_CONFIGURED'],
    }),
    async (request) => {
      const { provider } = parseInput(AUTHORIZE_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      return deps.connectors.authorize(principal.orgId, principal.actor, provider)
    },
  )

  app.get(
    '/connectors',
    tenant('secrets:write', {
      summary: "List the org's connector credentials, newest first",
      query: LIST_QUERY,
      responses: { 200: CONNECTOR_PAGE },
    }),
    async (request) => {
      const query = parseInput(LIST_QUERY, request.query, 'query')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) =>
        deps.connectors.list(sql, { limit: query.limit, before: query.cursor?.toLowerCase() }),
      )
    },
  )

  app.get(
    '/connectors/:id',
    tenant('secrets:write', {
      summary: 'Read a connector credential (never a token)',
      params: ID_PARAMS,
      responses: { 200: CONNECTOR },
      errors: ['NOT_FOUND'],
    }),
    async (request) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      return withTenant(deps.db, principal.orgId, (sql) => deps.connectors.get(sql, id))
    },
  )

  app.delete(
    '/connectors/:id',
    tenant('secrets:write', {
      summary: 'Delete a connector credential (the provider is not told)',
      params: ID_PARAMS,
      responses: { 204: null },
      errors: ['NOT_FOUND'],
    }),
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      await withTenant(deps.db, principal.orgId, (sql) => deps.connectors.delete(sql, principal.actor, id))
      return reply.code(204).send()
    },
  )

  app.post(
    '/connectors/:id/resolve',
    tenant('secrets:resolve', {
      summary: 'A currently valid access token, for a purpose (refreshed first when about to expire)',
      params: ID_PARAMS,
      body: RESOLVE_BODY,
      responses: { 200: CONNECTOR_ACCESS_TOKEN },
      errors: ['NOT_FOUND', 'CONNECTOR_REAUTH_REQUIRED', 'CONFLICT', 'UPSTREAM_UNREACHABLE', 'UNSAFE_URL'],
    }),
    async (request, reply) => {
      const { id } = parseInput(ID_PARAMS, request.params, 'params')
      const { purpose } = parseInput(RESOLVE_BODY, request.body, 'body')
      const principal = principalOf(request)
      const resolved = await deps.connectors.resolve(principal.orgId, principal.actor, id, purpose)
      return reply.header('cache-control', 'no-store').send(resolved)
    },
  )
}

/**
 * `GET /v1/connectors/callback`: where the provider sends the user's browser back. It carries no
 * Coffer credential: the signed, single-use state is what authenticates it (and names the org
 * and the caller who started the flow). Registered in its own plugin, limited per client address.
 */
export function registerConnectorCallbackRoute(
  app: FastifyInstance,
  deps: { connectors: ConnectorService },
): void {
  app.get(
    '/connectors/callback',
    {
      config: {
        doc: {
          summary:
            "The provider's redirect back: checks the state, exchanges the code, stores the credential",
          description:
            'Public: the signed, single-use `state` authenticates it. Answers 201 with the new ' +
            'credential as JSON (no redirect, no HTML). Limited per client address. Refused, with ' +
            'nothing stored, when the token or session that started the authorization has since ' +
            'been revoked or expired, or its org or user suspended or its membership removed (the ' +
            'code of that refusal, audited as `connector.connect_refused`).',
          query: CALLBACK_QUERY,
          responses: { 201: CONNECTOR },
          errors: [
            'RATE_LIMITED',
            'CONNECTORS_NOT_CONFIGURED',
            'STATE_INVALID',
            'TOKEN_REVOKED',
            'TOKEN_EXPIRED',
            'TOKEN_INVALID',
            'SESSION_INVALID',
            'ACCOUNT_SUSPENDED',
            'CONNECTOR_TOKEN_REFUSED',
            'NOT_FOUND',
            'UPSTREAM_UNREACHABLE',
            'UNSAFE_URL',
            'KEY_DESTROYED',
            'KEY_UNAVAILABLE',
          ],
          security: 'none',
        },
      },
    },
    async (request, reply) => {
      const query = parseInput(CALLBACK_QUERY, request.query, 'query')
      const connected = await deps.connectors.callback({
        state: query.state,
        code: query.code,
        error: query.error,
      })
      return reply.code(201).header('cache-control', 'no-store').send(connected)
    },
  )
}
