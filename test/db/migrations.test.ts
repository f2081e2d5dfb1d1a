import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { loadMigrations, type Migration, migrate, pendingMigrations } from '../../src/db/migrate.js'
import { isCofferError } from '../../src/errors.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

function extra(version: number, sql: string): Migration {
  return { version, name: `extra_${version}`, sql, checksum: `test-${version}-${sql.length}` }
}

describe('migration files', () => {
  it('are numbered NNNN_name.sql, in sequence from 1', async () => {
    const migrations = await loadMigrations()
    assert.ok(migrations.length >= 1)
    assert.deepEqual(
      migrations.map((m) => m.version),
      migrations.map((_, i) => i + 1),
    )
    assert.match(migrations[0]!.checksum, /^[0-9a-f]{64}$/)
  })

  it('refuses a misnamed file and a gap in the sequence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coffer-migrations-'))
    try {
      writeFileSync(join(dir, '0001_first.sql'), 'SELECT 1;')
      writeFileSync(join(dir, '0003_third.sql'), 'SELECT 1;')
      await assert.rejects(loadMigrations(pathToFileURL(`${dir}/`)), (e) =>
        isCofferError(e, 'MIGRATION_FAILED'),
      )
      writeFileSync(join(dir, '0002 bad name.sql'), 'SELECT 1;')
      await assert.rejects(loadMigrations(pathToFileURL(`${dir}/`)), (e) =>
        isCofferError(e, 'MIGRATION_FAILED'),
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

for (const target of DATABASE_TARGETS) {
  describe(`migrations on ${target.name}`, () => {
    let testDb: TestDatabase
    let shipped: Migration[]

    before(async () => {
      testDb = await target.create()
      shipped = await loadMigrations()
    })
    after(async () => {
      await testDb.drop()
    })

    it('two instances starting at once: one migrates, the other waits on the lock and finds nothing to do', async () => {
      const other = target.name === 'postgres' ? await testDb.openAnother() : testDb.db
      const results = await Promise.all([migrate(testDb.db), migrate(other)])
      const applied = results.flat().sort()
      assert.deepEqual(applied, shipped.map((m) => m.version).sort(), 'each migration applied exactly once')
      assert.deepEqual(await pendingMigrations(testDb.db), [])
    })

    it('records each applied migration with its checksum', async () => {
      const { rows } = await testDb.db.query<{ version: number; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations ORDER BY version',
      )
      assert.deepEqual(
        rows.map((r) => [r.version, r.checksum]),
        shipped.map((m) => [m.version, m.checksum]),
      )
    })

    it('refuses to run when an applied migration changed since', async () => {
      const tampered = shipped.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m))
      await assert.rejects(
        migrate(testDb.db, tampered),
        (e) => isCofferError(e, 'MIGRATION_FAILED') && e.message.includes('changed after it was applied'),
      )
    })

    it('applies pending migrations in order, and a failing one rolls back the whole batch', async () => {
      const batch = [
        ...shipped,
        extra(shipped.length + 1, 'CREATE TABLE migration_probe (id int)'),
        extra(shipped.length + 2, 'INSERT INTO migration_probe VALUES (1); SELECT no_such_function()'),
      ]
      await assert.rejects(
        migrate(testDb.db, batch),
        (e) => isCofferError(e, 'MIGRATION_FAILED') && e.message.includes(`${shipped.length + 2}_extra`),
      )
      const probe = await testDb.db.query<{ present: boolean }>(
        "SELECT to_regclass('public.migration_probe') IS NOT NULL AS present",
      )
      assert.equal(probe.rows[0]!.present, false, 'the earlier migration of the batch was rolled back')
      assert.deepEqual(await pendingMigrations(testDb.db, batch), [shipped.length + 1, shipped.length + 2])
    })

    it('refuses a database that has a migration this build does not know', async () => {
      await migrate(testDb.db, [...shipped, extra(shipped.length + 1, 'SELECT 1')])
      await assert.rejects(migrate(testDb.db, shipped), (e) => isCofferError(e, 'MIGRATION_FAILED'))
    })
  })
}
