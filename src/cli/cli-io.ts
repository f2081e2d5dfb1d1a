import { userInfo } from 'node:os'
import { type Coffer, openCoffer } from '../app.js'
import { loadConfig } from '../config/config.js'
import { ensureKeys } from '../config/dev-secrets.js'

/** Where a command reads its environment and writes its output (injectable for tests). */
export interface CliIO {
  env: NodeJS.ProcessEnv
  out: (line: string) => void
  /** Raw output without a newline (progress bars); only used when `isTTY`. */
  write?: (text: string) => void
  isTTY?: boolean
  /** Usage errors (unknown command, group without subcommand); standard error unless a test says otherwise. */
  err?: (line: string) => void
}

/**
 * The actor CLI changes are audited as: `cli:<os user>` (the account that ran the command; `unknown`
 * where the system names none), reduced to `A-Z a-z 0-9 . _ -` and 64 characters.
 */
export function cliActorOf(username: string | undefined): string {
  const clean = (username ?? '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64)
  return `cli:${clean === '' ? 'unknown' : clean}`
}

function osUsername(): string | undefined {
  try {
    return userInfo().username
  } catch {
    return undefined
  }
}

/** The actor of this process's CLI changes (see cliActorOf). */
export const CLI_ACTOR = cliActorOf(osUsername())

/** The process's own standard streams and environment. */
export const DEFAULT_IO: CliIO = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  write: (text) => process.stdout.write(text),
  isTTY: process.stdout.isTTY === true,
  err: (line) => process.stderr.write(`${line}\n`),
}

/**
 * Opens Coffer from the environment (migrating it), runs `fn`, and closes it again.
 * @throws CONFIG_INVALID, MIGRATION_FAILED, DATA_DIR_LOCKED, TENANT_ISOLATION_BROKEN from opening.
 */
export async function withCoffer<T>(io: CliIO, fn: (coffer: Coffer) => Promise<T>): Promise<T> {
  const { config } = ensureKeys(loadConfig(io.env))
  const coffer = await openCoffer(config)
  try {
    return await fn(coffer)
  } finally {
    await coffer.close()
  }
}
