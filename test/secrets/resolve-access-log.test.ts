// Stops: a plaintext leaving the vault without a record of who took it and why — in particular
// when the access-log write fails, which must take the plaintext down with it.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { openSecretsFixture, putSecret, resolveSecret, type SecretsFixture } from './secrets-fixture.js'

interface AccessRow {
  secret_id: string
  kind: string
  actor: string
  purpose: string
  created_at: Date
}

for (const target of DATABASE_TARGETS) {
  describe(`resolving a secret is access-logged, or does not happen, on ${target.name}`, () => {
    let f: SecretsFixture
    const value = `sk-ant-canary${randomBytes(24).toString('hex')}`
    recordCanary(value)

    const accessRows = async () =>
      (
        await f.testDb.db.query<AccessRow>(
          'SELECT secret_id, kind, actor, purpose, created_at FROM secret_access_log WHERE org_id = $1 ORDER BY id',
          [f.orgA.orgId],
        )
      ).rows

    before(async () => {
      f = await openSecretsFixture(target)
      assert.equal((await putSecret(f.http, f.writer, 'anthropic_key', { value })).statusCode, 200)
    })
    after(() => f.close())

    it('returns the plaintext with cache-control: no-store, and logs who, which, why and when', async () => {
      const resolved = await resolveSecret(f.http, f.resolver, 'anthropic_key', 'nightly summary job')
      assert.equal(resolved.statusCode, 200)
      assert.deepEqual(resolved.json(), { kind: 'anthropic_key', value })
      assert.equal(resolved.headers['cache-control'], 'no-store')

      const rows = await accessRows()
      assert.equal(rows.length, 1)
      const { rows: secret } = await f.testDb.db.query<{ id: string; last_used_at: Date }>(
        "SELECT id, last_used_at FROM org_secrets WHERE kind = 'anthropic_key'",
      )
      assert.equal(rows[0]!.secret_id, secret[0]!.id)
      assert.equal(rows[0]!.kind, 'anthropic_key')
      assert.equal(rows[0]!.purpose, 'nightly summary job')
      assert.match(rows[0]!.actor, /^token:[0-9a-f-]{36}$/)
      assert.notEqual(rows[0]!.actor, `token:${f.orgA.ownerTokenId}`, 'the resolving token, not the owner')
      assert.ok(secret[0]!.last_used_at instanceof Date, 'last_used_at is stamped')

      const listed = (await call(f.http, f.writer, 'GET', '/v1/secrets')).json().items[0]
      assert.equal(listed.last_used_at, secret[0]!.last_used_at.toISOString())
      const audit = await f.testDb.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE org_id = $1 AND resource = 'secret:anthropic_key' ORDER BY seq",
        [f.orgA.orgId],
      )
      assert.deepEqual(
        audit.rows.map((r) => r.action),
        ['secret.updated', 'secret.resolved'],
      )
    })

    it('admin carries secrets:resolve; a token without it gets 403 INSUFFICIENT_SCOPE and no log row', async () => {
      const before_ = (await accessRows()).length
      const asOwner = await resolveSecret(f.http, f.orgA.ownerToken, 'anthropic_key', 'operator check')
      assert.equal(asOwner.json().value, value)
      const refused = await resolveSecret(f.http, f.writer, 'anthropic_key', 'no scope')
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().code, 'INSUFFICIENT_SCOPE')
      assert.equal(refused.body.includes(value), false)
      assert.equal((await accessRows()).length, before_ + 1, 'only the owner read is logged')
    })

    it('a purpose is required: 1-200 characters, no control characters', async () => {
      const before_ = (await accessRows()).length
      for (const body of [
        {},
        { purpose: '' },
        { purpose: 'p'.repeat(201) },
        { purpose: 'a\nb' },
        { purpose: 7 },
      ]) {
        const response = await call(f.http, f.resolver, 'POST', '/v1/secrets/anthropic_key/resolve', body)
        assert.equal(response.statusCode, 400, JSON.stringify(body).slice(0, 40))
        assert.equal(response.json().code, 'VALIDATION_FAILED')
        assert.match(response.json().detail, /^purpose: /)
        assert.equal(response.body.includes(value), false)
      }
      const longest = await resolveSecret(f.http, f.resolver, 'anthropic_key', 'p'.repeat(200))
      assert.equal(longest.statusCode, 200)
      assert.equal((await accessRows()).length, before_ + 1)
    })

    it('when the access-log write fails, no plaintext is returned and nothing of the read is kept', async () => {
      // A real failure inside the database, not a mock: a trigger refuses every log row.
      await f.testDb.db.exec(`
        CREATE FUNCTION test_refuse_access_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'access log unavailable (test)'; END $$;
        CREATE TRIGGER test_refuse_access_log BEFORE INSERT ON secret_access_log
          FOR EACH ROW EXECUTE FUNCTION test_refuse_access_log();`)
      try {
        const rowsBefore = await accessRows()
        const usedBefore = await f.testDb.db.query<{ last_used_at: Date }>(
          "SELECT last_used_at FROM org_secrets WHERE kind = 'anthropic_key'",
        )
        const auditBefore = await f.testDb.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1',
          [f.orgA.orgId],
        )
        const response = await resolveSecret(f.http, f.resolver, 'anthropic_key', 'while the log is down')
        assert.equal(response.statusCode, 500)
        assert.equal(response.json().code, 'INTERNAL')
        assert.equal(response.body.includes(value), false, 'no plaintext in the answer')
        assert.deepEqual(await accessRows(), rowsBefore, 'no log row')
        const usedAfter = await f.testDb.db.query<{ last_used_at: Date }>(
          "SELECT last_used_at FROM org_secrets WHERE kind = 'anthropic_key'",
        )
        assert.deepEqual(usedAfter.rows, usedBefore.rows, 'last_used_at rolled back')
        const auditAfter = await f.testDb.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1',
          [f.orgA.orgId],
        )
        assert.deepEqual(auditAfter.rows, auditBefore.rows, 'no audit entry')
        // Verification reads the plaintext too: it is refused the same way.
        const verify = await call(f.http, f.writer, 'POST', '/v1/secrets/anthropic_key/verify')
        assert.equal(verify.statusCode, 500)
        const { rows } = await f.testDb.db.query<{ verify_status: string }>(
          "SELECT verify_status FROM org_secrets WHERE kind = 'anthropic_key'",
        )
        assert.equal(rows[0]!.verify_status, 'unverified')
      } finally {
        await f.testDb.db.exec(`
          DROP TRIGGER test_refuse_access_log ON secret_access_log;
          DROP FUNCTION test_refuse_access_log();`)
      }
      assert.equal((await resolveSecret(f.http, f.resolver, 'anthropic_key', 'log is back')).statusCode, 200)
    })

    it('the access log is append-only for the app role', async () => {
      const changed = await f.testDb.db
        .transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE coffer_app')
          await tx.query("SELECT set_config('app.org_id', $1, true)", [f.orgA.orgId])
          await tx.query('DELETE FROM secret_access_log')
          return 'deleted'
        })
        .catch((error: { code?: string }) => error.code)
      assert.equal(changed, '42501', 'permission denied')
    })

    it('the plaintext never reached a log line', () => {
      assert.equal(f.logs.text().includes(value), false)
      assert.ok(f.logs.text().includes('request failed'), 'the failed resolve was logged, without the value')
    })
  })
}
