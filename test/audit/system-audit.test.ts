// Stops: an operator-level change that commits while its system audit entry does not (or the
// reverse), an org's deletion taking the system log with it, a tenant credential reading the
// system log, and a system log that can only be read with SQL.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

interface Row {
  actor: string
  action: string
  resource: string
}

for (const target of DATABASE_TARGETS) {
  describe(`the system audit log on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let operatorToken: string

    const system = async () =>
      (await testDb.db.query<Row>('SELECT actor, action, resource FROM system_audit ORDER BY at, id')).rows
    const appendedBy = async (action: () => Promise<unknown>) => {
      const before = (await system()).length
      await action()
      return (await system()).slice(before)
    }
    /** Makes every system entry of `action` fail to insert, runs `fn`, then lifts that. */
    const refusingSystemEntry = async (action: string, fn: () => Promise<void>) => {
      await testDb.db.exec(
        `ALTER TABLE system_audit ADD CONSTRAINT refuse_for_test CHECK (action <> '${action}') NOT VALID`,
      )
      try {
        await fn()
      } finally {
        await testDb.db.exec('ALTER TABLE system_audit DROP CONSTRAINT refuse_for_test')
      }
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = (await buildTestServer(coffer)).http
      operatorToken = (await coffer.operatorTokens.create({ name: 'ops', actor: 'test' })).token
      recordSecret(operatorToken)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('org create, suspend, key destruction and delete each write one system entry', async () => {
      const created = await appendedBy(() => coffer.orgs.create({ slug: 'sys-a', actor: 'cli' }))
      const orgId = (await coffer.orgs.get({ slug: 'sys-a' })).id
      assert.deepEqual(created, [{ actor: 'cli', action: 'org.created', resource: `org:${orgId}` }])
      const suspended = await appendedBy(() =>
        coffer.orgs.update({ slug: 'sys-a' }, { suspended: true }, 'cli'),
      )
      assert.deepEqual(suspended, [{ actor: 'cli', action: 'org.suspended', resource: `org:${orgId}` }])
      const deleted = await appendedBy(() =>
        coffer.orgs.delete({ slug: 'sys-a' }, { confirm: 'sys-a', actor: 'cli' }),
      )
      assert.deepEqual(deleted, [
        { actor: 'cli', action: 'key.destroyed', resource: `org_key:${orgId}/v1` },
        { actor: 'cli', action: 'org.deleted', resource: `org:${orgId}` },
      ])
      // `coffer keys destroy` alone (no deletion) is in the system log too.
      const kept = await createOrg(coffer, { slug: 'sys-b', actor: 'cli' })
      const destroyed = await appendedBy(() => destroyOrgKeys(coffer, kept.orgId, 'cli'))
      assert.deepEqual(destroyed, [
        { actor: 'cli', action: 'key.destroyed', resource: `org_key:${kept.orgId}/v1` },
      ])
    })

    it('a change whose system entry fails is rolled back with it (same transaction)', async () => {
      await coffer.orgs.create({ slug: 'sys-c', actor: 'cli' })
      await refusingSystemEntry('org.suspended', async () => {
        await assert.rejects(coffer.orgs.update({ slug: 'sys-c' }, { suspended: true }, 'cli'))
      })
      const org = await coffer.orgs.get({ slug: 'sys-c' })
      assert.equal(org.suspendedAt, null, 'the org was suspended without its system entry')
      const orgLog = await testDb.db.query('SELECT 1 FROM audit_log WHERE org_id = $1 AND action = $2', [
        org.id,
        'org.suspended',
      ])
      assert.equal(orgLog.rows.length, 0, "the org's own entry committed without the change")

      await refusingSystemEntry('org.created', async () => {
        await assert.rejects(coffer.orgs.create({ slug: 'sys-d', actor: 'cli' }))
      })
      await assert.rejects(coffer.orgs.get({ slug: 'sys-d' }), { code: 'NOT_FOUND' })

      await refusingSystemEntry('org.limit_changed', async () => {
        await assert.rejects(coffer.orgs.update({ slug: 'sys-c' }, { rateLimitPerMinute: 5 }, 'cli'))
      })
      assert.equal((await coffer.orgs.get({ slug: 'sys-c' })).rateLimitPerMinute, null)

      const before = (await coffer.operatorTokens.list()).length
      await refusingSystemEntry('operator_token.created', async () => {
        await assert.rejects(coffer.operatorTokens.create({ name: 'ghost', actor: 'cli' }))
      })
      assert.equal((await coffer.operatorTokens.list()).length, before, 'a token exists without its entry')

      const token = await coffer.operatorTokens.create({ name: 'short', actor: 'cli' })
      await refusingSystemEntry('operator_token.revoked', async () => {
        await assert.rejects(coffer.operatorTokens.revoke(token.id, 'cli'))
      })
      const listed = (await coffer.operatorTokens.list()).find((t) => t.id === token.id)
      assert.equal(listed?.revokedAt, null, 'revoked without its entry')

      const kept = await createOrg(coffer, { slug: 'sys-e', actor: 'cli' })
      await refusingSystemEntry('key.destroyed', async () => {
        await assert.rejects(destroyOrgKeys(coffer, kept.orgId, 'cli'))
      })
      const states = await testDb.db.query<{ state: string }>(
        'SELECT state FROM org_keys WHERE org_id = $1',
        [kept.orgId],
      )
      assert.deepEqual(
        states.rows.map((row) => row.state),
        ['active'],
      )
    })

    it('the tenant role can append through the function only: no read, update or delete of the table', async () => {
      const org = await createOrg(coffer, { slug: 'sys-f', actor: 'cli' })
      for (const statement of [
        'SELECT * FROM system_audit',
        "UPDATE system_audit SET actor = 'x'",
        'DELETE FROM system_audit',
        "INSERT INTO system_audit (id, at, actor, action, resource) VALUES (gen_random_uuid(), now(), 'x', 'x', 'x')",
      ]) {
        await assert.rejects(
          testDb.db.transaction(async (tx) => {
            await tx.query(
              `SELECT set_config('role', 'coffer_app', true), set_config('app.org_id', '${org.orgId}', true)`,
            )
            await tx.query(statement)
          }),
          /permission denied/,
          statement,
        )
      }
    })

    it('GET /v1/system/audit lists it newest first, filtered and paged, to operator tokens only', async () => {
      const org = await createOrg(coffer, { slug: 'sys-g', actor: 'cli' })
      const all = await call(http, operatorToken, 'GET', '/v1/system/audit?limit=500')
      assert.equal(all.statusCode, 200, all.body)
      const items = all.json().items as (Row & { id: string; at: string })[]
      assert.deepEqual(items[0], { ...items[0], action: 'org.created', resource: `org:${org.orgId}` })
      assert.deepEqual(
        items.map((item) => item.id),
        [...items.map((item) => item.id)].sort().reverse(),
      )
      const filtered = await call(
        http,
        operatorToken,
        'GET',
        '/v1/system/audit?action=operator_token.created',
      )
      assert.ok(filtered.json().items.length >= 1)
      assert.ok(filtered.json().items.every((item: Row) => item.action === 'operator_token.created'))
      const first = await call(http, operatorToken, 'GET', '/v1/system/audit?limit=2')
      assert.equal(first.json().items.length, 2)
      const second = await call(
        http,
        operatorToken,
        'GET',
        `/v1/system/audit?limit=2&cursor=${first.json().next_cursor}`,
      )
      assert.deepEqual(
        [...first.json().items, ...second.json().items].map((item: { id: string }) => item.id),
        items.slice(0, 4).map((item) => item.id),
      )
      assert.equal(
        (await call(http, operatorToken, 'GET', '/v1/system/audit?limit=0')).json().code,
        'VALIDATION_FAILED',
      )
      assert.equal(
        (await call(http, operatorToken, 'GET', '/v1/system/audit?cursor=x')).json().code,
        'VALIDATION_FAILED',
      )
      assert.equal(
        (await call(http, operatorToken, 'GET', '/v1/system/audit?bogus=1')).json().code,
        'VALIDATION_FAILED',
      )
      // A tenant owner token, however broad, is no operator.
      const tenant = await call(http, org.ownerToken, 'GET', '/v1/system/audit')
      assert.equal(tenant.statusCode, 401, tenant.body)
      assert.equal((await call(http, undefined, 'GET', '/v1/system/audit')).statusCode, 401)
    })

    it('survives the deletion of the org it names', async () => {
      await coffer.orgs.create({ slug: 'sys-h', actor: 'cli' })
      const id = (await coffer.orgs.get({ slug: 'sys-h' })).id
      await coffer.orgs.delete({ slug: 'sys-h' }, { confirm: 'sys-h', actor: 'cli' })
      const listed = await coffer.systemAudit.list({ limit: 500, resource: `org:${id}` })
      assert.deepEqual(
        listed.map((entry) => entry.action),
        ['org.deleted', 'org.created'],
      )
    })
  })
}
