import { type Coffer, ENCRYPTED_TABLES } from '../app.js'
import { tenantIsolationProblems } from '../db/isolation-check.js'
import type { OrgId } from '../db/org-id.js'
import type { Queryable } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import { listOrgs, type OrgSummary } from '../tenancy/orgs.js'
import { configWarnings } from './config-warnings.js'
import { rowsToScan, scanOrgEnvelopes } from './envelope-scan.js'

/** `ok` passed; `warn` weakens the deployment but breaks no promise; `fail` breaks one. */
export type CheckStatus = 'ok' | 'warn' | 'fail'

/** One finding of `coffer doctor`: which promise, for which org (if any), and what was seen. */
export interface DoctorCheck {
  check:
    | 'tenant_isolation'
    | 'roles'
    | 'envelopes'
    | 'retiring_versions'
    | 'audit_log'
    | 'key_provider'
    | 'config'
  status: CheckStatus
  org?: string
  detail: string
}

/** What `coffer doctor` needs besides the wired Coffer. */
export interface DoctorOptions {
  /** Rows per table and org to check (random); undefined reads every row. */
  sample: number | undefined
  devMode: boolean
  env: NodeJS.ProcessEnv
  /** Rows of envelope columns read so far, of the total (for a progress bar). */
  onProgress?: (done: number, total: number) => void
}

const ROLES = ['coffer_app', 'coffer_admin'] as const

/** Roles that could read past row-level security: superuser or BYPASSRLS. */
async function roleChecks(sql: Queryable): Promise<DoctorCheck[]> {
  const { rows } = await sql.query<{ name: string; bypass: boolean }>(
    `SELECT rolname AS name, (rolbypassrls OR rolsuper) AS bypass FROM pg_roles WHERE rolname = ANY($1)`,
    [ROLES],
  )
  return ROLES.map((role) => {
    const found = rows.find((row) => row.name === role)
    if (!found) return { check: 'roles', status: 'fail', detail: `role ${role} is missing` }
    return found.bypass
      ? { check: 'roles', status: 'fail', detail: `role ${role} can bypass row level security` }
      : { check: 'roles', status: 'ok', detail: `role ${role} cannot bypass row level security` }
  })
}

/**
 * The audit log of one org verifies. The one place doctor verifies audit: swap the call here when
 * the audit trail's verification changes.
 */
async function auditCheck(coffer: Coffer, org: OrgSummary): Promise<DoctorCheck> {
  const result = await withTenant(coffer.db, org.id, (sql) => coffer.audit.verify(sql))
  return result.ok
    ? { check: 'audit_log', status: 'ok', org: org.slug, detail: `${result.entries} entries verify` }
    : {
        check: 'audit_log',
        status: 'fail',
        org: org.slug,
        detail: `entry seq ${result.firstBadSeq} does not verify (${result.reason})`,
      }
}

async function liveVersionsAndRetiring(coffer: Coffer, orgId: OrgId) {
  const versions = await withTenant(coffer.db, orgId, (sql) => coffer.keyring.versions(sql))
  return {
    live: new Set(versions.filter((v) => v.state !== 'destroyed').map((v) => v.version)),
    retiring: versions.filter((v) => v.state === 'retiring').map((v) => v.version),
  }
}

async function keyProviderCheck(coffer: Coffer): Promise<DoctorCheck> {
  try {
    await coffer.provider.check()
    return {
      check: 'key_provider',
      status: 'ok',
      detail: `${coffer.provider.name} answers; root key ${coffer.provider.rootKeyId}`,
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    return {
      check: 'key_provider',
      status: 'fail',
      detail: `${coffer.provider.name} does not answer${typeof code === 'string' ? ` (${code})` : ''}`,
    }
  }
}

/**
 * Checks on a live deployment that Coffer keeps its promises: tenant isolation forced by the
 * database, no role past RLS, every envelope column holding envelopes of live key versions, no
 * version stuck in `retiring` without a rotation, audit logs that verify, a key provider that
 * answers; and warns about configuration that weakens it. Reads only; changes nothing.
 */
export async function runDoctor(coffer: Coffer, options: DoctorOptions): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = []
  const isolation = await tenantIsolationProblems(coffer.db)
  checks.push(
    ...(isolation.length === 0
      ? [
          {
            check: 'tenant_isolation',
            status: 'ok',
            detail: 'RLS enabled and forced on every tenant table',
          } as const,
        ]
      : isolation.map((detail) => ({ check: 'tenant_isolation', status: 'fail', detail }) as const)),
  )
  checks.push(...(await roleChecks(coffer.db)))
  const orgs = (await listOrgs(coffer.db)).filter((org) => !org.deletedAt)
  let total = 0
  for (const org of orgs) {
    total += await withTenant(coffer.db, org.id, (sql) => rowsToScan(sql, ENCRYPTED_TABLES, options))
  }
  let done = 0
  options.onProgress?.(0, total)
  for (const org of orgs) {
    const versions = await liveVersionsAndRetiring(coffer, org.id)
    const scan = await withTenant(coffer.db, org.id, (sql) =>
      scanOrgEnvelopes(sql, {
        tables: ENCRYPTED_TABLES,
        liveVersions: versions.live,
        sample: options.sample,
        onRows: (rows) => {
          done += rows
          options.onProgress?.(done, Math.max(total, done))
        },
      }),
    )
    const scanned = `${scan.envelopesChecked} envelopes in ${scan.rowsScanned} rows${options.sample === undefined ? '' : ` (sample of ${options.sample} per table)`}`
    checks.push(
      scan.problems.length === 0
        ? { check: 'envelopes', status: 'ok', org: org.slug, detail: scanned }
        : {
            check: 'envelopes',
            status: 'fail',
            org: org.slug,
            detail: `${scanned}: ${scan.problems.join('; ')}${scan.moreProblems > 0 ? `; and ${scan.moreProblems} more` : ''}`,
          },
    )
    if (versions.retiring.length > 0 && !(await coffer.rotation.runningJob(org.id))) {
      checks.push({
        check: 'retiring_versions',
        status: 'fail',
        org: org.slug,
        detail: `key v${versions.retiring.join(', v')} retiring with no rotation running: run \`coffer keys rotate --org ${org.slug}\``,
      })
    }
    checks.push(await auditCheck(coffer, org))
  }
  checks.push(await keyProviderCheck(coffer))
  for (const warning of configWarnings(coffer.config, options)) {
    checks.push({ check: 'config', status: 'warn', detail: warning })
  }
  return checks
}
