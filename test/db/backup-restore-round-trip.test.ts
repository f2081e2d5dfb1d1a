// Stops: a backup procedure that looks fine and restores nothing usable. Checks the README's
// "Backups and restore" once, on PostgreSQL: pg_dump as the owner role fails under FORCE'd RLS
// (it never silently skips rows); a BYPASSRLS backup role dumps everything; the dump restores into
// a new database and Coffer, started on it with the same keys, reads a record back, while a
// crypto-shredded org stays unreadable.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { openPostgres } from '../../src/db/pg-driver.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { testConfig, wireTestCoffer } from '../support/coffer.js'
import { buildTestServer, call } from '../support/http.js'
import {
  createOwnerRoleDatabase,
  type OwnerRoleDatabase,
  SUPERUSER_URL,
  superuserQuery,
} from '../support/owner-role-database.js'

const HAS_PG_DUMP = spawnSync('pg_dump', ['--version']).status === 0

function withUser(url: string, user: string): string {
  const parsed = new URL(url)
  parsed.username = user
  parsed.password = ''
  return parsed.toString()
}

describe('backup with pg_dump and restore, on PostgreSQL', { skip: !SUPERUSER_URL || !HAS_PG_DUMP }, () => {
  let source: OwnerRoleDatabase
  let restored: OwnerRoleDatabase
  let config: KeyedConfig
  let live: CreatedOrg
  let shredded: CreatedOrg
  const ids: Record<string, string> = {}
  const backupRole = `coffer_backup_${Date.now()}_${randomBytes(4).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), 'coffer-backup-'))
  const dumpFile = join(dir, 'coffer.dump')

  before(async () => {
    source = await createOwnerRoleDatabase()
    config = testConfig()
    const db = await openPostgres({ connectionString: source.url, maxConnections: 2 })
    const coffer = await wireTestCoffer(db, { config })
    const { http } = await buildTestServer(coffer)
    try {
      live = await createOrg(coffer, { slug: 'live', actor: 'test' })
      shredded = await createOrg(coffer, { slug: 'shredded', actor: 'test' })
      for (const org of [live, shredded]) {
        const stored = await call(http, org.ownerToken, 'POST', '/v1/records', {
          content: `kept by ${org.slug}`,
        })
        assert.equal(stored.statusCode, 201)
        ids[org.slug] = stored.json().id
      }
      await destroyOrgKeys(coffer, shredded.orgId, 'test')
    } finally {
      await http.close()
      await db.close()
    }
  })
  after(async () => {
    await restored?.drop()
    await source?.drop()
    await superuserQuery(`DROP ROLE IF EXISTS ${backupRole}`)
    rmSync(dir, { recursive: true, force: true })
  })

  it('pg_dump as the owner role refuses (FORCE RLS) rather than dump a part', () => {
    const run = spawnSync('pg_dump', ['--format=custom', `--file=${join(dir, 'partial.dump')}`, source.url], {
      encoding: 'utf8',
    })
    assert.notEqual(run.status, 0)
    assert.match(run.stderr, /row-level security/)
  })

  it('a BYPASSRLS backup role dumps it; restored into a new database, Coffer reads the record back', async () => {
    await superuserQuery(`CREATE ROLE ${backupRole} LOGIN BYPASSRLS NOSUPERUSER`)
    await source.asSuperuser(`GRANT USAGE ON SCHEMA public TO ${backupRole}`)
    await source.asSuperuser(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${backupRole}`)
    await source.asSuperuser(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${backupRole}`)
    const dump = spawnSync(
      'pg_dump',
      ['--format=custom', `--file=${dumpFile}`, withUser(source.url, backupRole)],
      {
        encoding: 'utf8',
      },
    )
    assert.equal(dump.status, 0, dump.stderr)

    // Restore: a new database with the same owner (coffer_app and coffer_admin exist in the cluster).
    restored = await createOwnerRoleDatabase({ role: source.role })
    const restore = spawnSync(
      'pg_restore',
      ['--exit-on-error', `--role=${source.role}`, `--dbname=${restored.url}`, dumpFile],
      { encoding: 'utf8' },
    )
    assert.equal(restore.status, 0, restore.stderr)

    const db = await openPostgres({ connectionString: restored.url, maxConnections: 2 })
    const coffer = await wireTestCoffer(db, { config })
    const { http } = await buildTestServer(coffer)
    try {
      const read = await call(http, live.ownerToken, 'GET', `/v1/records/${ids.live}`)
      assert.equal(read.statusCode, 200, read.body)
      assert.equal(read.json().content, 'kept by live')
      const gone = await call(http, shredded.ownerToken, 'GET', `/v1/records/${ids.shredded}`)
      assert.equal(gone.statusCode, 410)
      assert.equal(gone.json().code, 'KEY_DESTROYED')
    } finally {
      await http.close()
      await db.close()
    }

    // The same restore without the master key it was made under reads nothing.
    const other = await openPostgres({ connectionString: restored.url, maxConnections: 2 })
    const stranger = await wireTestCoffer(other, { config: { ...config, masterKey: randomBytes(32) } })
    const { http: strangerHttp } = await buildTestServer(stranger)
    try {
      const read = await call(strangerHttp, live.ownerToken, 'GET', `/v1/records/${ids.live}`)
      assert.equal(read.statusCode, 500)
      assert.equal(read.json().code, 'DECRYPTION_FAILED')
    } finally {
      await strangerHttp.close()
      await other.close()
    }
  })
})
