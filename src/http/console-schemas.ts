/**
 * What the console's own tenant routes answer (`/v1/session`, `/v1/members`, `/v1/keys`), as zod
 * schemas for the OpenAPI document. Objects are closed, like every response schema.
 */
import { z } from 'zod'
import { SCOPES } from '../auth/scopes.js'

const TIME = z.string().describe('ISO 8601 time, UTC')
const UUID = z.string().describe('a UUID')
const ROLE = z.enum(['owner', 'admin', 'member'])

export const SESSION_INFO = z.strictObject({
  org: z.strictObject({ id: UUID, slug: z.string(), name: z.string(), plan: z.string() }),
  limits: z.strictObject({
    rate_limit_per_minute: z.number().int(),
    storage_bytes: z.number().int().nullable(),
    records: z.number().int().nullable(),
    max_tokens: z.number().int().nullable(),
    max_webhook_endpoints: z.number().int().nullable(),
  }),
  stored: z.strictObject({
    records: z.number().int().describe('live records (not expired)'),
    content_bytes: z.number().int().describe('bytes of their content envelopes (ciphertext)'),
  }),
  audit: z.strictObject({
    verifies: z.boolean(),
    entries: z.number().int().describe('sealed entries recomputed'),
    first_bad_seq: z.number().int().optional(),
    reason: z
      .enum(['hash mismatch', 'sequence gap', 'checkpoint mismatch', 'checkpoint signature'])
      .optional(),
  }),
  principal: z.strictObject({
    kind: z.enum(['token', 'session']),
    id: UUID,
    user_id: UUID.nullable(),
    email: z.string().nullable(),
    role: ROLE.nullable(),
    scopes: z.array(z.enum(SCOPES)),
    agent: z.string().nullable(),
    namespace_id: UUID.nullable(),
    rate_limit_per_minute: z.number().int(),
    expires_at: TIME.nullable(),
  }),
})

export const MEMBER_PAGE = z.strictObject({
  items: z.array(
    z.strictObject({
      user_id: UUID,
      email: z.string(),
      role: ROLE,
      joined_at: TIME,
      suspended: z.boolean(),
      is_caller: z.boolean().describe('the member behind the calling credential'),
    }),
  ),
  next_cursor: z.null().describe('one page: an org has few members'),
})

export const KEYS_INFO = z.strictObject({
  versions: z.array(
    z.strictObject({
      version: z.number().int(),
      state: z.enum(['active', 'retiring', 'retired', 'destroyed']),
      envelopes: z.number().int().describe('envelopes sealed under this version'),
      created_at: TIME,
      destroyed_at: TIME.nullable(),
    }),
  ),
  rotation: z
    .strictObject({
      job_id: UUID,
      target_version: z.number().int(),
      envelopes_done: z.number().int(),
      envelopes_left: z.number().int(),
      running_here: z
        .boolean()
        .describe('this instance is re-encrypting now; false: POST /v1/keys/rotate resumes it'),
    })
    .nullable(),
})

export const ROTATION_STARTED = z.strictObject({
  job_id: UUID,
  target_version: z.number().int(),
  state: z.enum(['running', 'completed']),
})
