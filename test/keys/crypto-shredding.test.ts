import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { openEnvelope } from '../../src/crypto/envelope.js'
import { dumpTables } from '../../src/db/dump.js'
import { isCofferError } from '../../src/errors.js'
import { createLocalRootProvider } from '../../src/keys/local-root-provider.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { type CreatedOrg, createOrg, deleteOrg } from '../../src/tenancy/orgs.js'
import { testConfig, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

for (const target of DATABASE_TARGETS) {
  describe(`crypto-shredding on ${target.name}`, () => {
    let testDb: TestDatabase
    let config: KeyedConfig
    let coffer: Coffer
    let http: FastifyInstance

    before(async () => {
      testDb = await target.create()
      config = testConfig()
      coffer = await wireTestCoffer(testDb.db, { config })
      ;({ http } = await buildTestServer(coffer))
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    async function orgWithRecord(slug: string, content: string): Promise<{ org: CreatedOrg; id: string }> {
      const org = await createOrg(coffer, { slug, actor: 'test' })
      const response = await call(http, org.ownerToken, 'POST', '/v1/records', {
        content,
        metadata: { c: content },
      })
      return { org, id: response.json().id }
    }

    it('after destroy, every read and write of the org answers 410 KEY_DESTROYED, on every instance', async () => {
      const { org, id } = await orgWithRecord('shredded', 'soon unreadable')
      // A second instance with the key warm in its cache, as another server would have it.
      const other = await wireTestCoffer(testDb.db, { config })
      const { http: otherHttp } = await buildTestServer(other)
      try {
        assert.equal((await call(otherHttp, org.ownerToken, 'GET', `/v1/records/${id}`)).statusCode, 200)
        assert.deepEqual(await destroyOrgKeys(coffer, org.orgId, 'test'), [1])
        for (const server of [http, otherHttp]) {
          const read = await call(server, org.ownerToken, 'GET', `/v1/records/${id}`)
          assert.equal(read.statusCode, 410)
          assert.equal(read.json().code, 'KEY_DESTROYED')
          const write = await call(server, org.ownerToken, 'POST', '/v1/records', { content: 'x' })
          assert.equal(write.json().code, 'KEY_DESTROYED')
        }
      } finally {
        await otherHttp.close()
      }
      const { rows } = await testDb.db.query<{
        wrapped_key: null
        state: string
        destroyed_by: string
        destroyed_at: Date
      }>('SELECT wrapped_key, state, destroyed_by, destroyed_at FROM org_keys WHERE org_id = $1', [org.orgId])
      assert.equal(rows.length, 1, 'the key row stays as a tombstone')
      assert.equal(rows[0]!.wrapped_key, null)
      assert.equal(rows[0]!.state, 'destroyed')
      assert.equal(rows[0]!.destroyed_by, 'test')
      assert.ok(rows[0]!.destroyed_at instanceof Date)
      const audit = await testDb.db.query(
        "SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'key.destroyed'",
        [org.orgId],
      )
      assert.equal(audit.rows.length, 1)
      assert.deepEqual(
        await destroyOrgKeys(coffer, org.orgId, 'test'),
        [],
        'destroying twice destroys nothing more',
      )
    })

    it('other orgs are untouched by one org being shredded', async () => {
      const { org, id } = await orgWithRecord('bystander', 'still readable')
      const read = await call(http, org.ownerToken, 'GET', `/v1/records/${id}`)
      assert.equal(read.json().content, 'still readable')
    })

    it('a dump of the database plus the old master key cannot recover the shredded content', async () => {
      const canary = `shred-canary-${randomUUID()}`
      const { org, id } = await orgWithRecord('stolen', canary)
      // A rotated org has several versions: all of them must go.
      await coffer.rotation.start(org.orgId, 'test')
      await coffer.rotation.run(org.orgId)
      await destroyOrgKeys(coffer, org.orgId, 'test')

      // The attacker: every row of every table, and the master key that wrapped the org keys.
      const blobs: Buffer[] = []
      let dumpText = ''
      for await (const { row } of dumpTables(testDb.db)) {
        dumpText += JSON.stringify(row)
        for (const value of Object.values(row)) {
          if (typeof value === 'string' && value.startsWith('\\x'))
            blobs.push(Buffer.from(value.slice(2), 'hex'))
        }
      }
      assert.equal(dumpText.includes(canary), false)
      const attacker = createLocalRootProvider({ masterKey: config.masterKey! })
      const { rows } = await testDb.db.query<{ content: Uint8Array }>(
        'SELECT content FROM records WHERE id = $1',
        [id],
      )
      const envelope = rows[0]!.content
      const context = `org:${org.orgId}/records.content/${id}`
      let candidateKeys = 0
      for (const blob of blobs) {
        for (const version of [1, 2, 3]) {
          // Try every blob as a wrap of this org's key, and as any org's key (unwrap under its own context).
          for (const orgId of [org.orgId, ...(await ownersOf(testDb, blob))]) {
            let key: Buffer
            try {
              key = await attacker.unwrapOrgKey(blob, { orgId, version })
            } catch (error) {
              assert.ok(isCofferError(error, 'DECRYPTION_FAILED'))
              continue
            }
            candidateKeys++
            assert.throws(
              () => openEnvelope({ key, envelope, context }),
              (e) => isCofferError(e, 'DECRYPTION_FAILED'),
            )
          }
        }
      }
      assert.ok(
        candidateKeys > 0,
        "the attacker did recover other orgs' keys, and none of them opens the content",
      )
    })

    it('`org delete` destroys the keys first, then deletes the rows; its tokens stop working', async () => {
      const { org } = await orgWithRecord('leaving', 'gone')
      const deleted = await deleteOrg(coffer, 'leaving', 'test')
      assert.deepEqual(deleted.destroyedVersions, [1])
      for (const table of ['records', 'namespaces', 'api_tokens', 'memberships']) {
        const { rows } = await testDb.db.query(`SELECT 1 FROM ${table} WHERE org_id = $1`, [org.orgId])
        assert.equal(rows.length, 0, `${table} has no rows of the deleted org`)
      }
      const keys = await testDb.db.query<{ state: string }>('SELECT state FROM org_keys WHERE org_id = $1', [
        org.orgId,
      ])
      assert.deepEqual(
        keys.rows.map((r) => r.state),
        ['destroyed'],
      )
      const response = await call(http, org.ownerToken, 'GET', '/v1/records')
      assert.equal(response.json().code, 'TOKEN_INVALID')
    })
  })
}

/** Org ids whose org_keys row holds this blob (so the attacker can try each one's own context). */
async function ownersOf(
  testDb: TestDatabase,
  blob: Buffer,
): Promise<import('../../src/db/org-id.js').OrgId[]> {
  const { rows } = await testDb.db.query<{ org_id: string }>(
    'SELECT org_id FROM org_keys WHERE wrapped_key = $1',
    [blob],
  )
  return rows.map((r) => r.org_id as import('../../src/db/org-id.js').OrgId)
}
