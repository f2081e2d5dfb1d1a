import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { main } from '../../src/cli/main.js'
import { isCofferError } from '../../src/errors.js'

/** Runs a CLI command in-process (not a terminal: plain progress lines). */
async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

interface StatusJson {
  provider: string
  root_key_id: string
  orgs: {
    org: string
    versions: { version: number; state: string; envelopes: number; root_key_id: string }[]
  }[]
}

describe('`coffer keys` and `coffer org delete` on the embedded database', () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv
  let slug: string

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-keys-cli-'))
    env = {
      COFFER_DATA_DIR: dataDir,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      COFFER_ROTATION_BATCH_SIZE: '2',
    }
    slug = 'acme'
    assert.equal((await cli(env, 'org', 'create', slug)).code, 0)
    assert.equal((await cli(env, 'org', 'create', 'other')).code, 0)
  })
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  async function status(extraEnv: NodeJS.ProcessEnv = {}): Promise<StatusJson> {
    const { code, lines } = await cli({ ...env, ...extraEnv }, 'keys', 'status', '--json')
    assert.equal(code, 0)
    return JSON.parse(lines[0]!) as StatusJson
  }

  it('status --json: provider, root key id, per org versions with state and envelope counts', async () => {
    const report = await status()
    assert.equal(report.provider, 'local')
    assert.match(report.root_key_id, /^[0-9a-f]{16}$/)
    const acme = report.orgs.find((o) => o.org === slug)!
    assert.deepEqual(
      acme.versions.map((v) => [v.version, v.state, v.envelopes]),
      [[1, 'active', 0]],
    )
    const text = await cli(env, 'keys', 'status')
    assert.match(text.lines.join('\n'), /acme\n {2}v1 {2}active/)
  })

  it('rotate --org: a new version for writes, older envelopes re-encrypted with progress lines, old version retired', async () => {
    // Records through the library so that there is something to re-encrypt.
    const { openCoffer } = await import('../../src/app.js')
    const { loadConfig } = await import('../../src/config/config.js')
    const { ensureKeys } = await import('../../src/config/dev-secrets.js')
    const { findOrgBySlug } = await import('../../src/tenancy/orgs.js')
    const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
    try {
      const org = await findOrgBySlug(coffer.db, slug)
      await coffer.inTenant(org.id, async (sql) => {
        for (let i = 0; i < 7; i++) {
          await coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: `r${i}` })
        }
      })
    } finally {
      await coffer.close()
    }
    const { code, lines } = await cli(env, 'keys', 'rotate', '--org', slug)
    assert.equal(code, 0)
    assert.equal(lines[0], 'acme: writes now use key v2')
    assert.ok(
      lines.some((line) => /^acme: re-encrypting: \d+\/7 \(\d+%\)$/.test(line)),
      lines.join('\n'),
    )
    assert.equal(lines.at(-1), 'acme: rotation to v2 complete, 7 envelopes re-encrypted; retired v1')
    const acme = (await status()).orgs.find((o) => o.org === slug)!
    assert.deepEqual(
      acme.versions.map((v) => [v.version, v.state, v.envelopes]),
      [
        [1, 'retired', 0],
        [2, 'active', 7],
      ],
    )
    await assert.rejects(cli(env, 'keys', 'rotate'), (e) => isCofferError(e, 'VALIDATION_FAILED'))
  })

  it('rewrap: every org key under the new root, the old one given as previous', async () => {
    const newKey = randomBytes(32).toString('base64')
    const rotatedEnv = { COFFER_MASTER_KEY: newKey, COFFER_MASTER_KEY_PREVIOUS: env.COFFER_MASTER_KEY! }
    const { code, lines } = await cli({ ...env, ...rotatedEnv }, 'keys', 'rewrap')
    assert.equal(code, 0)
    assert.match(lines.at(-1)!, /^rewrapped 3 org key versions of 2 orgs under root [0-9a-f]{16}$/)
    const report = await status({ COFFER_MASTER_KEY: newKey })
    for (const org of report.orgs)
      for (const v of org.versions) assert.equal(v.root_key_id, report.root_key_id)
    env.COFFER_MASTER_KEY = newKey
  })

  it('destroy needs --confirm with the slug, then shreds', async () => {
    await assert.rejects(cli(env, 'keys', 'destroy', '--org', slug), (e) =>
      isCofferError(e, 'VALIDATION_FAILED'),
    )
    await assert.rejects(cli(env, 'keys', 'destroy', '--org', slug, '--confirm', 'other'), (e) =>
      isCofferError(e, 'VALIDATION_FAILED'),
    )
    const { code, lines } = await cli(env, 'keys', 'destroy', '--org', slug, '--confirm', slug)
    assert.equal(code, 0)
    assert.match(lines[0]!, /^acme: destroyed key versions v1, v2;/)
    const acme = (await status()).orgs.find((o) => o.org === slug)!
    assert.deepEqual(
      acme.versions.map((v) => v.state),
      ['destroyed', 'destroyed'],
    )
  })

  it('org delete needs --confirm, then removes the org from key operations', async () => {
    await assert.rejects(cli(env, 'org', 'delete', 'other'), (e) => isCofferError(e, 'VALIDATION_FAILED'))
    const { code, lines } = await cli(env, 'org', 'delete', 'other', '--confirm', 'other')
    assert.equal(code, 0)
    assert.match(lines[0]!, /^other: keys destroyed \(v1\), \d+ rows deleted$/)
    const rewrap = await cli(env, 'keys', 'rewrap')
    assert.match(rewrap.lines.at(-1)!, /of 1 orgs/, 'deleted orgs are skipped')
  })
})
