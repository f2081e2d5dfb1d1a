import { parseArgs } from 'node:util'
import { type Coffer, openCoffer } from '../app.js'
import {
  addMembership,
  createUser,
  findUserIdByEmail,
  normaliseEmail,
  removeMembership,
  setUserSuspended,
} from '../auth/users.js'
import { loadConfig } from '../config/config.js'
import { ensureKeys } from '../config/dev-secrets.js'
import { dumpTables } from '../db/dump.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { startServer } from '../server.js'
import { createOrg, findOrgBySlug, listOrgs, setOrgRateLimit, setOrgSuspended } from '../tenancy/orgs.js'
import { auditExport, auditKey, auditList, auditVerify } from './audit-commands.js'
import { importCommand } from './import-command.js'
import {
  type KeysCommandContext,
  keysDestroy,
  keysRewrap,
  keysRotate,
  keysStatus,
  orgDelete,
} from './keys-commands.js'

const USAGE = `Usage: coffer <command>

  serve                         run the HTTP API (COFFER_LISTEN, default 127.0.0.1:8080)
  init [--slug <slug>]          migrate; create the first org (default "default") and print its owner token once
  migrate                       apply pending database migrations
  org create <slug> [--name <name>] [--json]
                                create an org; prints its owner token once (--json: {"org_id","token"})
  org list [--json]             list orgs
  org suspend <slug>            every request of the org answers 403 ACCOUNT_SUSPENDED
  org unsuspend <slug>
  org limit <slug> <per-minute|default>
                                the org's request limit (tokens with their own limit keep it)
  org delete <slug> --confirm <slug>
                                destroy the org's keys, then delete its rows
  user create <email> --org <slug> --role <owner|admin|member>
                                a user and their membership; password from COFFER_NEW_USER_PASSWORD
  user remove <email> --org <slug>
                                end the membership: the user's tokens and sessions in that org are revoked
  user suspend <email>          every token and session of the user answers 403 ACCOUNT_SUSPENDED
  user unsuspend <email>
  audit verify [--org <slug>]   recompute audit logs (leaves, seqs, roots, checkpoint signatures); exit 1
                                naming the first bad entry
  audit verify --bundle <file> --key <key|file> [--checkpoint <file>]
                                offline: check an exported bundle against the checkpoint key and an older
                                checkpoint kept; exit 1 naming the first bad entry or checkpoint
  audit key --org <slug> [--rotate]
                                the org's checkpoint keys (note verifier format); --rotate makes a new one
  audit export --org <slug> [--from <seq>] [--to <seq>]
                                print the bundle GET /v1/audit/export serves (NDJSON)
  audit list --org <slug> [--limit <n>] [--json]
                                newest entries first
  audit tail --org <slug> [--after <seq>] [--limit <n>] [--json]
                                oldest first: the last entries, or those after a seq
  keys status [--org <slug>] [--json]
                                key versions, states, envelopes per version, provider, root key id
  keys rotate (--org <slug> | --all)
                                new org key version for writes; re-encrypt older envelopes (resumable)
  keys rewrap                   rewrap every org key under the current root key (no record touched)
  keys destroy --org <slug> --confirm <slug>
                                crypto-shredding: destroy every version of the org's key
  import --org <slug> [--file <path>|-] [--batch-size <n>]
                                store NDJSON records and secrets encrypted, 500 lines per transaction;
                                resumable through <path>.coffer-import (standard input is not)
  dump                          print every row of every table as stored (ciphertext stays ciphertext)

Every command reads the same environment as the server (see README).`

const ACTOR = 'cli'

const DEFAULT_IO: CliIO = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  write: (text) => process.stdout.write(text),
  isTTY: process.stdout.isTTY === true,
}

/** Where a command reads its environment and writes its output (injectable for tests). */
export interface CliIO {
  env: NodeJS.ProcessEnv
  out: (line: string) => void
  /** Raw output without a newline (progress bars); only used when `isTTY`. */
  write?: (text: string) => void
  isTTY?: boolean
}

