import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { isCofferError } from '../../src/errors.js'
import { createLocalRootProvider } from '../../src/keys/local-root-provider.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { createOrg, listOrgs } from '../../src/tenancy/orgs.js'
import { testConfig, wireTestCoffer } from '../support/coffer.js'
import { countingProvider } from '../support/counting-provider.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

async function recordsFingerprint(testDb: TestDatabase): Promise<string> {
  const { rows } = await testDb.db.query<{
    id: string
    content: Uint8Array
    metadata: Uint8Array | null
    key_version: number
  }>('SELECT id, content, metadata, key_version FROM records ORDER BY id')
  const hash = createHash('sha256')
  for (const row of rows)
    hash
      .update(row.id)
      .update(row.content)
      .update(row.metadata ?? '')
      .update(String(row.key_version))
  return hash.digest('hex')
}

for (const target of DATABASE_TARGETS) {
  describe(`root key rotation (rewrap) on ${target.name}`, () => {
    let testDb: TestDatabase
    let oldRoot: KeyedConfig
    let coffer: Coffer
    const contents = new Map<string, { orgId: OrgId; content: string }>()

    before(async () => {
      testDb = await target.create()
      oldRoot = testConfig()
      coffer = await wireTestCoffer(testDb.db, { config: oldRoot })
      for (const slug of ['one', 'two', 'rotated', 'shredded']) {
        const { orgId } = await createOrg(coffer, { slug, actor: 'test' })
        for (let i = 0; i < 3; i++) {
          const content = `${slug} record ${i}`
          const { id } = await withTenant(testDb.db, orgId, (sql) =>
            coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content }),
          )
          if (slug !== 'shredded') contents.set(id, { orgId, content })
        }
        if (slug === 'rotated') {
          await coffer.rotation.start(orgId, 'test')
          await coffer.rotation.run(orgId)
        }
        if (slug === 'shredded') await destroyOrgKeys(coffer, orgId, 'test')
      }
    })
    after(async () => {
      await testDb.drop()
    })

    it('rewraps every live org key version under the new root, touching no record', async () => {
      const newMasterKey = randomBytes(32)
      const previous = [oldRoot.masterKey!]
      const provider = countingProvider(
        createLocalRootProvider({ masterKey: newMasterKey, previousMasterKeys: previous }),
      )
      const rotated = await wireTestCoffer(testDb.db, {
        config: {
          ...oldRoot,
          masterKey: newMasterKey,
          keyProvider: { name: 'local', previousMasterKeys: previous },
        },
        provider,
      })
      const before = await recordsFingerprint(testDb)
      let rewrapped = 0
      for (const org of await listOrgs(testDb.db)) {
        rewrapped += await withTenant(testDb.db, org.id, (sql) => rotated.keyring.rewrap(sql))
      }
      // one + two: v1; rotated: v1 (retired) and v2; shredded: nothing left to rewrap.
      assert.equal(rewrapped, 4)
      assert.equal(provider.calls.wrap, 4, 'cost grows with org key versions, not records')
      assert.equal(await recordsFingerprint(testDb), before, 'no record was touched')
      const { rows } = await testDb.db.query<{ root_key_id: string; state: string }>(
        'SELECT root_key_id, state FROM org_keys',
      )
      for (const row of rows.filter((r) => r.state !== 'destroyed'))
        assert.equal(row.root_key_id, provider.rootKeyId)

      let again = 0
      for (const org of await listOrgs(testDb.db)) {
        again += await withTenant(testDb.db, org.id, (sql) => rotated.keyring.rewrap(sql))
      }
      assert.equal(again, 0, 'a second rewrap finds nothing to do')

      // Only the new root now: every record still reads; the old root alone opens nothing.
      const newOnly = await wireTestCoffer(testDb.db, {
        config: {
          ...oldRoot,
          masterKey: newMasterKey,
          keyProvider: { name: 'local', previousMasterKeys: [] },
        },
      })
      const oldOnly = await wireTestCoffer(testDb.db, { config: oldRoot })
      for (const [id, { orgId, content }] of contents) {
        assert.equal(
          (await withTenant(testDb.db, orgId, (sql) => newOnly.records.get(sql, id))).content,
          content,
        )
        await assert.rejects(
          withTenant(testDb.db, orgId, (sql) => oldOnly.records.get(sql, id)),
          (error) => isCofferError(error, 'DECRYPTION_FAILED'),
        )
      }
    })
  })
}
