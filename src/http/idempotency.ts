/**
 * `Idempotency-Key` on the POSTs that create. The first request under a key reserves it (a
 * committed row, before the route runs), and its 2xx response is stored as an envelope under the
 * org's key; a retry with the same key and the same request (method, path, body) answers that
 * response again with `Idempotent-Replayed: true`. The same key with another request answers 422
 * IDEMPOTENCY_KEY_REUSED; a retry while the first is still running answers 409
 * IDEMPOTENCY_KEY_IN_USE and creates nothing. A failed request (any non-2xx) frees its key.
 *
 * A key is bound to the credential that sent it (and so to its org): another credential, in this
 * org or another, using the same key makes a request of its own and never sees the first response.
 * Keys and requests are stored only as HMACs under a subkey of COFFER_TOKEN_SECRET.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hmacSha256 } from '../crypto/hmac.js'
import { asOrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import {
  completeOperatorKey,
  releaseOperatorKey,
  reserveOperatorKey,
} from '../operator/operator-idempotency.js'
import {
  IDEMPOTENCY_KEY_TTL_MS,
  type IdempotencyHashes,
  type IdempotencyStore,
  type StoredResponse,
} from '../records/idempotency-store.js'
import { principalOf } from './authenticate.js'

/** The request header. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key'
/** Set to `true` on a response that replays a stored first response. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed'
/** A key: 1-255 printable ASCII characters (a UUID is the usual choice). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/** The tenant POST routes that create (and mint shown-once secrets): they honour Idempotency-Key. */
export const IDEMPOTENT_TENANT_ROUTES: ReadonlySet<string> = new Set([
  '/v1/records',
  '/v1/records/batch',
  '/v1/namespaces',
  '/v1/grants',
  '/v1/tokens',
  '/v1/tokens/:id/rotate',
  '/v1/webhooks',
  '/v1/webhooks/:id/rotate-secret',
])

/** The operator POST routes that create. */
export const IDEMPOTENT_OPERATOR_ROUTES: ReadonlySet<string> = new Set(['/v1/orgs'])

/** What a request holding a key does once its response is known. */
interface HeldKey {
  complete(response: StoredResponse): Promise<void>
  release(): Promise<void>
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency key this request holds (reserved, not yet completed). */
    idempotencyKey?: HeldKey | undefined
  }
}

/**
 * The request's key when it sent one to a route that honours it; undefined otherwise.
 * @throws VALIDATION_FAILED for a key that is not 1-255 printable ASCII characters, or sent twice
 */
function keyOf(request: FastifyRequest, routes: ReadonlySet<string>): string | undefined {
  if (request.method !== 'POST' || !routes.has(request.routeOptions.url ?? '')) return undefined
  const key = request.headers[IDEMPOTENCY_KEY_HEADER]
  if (key === undefined) return undefined
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new CofferError('VALIDATION_FAILED', 'Idempotency-Key: must be 1-255 printable ASCII characters')
  }
  return key
}

/** The HMACs that name a key of one credential and the request sent under it. */
function hashesOf(
  pepper: Uint8Array,
  credential: string,
  key: string,
  request: FastifyRequest,
): IdempotencyHashes {
  return {
    keyHash: hmacSha256(pepper, JSON.stringify(['coffer/idempotency-key/v1', credential, key])),
    requestHash: hmacSha256(
      pepper,
      JSON.stringify(['coffer/idempotency-request/v1', request.method, request.url, request.body ?? null]),
    ),
  }
}

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  return reply
    .code(response.status)
    .header(IDEMPOTENT_REPLAYED_HEADER, 'true')
    .type('application/json; charset=utf-8')
    .send(response.body)
}

const inUse = () =>
  new CofferError('IDEMPOTENCY_KEY_IN_USE', 'Idempotency-Key: a request with this key is still running')

/** Completes (2xx) or frees (anything else) the key the request holds, once its response is serialised. */
function settleHeldKeys(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotencyKey
    if (!held) return payload
    request.idempotencyKey = undefined
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
        await held.complete({ status: reply.statusCode, body: payload })
      } else {
        await held.release()
      }
    } catch (error) {
      // The response still goes out; the key answers 409 until it expires (it is never run twice).
      request.log.error({ err: error }, 'idempotency key not settled')
    }
    return payload
  })
}

/** Idempotency-Key on the tenant routes that create: register before those routes. */
export function registerTenantIdempotency(
  app: FastifyInstance,
  deps: { db: Database; store: IdempotencyStore; pepper: Uint8Array },
): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = keyOf(request, IDEMPOTENT_TENANT_ROUTES)
    if (key === undefined) return
    const principal = principalOf(request)
    const hashes = hashesOf(deps.pepper, `${principal.kind}:${principal.credentialId}`, key, request)
    const found = await withTenant(deps.db, principal.orgId, (sql) => deps.store.reserve(sql, hashes))
    if (found.state === 'in_flight') throw inUse()
    if (found.state === 'done') return replay(reply, found.response)
    request.idempotencyKey = {
      complete: (response) =>
        withTenant(deps.db, principal.orgId, (sql) => deps.store.complete(sql, found.id, response)),
      release: () => withTenant(deps.db, principal.orgId, (sql) => deps.store.release(sql, found.id)),
    }
  })
  settleHeldKeys(app)
}

/**
 * Idempotency-Key on `POST /v1/orgs`, bound to the operator credential; the stored response is
 * sealed under the created org's key. Register before the operator routes.
 */
export function registerOperatorIdempotency(
  app: FastifyInstance,
  deps: { db: Database; store: IdempotencyStore; pepper: Uint8Array; clock: Clock },
): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = keyOf(request, IDEMPOTENT_OPERATOR_ROUTES)
    if (key === undefined || !request.operator) return
    const hashes = hashesOf(deps.pepper, `operator:${request.operator.credentialId}`, key, request)
    const found = await reserveOperatorKey(deps.db, hashes, {
      now: new Date(deps.clock.now()),
      ttlMs: IDEMPOTENCY_KEY_TTL_MS,
    })
    if (found.state === 'in_flight') throw inUse()
    if (found.state === 'done') {
      const response = await withTenant(deps.db, found.orgId, (sql) => deps.store.responseOf(sql, found.id))
      if (!response) {
        throw new CofferError('KEY_DESTROYED', 'the org this key created was deleted; its response is gone')
      }
      return replay(reply, response)
    }
    request.idempotencyKey = {
      complete: async (response) => {
        const orgId = asOrgId((JSON.parse(response.body) as { org_id: string }).org_id)
        await withTenant(deps.db, orgId, (sql) => deps.store.insertDone(sql, found.id, hashes, response))
        await completeOperatorKey(deps.db, found.id, orgId)
      },
      release: () => releaseOperatorKey(deps.db, found.id),
    }
  })
  settleHeldKeys(app)
}
