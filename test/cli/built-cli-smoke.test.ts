import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openPGlite } from '../../src/db/pglite-driver.js'
import { BIN, startServe, stopServe } from '../support/serve-process.js'

function runCli(args: string[], env: Record<string, string>, cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', COFFER_METRICS_LISTEN: '127.0.0.1:0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('the built coffer CLI', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'coffer-cli-'))
    dirs.push(dir)
    return dir
  }
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('was built: dist/cli/bin.js exists (run npm test, which builds first)', () => {
    assert.ok(existsSync(BIN), BIN)
  })

  it('prints usage, and exits 2 on an unknown command', () => {
    const help = runCli(['--help'], {}, tempDir())
    assert.equal(help.status, 0)
    assert.match(help.stdout, /Usage: coffer/)
    const unknown = runCli(['frobnicate'], {}, tempDir())
    assert.equal(unknown.status, 2)
  })

  it('first `serve` with nothing configured: dev mode warns, makes mode-600 keys, prints a token once', async () => {
    const cwd = tempDir()
    const env = { COFFER_LISTEN: '127.0.0.1:0', COFFER_LOG_LEVEL: 'warn' }
    const first = await startServe(env, cwd)
    try {
      assert.match(first.out, /WARNING: development mode/)
      assert.match(first.out, /Coffer listening on http:\/\/127\.0\.0\.1:\d+ \(database: embedded/)
      const token = /\s(cf_[0-9A-Za-z]{49})\s/.exec(first.out)?.[1]
      assert.ok(token, 'owner token printed')
      const url = /listening on (http:\/\/\S+)/.exec(first.out)![1]!
      const stored = await fetch(`${url}/v1/records`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hello' }),
      })
      assert.equal(stored.status, 201)
    } finally {
      assert.equal(await stopServe(first.child), 0)
    }
    assert.equal(statSync(join(cwd, '.coffer', 'dev-secrets.json')).mode & 0o777, 0o600)
    assert.equal(
      existsSync(join(cwd, '.coffer', 'coffer.lock')),
      false,
      'the data dir lock is released on stop',
    )
    const second = await startServe(env, cwd)
    try {
      assert.doesNotMatch(second.out, /cf_[0-9A-Za-z]{49}/, 'no token on later starts')
    } finally {
      await stopServe(second.child)
    }
  })

  it('refuses a second process on the same embedded data dir', async () => {
    const cwd = tempDir()
    const env = { COFFER_LISTEN: '127.0.0.1:0', COFFER_LOG_LEVEL: 'warn' }
    const running = await startServe(env, cwd)
    try {
      const second = runCli(['org', 'list'], env, cwd)
      assert.equal(second.status, 1)
      assert.match(second.stderr, /DATA_DIR_LOCKED/)
    } finally {
      await stopServe(running.child)
    }
  })

  it('missing or malformed keys stop it with a message naming the variable, never the value', () => {
    const cwd = tempDir()
    const badValue = `${'A'.repeat(40)}!!!=`
    const malformed = runCli(['migrate'], { COFFER_MASTER_KEY: badValue, COFFER_TOKEN_SECRET: badValue }, cwd)
    assert.equal(malformed.status, 1)
    assert.match(malformed.stderr, /CONFIG_INVALID: COFFER_MASTER_KEY must be 32 bytes/)
    assert.equal(malformed.stderr.includes(badValue), false)
    const shortKey = randomBytes(16).toString('base64')
    const short = runCli(['migrate'], { COFFER_MASTER_KEY: shortKey, COFFER_TOKEN_SECRET: shortKey }, cwd)
    assert.equal(short.status, 1)
    assert.equal(short.stderr.includes(shortKey), false)
    const production = runCli(['migrate'], { NODE_ENV: 'production' }, cwd)
    assert.equal(production.status, 1)
    assert.match(production.stderr, /COFFER_MASTER_KEY and COFFER_TOKEN_SECRET must be set/)
  })

  it('`org create --json`, `init`, `audit verify` exiting 1 on a tampered chain', async () => {
    const cwd = tempDir()
    const env = {
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
    }
    const init = runCli(['init'], env, cwd)
    assert.equal(init.status, 0, init.stderr)
    assert.match(init.stdout, /Created org default .* Owner token, shown once:\n {2}cf_/)
    const created = runCli(['org', 'create', 'acme', '--json'], env, cwd)
    assert.equal(created.status, 0, created.stderr)
    assert.deepEqual(Object.keys(JSON.parse(created.stdout)), ['org_id', 'token'])
    assert.equal(runCli(['audit', 'verify'], env, cwd).status, 0)

    const db = await openPGlite({ dataDir: join(cwd, '.coffer', 'pgdata') })
    try {
      await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
        UPDATE audit_log SET actor = 'forged' WHERE seq = 2 AND org_id = (SELECT id FROM orgs WHERE slug = 'acme');
        ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;`)
    } finally {
      await db.close()
    }
    const verify = runCli(['audit', 'verify'], env, cwd)
    assert.equal(verify.status, 1)
    assert.match(verify.stdout, /ok\s+default/)
    assert.match(verify.stdout, /FAIL\s+acme: entry seq 2 \(hash mismatch\)/)
    const one = runCli(['audit', 'verify', '--org', 'default'], env, cwd)
    assert.equal(one.status, 0)
  })
})
