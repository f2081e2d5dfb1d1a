import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CofferError } from '../errors.js'
import type { CofferConfig } from './config.js'

/** Config whose keys are known to be present. */
export type KeyedConfig = CofferConfig & { masterKey: Buffer; tokenSecret: Buffer }

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
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
    const secrets = {
      masterKey: randomBytes(32).toString('base64'),
      tokenSecret: randomBytes(32).toString('base64'),
    }
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  }
  chmodSync(file, 0o600)
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { masterKey?: string; tokenSecret?: string }
  const masterKey = Buffer.from(stored.masterKey ?? '', 'base64')
  const tokenSecret = Buffer.from(stored.tokenSecret ?? '', 'base64')
  if (masterKey.length !== 32 || tokenSecret.length !== 32) {
    throw new CofferError('CONFIG_INVALID', `${file} is damaged: remove the data dir or set the keys`)
  }
  return { config: { ...config, masterKey, tokenSecret }, devMode: true }
}
