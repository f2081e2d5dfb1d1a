import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { type Principal, requireOrgWide } from '../../auth/scopes.js'
import type { OrgId } from '../../db/org-id.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import type { OrgKeyRotation } from '../../keys/org-key-rotation.js'
import type { OrgKeyring } from '../../keys/org-keyring.js'
import { principalOf } from '../authenticate.js'
import { KEYS_INFO, ROTATION_STARTED } from '../console-schemas.js'

function requireWholeOrg(principal: Principal): void {
  requireOrgWide(principal)
  if (principal.agent !== null) {
    throw new CofferError('INSUFFICIENT_SCOPE', 'this token acts as an agent: keys are org-wide')
  }
}

/**
 * `/v1/keys`: the org key's versions (state, envelopes sealed under each; no key material, no root
 * key id) and the running rotation's progress; `POST /v1/keys/rotate` makes a new version take the
 * writes at once and re-encrypts older envelopes in this process's background (resumable: asking
 * again after a restart resumes the running job). Scope `admin`, whole-org credentials only.
 * Destroying keys stays in the CLI.
 * @throws (as problem+json) INSUFFICIENT_SCOPE, KEY_DESTROYED, KEY_UNAVAILABLE
 */
export function registerKeysRoutes(
  app: FastifyInstance,
  deps: { db: Database; keyring: OrgKeyring; rotation: OrgKeyRotation },
): void {
  const running = new Map<OrgId, Promise<void>>()
  const runInBackground = (orgId: OrgId, log: FastifyBaseLogger): void => {
    if (running.has(orgId)) return
    const job = deps.rotation
      .run(orgId)
      .then(() => undefined)
      .catch((error: unknown) =>
        log.error({ err: error }, 'key rotation stopped; POST /v1/keys/rotate resumes it'),
      )
      .finally(() => running.delete(orgId))
    running.set(orgId, job)
  }
  app.addHook('onClose', async () => {
    await Promise.allSettled(running.values())
  })

  app.get(
    '/keys',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: "The org key's versions (state, envelopes) and the running rotation's progress",
          responses: { 200: KEYS_INFO },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      requireWholeOrg(principal)
      const { versions, status } = await withTenant(deps.db, principal.orgId, async (sql) => {
        const status = await deps.rotation.status(sql)
        return { versions: await deps.keyring.versions(sql), status }
      })
      const { job, envelopes } = status
      return {
        versions: versions.map((v) => ({
          version: v.version,
          state: v.state,
          envelopes: envelopes.get(v.version) ?? 0,
          created_at: v.createdAt.toISOString(),
          destroyed_at: v.destroyedAt?.toISOString() ?? null,
        })),
        rotation: job
          ? {
              job_id: job.id,
              target_version: job.targetVersion,
              envelopes_done: job.envelopesDone,
              envelopes_left: job.envelopesLeft,
              running_here: running.has(principal.orgId),
            }
          : null,
      }
    },
  )

  app.post(
    '/keys/rotate',
    {
      config: {
        scope: 'admin',
        doc: {
          summary:
            'Start (or resume) a rotation: a new version takes the writes, older envelopes are re-encrypted',
          responses: { 202: ROTATION_STARTED },
          errors: ['KEY_DESTROYED', 'KEY_UNAVAILABLE'],
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      requireWholeOrg(principal)
      const job = await deps.rotation.start(principal.orgId, principal.actor)
      runInBackground(principal.orgId, request.log)
      return reply.code(202).send({ job_id: job.id, target_version: job.targetVersion, state: job.state })
    },
  )
}
