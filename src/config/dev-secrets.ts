import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CofferError } from '../errors.js'
import type { CofferConfig } from './config.js'

/** Config whose token secret (and, for the local provider, master key) is known to be present. */
export type KeyedConfig = CofferConfig & { tokenSecret: Buffer }

/** Where dev mode keeps its generated keys, beside the embedded database. */
export const DEV_SECRETS_FILE = 'dev-secrets.json'

/**
 * Makes sure both keys are present. With neither key set, the embedded database and no
 * NODE_ENV=production, it is dev mode: keys are read from (or generated into) a mode-600 file in
 * the data dir, and `devMode` is true so the caller warns loudly. Otherwise a missing key stops.
 * @throws CONFIG_INVALID naming the missing variable(s).
 */
export function ensureKeys(config: CofferConfig): { config: KeyedConfig; devMode: boolean } {
  if (config.masterKey && config.tokenSecret) {
    return {
      config: { ...config, masterKey: config.masterKey, tokenSecret: config.tokenSecret },
      devMode: false,
    }
  }
  const devModeAllowed = !config.masterKey && !config.tokenSecret && !config.databaseUrl && !config.production
  if (!devModeAllowed) {
    const missing = [
      !config.masterKey && 'COFFER_MASTER_KEY',
      !config.tokenSecret && 'COFFER_TOKEN_SECRET',
    ].filter(Boolean)
    throw new CofferError(
      'CONFIG_INVALID',
      `${missing.join(' and ')} must be set (generate one with: openssl rand -base64 32)`,
    )
  }
  const file = join(config.dataDir, DEV_SECRETS_FILE)
  writeDevSecretsOnce(config.dataDir, file)
  chmodSync(file, 0o600)
  const { masterKey, tokenSecret } = readDevSecrets(file)
  return { config: { ...config, masterKey, tokenSecret }, devMode: true }
}

/** Generates the dev keys unless the file exists; a concurrent first start that wrote it first wins. */
function writeDevSecretsOnce(dataDir: string, file: string): void {
  if (existsSync(file)) return
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const secrets = {
    masterKey: randomBytes(32).toString('base64'),
    tokenSecret: randomBytes(32).toString('base64'),
  }
  try {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

/**
 * Reads the dev keys. A damaged file is reported by name only: a parser's message could quote
 * the file's contents, which are key material.
 * @throws CONFIG_INVALID
 */
function readDevSecrets(file: string): { masterKey: Buffer; tokenSecret: Buffer } {
  const damaged = () =>
    new CofferError('CONFIG_INVALID', `${file} is damaged: remove the data dir or set the keys`)
  let stored: unknown
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw damaged()
  }
  const { masterKey, tokenSecret } = (stored ?? {}) as { masterKey?: unknown; tokenSecret?: unknown }
  if (typeof masterKey !== 'string' || typeof tokenSecret !== 'string') throw damaged()
  const keys = {
    masterKey: Buffer.from(masterKey, 'base64'),
    tokenSecret: Buffer.from(tokenSecret, 'base64'),
  }
  if (keys.masterKey.length !== 32 || keys.tokenSecret.length !== 32) throw damaged()
  return keys
}
