/**
 * `coffer audit ...`: verify a bundle offline (no database, no server secret), verify an org's
 * log on the server, print or rotate the checkpoint key, list and tail entries.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Coffer } from '../app.js'
import { orgVerifierKey } from '../audit/audit-checkpoints.js'
import { buildAuditBundle } from '../audit/audit-export.js'
import { type AuditEntry, auditEntryJson } from '../audit/audit-log.js'
import { describeAuditProblem, verifyAuditBundle } from '../client/verify-audit-bundle.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { findOrgBySlug, listOrgs } from '../tenancy/orgs.js'

/** What the audit commands need from the composition root. */
export interface AuditCommandContext {
  out: (line: string) => void
  withCoffer: <T>(fn: (coffer: Coffer) => Promise<T>) => Promise<T>
}

/** `--key` and `--checkpoint` take the text itself or a file holding it. */
function textOrFile(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8') : value
}

function requireOption(value: string | undefined, name: string): string {
  if (!value) throw new CofferError('VALIDATION_FAILED', `--${name} is required`)
  return value
}

/**
 * `audit verify --bundle <file> --key <key|file> [--checkpoint <note file>]` offline, or
 * `audit verify [--org <slug>]` on the server's database. Exit 1 naming the first bad entry or checkpoint.
 */
export async function auditVerify(ctx: AuditCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      bundle: { type: 'string' },
      key: { type: 'string' },
      checkpoint: { type: 'string' },
    },
  })
  if (values.bundle !== undefined) {
    const result = verifyAuditBundle(readFileSync(values.bundle, 'utf8'), {
      key: textOrFile(requireOption(values.key, 'key'))
        .split('\n')
        .filter((line) => line.trim() !== ''),
      olderCheckpoint: values.checkpoint === undefined ? undefined : textOrFile(values.checkpoint),
    })
    if (!result.ok) {
      ctx.out(`FAIL  ${describeAuditProblem(result.problem)}`)
      if (result.problem.kind === 'checkpoint' && result.problem.reason === 'not covered')
        ctx.out(
          '      (the bundle starts after the kept checkpoint: export with consistent_from=<its tree size>)',
        )
      return 1
    }
    const older = result.consistentWithOlder ? '; consistent with the checkpoint kept' : ''
    ctx.out(
      `ok    ${result.origin}: entries ${result.from}-${result.treeSize} verify against its signed checkpoint${older}`,
    )
    return 0
  }
  return ctx.withCoffer(async (coffer) => {
    const orgs = values.org ? [await findOrgBySlug(coffer.db, values.org)] : await listOrgs(coffer.db)
    let failed = 0
    const publicKeys = await coffer.auditKeys.publicKeys()
    for (const org of orgs) {
      await coffer.auditSequencer.sequenceOrg(org.id)
      const result = await withTenant(coffer.db, org.id, (sql) => coffer.audit.verify(sql, publicKeys))
      if (result.ok) {
        ctx.out(`ok    ${org.slug}: ${result.entries} entries`)
      } else {
        failed++
        ctx.out(
          `FAIL  ${org.slug}: entry seq ${result.firstBadSeq} (${result.reason}); ${result.entries} entries before it verify`,
        )
      }
    }
    return failed === 0 ? 0 : 1
  })
}

/** `audit key --org <slug> [--rotate]`: the org's checkpoint keys in note verifier format, newest first. */
export async function auditKey(ctx: AuditCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, rotate: { type: 'boolean', default: false } },
  })
  return ctx.withCoffer(async (coffer) => {
    const org = await findOrgBySlug(coffer.db, requireOption(values.org, 'org'))
    if (values.rotate) await coffer.auditKeys.rotate()
    else await coffer.auditKeys.current()
    for (const key of await coffer.auditKeys.publicKeys())
      ctx.out(orgVerifierKey(coffer.audit.origin, org.id, key.publicKey))
    return 0
  })
}

function entryLine(entry: AuditEntry, json: boolean): string {
  const fields = auditEntryJson(entry)
  if (json) return JSON.stringify(fields)
  return `${String(entry.seq).padStart(8)}  ${fields.at}  ${entry.actor}  ${entry.action}  ${entry.resource}`
}

/**
 * `audit list --org <slug> [--limit n] [--json]` (newest first) and `audit tail --org <slug>
 * [--after <seq>] [--limit n] [--json]` (oldest first, the last `limit` or those after `seq`).
 * Entries are sealed first, so the newest appear.
 */
export async function auditList(
  ctx: AuditCommandContext,
  args: string[],
  options: { tail: boolean },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      limit: { type: 'string', default: '50' },
      after: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const limit = Number(values.limit)
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000)
    throw new CofferError('VALIDATION_FAILED', '--limit must be 1-10000')
  return ctx.withCoffer(async (coffer) => {
    const org = await findOrgBySlug(coffer.db, requireOption(values.org, 'org'))
    await coffer.auditSequencer.sequenceOrg(org.id)
    const entries = await withTenant(coffer.db, org.id, async (sql) => {
      if (!options.tail) return coffer.audit.list(sql, { limit })
      if (values.after !== undefined) {
        const after = Number(values.after)
        if (!Number.isSafeInteger(after) || after < 0)
          throw new CofferError('VALIDATION_FAILED', '--after must be a seq')
        return coffer.audit.range(sql, after + 1, after + limit)
      }
      return (await coffer.audit.list(sql, { limit })).reverse()
    })
    for (const entry of entries) ctx.out(entryLine(entry, values.json))
    return 0
  })
}

/** `audit export --org <slug> [--from <seq>] [--to <seq>]`: the bundle `GET /v1/audit/export` serves, on standard output. */
export async function auditExport(ctx: AuditCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, from: { type: 'string', default: '1' }, to: { type: 'string' } },
  })
  const from = Number(values.from)
  const to = values.to === undefined ? undefined : Number(values.to)
  if (!Number.isSafeInteger(from) || from < 1)
    throw new CofferError('VALIDATION_FAILED', '--from must be a seq')
  if (to !== undefined && (!Number.isSafeInteger(to) || to < 1))
    throw new CofferError('VALIDATION_FAILED', '--to must be a seq')
  return ctx.withCoffer(async (coffer) => {
    const org = await findOrgBySlug(coffer.db, requireOption(values.org, 'org'))
    await coffer.auditSequencer.sequenceOrg(org.id)
    const keys = await coffer.auditKeys.publicKeys()
    const bundle = await withTenant(coffer.db, org.id, (sql) =>
      buildAuditBundle(sql, coffer.audit, keys, { from, to }),
    )
    ctx.out(bundle.trimEnd())
    return 0
  })
}
