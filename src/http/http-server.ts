import type { TLSSocket } from 'node:tls'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { DestinationStream } from 'pino'
import type { Coffer } from '../app.js'
import { deriveKey } from '../crypto/hkdf.js'
import type { Database } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { loggerOptions } from '../observability/logger.js'
import { requestTracing } from '../observability/tracing-http.js'
import { IdempotencyStore } from '../records/idempotency-store.js'
import { RequestCounter } from '../usage/request-counter.js'
import { readUsage } from '../usage/usage-report.js'
import { registerAuthentication } from './authenticate.js'
import { registerConsole } from './console-static.js'
import { onClientError, onFrameworkError } from './framework-errors.js'
import { registerOperatorIdempotency, registerTenantIdempotency } from './idempotency.js'
import { registerDocsRoutes } from './openapi/docs-routes.js'
import { buildOpenApiDocument } from './openapi/openapi-document.js'
import type { DocumentedRoute } from './openapi/route-doc.js'
import { registerOperatorAuthentication } from './operator-authenticate.js'
import { registerProblemHandler } from './problem.js'
import {
  normalizeIp,
  parseTrustedProxies,
  rateLimitBucketOf,
  resolveClientIp,
  type TrustedProxies,
} from './rate-limit/client-ip.js'
import { MemoryRateLimitStore } from './rate-limit/memory-store.js'
import { rateLimitHook } from './rate-limit/rate-limit-hook.js'
import type { RateLimitStore } from './rate-limit/rate-limit-store.js'
import { RateLimiter } from './rate-limit/rate-limiter.js'
import { RedisRateLimitStore } from './rate-limit/redis-store.js'
import { registerRequestMetrics } from './request-metrics.js'
import { registerArchiveRoutes } from './routes/archive-routes.js'
import { registerAuditRoutes } from './routes/audit-routes.js'
import { registerAuthRoutes } from './routes/auth-routes.js'
import {
  registerConnectorCallbackRoute,
  registerConnectorProviderRoutes,
  registerConnectorsRoutes,
} from './routes/connectors-routes.js'
import { registerEraseExportRoutes } from './routes/erase-export-routes.js'
import { registerGrantsRoutes } from './routes/grants-routes.js'
import { registerHealthRoutes } from './routes/health-routes.js'
import { registerKeysRoutes } from './routes/keys-routes.js'
import { registerMembersRoutes } from './routes/members-routes.js'
import { registerNamespacesRoutes } from './routes/namespaces-routes.js'
import { registerOrgsRoutes } from './routes/orgs-routes.js'
import { registerRecordsRoutes } from './routes/records-routes.js'
import { registerSearchRoutes } from './routes/search-routes.js'
import { registerSecretsRoutes } from './routes/secrets-routes.js'
import { registerSessionRoutes } from './routes/session-routes.js'
import { registerSubjectsRoutes } from './routes/subjects-routes.js'
import { registerSystemAuditRoutes } from './routes/system-audit-routes.js'
import { registerTokensRoutes } from './routes/tokens-routes.js'
import { registerUsageRoutes } from './routes/usage-routes.js'
import { registerWebhooksRoutes } from './routes/webhooks-routes.js'
import { registerSecurityHeaders } from './security-headers.js'
import type { ServerTlsOptions } from './tls-options.js'

/** A route and the scope it declares (undefined for routes outside `/v1`'s authentication). */
/**
 * Sees every response before it is sent (the contract check of the test suite uses it). It must
 * not throw and must not change the payload.
 */
export type ResponseObserver = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => void

export interface RouteScope {
  method: string
  url: string
  scope: string | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its declared scope: checked route by route by a test. */
    routeScopes: RouteScope[]
    /** Every route with its OpenAPI declaration (`config.doc`): what `/openapi.json` is built from. */
    routeDocs: DocumentedRoute[]
    /** The OpenAPI 3.1 document of this server, built once after every route is registered. */
    openApiDocument(): Record<string, unknown>
    /** The client's address: the socket's, or from X-Forwarded-For only through COFFER_TRUST_PROXY's proxies. */
    clientIpOf(request: {
      socket: { remoteAddress?: string | undefined }
      headers: Record<string, unknown>
    }): string
  }
}

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** Request line and headers, at most: room for an erase of 1,000 ids; more answers 431. */
export const MAX_HEADER_BYTES = 64 * 1024

