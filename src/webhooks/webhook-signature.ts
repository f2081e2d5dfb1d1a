/**
 * Standard Webhooks signing: secrets are `whsec_` + base64 of 32 random bytes; a signature is
 * `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the secret's bytes.
 * Several signatures go in one header, space-separated (during a secret rotation).
 */
import { createHmac, randomBytes } from 'node:crypto'
import { CofferError } from '../errors.js'

/** The prefix of every signing secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_'

/** Bytes of key material in a fresh signing secret. */
export const WEBHOOK_SECRET_BYTES = 32

/** A fresh signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  const bytes = randomBytes(WEBHOOK_SECRET_BYTES)
  try {
    return `${WEBHOOK_SECRET_PREFIX}${bytes.toString('base64')}`
  } finally {
    bytes.fill(0) // JS gives no guarantee other copies are gone; this one is.
  }
}

/**
 * The key bytes of a signing secret (the base64 after `whsec_`; a bare base64 string is accepted).
 * @throws VALIDATION_FAILED naming `secret` when it holds no key
 */
export function webhookSecretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret
  const key = Buffer.from(encoded, 'base64')
  if (key.length === 0) throw new CofferError('VALIDATION_FAILED', 'secret: must be whsec_ and base64')
  return key
}

/** One `v1,<base64>` signature of a message. */
export function signWebhook(
  secret: string,
  message: { id: string; timestamp: number; body: string },
): string {
  const key = webhookSecretKey(secret)
  try {
    const mac = createHmac('sha256', key).update(`${message.id}.${message.timestamp}.${message.body}`)
    return `v1,${mac.digest('base64')}`
  } finally {
    key.fill(0) // JS gives no guarantee other copies are gone; this one is.
  }
}

/** The `webhook-signature` header: one signature per live secret, space-separated. */
export function signatureHeader(
  secrets: readonly string[],
  message: { id: string; timestamp: number; body: string },
): string {
  return secrets.map((secret) => signWebhook(secret, message)).join(' ')
}
