// Stops: a deployment that quietly stopped keeping its promises (plaintext or foreign bytes in an
// envelope column, a stuck rotation, a tampered audit log, RLS switched off) passing `coffer doctor`.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openCoffer } from '../../src/app.js'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config/config.js'
import { ensureKeys } from '../../src/config/dev-secrets.js'
import { renderEncryptionTable } from '../../src/doctor/encryption-inventory.js'
import { findOrgBySlug } from '../../src/tenancy/orgs.js'

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

interface Report {
  ok: boolean
  checks: { check: string; status: string; org: string | null; detail: string }[]
}

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; report: Report }> {
  const { code, lines } = await cli(env, 'doctor', '--json')
  return { code, report: JSON.parse(lines[0]!) as Report }
}

async function superuserSql(env: NodeJS.ProcessEnv, text: string): Promise<void> {
  const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
  try {
    await coffer.db.exec(text)
  } finally {
    await coffer.close()
  }
}

const TARGETS: { name: string; url: string | undefined }[] = [
  { name: 'pglite', url: undefined },
  ...(process.env.COFFER_TEST_DATABASE_URL ? [{ name: 'postgres', url: 'postgres' }] : []),
]

for (const target of TARGETS) {
  describe(`coffer doctor (${target.name})`, () => {
    let dataDir: string
    let env: NodeJS.ProcessEnv
    let drop = async (): Promise<void> => undefined
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'coffer-doctor-'))
      env = {
        COFFER_DATA_DIR: dataDir,
        COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
        COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      }
      if (target.url) {
        const { DATABASE_TARGETS } = await import('../support/databases.js')
        const created = await DATABASE_TARGETS.find((t) => t.name === 'postgres')!.create()
        env.COFFER_DATABASE_URL = created.url!
        await created.db.close()
        drop = () => created.drop().catch(() => undefined)
      }
      assert.equal((await cli(env, 'org', 'create', 'acme')).code, 0)
      const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
      try {
        const org = await findOrgBySlug(coffer.db, 'acme')
        await coffer.inTenant(org.id, (sql) =>
          coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content: 'hello doctor' }),
        )
      } finally {
        await coffer.close()
      }
    })
    after(async () => {
      await drop()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('a healthy deployment passes, exit 0, and prints the encryption table from the code', async () => {
      const { code, report } = await doctor(env)
      assert.equal(code, 0, JSON.stringify(report.checks.filter((c) => c.status === 'fail')))
      assert.ok(report.ok)
      const envelopes = report.checks.find((c) => c.check === 'envelopes' && c.org === 'acme')!
      assert.equal(envelopes.status, 'ok')
      const text = await cli(env, 'doctor', '--sample', '5')
      assert.equal(text.code, 0)
      assert.ok(text.lines.join('\n').includes(renderEncryptionTable()))
    })

    it('bytes that are not an envelope of a live key version fail the envelopes check, exit 1', async () => {
      await superuserSql(env, `UPDATE records SET content = '\\x00000000000000'::bytea`)
      const { code, report } = await doctor(env)
      assert.equal(code, 1)
      const failed = report.checks.find((c) => c.check === 'envelopes' && c.status === 'fail')!
      assert.match(failed.detail, /records\.content row .*: not a Coffer envelope/)
    })

    it('a tampered audit entry fails the audit_log check', async () => {
      // Seal what the CLI appended (the server's sequencer does this every second), then tamper.
      const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
      try {
        await coffer.auditSequencer.sequenceDue()
      } finally {
        await coffer.close()
      }
      await superuserSql(
        env,
        `ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1; ALTER TABLE audit_log ENABLE TRIGGER USER`,
      )
      const { code, report } = await doctor(env)
      assert.equal(code, 1)
      assert.ok(report.checks.some((c) => c.check === 'audit_log' && c.status === 'fail'))
    })

    it('RLS not forced on a tenant table fails tenant_isolation', async () => {
      await superuserSql(env, 'ALTER TABLE records NO FORCE ROW LEVEL SECURITY')
      const { code, report } = await doctor(env)
      assert.equal(code, 1)
      assert.ok(
        report.checks.some(
          (c) => c.check === 'tenant_isolation' && c.status === 'fail' && /records/.test(c.detail),
        ),
      )
    })
  })
}

describe('the README table of what is and is not encrypted', () => {
  it('is exactly the one the code renders', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    assert.ok(readme.includes(renderEncryptionTable()), 'README must carry renderEncryptionTable()')
  })
})
