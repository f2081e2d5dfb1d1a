// Stops: an export that leaks — a secret's value in either format, plaintext to a non-admin, an
// expired record, another namespace's records to a restricted token — or that loses or repeats
// records between pages (every id exactly once, over thousands of records in small pages).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { envelopeFromText } from '../../src/crypto/envelope.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { uuidV7 } from '../../src/internal/uuid-v7.js'
import { type CreatedOrg, createOrg, DEFAULT_NAMESPACE } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'

const MANY = 2_500

interface Item {
  kind: 'record' | 'secret'
  id: string
  [field: string]: unknown
}

for (const target of DATABASE_TARGETS) {
  describe(`export on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()
    const secretValues = [`sk-export-${Date.now()}-abcdefgh`, `AKIA-export-${Date.now()}-zz`]

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-export', actor: 'test' })
      for (const value of secretValues) recordCanary(value)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    const putSecret = (token: string, kind: string, value: string) =>
      http.inject({
        method: 'PUT',
        url: `/v1/secrets/${kind}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ value }),
      })

    /** Every page from the start; returns the items and the number of pages. */
    async function exportAll(token: string, query: string): Promise<{ items: Item[]; pages: number }> {
      const items: Item[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const url: string = `/v1/export?${query}${cursor ? `&cursor=${cursor}` : ''}`
        const response = await call(http, token, 'GET', url)
        assert.equal(response.statusCode, 200, response.body)
        for (const value of secretValues)
          assert.equal(response.body.includes(value), false, 'no secret value')
        const page = response.json() as { items: Item[]; next_cursor: string | null }
        assert.deepEqual(Object.keys(page).sort(), ['items', 'next_cursor'])
        items.push(...page.items)
        cursor = page.next_cursor
        pages++
      } while (cursor !== null)
      return { items, pages }
    }

    it('pages through thousands of records, then the secrets, each exactly once and in order', async () => {
      const big = await createOrg(coffer, { slug: 'org-export-big', actor: 'test' })
      const ids = await seedRecords(coffer, big.orgId, MANY)
      const kinds = ['anthropic_key', 'openai_key', 'stripe_key']
      for (const [i, kind] of kinds.entries()) {
        const put = await putSecret(big.ownerToken, kind, secretValues[i % secretValues.length]!)
        assert.equal(put.statusCode, 200, put.body)
      }
      // 2,503 items in pages of 97: the last records page also starts the secrets.
      const { items, pages } = await exportAll(big.ownerToken, 'limit=97&format=sealed')
      assert.equal(pages, Math.ceil((MANY + kinds.length) / 97))
      const records = items.filter((item) => item.kind === 'record').map((item) => item.id)
      assert.equal(records.length, MANY)
      assert.equal(new Set(records).size, MANY, 'no id twice')
      assert.deepEqual(records, [...ids].sort(), 'every id, by id')
      const secrets = items.slice(MANY)
      assert.deepEqual(
        secrets.map((item) => [item.kind, item.secret_kind]).sort(),
        kinds.map((kind) => ['secret', kind]),
        'then every secret',
      )
      assert.deepEqual(
        secrets.map((item) => item.id),
        secrets.map((item) => item.id).sort(),
        'by id',
      )
      // A page boundary exactly at the end of the records: the next page holds the secrets only.
      const exact = await exportAll(big.ownerToken, `limit=${MANY / 5}`)
      assert.equal(exact.pages, 6)
      assert.equal(exact.items.length, MANY + kinds.length)
    })

    it('plain decrypts (admin only); sealed gives cf1. envelopes that open to the same; secrets never have values', async () => {
      const stored = await call(http, org.ownerToken, 'POST', '/v1/records', {
        namespace: 'crm',
        type: 'contact',
        content: 'export me',
        metadata: { tier: 'gold' },
        entities: ['Hedy Lamarr'],
      })
      const { id } = stored.json()
      const bare = (await call(http, org.ownerToken, 'POST', '/v1/records', { content: 'no extras' })).json()
        .id
      const put = await putSecret(org.ownerToken, 'openai_key', secretValues[0]!)
      assert.equal(put.statusCode, 200)

      const plain = (await exportAll(org.ownerToken, 'format=plain')).items
      const record = plain.find((item) => item.id === id)!
      assert.equal(record.kind, 'record')
      assert.equal(record.content, 'export me')
      assert.deepEqual(record.metadata, { tier: 'gold' })
      assert.deepEqual(record.entities, ['Hedy Lamarr'])
      assert.equal(record.namespace, 'crm')
      assert.equal(record.type, 'contact')
      const bareItem = plain.find((item) => item.id === bare)!
      assert.equal(bareItem.metadata, null)
      assert.deepEqual(bareItem.entities, [])
      const secret = plain.find((item) => item.kind === 'secret')!
      assert.deepEqual(Object.keys(secret).sort(), [
        'created_at',
        'created_by',
        'id',
        'kind',
        'last4',
        'last_used_at',
        'last_verified_at',
        'secret_kind',
        'updated_at',
        'verify_status',
        'verify_url',
      ])
      assert.equal(secret.last4, secretValues[0]!.slice(-4))

      const sealed = (await exportAll(org.ownerToken, 'format=sealed')).items
      const envelopes = sealed.find((item) => item.id === id)!
      for (const column of ['content', 'metadata', 'entities'] as const) {
        assert.match(String(envelopes[column]), /^cf1\.[A-Za-z0-9_-]+$/)
      }
      assert.equal(sealed.find((item) => item.id === bare)!.metadata, null)
      const opened = await withTenant(coffer.db, org.orgId, (sql) =>
        coffer.keyring.openField(
          sql,
          { table: 'records', column: 'content', rowId: id },
          envelopeFromText(String(envelopes.content)),
        ),
      )
      assert.equal(opened.toString('utf8'), 'export me')
      assert.equal(JSON.stringify(sealed).includes('export me'), false, 'sealed holds no plaintext')
      assert.deepEqual(
        sealed.filter((item) => item.kind === 'secret'),
        plain.filter((item) => item.kind === 'secret'),
      )

      const { rows } = await testDb.db.query<{ actor: string; resource: string }>(
        `SELECT actor, resource FROM audit_log WHERE org_id = $1 AND action = 'records.exported' ORDER BY seq`,
        [org.orgId],
      )
      assert.deepEqual(
        rows.map((row) => row.resource),
        ['export:plain:records:2:secrets:1', 'export:sealed:records:2:secrets:1'],
      )
    })

    it('a records:read token exports sealed, not plain, sees no secrets and only its namespace; expired records are never exported', async () => {
      const make = async (body: Record<string, unknown>) =>
        (await call(http, org.ownerToken, 'POST', '/v1/tokens', { name: 'exporter', ...body })).json()
          .token as string
      const reader = await make({ scopes: ['records:read'] })
      const crmOnly = await make({ scopes: ['records:read'], namespace: 'crm' })

      const refused = await call(http, reader, 'GET', '/v1/export?format=plain')
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().code, 'INSUFFICIENT_SCOPE')

      const expiring = (
        await call(http, org.ownerToken, 'POST', '/v1/records', {
          namespace: 'crm',
          content: 'soon gone',
          ttl_seconds: 5,
        })
      ).json().id
      const everything = (await exportAll(reader, 'limit=1')).items
      assert.equal(
        everything.some((item) => item.kind === 'secret'),
        false,
        'secret metadata needs secrets:write',
      )
      assert.ok(everything.some((item) => item.id === expiring))
      const crm = (await exportAll(crmOnly, 'limit=2')).items
      assert.ok(crm.length >= 2)
      assert.ok(crm.every((item) => item.namespace === 'crm'))
      assert.ok(everything.some((item) => item.namespace !== 'crm'))

      clock.advance(5_000)
      for (const token of [reader, org.ownerToken]) {
        const after = (await exportAll(token, 'limit=3')).items
        assert.equal(
          after.some((item) => item.id === expiring),
          false,
        )
      }
    })

    it('refuses bad limits, formats and cursors, naming the field', async () => {
      const forged = Buffer.from(JSON.stringify(['r', "' OR 1=1 --"])).toString('base64url')
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=1001', 'limit'],
        ['format=csv', 'format'],
        ['cursor=not-a-cursor', 'cursor'],
        [`cursor=${forged}`, 'cursor'],
        ['since=yesterday', 'since'],
      ]) {
        const response = await call(http, org.ownerToken, 'GET', `/v1/export?${query}`)
        assert.equal(response.statusCode, 400, query)
        assert.equal(response.json().code, 'VALIDATION_FAILED')
        assert.match(response.json().detail, new RegExp(`${field}`))
      }
    })
  })
}

