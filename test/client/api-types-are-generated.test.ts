// Stops: the client's types silently degrading to `never` or `any` (a path renamed in the
// OpenAPI document, a response without a schema). Checked by `tsc` (npm run typecheck): each
// entry must be `false`; the test below only makes the file part of the suite.
import { it } from 'node:test'
import type { ItemOf, QueryParams, RequestBody, ResponseBody } from '../../src/client/api-types.js'
import type { CofferProblemCode } from '../../src/client/coffer-api-error.js'
import type { CofferWebhookEventType } from '../../src/client/webhook-event-types.js'
import type { ErrorCode } from '../../src/errors.js'

type IsNever<T> = [T] extends [never] ? true : false
type IsAny<T> = 0 extends 1 & T ? true : false
type Bad<T> = IsNever<T> extends true ? true : IsAny<T>
const checks: {
  storeBody: Bad<RequestBody<'/v1/records', 'post'>>
  storeReply: Bad<ResponseBody<'/v1/records', 'post'>>
  get: Bad<ResponseBody<'/v1/records/{id}', 'get'>>
  listItem: Bad<ItemOf<'/v1/records', 'get'>>
  listQuery: Bad<QueryParams<'/v1/records', 'get'>>
  erase: Bad<QueryParams<'/v1/records', 'delete'>>
  search: Bad<ResponseBody<'/v1/records/search', 'post'>>
  exp: Bad<ItemOf<'/v1/export', 'get'>>
  ckpt: Bad<ResponseBody<'/v1/audit/checkpoint', 'get'>>
  auditExport: Bad<ResponseBody<'/v1/audit/export', 'get'>>
  tokens: Bad<ResponseBody<'/v1/tokens', 'post'>>
  wh: Bad<ResponseBody<'/v1/webhooks', 'post'>>
  whd: Bad<ItemOf<'/v1/webhooks/{id}/deliveries', 'get'>>
  retry: Bad<ResponseBody<'/v1/webhooks/{id}/deliveries/retry', 'post'>>
  orgs: Bad<ResponseBody<'/v1/orgs', 'post'>>
  orgDel: Bad<ResponseBody<'/v1/orgs/{id}', 'delete'>>
  login: Bad<ResponseBody<'/v1/auth/login', 'post'>>
  ns: Bad<ItemOf<'/v1/namespaces', 'get'>>
  grants: Bad<ItemOf<'/v1/grants', 'get'>>
  inc: Bad<ResponseBody<'/v1/audit/proof/inclusion', 'get'>>
  verify: Bad<ResponseBody<'/v1/secrets/{kind}/verify', 'post'>>
  nsDel: Bad<ResponseBody<'/v1/namespaces/{name}', 'delete'>>
} = null!
const allFalse: Record<keyof typeof checks, false> = checks

/** The client's code union is the server's, read through the document: both ways assignable. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameCodes: Same<CofferProblemCode, ErrorCode | 'UNEXPECTED_RESPONSE'> = true

/** The webhook union names exactly the event types the document lets an endpoint subscribe to. */
type DocumentEventTypes = Exclude<RequestBody<'/v1/webhooks', 'post'>['event_types'][number], '*'>
const sameEvents: Same<Exclude<CofferWebhookEventType, 'ping'>, DocumentEventTypes> = true

/** Never called: its body only has to type-check. */
function shapes(hits: ResponseBody<'/v1/records/search', 'post'>): RequestBody<'/v1/records', 'post'> {
  const id: string = hits.items[0]!.id
  return { content: id } // Every field but content has a server default.
}

it('every operation the client calls has generated request and response types (checked by tsc)', () => {
  void allFalse
  void sameCodes
  void sameEvents
  void shapes
})