async function withCoffer<T>(io: CliIO, fn: (coffer: Coffer) => Promise<T>): Promise<T> {
  const { config } = ensureKeys(loadConfig(io.env))
  const coffer = await openCoffer(config)
  try {
    return await fn(coffer)
  } finally {
    await coffer.close()
  }
}

async function runServe(io: CliIO): Promise<void> {
  const server = await startServer({ env: io.env, out: io.out })
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

async function runOrgCreate(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const slug = positionals[0]
  if (!slug) throw new CofferError('VALIDATION_FAILED', 'org create needs a <slug>')
  const org = await withCoffer(io, (coffer) =>
    createOrg(coffer, { slug, actor: ACTOR, ...(values.name ? { name: values.name } : {}) }),
  )
  if (values.json) {
    io.out(JSON.stringify({ org_id: org.orgId, token: org.ownerToken }))
  } else {
    io.out(`Created org ${org.slug} (${org.orgId}). Owner token, shown once:`)
    io.out(`  ${org.ownerToken}`)
  }
  return 0
}

async function runInit(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { slug: { type: 'string', default: 'default' } } })
  return withCoffer(io, async (coffer) => {
    if ((await listOrgs(coffer.db)).length > 0) {
      io.out('Already initialised: migrations are current and orgs exist. Use `coffer org create <slug>`.')
      return 0
    }
    const org = await createOrg(coffer, { slug: values.slug, actor: ACTOR })
    io.out(`Initialised. Created org ${org.slug} (${org.orgId}). Owner token, shown once:`)
    io.out(`  ${org.ownerToken}`)
    return 0
  })
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

async function runDump(io: CliIO): Promise<number> {
  await withCoffer(io, async (coffer) => {
    for await (const entry of dumpTables(coffer.db)) io.out(JSON.stringify(entry))
  })
  return 0
}

const KEYS_COMMANDS: Record<string, (ctx: KeysCommandContext, args: string[]) => Promise<number>> = {
  status: keysStatus,
  rotate: keysRotate,
  rewrap: keysRewrap,
  destroy: keysDestroy,
}

function withKeysContext(io: CliIO, fn: (ctx: KeysCommandContext) => Promise<number>): Promise<number> {
  return withCoffer(io, (coffer) =>
    fn({ coffer, out: io.out, isTTY: io.isTTY ?? false, ...(io.write ? { write: io.write } : {}) }),
  )
}

async function runOrgSuspend(io: CliIO, args: string[], options: { suspended: boolean }): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const slug = positionals[0]
  if (!slug) throw new CofferError('VALIDATION_FAILED', 'name the org: <slug>')
  await withCoffer(io, (coffer) =>
    setOrgSuspended(coffer, slug, { suspended: options.suspended, actor: ACTOR }),
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

async function runUserCreate(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { org: { type: 'string' }, role: { type: 'string', default: 'member' } },
  })
  const email = positionals[0]
  if (!email || !values.org)
    throw new CofferError('VALIDATION_FAILED', 'usage: user create <email> --org <slug> --role <role>')
  const role = values.role
  if (role !== 'owner' && role !== 'admin' && role !== 'member') {
    throw new CofferError('VALIDATION_FAILED', 'role must be owner, admin or member')
  }
  // From the environment, so that the password is in no argv, shell history or process list.
  const password = io.env.COFFER_NEW_USER_PASSWORD || undefined
  await withCoffer(io, async (coffer) => {
    const org = await findOrgBySlug(coffer.db, values.org!)
    const { id } = await createUser(coffer.db, { email, ...(password ? { password } : {}) })
    await coffer.inTenant(org.id, async (sql) => {
      await addMembership(sql, { userId: id, role })
      await coffer.audit.append(sql, { actor: ACTOR, action: 'membership.created', resource: `user:${id}` })
    })
    io.out(
      `${normaliseEmail(email)} (${id}) is ${role} of ${org.slug}${password ? '' : '; no password: it cannot log in'}`,
    )
  })
  return 0
}

