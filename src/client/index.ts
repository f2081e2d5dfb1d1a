/**
 * `coffer/client`: the typed client of Coffer's HTTP API (`Coffer`, `CofferOperator`), its one
 * error type, the Standard Webhooks receiver check, and the offline check of an audit bundle.
 * Runs on `fetch` and node:crypto; no dependency.
 */

export type { ApiPath, ItemOf, paths, QueryParams, RequestBody, ResponseBody } from './api-types.js'
export { type AuditQuery, AuditResource, type ExportItem } from './audit-resource.js'
export { CofferApiError, type CofferProblemCode, isCofferApiError } from './coffer-api-error.js'
export { AuthResource, Coffer } from './coffer-client.js'
export { CofferOperator, OrgsResource } from './coffer-operator.js'
export type {
  CallOptions,
  ClientOptions,
  CreateOptions,
  FetchLike,
  QueryInput,
  RetryEvent,
} from './http-transport.js'
export type { Page } from './pagination.js'
export {
  type EraseSelector,
  GrantsResource,
  NamespacesResource,
  type RecordListQuery,
  RecordsResource,
} from './records-resource.js'
export type { RetryOptions } from './retry-policy.js'
export { SecretsResource, TokensResource } from './secrets-tokens-resource.js'
export {
  type AuditBundleProblem,
  type AuditBundleVerification,
  describeAuditProblem,
  verifyAuditBundle,
} from './verify-audit-bundle.js'
export {
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRejection,
  WebhookVerificationError,
} from './verify-webhook.js'
export {
  COFFER_WEBHOOK_EVENT_TYPES,
  type CofferWebhookEvent,
  type CofferWebhookEventType,
  type WebhookEventData,
} from './webhook-event-types.js'
export { WebhooksResource } from './webhooks-resource.js'
