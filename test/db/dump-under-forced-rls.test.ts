// Stops: `coffer dump` run as the non-superuser owner role the README recommends printing only
// the tables FORCE'd row-level security does not hide (5 of 19) and exiting 0, as if that were
// the whole database. It must print every row of every table, or fail naming what it missed.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { main } from '../../src/cli/main.js'
import { isCofferError } from '../../src/errors.js'
import { recordCanary } from '../support/leak-canary.js'
import {
  createOwnerRoleDatabase,
  type OwnerRoleDatabase,
  SUPERUSER_URL,
} from '../support/owner-role-database.js'

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
  return { code, lines }
}

describe('coffer dump as the non-superuser owner role, on PostgreSQL', { skip: !SUPERUSER_URL }, () => {
  let owned: OwnerRoleDatabase
  let env: NodeJS.ProcessEnv
  let dir: string

  before(async () => {
    owned = await createOwnerRoleDatabase()
    dir = mkdtempSync(join(tmpdir(), 'coffer-dump-rls-'))
    env = {
      COFFER_DATABASE_URL: owned.url,
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      COFFER_NEW_USER_PASSWORD: 'dump-test-password-1',
    }
    recordCanary(env.COFFER_NEW_USER_PASSWORD!)
    assert.equal((await cli(env, 'init')).code, 0)
    assert.equal((await cli(env, 'org', 'create', 'second')).code, 0)
    assert.equal((await cli(env, 'user', 'create', 'ada@example.test', '--org', 'second')).code, 0)
    const lines = [
      { kind: 'record', namespace: 'notes', content: 'dump canary one', entities: ['alice'] },
      { kind: 'record', namespace: 'notes', content: 'dump canary two', metadata: { k: 1 } },
      { kind: 'secret', secret_kind: 'openai_key', value: 'sk-dump-canary-secret' },
    ]
    recordCanary('sk-dump-canary-secret')
    for (const org of ['default', 'second']) {
      const file = join(dir, `${org}.ndjson`)
      writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)
      assert.equal((await cli(env, 'import', '--org', org, '--file', file)).code, 0)
    }
  })
  after(async () => {
    await owned.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Rows per table as the superuser sees them: the truth. */
  async function trueCounts(): Promise<Record<string, number>> {
    const { rows } = await owned.asSuperuser(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    )
    const counts: Record<string, number> = {}
    for (const { name } of rows as { name: string }[]) {
      const counted = await owned.asSuperuser(`SELECT count(*)::int AS n FROM "${name}"`)
      counts[name] = (counted.rows[0] as { n: number }).n
    }
    return counts
  }

  it('prints every row of every table, the same count per table as the superuser sees', async () => {
    const truth = await trueCounts()
    const populated = Object.entries(truth).filter(([, n]) => n > 0)
    assert.ok(populated.length >= 12, `only ${populated.map(([t]) => t).join(', ')} have rows`)
    for (const table of ['records', 'record_entities', 'org_secrets', 'org_keys', 'audit_log', 'memberships'])
      assert.ok((truth[table] ?? 0) > 0, `${table} has rows`)

    const { code, lines } = await cli(env, 'dump')
    assert.equal(code, 0)
    const dumped: Record<string, number> = Object.fromEntries(Object.keys(truth).map((t) => [t, 0]))
    for (const line of lines) {
      const { table } = JSON.parse(line) as { table: string }
      dumped[table] = (dumped[table] ?? 0) + 1
    }
    assert.deepEqual(dumped, truth)
  })

  it('a table it cannot read ends the dump non-zero, naming the table', async () => {
    await owned.asSuperuser('REVOKE SELECT ON record_terms FROM coffer_app')
    try {
      await assert.rejects(
        cli(env, 'dump'),
        (error: unknown) =>
          isCofferError(error, 'INTERNAL') &&
          /could not read 1 of \d+ tables.*record_terms/.test(error.message),
      )
    } finally {
      await owned.asSuperuser('GRANT SELECT ON record_terms TO coffer_app')
    }
  })
})
