import { parseArgs } from 'node:util'
import { CofferError } from '../errors.js'
import { SYSTEM_AUDIT_MAX_LIMIT } from '../operator/system-audit.js'
import { CLI_ACTOR, type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'

async function runTokenCreate(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string', default: 'operator' }, json: { type: 'boolean', default: false } },
  })
  const created = await withCoffer(io, (coffer) =>
    coffer.operatorTokens.create({ name: values.name, actor: CLI_ACTOR }),
  )
  if (values.json) {
    io.out(JSON.stringify({ id: created.id, name: created.name, token: created.token }))
  } else {
    io.out(`Created operator token ${created.name} (${created.id}). Shown once:`)
    io.out(`  ${created.token}`)
  }
  return 0
}

async function runTokenList(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const tokens = await withCoffer(io, (coffer) => coffer.operatorTokens.list())
  if (values.json) {
    io.out(
      JSON.stringify(
        tokens.map((t) => ({
          id: t.id,
          name: t.name,
          created_by: t.createdBy,
          created_at: t.createdAt,
          last_used_at: t.lastUsedAt,
          revoked_at: t.revokedAt,
        })),
      ),
    )
  } else {
    for (const t of tokens) io.out(`${t.id}\t${t.name}${t.revokedAt ? '\trevoked' : ''}`)
  }
  return 0
}

async function runTokenRevoke(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  })
  const id = positionals[0]
  if (!id) throw new CofferError('VALIDATION_FAILED', 'usage: operator token revoke <id>')
  await withCoffer(io, (coffer) => coffer.operatorTokens.revoke(id, CLI_ACTOR))
  io.out(values.json ? JSON.stringify({ id, revoked: true }) : `${id}: revoked (at once)`)
  return 0
}

/** `coffer operator audit`: the system log, newest first (`--json`: one entry a line). */
async function runAudit(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      limit: { type: 'string', default: '50' },
      action: { type: 'string' },
      actor: { type: 'string' },
      resource: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const limit = Number(values.limit)
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > SYSTEM_AUDIT_MAX_LIMIT) {
    throw new CofferError('VALIDATION_FAILED', `--limit must be 1-${SYSTEM_AUDIT_MAX_LIMIT}`)
  }
  const entries = await withCoffer(io, (coffer) =>
    coffer.systemAudit.list({ limit, action: values.action, actor: values.actor, resource: values.resource }),
  )
  for (const entry of entries) {
    io.out(
      values.json
        ? JSON.stringify({ ...entry, at: entry.at.toISOString() })
        : `${entry.at.toISOString()}  ${entry.actor}  ${entry.action}  ${entry.resource}`,
    )
  }
  return 0
}

/** `coffer operator ...`: the operator plane's credentials (`cfo_`) and the system audit log. */
export const OPERATOR_COMMANDS: readonly CliCommand[] = [
  {
    words: ['operator', 'audit'],
    args: '[--limit <n>] [--action <a>] [--actor <a>] [--resource <r>] [--json]',
    summary: 'the system audit log (orgs, operator tokens, key destruction), newest first',
    run: runAudit,
  },
  {
    words: ['operator', 'token', 'create'],
    args: '[--name <name>] [--json]',
    summary: 'an operator token for /v1/orgs, shown once (--json: {"id","name","token"})',
    run: runTokenCreate,
  },
  {
    words: ['operator', 'token', 'list'],
    args: '[--json]',
    summary: 'list operator tokens',
    run: runTokenList,
  },
  {
    words: ['operator', 'token', 'revoke'],
    args: '<id> [--json]',
    summary: 'revoke an operator token (the next request is refused)',
    run: runTokenRevoke,
  },
]
