import { parseArgs } from 'node:util'
import { CofferError } from '../errors.js'
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
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const id = positionals[0]
  if (!id) throw new CofferError('VALIDATION_FAILED', 'usage: operator token revoke <id>')
  await withCoffer(io, (coffer) => coffer.operatorTokens.revoke(id, CLI_ACTOR))
  io.out(`${id}: revoked (at once)`)
  return 0
}

/** `coffer operator token ...`: the operator plane's credentials (`cfo_`), for `/v1/orgs` only. */
export const OPERATOR_COMMANDS: readonly CliCommand[] = [
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
    args: '<id>',
    summary: 'revoke an operator token (the next request is refused)',
    run: runTokenRevoke,
  },
]
