import { COFFER_VERSION } from '../internal/version.js'

/** The package's version (read once from the package.json beside `src/` or `dist/`). */
export function packageVersion(): string {
  return COFFER_VERSION
}
