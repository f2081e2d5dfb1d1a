/**
 * What an app that receives Coffer's webhooks imports (`coffer/client`): the Standard Webhooks
 * signature check.
 */
export {
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRejection,
  WebhookVerificationError,
} from './verify-webhook.js'
