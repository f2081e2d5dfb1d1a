import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * Suites that need a system package (SoftHSM2, ...) are skipped with the reason on a machine that
 * lacks it, so `npm test` passes on a fresh machine. CI sets COFFER_TEST_REQUIRE_SYSTEM_PACKAGES=1:
 * then nothing is skipped for a missing package, and the suite fails on what is missing instead.
 */
export const REQUIRE_SYSTEM_PACKAGES = process.env.COFFER_TEST_REQUIRE_SYSTEM_PACKAGES === '1'

/** A command found on PATH (it answers its `--version` or `--help` at all). */
function onPath(command: string): boolean {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore' })
  return result.error === undefined
}

/**
 * The reason to skip a suite that needs `what`, or false when it is installed (or CI requires it).
 * `files` must all exist and `commands` must all be on PATH.
 */
export function skipUnlessInstalled(what: {
  name: string
  install: string
  files?: readonly string[]
  commands?: readonly string[]
}): string | false {
  if (REQUIRE_SYSTEM_PACKAGES) return false
  const missing = [
    ...(what.files ?? []).filter((file) => !existsSync(file)),
    ...(what.commands ?? []).filter((command) => !onPath(command)),
  ]
  return missing.length === 0
    ? false
    : `${what.name} not installed (${missing.join(', ')} missing): ${what.install}`
}
