import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AuditLog } from '../../audit/audit-log.js'
import type { ApiTokens } from '../../auth/api-tokens.js'
import { type Principal, requireOrgWide } from '../../auth/scopes.js'
import { listOrgMembers, removeMembership } from '../../auth/users.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { CofferError } from '../../errors.js'
import { principalOf } from '../authenticate.js'
import { MEMBER_PAGE } from '../console-schemas.js'
import { parseInput } from '../validate.js'

const USER_PARAMS = z.object({
  user_id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()),
})

/**
 * Refuses a credential narrower than the whole org: membership is the org's configuration, so a
 * namespace-restricted or agent-bound token neither lists nor removes members.
 * @throws INSUFFICIENT_SCOPE
 */
function requireWholeOrg(principal: Principal): void {
  requireOrgWide(principal)
  if (principal.agent !== null) {
    throw new CofferError('INSUFFICIENT_SCOPE', 'this token acts as an agent: members are org-wide')
  }
}

/**
 * `/v1/members`: list the org's users and roles; remove one (their tokens and sessions in this org
 * are revoked in the same transaction, audited as `membership.removed`). Scope `admin`, whole-org
 * credentials only. An admin cannot remove an owner, nobody removes themselves, and the last owner
 * stays.
 * @throws (as problem+json) INSUFFICIENT_SCOPE, NOT_FOUND (not a member of this org), CONFLICT
 */
export function registerMembersRoutes(
  app: FastifyInstance,
  deps: { db: Database; audit: AuditLog; tokens: ApiTokens },
): void {
  app.get(
    '/members',
    {
      config: {
        scope: 'admin',
        doc: { summary: "The org's members: email, role, since when", responses: { 200: MEMBER_PAGE } },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      requireWholeOrg(principal)
      const members = await listOrgMembers(deps.db, principal.orgId)
      return {
        items: members.map((m) => ({
          user_id: m.userId,
          email: m.email,
          role: m.role,
          joined_at: m.joinedAt.toISOString(),
          suspended: m.suspended,
          is_caller: m.userId === principal.userId,
        })),
        next_cursor: null,
      }
    },
  )

  app.delete(
    '/members/:user_id',
    {
      config: {
        scope: 'admin',
        doc: {
          summary: 'Remove a member: their tokens and sessions in this org are revoked with the membership',
          params: USER_PARAMS,
          responses: { 204: null },
          errors: ['NOT_FOUND', 'CONFLICT'],
        },
      },
    },
    async (request, reply) => {
      const { user_id: userId } = parseInput(USER_PARAMS, request.params, 'params')
      const principal = principalOf(request)
      requireWholeOrg(principal)
      if (userId === principal.userId) {
        throw new CofferError('CONFLICT', 'you cannot remove yourself: another admin or owner can')
      }
      const members = await listOrgMembers(deps.db, principal.orgId)
      const target = members.find((m) => m.userId === userId)
      if (!target) throw new CofferError('NOT_FOUND', 'the user is not a member of this org')
      const callerRole = members.find((m) => m.userId === principal.userId)?.role ?? 'owner'
      if (target.role === 'owner' && callerRole !== 'owner') {
        throw new CofferError('INSUFFICIENT_SCOPE', 'only an owner removes an owner')
      }
      if (target.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
        throw new CofferError('CONFLICT', 'the last owner of an org cannot be removed')
      }
      // Revocation, membership deletion and its audit entry commit together, or not at all.
      await withTenant(deps.db, principal.orgId, async (sql) => {
        await removeMembership(sql, userId)
        await deps.audit.append(sql, {
          actor: principal.actor,
          action: 'membership.removed',
          resource: `user:${userId}`,
        })
      })
      deps.tokens.forgetCachedVerifications()
      return reply.code(204).send()
    },
  )
}
