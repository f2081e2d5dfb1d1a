import { CofferError } from '../errors.js'
import { AUDIT_COMMANDS } from './audit-command-table.js'
import { type CliIO, DEFAULT_IO } from './cli-io.js'
import { asksForHelp, type CliCommand, findCommand, groupOf, renderUsage } from './command-table.js'
import { DOCTOR_COMMAND } from './doctor-command.js'
import { DATA_COMMANDS, INSTANCE_COMMANDS } from './instance-commands.js'
import { KEYS_COMMANDS } from './keys-commands.js'
import { OPERATOR_COMMANDS } from './operator-commands.js'
import { ORG_COMMANDS } from './org-commands.js'
import { STATUS_COMMAND } from './status-command.js'
import { USER_COMMANDS } from './user-commands.js'

export type { CliIO } from './cli-io.js'

/** Every `coffer` command, in the order the usage lists them. */
export const COMMANDS: readonly CliCommand[] = [
  ...INSTANCE_COMMANDS,
  ...OPERATOR_COMMANDS,
  STATUS_COMMAND,
  DOCTOR_COMMAND,
  ...ORG_COMMANDS,
  ...USER_COMMANDS,
  ...AUDIT_COMMANDS,
  ...KEYS_COMMANDS,
  ...DATA_COMMANDS,
]

const FOOTER = `Every command reads the same environment as the server (see README).
\`coffer <command> --help\` prints a command's usage and does nothing else.`

/** The full usage text, as `coffer --help` prints it. */
export const USAGE = renderUsage('Usage: coffer <command>', COMMANDS, FOOTER)

/** Words shown in an error, cut short: argv may hold anything, even a secret typed in the wrong place. */
function shown(word: string): string {
  const printable = word.replace(/[^\x20-\x7e]/g, '?')
  return printable.length > 32 ? `${printable.slice(0, 32)}...` : printable
}

/**
 * Runs one CLI command; resolves with the exit code (0 ok, 1 failed, 2 usage error, -1 runs on).
 * `--help`/`-h` anywhere before `--` prints usage and runs nothing.
 * @throws VALIDATION_FAILED for bad options; whatever the command throws.
 */
export async function main(argv: string[], io: CliIO = DEFAULT_IO): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    // node:util parseArgs refuses unknown options and missing values with ERR_PARSE_ARGS_* errors.
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new CofferError('VALIDATION_FAILED', (error as Error).message, { cause: error })
    }
    throw error
  }
}

/** One command's usage: its synopsis, then what it does. */
function commandUsage(command: CliCommand): string {
  const synopsis = [...command.words, ...(command.args ? [command.args] : [])].join(' ')
  return [`Usage: coffer ${synopsis}`, '', ...command.summary.split('\n').map((line) => `  ${line}`)].join(
    '\n',
  )
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`))
  const [first, second] = argv
  if (
    first === undefined ||
    (first === 'help' && second === undefined) ||
    first === '--help' ||
    first === '-h'
  ) {
    io.out(USAGE)
    return 0
  }
  if (first === 'help') return dispatch([...argv.slice(1), '--help'], io)
  if (first === '--version' || first === '-V') return findCommand(COMMANDS, ['version'])!.command.run(io, [])
  const found = findCommand(COMMANDS, argv)
  if (found) {
    if (asksForHelp(found.args)) {
      io.out(commandUsage(found.command))
      return 0
    }
    return found.command.run(io, found.args)
  }
  const group = groupOf(COMMANDS, first)
  if (group.length > 0) {
    const usage = renderUsage(`Usage: coffer ${first} <command>`, group)
    if (second === undefined || asksForHelp([second])) {
      // `coffer org --help` asked for it; bare `coffer org` is a usage error.
      if (second !== undefined) {
        io.out(usage)
        return 0
      }
      err(usage)
      return 2
    }
    err(`coffer: unknown command "${first} ${shown(second)}"\n\n${usage}`)
    return 2
  }
  err(`coffer: unknown command "${shown(first)}"\n\n${USAGE}`)
  return 2
}
