/** The one error the client throws for an answer that is not a success. */
import type { components } from './openapi-types.js'

/**
 * What `code` can be: one of Coffer's problem codes (the OpenAPI document's `ErrorCode`, the
 * README's error table), or
 * `UNEXPECTED_RESPONSE` when the answer was not Coffer's problem+json (a proxy's HTML 502, say).
 */
export type CofferProblemCode = components['schemas']['ErrorCode'] | 'UNEXPECTED_RESPONSE'

/**
 * An error answer from Coffer. `detail` is the server's message (it names the field, never a
 * value); `requestId` is the `x-request-id` to quote in a support request; `retryAfter` is
 * `Retry-After` in seconds when the server sent one (429, 503). Never carries the token.
 */
export class CofferApiError extends Error {
  readonly code: CofferProblemCode
  readonly status: number
  readonly requestId: string | undefined
  readonly detail: string
  readonly retryAfter: number | undefined

  constructor(fields: {
    code: CofferProblemCode
    status: number
    detail: string
    requestId?: string | undefined
    retryAfter?: number | undefined
  }) {
    super(`${fields.code} (${fields.status}): ${fields.detail}`)
    this.name = 'CofferApiError'
    this.code = fields.code
    this.status = fields.status
    this.detail = fields.detail
    this.requestId = fields.requestId
    this.retryAfter = fields.retryAfter
  }
}

/** True when `error` is a CofferApiError, optionally with the given code. */
export function isCofferApiError(error: unknown, code?: CofferProblemCode): error is CofferApiError {
  return error instanceof CofferApiError && (code === undefined || error.code === code)
}
