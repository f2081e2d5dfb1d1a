import { parseArgs } from 'node:util'
import { loadConfig } from '../config/config.js'
import { ensureKeys } from '../config/dev-secrets.js'
import { readInstanceStatus } from '../doctor/instance-status.js'
import type { CliIO } from './cli-io.js'
import type { CliCommand } from './command-table.js'

async function runStatus(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const status = await readInstanceStatus(ensureKeys(loadConfig(io.env)).config)
  if (values.json) {
    io.out(JSON.stringify(status))
    return 0
  }
  const { database, migrations } = status
  io.out(`coffer     ${status.version}`)
  io.out(`database   ${database.kind} ${database.server_version}`)
  io.out(
    `migrations ${migrations.applied} applied${migrations.latest ? ` (latest ${migrations.latest})` : ''}, ${
      migrations.pending.length === 0
        ? 'none pending'
        : `pending: ${migrations.pending.join(', ')} (run \`coffer migrate\`)`
    }`,
  )
  io.out(`provider   ${status.provider.name}, root key ${status.provider.root_key_id}`)
  io.out(`orgs       ${status.orgs.active} (${status.orgs.deleted} deleted)`)
  io.out(`rotations  ${status.pending_rotations} running`)
  return 0
}

/** `coffer status [--json]`. */
export const STATUS_COMMAND: CliCommand = {
  words: ['status'],
  args: '[--json]',
  summary: 'version, database, migrations applied and pending, key provider, orgs, running rotations',
  run: runStatus,
}
