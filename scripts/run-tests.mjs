// Runs every test/**/*.test.ts file with Node's built-in test runner (tsx as the TypeScript loader).
// Usage: node scripts/run-tests.mjs [substring ...]   — only files whose path contains a substring.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return findTests(path)
    return name.endsWith('.test.ts') ? [path] : []
  })
}

const filters = process.argv.slice(2)
const files = findTests('test')
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort()
if (files.length === 0) {
  console.error('no test files matched')
  process.exit(1)
}
// Human-readable spec on stdout, and TAP into a file for the plain closing line below.
const tapDir = mkdtempSync(join(tmpdir(), 'coffer-tap-'))
// Every secret the suite creates and every log line its servers write land here (test/support/leak-canary.ts).
const canaryDir = mkdtempSync(join(tmpdir(), 'coffer-canary-'))
const tapFile = join(tapDir, 'results.tap')
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, COFFER_TEST_CANARY_DIR: canaryDir } },
)
const tap = readFileSync(tapFile, 'utf8')
rmSync(tapDir, { recursive: true, force: true })
/** Searches every captured log line for every recorded secret; reports counts, never the secrets. */
function leakCheck() {
  const read = (prefix) =>
    readdirSync(canaryDir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => readFileSync(join(canaryDir, name), 'utf8'))
  const secrets = [...new Set(read('secrets-').join('').split('\n').filter(Boolean))]
  const logs = read('logs-').join('')
  // Exported span payloads (test/observability) are searched like log lines.
  const spans = read('spans-').join('')
  const leaked = secrets.filter((secret) => logs.includes(secret) || spans.includes(secret)).length
  const lines = logs.split('\n').length - 1
  const spanPayloads = spans.split('\n').length - 1
  console.log(
    `leak check: ${secrets.length} secrets searched in ${lines} captured log lines and ${spanPayloads} span payloads: ${leaked} found`,
  )
  // Canaries (contents, entities, terms, secret values) in every test database, as text and as
  // the hex of bytea columns.
  const canaries = [...new Set(read('canaries-').join('').split('\n').filter(Boolean))]
  const dumps = read('dumps-').join('').toLowerCase()
  const databases = read('dump-count-').join('').split('\n').filter(Boolean).length
  const inDumps = canaries.filter(
    (canary) => dumps.includes(canary.toLowerCase()) || dumps.includes(Buffer.from(canary).toString('hex')),
  ).length
  console.log(
    `leak check: ${canaries.length} canaries searched in ${databases} database dumps (${Math.round(dumps.length / 1e6)} MB): ${inDumps} found`,
  )
  return { leaked: leaked + inDumps, secrets: secrets.length }
}
const leak = leakCheck()
/**
 * Every response the in-process servers sent was validated against their OpenAPI document
 * (test/support/contract-check.ts); any violation fails the run, and so does a full run that
 * checked nothing (the check itself broke).
 */
function contractCheck() {
  const read = (prefix) =>
    readdirSync(canaryDir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => readFileSync(join(canaryDir, name), 'utf8'))
  const checked = read('contract-checked-').join('').split('\n').filter(Boolean).length
  const violations = [...new Set(read('contract-violations-').join('').split('\n').filter(Boolean))]
  console.log(
    `contract check: ${checked} responses validated against the OpenAPI document: ${violations.length} violations`,
  )
  for (const violation of violations.slice(0, 50)) console.log(`  contract violation: ${violation}`)
  return { violations: violations.length, checked }
}
const contract = contractCheck()
rmSync(canaryDir, { recursive: true, force: true })

const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0)
// The leak check counts as one more test: a leaked secret fails the run, and the closing line says so.
// A full run that recorded no secret at all means the check itself broke: that fails too.
const leakFailed = leak.leaked > 0 || (filters.length === 0 && leak.secrets === 0)
// The contract check counts as one more test too.
const contractFailed = contract.violations > 0 || (filters.length === 0 && contract.checked === 0)
const passed = count('pass') + (leakFailed ? 0 : 1) + (contractFailed ? 0 : 1)
const failed = count('fail') + count('cancelled') + (leakFailed ? 1 : 0) + (contractFailed ? 1 : 0)
// Skipped tests and skipped suites (a suite whose system package is missing), each with its reason.
const skips = [...tap.matchAll(/^\s*ok \d+ - (.*) # SKIP(.*)$/gm)].map((match) => `${match[1]}:${match[2]}`)
for (const skip of new Set(skips)) console.log(`skipped: ${skip}`)
console.log(`tests: ${passed} passed, ${failed} failed, ${skips.length} skipped`)
process.exit(leakFailed || contractFailed ? 1 : (result.status ?? 1))
