/**
 * The checks a webhook URL passes when it is registered; the SSRF guard (`guardedRequest`) checks
 * it again, with DNS, on every delivery. Messages name the host at most, never path or query.
 */
import { CofferError } from '../errors.js'
import { classifyAddress } from '../net/address-policy.js'
import { checkOutboundUrl } from '../net/outbound-request.js'

/** Longest URL accepted, in characters. */
export const MAX_WEBHOOK_URL_LENGTH = 2048

/**
 * Returns the URL without its fragment.
 * @throws UNSAFE_URL (not absolute, credentials, scheme other than http(s); in public mode plain
 *   http or a non-public IP literal); VALIDATION_FAILED (too long)
 */
export function checkWebhookUrl(input: string, options: { requirePublic: boolean }): string {
  if (input.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new CofferError('VALIDATION_FAILED', `url: must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`)
  }
  const { url, host, literal } = checkOutboundUrl(input, options)
  // A literal address can be judged now; a name is resolved and judged on every delivery.
  if (options.requirePublic && literal) {
    const verdict = classifyAddress(host)
    if (!verdict.allowed) {
      throw new CofferError(
        'UNSAFE_URL',
        `url: host ${url.hostname} is a non-public address (${verdict.range})`,
      )
    }
  }
  url.hash = ''
  return url.toString()
}
