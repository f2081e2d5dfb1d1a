import { parseArgs } from 'node:util'
import {
  addMembership,
  createUser,
  findUserIdByEmail,
  normaliseEmail,
  removeMembership,
  setUserSuspended,
} from '../auth/users.js'
import { CofferError } from '../errors.js'
import { findOrgBySlug } from '../tenancy/orgs.js'
import { CLI_ACTOR, type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'

async function runUserCreate(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      role: { type: 'string', default: 'member' },
      json: { type: 'boolean', default: false },
    },
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
      await coffer.audit.append(sql, {
        actor: CLI_ACTOR,
        action: 'membership.created',
        resource: `user:${id}`,
      })
    })
    io.out(
      values.json
        ? JSON.stringify({
            user_id: id,
            email: normaliseEmail(email),
            org: org.slug,
            role,
            can_log_in: !!password,
          })
        : `${normaliseEmail(email)} (${id}) is ${role} of ${org.slug}${password ? '' : '; no password: it cannot log in'}`,
    )
  })
  return 0
}

async function runUserRemove(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { org: { type: 'string' }, json: { type: 'boolean', default: false } },
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
        actor: CLI_ACTOR,
        action: 'membership.removed',
        resource: `user:${userId}`,
      })
    })
    coffer.tokens.forgetCachedVerifications()
    io.out(
      values.json
        ? JSON.stringify({ user_id: userId, email: normaliseEmail(email), org: org.slug, removed: true })
        : `${normaliseEmail(email)} is no longer a member of ${org.slug}; their tokens and sessions there are revoked (every instance within 5 seconds)`,
    )
  })
  return 0
}

async function runUserSuspend(io: CliIO, args: string[], options: { suspended: boolean }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  })
  const email = positionals[0]
  if (!email) throw new CofferError('VALIDATION_FAILED', 'name the user: <email>')
  await withCoffer(io, (coffer) => setUserSuspended(coffer.db, email, { suspended: options.suspended }))
  io.out(
    values.json
      ? JSON.stringify({ email: normaliseEmail(email), suspended: options.suspended })
      : `${normaliseEmail(email)}: ${options.suspended ? 'suspended' : 'unsuspended'} (every instance within 5 seconds)`,
  )
  return 0
}

/** `coffer user ...`: create, remove, suspend, unsuspend. */
export const USER_COMMANDS: readonly CliCommand[] = [
  {
    words: ['user', 'create'],
    args: '<email> --org <slug> --role <owner|admin|member> [--json]',
    summary: 'a user and their membership; password from COFFER_NEW_USER_PASSWORD',
    run: runUserCreate,
  },
  {
    words: ['user', 'remove'],
    args: '<email> --org <slug> [--json]',
    summary: "end the membership: the user's tokens and sessions in that org are revoked",
    run: runUserRemove,
  },
  {
    words: ['user', 'suspend'],
    args: '<email> [--json]',
    summary: 'every token and session of the user answers 403 ACCOUNT_SUSPENDED',
    run: (io, args) => runUserSuspend(io, args, { suspended: true }),
  },
  {
    words: ['user', 'unsuspend'],
    args: '<email> [--json]',
    summary: 'lift a suspension',
    run: (io, args) => runUserSuspend(io, args, { suspended: false }),
  },
]
