import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, type LogCapture, problemShape } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

for (const target of DATABASE_TARGETS) {
  describe(`records API on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let logs: LogCapture
    let orgA: CreatedOrg
    let orgB: CreatedOrg

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      ;({ http, logs } = await buildTestServer(coffer))
      orgA = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('stores a record encrypted and reads it back decrypted', async () => {
      const canary = `canary-${randomUUID()}`
      recordCanary(canary)
      const stored = await call(http, orgA.ownerToken, 'POST', '/v1/records', {
        namespace: 'memories',
        type: 'memory',
        content: canary,
        metadata: { source: 'chat', note: canary },
      })
      assert.equal(stored.statusCode, 201)
      const created = stored.json()
      assert.deepEqual(Object.keys(created).sort(), [
        'allowed_agents',
        'created_at',
        'expires_at',
        'id',
        'namespace',
        'owner_agent',
        'type',
        'updated_at',
        'via_grant',
        'visibility',
      ])
      assert.equal(created.namespace, 'memories')

      const read = await call(http, orgA.ownerToken, 'GET', `/v1/records/${created.id}`)
      assert.equal(read.statusCode, 200)
      assert.equal(read.json().content, canary)
      assert.deepEqual(read.json().metadata, { source: 'chat', note: canary })

      const { rows } = await testDb.db.query<{
        content: Uint8Array
        metadata: Uint8Array
        key_version: number
      }>('SELECT content, metadata, key_version FROM records WHERE id = $1', [created.id])
      const stored_ = rows[0]!
      for (const column of [stored_.content, stored_.metadata]) {
        const bytes = Buffer.from(column)
        assert.equal(bytes[0], 0x01, 'envelope format byte')
        assert.equal(bytes.readUInt32BE(1), 1, 'key version in the header')
        assert.equal(bytes.includes(Buffer.from(canary)), false, 'no plaintext in the column')
      }
      assert.equal(logs.text().includes(canary), false, 'no content in the logs')
      assert.equal(logs.text().includes(orgA.ownerToken), false, 'no token in the logs')
    })

    it("another org's record id answers exactly like a random id", async () => {
      const { id } = (
        await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'only for A' })
      ).json()
      const asB = await call(http, orgB.ownerToken, 'GET', `/v1/records/${id}`)
      const random = await call(http, orgB.ownerToken, 'GET', `/v1/records/${randomUUID()}`)
      assert.equal(asB.statusCode, 404)
      assert.equal(asB.json().code, 'NOT_FOUND')
      assert.deepEqual(problemShape(asB), problemShape(random))
      const deleteAsB = await call(http, orgB.ownerToken, 'DELETE', `/v1/records/${id}`)
      assert.deepEqual(problemShape(deleteAsB), problemShape(random))
      assert.equal(
        (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).statusCode,
        200,
        'still there for A',
      )
    })

    it('deletes a record for good', async () => {
      const { id } = (
        await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'to delete' })
      ).json()
      const deleted = await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${id}`)
      assert.equal(deleted.statusCode, 204)
      assert.equal((await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().code, 'NOT_FOUND')
      const { rows } = await testDb.db.query('SELECT 1 FROM records WHERE id = $1', [id])
      assert.equal(rows.length, 0)
      assert.equal(
        (await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${id}`)).json().code,
        'NOT_FOUND',
      )
    })

    it('lists records newest first, without content, with a cursor', async () => {
      const org = await createOrg(coffer, { slug: 'org-list', actor: 'test' })
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        ids.push(
          (await call(http, org.ownerToken, 'POST', '/v1/records', { content: `item ${i}` })).json().id,
        )
      }
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await call(
          http,
          org.ownerToken,
          'GET',
          `/v1/records?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
        assert.equal(page.statusCode, 200)
        const body = page.json()
        for (const item of body.items) {
          assert.equal('content' in item, false)
          seen.push(item.id)
        }
        cursor = body.next_cursor
        pages++
      } while (cursor !== null && pages < 10)
      assert.equal(pages, 3)
      assert.deepEqual(seen, [...ids].reverse())
    })

    it('a ciphertext moved to another row, column or org fails with DECRYPTION_FAILED', async () => {
      const first = (
        await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'first', metadata: { a: 1 } })
      ).json()
      const second = (
        await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'second', metadata: { b: 2 } })
      ).json()
      const ofB = (await call(http, orgB.ownerToken, 'POST', '/v1/records', { content: 'of B' })).json()
      // As the table owner (a stolen-write attacker): copy envelopes where they do not belong.
      await testDb.db.query(
        'UPDATE records SET content = (SELECT content FROM records WHERE id = $1) WHERE id = $2',
        [first.id, second.id],
      )
      await testDb.db.query('UPDATE records SET content = metadata WHERE id = $1', [first.id])
      await testDb.db.query(
        'UPDATE records SET content = (SELECT content FROM records WHERE id = $1) WHERE id = $2',
        [second.id, ofB.id],
      )
      for (const [token, id] of [
        [orgA.ownerToken, second.id],
        [orgA.ownerToken, first.id],
        [orgB.ownerToken, ofB.id],
      ]) {
        const read = await call(http, token, 'GET', `/v1/records/${id}`)
        assert.equal(read.statusCode, 500)
        assert.equal(read.json().code, 'DECRYPTION_FAILED')
        assert.equal(read.headers['content-type'], 'application/problem+json; charset=utf-8')
      }
    })

    it('a tampered envelope fails with DECRYPTION_FAILED', async () => {
      const { id } = (
        await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'tamper me' })
      ).json()
      await testDb.db.query(
        // Flip every bit of one ciphertext byte (an overwrite with a fixed value is a no-op 1 time in 256).
        'UPDATE records SET content = set_byte(content, 40, get_byte(content, 40) # 255) WHERE id = $1',
        [id],
      )
      assert.equal(
        (await call(http, orgA.ownerToken, 'GET', `/v1/records/${id}`)).json().code,
        'DECRYPTION_FAILED',
      )
    })

    it('every mutation is audited in the same transaction, with the token as actor and no content', async () => {
      const { id } = (
        await call(http, orgA.ownerToken, 'POST', '/v1/records', { content: 'audited-canary' })
      ).json()
      await call(http, orgA.ownerToken, 'DELETE', `/v1/records/${id}`)
      const { rows } = await testDb.db.query<{ action: string; actor: string; resource: string }>(
        'SELECT action, actor, resource FROM audit_log WHERE org_id = $1 AND resource = $2 ORDER BY seq',
        [orgA.orgId, `record:${id}`],
      )
      assert.deepEqual(
        rows.map((r) => r.action),
        ['record.created', 'record.deleted'],
      )
      assert.equal(rows[0]!.actor, `token:${orgA.ownerTokenId}`)
      const dump = await testDb.db.query<{ t: string }>(
        'SELECT string_agg(a::text, ' + "'|'" + ') AS t FROM audit_log a',
      )
      assert.equal(dump.rows[0]!.t.includes('audited-canary'), false)
      const verified = await withTenant(coffer.db, orgA.orgId, (sql) => coffer.audit.verify(sql))
      assert.equal(verified.ok, true)
    })
  })
}
