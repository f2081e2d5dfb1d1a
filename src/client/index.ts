/**
 * What an app that receives Coffer's webhooks imports (`coffer/client`): the Standard Webhooks
 * signature check, and the offline checks of an audit bundle and of an erasure receipt against a
 * checkpoint key.
 */

export {
  type AuditBundleProblem,
  type AuditBundleVerification,
  describeAuditProblem,
  verifyAuditBundle,
} from './verify-audit-bundle.js'
export {
  type ErasureReceiptProblem,
  type ErasureReceiptVerification,
  verifyErasureReceipt,
} from './verify-erasure-receipt.js'
export {
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRejection,
  WebhookVerificationError,
} from './verify-webhook.js'
