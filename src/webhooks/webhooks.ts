/** The webhooks capability as Coffer wires it: endpoints and the outbox their events go through. */
import type { AuditLog } from '../audit/audit-log.js'
import type { PlanTable } from '../auth/scopes.js'
import type { Clock } from '../internal/clock.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { WebhookEndpoints } from './webhook-endpoints.js'
import { WebhookOutbox } from './webhook-outbox.js'

/** Endpoints (`/v1/webhooks`) and the outbox that feature services emit events into. */
export interface Webhooks {
  endpoints: WebhookEndpoints
  outbox: WebhookOutbox
}

/** Builds the webhooks services; `requirePublicTargets` refuses plain http and private literals at registration. */
export function createWebhooks(options: {
  keyring: OrgKeyring
  audit: AuditLog
  clock: Clock
  requirePublicTargets: boolean
  /** The deployer's plans: `max_webhook_endpoints` is checked on every endpoint create. */
  plans?: PlanTable | undefined
}): Webhooks {
  return {
    endpoints: new WebhookEndpoints(options),
    outbox: new WebhookOutbox({ clock: options.clock, audit: options.audit }),
  }
}
