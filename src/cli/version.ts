import { readFileSync } from 'node:fs'

/**
 * The package's version, read from its package.json: two levels above this file both in `src/cli`
 * and in the built `dist/cli`, so it also holds for an installed package.
 */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown
  }
  return typeof manifest.version === 'string' ? manifest.version : 'unknown'
}