/** Seeds `count` records into the org's default namespace with a few bulk INSERTs; returns their ids. */
async function seedRecords(coffer: Coffer, orgId: OrgId, count: number): Promise<string[]> {
  const ids: string[] = []
  await withTenant(coffer.db, orgId, async (sql) => {
    const { rows } = await sql.query<{ id: string }>(
      'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
      [orgId, DEFAULT_NAMESPACE],
    )
    const sealer = await coffer.keyring.leaseSealer(sql)
    try {
      for (let first = 0; first < count; first += 500) {
        const now = new Date(coffer.clock.now())
        const params: unknown[] = [orgId, rows[0]!.id, 'note', sealer.version, now]
        const values: string[] = []
        for (let n = first; n < Math.min(count, first + 500); n++) {
          const id = uuidV7(now.getTime())
          ids.push(id)
          const content = sealer.seal(
            { table: 'records', column: 'content', rowId: id },
            Buffer.from(`note ${n}`),
          )
          const at = params.push(id, content.envelope)
          values.push(`($1, $${at - 1}, $2, $3, $${at}, $4, $5, $5)`)
        }
        await sql.query(
          `INSERT INTO records (org_id, id, namespace_id, type, content, key_version, created_at, updated_at)
           VALUES ${values.join(', ')}`,
          params,
        )
      }
    } finally {
      sealer.release()
    }
  })
  return ids
}
