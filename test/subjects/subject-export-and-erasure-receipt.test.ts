// Stops: a DSAR export that misses a record naming the person, shows another person's or another
// org's records, reaches past the caller's namespace or decrypts for a non-admin; and an erasure
// receipt that can be altered (ids, counts, org, time, selector, key) and still verify, or that
// does not name exactly what was deleted.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { verifyErasureReceipt } from '../../src/client/index.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { INDEX_ENTRIES } from '../support/index-entries.js'

const ALICE = 'alice@example.com'
const subjectUrl = (entity: string, query = '') =>
  `/v1/subjects/${encodeURIComponent(entity)}/export${query ? `?${query}` : ''}`

for (const target of DATABASE_TARGETS) {
  describe(`subject export and erasure receipts on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    let other: CreatedOrg
    const clock = new TestClock(Date.now())
    const aliceIds: string[] = []
    let bobId: string
    let checkpointKey: string

    const store = async (o: CreatedOrg, body: Record<string, unknown>) => {
      const response = await call(http, o.ownerToken, 'POST', '/v1/records', { type: 'note', ...body })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'dsar', actor: 'test' })
      other = await createOrg(coffer, { slug: 'dsar-other', actor: 'test' })
      aliceIds.push(await store(org, { namespace: 'crm', content: 'alice called', entities: [ALICE] }))
      aliceIds.push(
        await store(org, {
          namespace: 'support',
          content: 'alice ticket',
          entities: [ALICE, 'acct-7'],
          metadata: { n: 1 },
        }),
      )
      bobId = await store(org, { namespace: 'crm', content: 'bob called', entities: ['bob@example.com'] })
      await store(other, { namespace: 'crm', content: 'another org alice', entities: [ALICE] })
      await call(http, org.ownerToken, 'PATCH', `/v1/records/${aliceIds[0]}`, {
        content: 'alice called twice',
      })
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      checkpointKey = (await call(http, org.ownerToken, 'GET', '/v1/audit/checkpoint-key')).body
      aliceIds.sort()
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('exports every record naming the subject, decrypted for an admin, with the audit entries about them; nothing of others', async () => {
      const response = await call(http, org.ownerToken, 'GET', subjectUrl(ALICE, 'format=plain'))
      assert.equal(response.statusCode, 200, response.body)
      const bundle = response.json()
      assert.equal(bundle.format, 'coffer-subject-export/v1')
      assert.deepEqual(
        bundle.records.map((r: { id: string }) => r.id),
        aliceIds,
      )
      const contents = bundle.records.map((r: { content: string }) => r.content).sort()
      assert.deepEqual(contents, ['alice called twice', 'alice ticket'])
      const audited = bundle.audit.map(
        (e: { action: string; resource: string }) => `${e.action} ${e.resource}`,
      )
      assert.ok(audited.includes(`record.created record:${aliceIds[0]}`), audited.join('\n'))
      assert.ok(audited.includes(`record.created record:${aliceIds[1]}`), audited.join('\n'))
      for (const entry of bundle.audit) assert.ok(aliceIds.includes(entry.resource.slice('record:'.length)))
      assert.ok(
        audited.some((line: string) => line.startsWith('record.updated')),
        'the patch is in it',
      )
      assert.ok(!JSON.stringify(bundle).includes(bobId), 'another subject is not in it')
      assert.ok(!response.body.includes('another org alice'), "another org's record is not in it")
      assert.equal(bundle.next_cursor, null)
    })

    it('pages with a cursor, seals for records:read, refuses plain without admin, keeps to the namespace of the token', async () => {
      const first = await call(http, org.ownerToken, 'GET', subjectUrl(ALICE, 'limit=1'))
      assert.equal(first.json().records.length, 1)
      assert.match(first.json().records[0].content, /^cf1\./, 'sealed by default')
      const second = await call(
        http,
        org.ownerToken,
        'GET',
        subjectUrl(ALICE, `limit=1&cursor=${first.json().next_cursor}`),
      )
      assert.deepEqual([first.json().records[0].id, second.json().records[0].id], aliceIds)
      const reader = (
        await call(http, org.ownerToken, 'POST', '/v1/tokens', {
          name: 'crm',
          scopes: ['records:read'],
          namespace: 'crm',
        })
      ).json().token
      const plain = await call(http, reader, 'GET', subjectUrl(ALICE, 'format=plain'))
      assert.equal(plain.statusCode, 403)
      assert.equal(plain.json().code, 'INSUFFICIENT_SCOPE')
      const narrow = await call(http, reader, 'GET', subjectUrl(ALICE))
      assert.equal(narrow.statusCode, 200)
      assert.deepEqual(
        narrow.json().records.map((r: { namespace: string }) => r.namespace),
        ['crm'],
      )
      const stranger = await call(http, other.ownerToken, 'GET', subjectUrl(ALICE))
      assert.ok(!stranger.body.includes(aliceIds[0]!) && !stranger.body.includes(aliceIds[1]!))
      const bad = await call(http, org.ownerToken, 'GET', subjectUrl(ALICE, 'cursor=not-a-cursor'))
      assert.equal(bad.json().code, 'VALIDATION_FAILED')
    })

    it('erases the subject and answers a receipt signed by the checkpoint key that names exactly what went', async () => {
      const counts = await withTenant(coffer.db, org.orgId, async (sql) => {
        const { rows } = await sql.query<{ entities: number; terms: number }>(
          `SELECT (SELECT count(*) FROM record_entities WHERE record_id = ANY ($1::uuid[]))::int AS entities,
                  (SELECT count(*) FROM ${INDEX_ENTRIES} WHERE record_id = ANY ($1::uuid[]))::int AS terms`,
          [aliceIds],
        )
        return rows[0]!
      })
      const response = await call(
        http,
        org.ownerToken,
        'DELETE',
        `/v1/records?entity=${encodeURIComponent(ALICE)}`,
      )
      assert.equal(response.statusCode, 200, response.body)
      const { deleted, receipt } = response.json()
      assert.equal(deleted, 2)
      assert.equal(receipt.format, 'coffer-erasure-receipt/v1')
      assert.equal(receipt.org_id, org.orgId)
      assert.deepEqual(receipt.ids, aliceIds)
      assert.deepEqual(receipt.selector, ['entity'])
      assert.ok(!response.body.includes(ALICE), 'the receipt never names the entity')
      assert.deepEqual(receipt.counts, {
        records: 2,
        record_entities: counts.entities,
        record_terms: counts.terms,
        archived_records: 0,
        archived_record_entities: 0,
      })
      assert.equal(receipt.archive, undefined, 'no archived record was reached')
      assert.ok(counts.entities >= 3 && counts.terms > 0)
      const verified = verifyErasureReceipt(receipt, checkpointKey)
      assert.equal(verified.ok, true)

      const tampered: [string, Record<string, unknown>][] = [
        ['an id dropped', { ...receipt, ids: receipt.ids.slice(1) }],
        ['an id swapped', { ...receipt, ids: [bobId, receipt.ids[1]] }],
        ['a count lowered', { ...receipt, counts: { ...receipt.counts, record_terms: 0 } }],
        ['a table added', { ...receipt, counts: { ...receipt.counts, secrets: 0 } }],
        ['another org', { ...receipt, org_id: other.orgId }],
        ['another time', { ...receipt, at: new Date(Date.parse(receipt.at) + 1000).toISOString() }],
        ['another selector', { ...receipt, selector: ['ids'] }],
        ['another key version', { ...receipt, key_version: receipt.key_version + 1 }],
        ['a flipped signature', { ...receipt, signature: flip(receipt.signature) }],
      ]
      for (const [label, changed] of tampered) {
        assert.deepEqual(
          verifyErasureReceipt(changed, checkpointKey),
          { ok: false, problem: 'bad_signature' },
          label,
        )
      }
      assert.deepEqual(
        verifyErasureReceipt({ ...receipt, format: 'coffer-erasure-receipt/v2' }, checkpointKey),
        {
          ok: false,
          problem: 'unknown_format',
        },
      )
      assert.deepEqual(verifyErasureReceipt({ ...receipt, ids: 'all' }, checkpointKey), {
        ok: false,
        problem: 'malformed',
      })
      assert.deepEqual(verifyErasureReceipt(receipt, ''), { ok: false, problem: 'no_key' })
      // Another instance's checkpoint key does not vouch for it.
      const otherDb = await target.create()
      try {
        const stranger = await wireTestCoffer(otherDb.db, { clock })
        const strangerKey = await stranger.auditKeys.current()
        assert.deepEqual(verifyErasureReceipt(receipt, strangerKey.publicKey), {
          ok: false,
          problem: 'bad_signature',
        })
        const ownKey = await coffer.auditKeys.current()
        assert.equal(verifyErasureReceipt(receipt, ownKey.publicKey).ok, true, 'a raw public key works too')
      } finally {
        await otherDb.drop()
      }

      const after = await call(http, org.ownerToken, 'GET', subjectUrl(ALICE))
      assert.deepEqual(after.json().records, [], 'nothing of the subject is left to export')
      const again = await call(
        http,
        org.ownerToken,
        'DELETE',
        `/v1/records?entity=${encodeURIComponent(ALICE)}`,
      )
      assert.deepEqual(again.json().receipt.ids, [])
      assert.equal(verifyErasureReceipt(again.json().receipt, checkpointKey).ok, true)
    })
  })
}

/** The signature with one bit of its first byte flipped. */
function flip(signature: string): string {
  const bytes = Buffer.from(signature, 'base64')
  bytes[0]! ^= 1
  return bytes.toString('base64')
}
