import type { FastifyInstance } from 'fastify'
import type { AuditLog } from '../../audit/audit-log.js'
import type { AuditSigningKeys } from '../../audit/audit-signing-keys.js'
import { orgRateLimit, type PlanTable, type Principal } from '../../auth/scopes.js'
import { listOrgMembers } from '../../auth/users.js'
import type { Database } from '../../db/sql.js'
import { withTenant } from '../../db/tenant-door.js'
import { findOrgById } from '../../tenancy/orgs.js'
import { principalOf } from '../authenticate.js'
import { SESSION_INFO } from '../console-schemas.js'

/** The signed-in user's email and role in the org; null for a credential with no user (an owner token). */
async function memberOf(db: Database, principal: Principal): Promise<{ email: string; role: string } | null> {
  if (principal.userId === null) return null
  const member = (await listOrgMembers(db, principal.orgId)).find((m) => m.userId === principal.userId)
  return member ? { email: member.email, role: member.role } : null
}

/**
 * `GET /v1/session`: who is calling: the org, its plan and limits, the credential's kind, scopes,
 * restrictions and end, the user's email and role, and the records stored (count and bytes of
 * ciphertext), and whether the org's audit log verifies here (every sealed entry recomputed against
 * its tree and signed checkpoints: catches a database edited behind the server's back; a tenant
 * who distrusts the server verifies an export offline). Scope `admin`: the console's first call.
 */
export function registerSessionRoutes(
  app: FastifyInstance,
  deps: { db: Database; plans: PlanTable; audit: AuditLog; auditKeys: AuditSigningKeys },
): void {
  app.get(
    '/session',
    {
      config: {
        scope: 'admin',
        doc: {
          summary:
            'Who is calling: org, plan and limits, records stored, audit verification, the credential and its user',
          responses: { 200: SESSION_INFO },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const org = await findOrgById(deps.db, principal.orgId)
      const plan = Object.hasOwn(deps.plans, org.plan) ? deps.plans[org.plan] : undefined
      const stored = await withTenant(deps.db, principal.orgId, async (sql) => {
        const { rows } = await sql.query<{ records: number; bytes: string }>(
          `SELECT count(*)::int AS records, coalesce(sum(octet_length(content)), 0)::bigint AS bytes
         FROM records WHERE org_id = $1 AND (expires_at IS NULL OR expires_at > now())`,
          [sql.orgId],
        )
        return { records: rows[0]?.records ?? 0, content_bytes: Number(rows[0]?.bytes ?? 0) }
      })
      const member = await memberOf(deps.db, principal)
      const keys = await deps.auditKeys.publicKeys()
      const verification = await withTenant(deps.db, principal.orgId, (sql) => deps.audit.verify(sql, keys))
      return {
        org: { id: org.id, slug: org.slug, name: org.name, plan: org.plan },
        limits: {
          rate_limit_per_minute: orgRateLimit(
            { plan: org.plan, rate_limit_per_minute: org.rateLimitPerMinute },
            deps.plans,
          ),
          storage_bytes: plan?.storageBytes ?? null,
          records: plan?.records ?? null,
          max_tokens: plan?.maxTokens ?? null,
          max_webhook_endpoints: plan?.maxWebhookEndpoints ?? null,
        },
        stored,
        audit: verification.ok
          ? { verifies: true, entries: verification.entries }
          : {
              verifies: false,
              entries: verification.entries,
              first_bad_seq: verification.firstBadSeq,
              reason: verification.reason,
            },
        principal: {
          kind: principal.kind,
          id: principal.credentialId,
          user_id: principal.userId,
          email: member?.email ?? null,
          role: member?.role ?? null,
          scopes: principal.scopes,
          agent: principal.agent,
          namespace_id: principal.namespaceId,
          rate_limit_per_minute: principal.rateLimitPerMinute,
          expires_at: principal.expiresAt?.toISOString() ?? null,
        },
      }
    },
  )
}
