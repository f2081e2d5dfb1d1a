/**
 * What an app that receives Coffer's webhooks imports (`coffer/client`): the Standard Webhooks
 * signature check, and the offline check of an audit bundle against a checkpoint key.
 */

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
