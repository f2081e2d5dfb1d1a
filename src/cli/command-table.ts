import type { CliIO } from './cli-io.js'

/**
 * One `coffer` command. The table of these is the only place a command is named: dispatch,
 * `--help` and the usage text are all read from it, so a new command cannot skip `--help`.
 */
export interface CliCommand {
  /** The words that name it: `['org', 'create']`. */
  readonly words: readonly string[]
  /** What follows the words in its usage, e.g. `<slug> [--name <name>] [--json]`. */
  readonly args?: string
  /** What it does; several lines allowed. */
  readonly summary: string
  /** Runs it with the arguments after its words; resolves with the exit code (-1: runs until a signal). */
  readonly run: (io: CliIO, args: string[]) => Promise<number>
}

const SUMMARY_COLUMN = 32

/** `  org create <slug> ...   what it does`, wrapped the way the top-level usage is. */
export function usageLines(command: CliCommand): string[] {
  const head = `  ${[...command.words, ...(command.args ? [command.args] : [])].join(' ')}`
  const summary = command.summary.split('\n')
  const indent = ' '.repeat(SUMMARY_COLUMN)
  if (head.length < SUMMARY_COLUMN - 1) {
    const [first = '', ...more] = summary
    return [`${head.padEnd(SUMMARY_COLUMN)}${first}`, ...more.map((line) => indent + line)]
  }
  return [head, ...summary.map((line) => indent + line)]
}

/** The usage of several commands (all of them, or one group), with a heading. */
export function renderUsage(heading: string, commands: readonly CliCommand[], footer?: string): string {
  return [heading, '', ...commands.flatMap(usageLines), ...(footer ? ['', footer] : [])].join('\n')
}

/** True when the arguments ask for help (`--help` or `-h`) before a `--` terminator. */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false
    if (arg === '--help' || arg === '-h') return true
  }
  return false
}

/** The command whose words start `argv` (the longest such), and the arguments after its words. */
export function findCommand(
  commands: readonly CliCommand[],
  argv: readonly string[],
): { command: CliCommand; args: string[] } | undefined {
  let best: CliCommand | undefined
  for (const command of commands) {
    const matches = command.words.every((word, index) => argv[index] === word)
    if (matches && command.words.length > (best?.words.length ?? 0)) best = command
  }
  return best ? { command: best, args: argv.slice(best.words.length) } : undefined
}

/** The commands of a group (`org`), empty when `word` names none. */
export function groupOf(commands: readonly CliCommand[], word: string | undefined): CliCommand[] {
  return commands.filter((command) => command.words.length > 1 && command.words[0] === word)
}
