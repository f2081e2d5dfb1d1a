import { readFileSync } from 'node:fs'

/** The version of this build, from the package.json beside `src/` or `dist/` (also when installed). */
export const COFFER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
