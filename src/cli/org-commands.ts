import { parseArgs } from 'node:util'
import { CofferError } from '../errors.js'
import { orgJson } from '../tenancy/orgs.js'
import { CLI_ACTOR, type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'

/** Every `coffer org` command calls `coffer.orgs`: the same service as `/v1/orgs`. */

function slugOf(positionals: string[], usage: string): string {
  const slug = positionals[0]
  if (!slug) throw new CofferError('VALIDATION_FAILED', `usage: ${usage}`)
  return slug
}

async function runOrgCreate(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      plan: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const slug = slugOf(positionals, 'org create <slug> [--name <name>] [--plan <plan>]')
  const org = await withCoffer(io, (coffer) =>
    coffer.orgs.create({
      slug,
      actor: CLI_ACTOR,
      ...(values.name ? { name: values.name } : {}),
      ...(values.plan ? { plan: values.plan } : {}),
    }),
  )
  if (values.json) {
    io.out(JSON.stringify({ org_id: org.orgId, token: org.ownerToken }))
  } else {
    io.out(`Created org ${org.slug} (${org.orgId}). Owner token, shown once:`)
    io.out(`  ${org.ownerToken}`)
  }
  return 0
}

async function runOrgList(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const orgs = await withCoffer(io, async (coffer) => {
    const all = []
    let cursor: string | null = null
    do {
      const page = await coffer.orgs.list({ limit: 100, cursor })
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor !== null)
    return all
  })
  if (values.json) io.out(JSON.stringify(orgs.map(orgJson)))
  else
    for (const org of orgs)
      io.out(`${org.slug}\t${org.id}\t${org.plan}${org.suspendedAt ? '\tsuspended' : ''}`)
  return 0
}

/** The same options for every command that prints one result: `--json` prints it as one JSON line. */
const JSON_OPTION = { json: { type: 'boolean', default: false } } as const

async function runOrgSuspend(io: CliIO, args: string[], options: { suspended: boolean }): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: JSON_OPTION })
  const slug = slugOf(positionals, 'name the org: <slug>')
  const org = await withCoffer(io, (coffer) =>
    coffer.orgs.update({ slug }, { suspended: options.suspended }, CLI_ACTOR),
  )
  io.out(
    values.json
      ? JSON.stringify(orgJson(org))
      : `${slug}: ${options.suspended ? 'suspended' : 'unsuspended'} (every instance within 5 seconds)`,
  )
  return 0
}

async function runOrgLimit(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: JSON_OPTION })
  const [slug, value] = positionals
  if (!slug || !value)
    throw new CofferError('VALIDATION_FAILED', 'usage: org limit <slug> <per-minute|default>')
  const perMinute = value === 'default' ? null : /^\d+$/.test(value) ? Number(value) : Number.NaN
  const org = await withCoffer(io, (coffer) =>
    coffer.orgs.update({ slug }, { rateLimitPerMinute: perMinute }, CLI_ACTOR),
  )
  io.out(
    values.json
      ? JSON.stringify(orgJson(org))
      : `${slug}: ${perMinute === null ? "the plan's default limit" : `${perMinute} requests per minute`}`,
  )
  return 0
}

async function runOrgPlan(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: JSON_OPTION })
  const [slug, plan] = positionals
  if (!slug || !plan) throw new CofferError('VALIDATION_FAILED', 'usage: org plan <slug> <plan>')
  const org = await withCoffer(io, (coffer) => coffer.orgs.update({ slug }, { plan }, CLI_ACTOR))
  io.out(values.json ? JSON.stringify(orgJson(org)) : `${slug}: plan ${plan}`)
  return 0
}

/** What the org's bucket still holds after a deletion, in words (keys listed with --json). */
function archiveLine(
  archive: { objects_deleted: number; objects_left: string[]; error_code: string | null } | undefined,
): string {
  if (!archive) return ''
  const left = archive.objects_left.length
  return `, ${archive.objects_deleted} archived objects deleted from the org's bucket${left > 0 ? `, ${left} left there (${archive.error_code})` : ''}`
}

async function runOrgDelete(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { confirm: { type: 'string' }, ...JSON_OPTION },
  })
  const slug = slugOf(positionals, 'org delete <slug> --confirm <slug>')
  const deleted = await withCoffer(io, (coffer) =>
    coffer.orgs.delete({ slug }, { confirm: values.confirm, actor: CLI_ACTOR }),
  )
  io.out(
    values.json
      ? JSON.stringify({
          slug,
          destroyed_versions: deleted.destroyedVersions,
          rows_deleted: deleted.rowsDeleted,
          ...(deleted.archive ? { archive: deleted.archive } : {}),
        })
      : `${slug}: keys destroyed (v${deleted.destroyedVersions.join(', v') || ' none left'}), ${deleted.rowsDeleted} rows deleted${archiveLine(deleted.archive)}`,
  )
  return 0
}

/** `coffer org ...`: create, list, plan, suspend, unsuspend, limit, delete. */
export const ORG_COMMANDS: readonly CliCommand[] = [
  {
    words: ['org', 'create'],
    args: '<slug> [--name <name>] [--plan <plan>] [--json]',
    summary: 'create an org; prints its owner token once (--json: {"org_id","token"})',
    run: runOrgCreate,
  },
  { words: ['org', 'list'], args: '[--json]', summary: 'list orgs', run: runOrgList },
  {
    words: ['org', 'plan'],
    args: '<slug> <plan> [--json]',
    summary: "move the org to a plan of the server's plan table (COFFER_PLANS)",
    run: runOrgPlan,
  },
  {
    words: ['org', 'suspend'],
    args: '<slug> [--json]',
    summary: 'every request of the org answers 403 ACCOUNT_SUSPENDED',
    run: (io, args) => runOrgSuspend(io, args, { suspended: true }),
  },
  {
    words: ['org', 'unsuspend'],
    args: '<slug> [--json]',
    summary: 'lift a suspension',
    run: (io, args) => runOrgSuspend(io, args, { suspended: false }),
  },
  {
    words: ['org', 'limit'],
    args: '<slug> <per-minute|default> [--json]',
    summary: "the org's request limit (tokens with their own limit keep it)",
    run: runOrgLimit,
  },
  {
    words: ['org', 'delete'],
    args: '<slug> --confirm <slug> [--json]',
    summary: "destroy the org's keys, then delete its rows",
    run: runOrgDelete,
  },
]
