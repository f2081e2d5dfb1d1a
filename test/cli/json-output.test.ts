// Stops: a command that cannot be scripted (no `--json`), and JSON output in camelCase or with
// fields of the code's own objects (`org list --json` printed camelCase OrgSummary objects).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { COMMANDS, main } from '../../src/cli/main.js'
import { recordSecret } from '../support/leak-canary.js'

/** Commands whose output is itself the data (or that run until stopped): no `--json`, and why. */
const WITHOUT_JSON: Record<string, string> = {
  serve: 'runs until a signal; its log lines are JSON already',
  dump: 'prints NDJSON rows',
  import: 'reads NDJSON; prints progress and one summary line',
  'audit export': 'prints the NDJSON bundle',
  'audit key': 'prints the key in note verifier format, the form verifiers take',
  'audit verify': 'exit status and the first bad entry are the answer',
}

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

/** Every key of every object in `value`, nested ones included. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf)
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
  }
  return []
}

function assertSnakeJson(line: string | undefined): Record<string, unknown> {
  assert.ok(line, 'one line of output')
  const parsed = JSON.parse(line)
  for (const key of keysOf(parsed)) assert.match(key, /^[a-z0-9_]+$/, `snake_case key: ${key}`)
  return parsed
}

describe('the CLI speaks JSON', () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-cli-json-'))
    env = {
      COFFER_DATA_DIR: dataDir,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
    }
    recordSecret(env.COFFER_MASTER_KEY!)
    recordSecret(env.COFFER_TOKEN_SECRET!)
  })
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('every command takes --json, except those whose output is the data', () => {
    const missing = COMMANDS.filter((command) => {
      const name = command.words.join(' ')
      return !(command.args ?? '').includes('--json') && !(name in WITHOUT_JSON)
    }).map((command) => command.words.join(' '))
    assert.deepEqual(missing, [])
    for (const name of Object.keys(WITHOUT_JSON)) {
      assert.ok(
        COMMANDS.some((command) => command.words.join(' ') === name),
        `${name} is a command`,
      )
    }
  })

  it('org, user and keys commands print one snake_case JSON line', async () => {
    const init = assertSnakeJson((await cli(env, 'init', '--json')).lines[0])
    assert.equal(init.initialised, true)
    recordSecret(String(init.token))
    const created = assertSnakeJson((await cli(env, 'org', 'create', 'acme', '--json')).lines[0])
    recordSecret(String(created.token))

    const listed = await cli(env, 'org', 'list', '--json')
    assert.equal(listed.code, 0)
    const orgs = JSON.parse(listed.lines[0]!) as Array<Record<string, unknown>>
    assertSnakeJson(listed.lines[0])
    const acme = orgs.find((org) => org.slug === 'acme')
    assert.ok(acme)
    assert.deepEqual(Object.keys(acme).sort(), [
      'created_at',
      'deleted_at',
      'id',
      'name',
      'plan',
      'rate_limit_per_minute',
      'slug',
      'suspended',
      'suspended_at',
    ])

    assert.equal(
      assertSnakeJson((await cli(env, 'org', 'plan', 'acme', 'pro', '--json')).lines[0]).plan,
      'pro',
    )
    assert.equal(
      assertSnakeJson((await cli(env, 'org', 'limit', 'acme', '120', '--json')).lines[0])
        .rate_limit_per_minute,
      120,
    )
    assert.equal(
      assertSnakeJson((await cli(env, 'org', 'suspend', 'acme', '--json')).lines[0]).suspended,
      true,
    )
    assert.equal(
      assertSnakeJson((await cli(env, 'org', 'unsuspend', 'acme', '--json')).lines[0]).suspended,
      false,
    )
    const user = assertSnakeJson(
      (await cli(env, 'user', 'create', 'Ada@Example.com', '--org', 'acme', '--role', 'admin', '--json'))
        .lines[0],
    )
    assert.equal(user.email, 'ada@example.com')
    assert.equal(user.can_log_in, false)
    assert.equal(
      assertSnakeJson((await cli(env, 'user', 'suspend', 'ada@example.com', '--json')).lines[0]).suspended,
      true,
    )
    assert.equal(
      assertSnakeJson(
        (await cli(env, 'user', 'remove', 'ada@example.com', '--org', 'acme', '--json')).lines[0],
      ).removed,
      true,
    )

    const rotated = await cli(env, 'keys', 'rotate', '--org', 'acme', '--json')
    assert.equal(rotated.code, 0)
    assert.equal(rotated.lines.length, 1, 'no progress lines with --json')
    assert.equal(assertSnakeJson(rotated.lines[0]).target_version, 2)
    const rewrapped = await cli(env, 'keys', 'rewrap', '--json')
    assert.equal(rewrapped.lines.length, 1)
    assert.equal(assertSnakeJson(rewrapped.lines[0]).orgs, 2)
    const deleted = assertSnakeJson(
      (await cli(env, 'org', 'delete', 'acme', '--confirm', 'acme', '--json')).lines[0],
    )
    assert.deepEqual(deleted.destroyed_versions, [1, 2])
  })
})