async function runUserRemove(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { org: { type: 'string' } },
  })
  const email = positionals[0]
  if (!email || !values.org)
    throw new CofferError('VALIDATION_FAILED', 'usage: user remove <email> --org <slug>')
  await withCoffer(io, async (coffer) => {
    const org = await findOrgBySlug(coffer.db, values.org!)
    const userId = await findUserIdByEmail(coffer.db, email)
    // Revocation, membership deletion and its audit entry commit together, or not at all.
    await coffer.inTenant(org.id, async (sql) => {
      await removeMembership(sql, userId)
      await coffer.audit.append(sql, {
        actor: ACTOR,
        action: 'membership.removed',
        resource: `user:${userId}`,
      })
    })
    coffer.tokens.forgetCachedVerifications()
    io.out(
      `${normaliseEmail(email)} is no longer a member of ${org.slug}; their tokens and sessions there are revoked (every instance within 5 seconds)`,
    )
  })
  return 0
}

async function runUserSuspend(io: CliIO, args: string[], options: { suspended: boolean }): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const email = positionals[0]
  if (!email) throw new CofferError('VALIDATION_FAILED', 'name the user: <email>')
  await withCoffer(io, (coffer) => setUserSuspended(coffer.db, email, { suspended: options.suspended }))
  io.out(
    `${normaliseEmail(email)}: ${options.suspended ? 'suspended' : 'unsuspended'} (every instance within 5 seconds)`,
  )
  return 0
}

/** Runs one CLI command; returns the exit code. */
export async function main(argv: string[], io: CliIO = DEFAULT_IO): Promise<number> {
  try {
    return await runCommand(argv, io)
  } catch (error) {
    // node:util parseArgs refuses unknown options and missing values with ERR_PARSE_ARGS_* errors.
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new CofferError('VALIDATION_FAILED', (error as Error).message, { cause: error })
    }
    throw error
  }
}

async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const [command, sub, ...rest] = argv
  switch (command) {
    case 'serve':
      await runServe(io)
      return -1
    case 'init':
      return runInit(io, argv.slice(1))
    case 'migrate':
      await withCoffer(io, async () => io.out('Migrations are current.'))
      return 0
    case 'org':
      if (sub === 'create') return runOrgCreate(io, rest)
      if (sub === 'list') return runOrgList(io, rest)
      if (sub === 'delete') return withKeysContext(io, (ctx) => orgDelete(ctx, rest))
      if (sub === 'suspend' || sub === 'unsuspend')
        return runOrgSuspend(io, rest, { suspended: sub === 'suspend' })
      if (sub === 'limit') return runOrgLimit(io, rest)
      break
    case 'keys': {
      const command = KEYS_COMMANDS[sub ?? '']
      if (command) return withKeysContext(io, (ctx) => command(ctx, rest))
      break
    }
    case 'user':
      if (sub === 'create') return runUserCreate(io, rest)
      if (sub === 'remove') return runUserRemove(io, rest)
      if (sub === 'suspend' || sub === 'unsuspend')
        return runUserSuspend(io, rest, { suspended: sub === 'suspend' })
      break
    case 'audit': {
      const ctx = { out: io.out, withCoffer: <T>(fn: (coffer: Coffer) => Promise<T>) => withCoffer(io, fn) }
      if (sub === 'verify') return auditVerify(ctx, rest)
      if (sub === 'key') return auditKey(ctx, rest)
      if (sub === 'export') return auditExport(ctx, rest)
      if (sub === 'list' || sub === 'tail') return auditList(ctx, rest, { tail: sub === 'tail' })
      break
    }
    case 'import':
      return withCoffer(io, (coffer) =>
        importCommand(
          {
            coffer,
            out: io.out,
            isTTY: io.isTTY ?? false,
            stdin: process.stdin,
            ...(io.write ? { write: io.write } : {}),
          },
          argv.slice(1),
        ),
      )
    case 'dump':
      return runDump(io)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE)
      return 0
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${USAGE}\n`)
  return 2
}