/** Longest path parameter (ids are 36-character UUIDs); longer answers 400 VALIDATION_FAILED. */
export const MAX_PARAM_LENGTH = 100

/** Requests per minute of one operator token (`/v1/orgs`). */
export const OPERATOR_REQUESTS_PER_MINUTE = 600

/** Connector callbacks per minute from one client address (IPv4, or IPv6 /64). */
export const CONNECTOR_CALLBACKS_PER_MINUTE = 30

/** Login attempts per minute from one client address (IPv4, or IPv6 /64). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10

/**
 * True when the request came over TLS: on this server's own TLS socket, or from a trusted proxy
 * (COFFER_TRUST_PROXY) that says `X-Forwarded-Proto: https`. Anyone else's header is ignored.
 */
export function arrivedOverTls(request: FastifyRequest, trustedProxies: TrustedProxies): boolean {
  if ((request.socket as Partial<TLSSocket>).encrypted === true) return true
  const forwarded = request.headers['x-forwarded-proto']
  if (forwarded !== 'https') return false
  const peer = normalizeIp(request.socket.remoteAddress ?? '')
  return peer !== null && trustedProxies.includes(peer)
}

/** The rate limit store the config asks for: Redis (shared by every instance) or this process's memory. */
function rateLimitStoreFor(coffer: Coffer): RateLimitStore {
  return coffer.config.redisUrl
    ? new RedisRateLimitStore({ url: coffer.config.redisUrl, clock: coffer.clock })
    : new MemoryRateLimitStore({ clock: coffer.clock })
}

/** Logs a database outage once: a warning when it starts, an info line when it ends. */
function logDatabaseOutages(app: FastifyInstance, db: Database): void {
  const stop = db.availability?.onChange((change) => {
    if (change.available) {
      app.log.info({ reason: change.reason, downForMs: change.downForMs }, 'database available again')
    } else {
      app.log.warn(
        { reason: change.reason },
        'database unavailable: requests answer 503 DATABASE_UNAVAILABLE',
      )
    }
  })
  if (stop) app.addHook('onClose', async () => stop())
}

/**
 * Builds the HTTP API on a wired Coffer. Nothing listens until the caller calls `listen`.
 * @throws CONFIG_INVALID for a bad COFFER_TRUST_PROXY
 */
