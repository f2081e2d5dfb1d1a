import { parseArgs } from 'node:util'
import { CofferError } from '../errors.js'
import { createOrg, listOrgs, setOrgRateLimit, setOrgSuspended } from '../tenancy/orgs.js'
import { CLI_ACTOR, type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'
import { orgDelete } from './keys-commands.js'
import { withKeysContext } from './keys-context.js'

async function runOrgCreate(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const slug = positionals[0]
  if (!slug) throw new CofferError('VALIDATION_FAILED', 'org create needs a <slug>')
  const org = await withCoffer(io, (coffer) =>
    createOrg(coffer, { slug, actor: CLI_ACTOR, ...(values.name ? { name: values.name } : {}) }),
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
  const orgs = await withCoffer(io, (coffer) => listOrgs(coffer.db))
  if (values.json) io.out(JSON.stringify(orgs))
  else
    for (const org of orgs)
      io.out(`${org.slug}\t${org.id}\t${org.plan}${org.suspendedAt ? '\tsuspended' : ''}`)
  return 0
}

async function runOrgSuspend(io: CliIO, args: string[], options: { suspended: boolean }): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const slug = positionals[0]
  if (!slug) throw new CofferError('VALIDATION_FAILED', 'name the org: <slug>')
  await withCoffer(io, (coffer) =>
    setOrgSuspended(coffer, slug, { suspended: options.suspended, actor: CLI_ACTOR }),
  )
  io.out(`${slug}: ${options.suspended ? 'suspended' : 'unsuspended'} (every instance within 5 seconds)`)
  return 0
}

async function runOrgLimit(io: CliIO, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const [slug, value] = positionals
  if (!slug || !value)
    throw new CofferError('VALIDATION_FAILED', 'usage: org limit <slug> <per-minute|default>')
  const perMinute = value === 'default' ? null : /^\d+$/.test(value) ? Number(value) : Number.NaN
  await withCoffer(io, (coffer) => setOrgRateLimit(coffer.db, slug, perMinute))
  io.out(`${slug}: ${perMinute === null ? "the plan's default limit" : `${perMinute} requests per minute`}`)
  return 0
}

/** `coffer org ...`: create, list, suspend, unsuspend, limit, delete. */
export const ORG_COMMANDS: readonly CliCommand[] = [
  {
    words: ['org', 'create'],
    args: '<slug> [--name <name>] [--json]',
    summary: 'create an org; prints its owner token once (--json: {"org_id","token"})',
    run: runOrgCreate,
  },
  { words: ['org', 'list'], args: '[--json]', summary: 'list orgs', run: runOrgList },
  {
    words: ['org', 'suspend'],
    args: '<slug>',
    summary: 'every request of the org answers 403 ACCOUNT_SUSPENDED',
    run: (io, args) => runOrgSuspend(io, args, { suspended: true }),
  },
  {
    words: ['org', 'unsuspend'],
    args: '<slug>',
    summary: 'lift a suspension',
    run: (io, args) => runOrgSuspend(io, args, { suspended: false }),
  },
  {
    words: ['org', 'limit'],
    args: '<slug> <per-minute|default>',
    summary: "the org's request limit (tokens with their own limit keep it)",
    run: runOrgLimit,
  },
  {
    words: ['org', 'delete'],
    args: '<slug> --confirm <slug>',
    summary: "destroy the org's keys, then delete its rows",
    run: (io, args) => withKeysContext(io, (ctx) => orgDelete(ctx, args)),
  },
]