export async function buildHttpServer(
  coffer: Coffer,
  options: {
    logStream?: DestinationStream
    rateLimitStore?: RateLimitStore
    /** Serve HTTPS with these settings (see `readTlsOptions`); absent: plain HTTP. */
    tls?: ServerTlsOptions
    /** Called with every response before it is sent (see `ResponseObserver`). */
    observeResponse?: ResponseObserver
    /** Write the per-day request counts of usage on this interval (the server: 10 s); absent: only before usage reads and at close. */
    flushRequestCountsEveryMs?: number
  } = {},
): Promise<FastifyInstance> {
  const trustedProxies: TrustedProxies = parseTrustedProxies(coffer.config.trustProxy)
  const timeouts = coffer.config.httpTimeouts
  const serverOptions = {
    // An erase names up to 1,000 ids in its query string (about 37 KB); Node's default of 16 KiB
    // for the request line and headers would answer 431 to it.
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // Node checks the two limits above on this interval (30 s by default): often enough for them to hold.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
  }
  // A server span per request, its ids on every log line of the request (off: nothing installed).
  const tracing = coffer.tracing.enabled ? requestTracing(coffer.tracing) : undefined
  const app = Fastify({
    ...(tracing ? { childLoggerFactory: tracing.childLoggerFactory } : {}),
    // The same socket limits over TLS: Fastify passes only `https` to the TLS server.
    ...(options.tls ? { https: { ...options.tls, ...serverOptions } } : { http: serverOptions }),
    logger: loggerOptions(coffer.config.logLevel, options.logStream),
    bodyLimit: coffer.config.bodyLimitBytes,
    // A trace id: the caller's x-request-id when it is well-formed, else a fresh UUIDv7.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : uuidV7()
    },
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A client that sends its headers or body slowly, or never, loses its socket: 408 when the
    // request (with its body) or its headers do not arrive in time; an idle kept-alive socket closes.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Errors Fastify and Node raise before a route runs answer through the same problem path.
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
  })
  const routeScopes: RouteScope[] = []
  const routeDocs: DocumentedRoute[] = []
  app.decorate('routeScopes', routeScopes)
  app.decorate('routeDocs', routeDocs)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        const scope = route.config?.operatorOnly ? 'operator' : route.config?.scope
        routeScopes.push({ method, url: route.url, scope })
        routeDocs.push({ method, url: route.url, scope, doc: route.config?.doc })
      }
    }
  })
  let document: Record<string, unknown> | undefined
  app.decorate('openApiDocument', () => {
    document ??= buildOpenApiDocument(routeDocs)
    return document
  })
  const observe = options.observeResponse
  if (observe) {
    app.addHook('onSend', (request, reply, payload, done) => {
      observe(request, reply, payload)
      done(null, payload)
    })
  }
  // The API speaks JSON only: any other body answers 415.
  app.removeContentTypeParser('text/plain')
  const rateLimitStore = options.rateLimitStore ?? rateLimitStoreFor(coffer)
  const limiter = new RateLimiter({
    store: rateLimitStore,
    failMode: coffer.config.rateLimitFailModes,
    onStoreError: (error) => app.log.warn({ err: error }, 'rate limit store unavailable'),
    clock: coffer.clock,
  })
  app.addHook('onClose', () => rateLimitStore.close())
  app.decorate(
    'clientIpOf',
    (request: { socket: { remoteAddress?: string | undefined }; headers: Record<string, unknown> }) =>
      resolveClientIp(
        request.socket.remoteAddress ?? '',
        request.headers['x-forwarded-for'] as string | undefined,
        trustedProxies,
      ),
  )
  tracing?.register(app)
  if (coffer.config.metricsListen) registerRequestMetrics(app, coffer.metrics)
  // Requests per org and day (usage): counted in memory, flushed before a usage read, at close,
  // and (`coffer serve`) on an interval.
  const requestCounter = new RequestCounter({ db: coffer.db, clock: coffer.clock })
  if (options.flushRequestCountsEveryMs !== undefined) {
    requestCounter.start({
      intervalMs: options.flushRequestCountsEveryMs,
      onError: (error) => app.log.warn({ err: error }, 'request counts not flushed'),
    })
  }
  app.addHook('onClose', () => requestCounter.stop().catch(() => undefined))
  registerSecurityHeaders(app, { overTls: (request) => arrivedOverTls(request, trustedProxies) })
  registerProblemHandler(app)
  logDatabaseOutages(app, coffer.db)
  registerHealthRoutes(app, { db: coffer.db, provider: coffer.provider })
  registerDocsRoutes(app, { document: () => app.openApiDocument() })
  // Idempotency-Key: keys and request fingerprints are HMACs under their own subkey.
  const idempotency = {
    db: coffer.db,
    store: new IdempotencyStore({ keyring: coffer.keyring, clock: coffer.clock }),
    pepper: deriveKey(coffer.config.tokenSecret, 'coffer/idempotency-key-hash'),
    clock: coffer.clock,
  }
  await registerConsole(app)
  await app.register(
    async (v1) => {
      registerAuthentication(v1, { db: coffer.db, tokens: coffer.tokens, sessions: coffer.sessions })
      v1.addHook('onResponse', async (request) => {
        if (request.principal) requestCounter.count(request.principal.orgId)
      })
      // After authentication: every credential counts against its own per-minute limit.
      v1.addHook(
        'onRequest',
        rateLimitHook(limiter, (request) =>
          request.principal
            ? {
                key: request.principal.credentialId,
                limitPerMinute: request.principal.rateLimitPerMinute,
                kind: 'tokens',
              }
            : null,
        ),
      )
      registerTenantIdempotency(v1, idempotency)
      registerRecordsRoutes(v1, {
        db: coffer.db,
        records: coffer.records,
        audit: coffer.audit,
        archive: coffer.archive,
      })
      registerSearchRoutes(v1, { db: coffer.db, records: coffer.records, search: coffer.search })
      registerNamespacesRoutes(v1, {
        db: coffer.db,
        audit: coffer.audit,
        clock: coffer.clock,
        archive: coffer.archive,
      })
      registerTokensRoutes(v1, { db: coffer.db, tokens: coffer.tokenManagement })
      registerGrantsRoutes(v1, { db: coffer.db, grants: coffer.grants })
      registerSecretsRoutes(v1, { db: coffer.db, secrets: coffer.secrets })
      registerEraseExportRoutes(v1, coffer)
      registerWebhooksRoutes(v1, { db: coffer.db, webhooks: coffer.webhooks })
      registerAuditRoutes(v1, coffer)
      registerSubjectsRoutes(v1, coffer)
      registerUsageRoutes(v1, {
        db: coffer.db,
        plans: coffer.config.plans,
        clock: coffer.clock,
        requests: requestCounter,
      })
      registerConnectorsRoutes(v1, { db: coffer.db, connectors: coffer.connectors })
      registerArchiveRoutes(v1, { db: coffer.db, archive: coffer.archive, records: coffer.records })
      // The console's own reads and org administration (session, members, keys).
      registerSessionRoutes(v1, {
        db: coffer.db,
        plans: coffer.config.plans,
        audit: coffer.audit,
        auditKeys: coffer.auditKeys,
      })
      registerMembersRoutes(v1, { db: coffer.db, audit: coffer.audit, tokens: coffer.tokens })
      registerKeysRoutes(v1, { db: coffer.db, keyring: coffer.keyring, rotation: coffer.rotation })
    },
    { prefix: '/v1' },
  )
  // The operator plane: its own plugin and auth hook; the tenant hook above never sees it, and
  // this one accepts only operator tokens.
  await app.register(
    async (operator) => {
      registerOperatorAuthentication(operator, { operatorTokens: coffer.operatorTokens })
      operator.addHook(
        'onRequest',
        rateLimitHook(limiter, (request) =>
          request.operator
            ? {
                key: request.operator.credentialId,
                limitPerMinute: OPERATOR_REQUESTS_PER_MINUTE,
                kind: 'tokens',
              }
            : null,
        ),
      )
      registerOperatorIdempotency(operator, idempotency)
      registerOrgsRoutes(operator, {
        orgs: coffer.orgs,
        usageOf: async (orgId) => {
          await requestCounter.flush().catch(() => undefined)
          return withTenant(coffer.db, orgId, (sql) =>
            readUsage(sql, coffer.config.plans, new Date(coffer.clock.now())),
          )
        },
      })
      registerConnectorProviderRoutes(operator, {
        providers: coffer.connectorProviders,
        systemAudit: coffer.systemAudit,
      })
      registerSystemAuditRoutes(operator, { systemAudit: coffer.systemAudit })
    },
    { prefix: '/v1' },
  )
  // The OAuth connector callback: no Coffer credential (the signed single-use state stands for the
  // caller who started the flow), limited per client address.
  await app.register(
    async (callback) => {
      callback.addHook(
        'onRequest',
        rateLimitHook(limiter, (request) => ({
          key: `connector-callback:${rateLimitBucketOf(app.clientIpOf(request))}`,
          limitPerMinute: CONNECTOR_CALLBACKS_PER_MINUTE,
          kind: 'tokens',
        })),
      )
      registerConnectorCallbackRoute(callback, { connectors: coffer.connectors })
    },
    { prefix: '/v1' },
  )
  // Login: unauthenticated, limited per client address, with a backoff after failures; with Redis
  // down it fails closed by default.
  await app.register(
    async (auth) => {
      registerAuthRoutes(auth, {
        db: coffer.db,
        sessions: coffer.sessions,
        loginRateLimit: async (request, outcome) => {
          const key = rateLimitBucketOf(app.clientIpOf(request))
          if (outcome === 'attempt')
            await limiter.checkLogin({ key, limitPerMinute: LOGIN_ATTEMPTS_PER_MINUTE })
          else await limiter.loginOutcome(key, outcome)
        },
      })
    },
    { prefix: '/v1' },
  )
  return app
}
