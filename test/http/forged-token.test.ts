import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { generateApiToken } from '../../src/crypto/api-token.js'
import type { Database } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call, problemShape } from '../support/http.js'

/** Wraps a database to count every statement and transaction it is asked to run. */
function countingDatabase(db: Database): { db: Database; count: () => number } {
  let calls = 0
  return {
    count: () => calls,
    db: {
      kind: db.kind,
      query: (text, params) => {
        calls++
        return db.query(text, params)
      },
      exec: (script) => {
        calls++
        return db.exec(script)
      },
      transaction: (fn) => {
        calls++
        return db.transaction(fn)
      },
      close: () => db.close(),
    },
  }
}

for (const target of DATABASE_TARGETS) {
  describe(`bearer token authentication on ${target.name}`, () => {
    let testDb: TestDatabase
    let counted: ReturnType<typeof countingDatabase>
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      testDb = await target.create()
      counted = countingDatabase(testDb.db)
      coffer = await wireTestCoffer(counted.db, { clock })
      ;({ http } = await buildTestServer(coffer))
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    async function issue(scopes: Parameters<Coffer['tokens']['issue']>[1]['scopes'], expiresAt?: Date) {
      return withTenant(coffer.db, org.orgId, (sql) =>
        coffer.tokens.issue(sql, { name: 'test', scopes, ...(expiresAt ? { expiresAt } : {}) }),
      )
    }

    it('no Authorization header: 401 UNAUTHENTICATED', async () => {
      const response = await call(http, undefined, 'GET', '/v1/records')
      assert.equal(response.statusCode, 401)
      assert.equal(response.json().code, 'UNAUTHENTICATED')
    })

    it('a token with a bad checksum is refused before any database lookup', async () => {
      const last = org.ownerToken.at(-1) === 'a' ? 'b' : 'a'
      const forged = `${org.ownerToken.slice(0, -1)}${last}`
      const before = counted.count()
      const response = await call(http, forged, 'GET', '/v1/records')
      assert.equal(response.statusCode, 401)
      assert.equal(response.json().code, 'TOKEN_INVALID')
      assert.equal(counted.count(), before, 'no statement reached the database')
    })

    it('unknown, malformed and wrongly-schemed tokens all get one identical 401 body', async () => {
      const answers = await Promise.all([
        call(http, generateApiToken(), 'GET', '/v1/records'),
        call(http, 'not-a-token', 'GET', '/v1/records'),
        call(http, `${org.ownerToken.slice(0, -1)}!`, 'GET', '/v1/records'),
        call(http, undefined, 'GET', '/v1/records', undefined, { authorization: `Basic ${org.ownerToken}` }),
        call(http, undefined, 'GET', '/v1/records', undefined, {
          authorization: `Bearer  ${org.ownerToken}`,
        }),
      ])
      const shapes = answers.map(problemShape)
      for (const shape of shapes) assert.deepEqual(shape, shapes[0])
      assert.equal(answers[0]!.json().code, 'TOKEN_INVALID')
    })

    it('a token lacking a scope gets 403 INSUFFICIENT_SCOPE; its granted scope works', async () => {
      const readOnly = await issue(['records:read'])
      const write = await call(http, readOnly.token, 'POST', '/v1/records', { content: 'x' })
      assert.equal(write.statusCode, 403)
      assert.equal(write.json().code, 'INSUFFICIENT_SCOPE')
      assert.equal((await call(http, readOnly.token, 'GET', '/v1/records')).statusCode, 200)
      const writeOnly = await issue(['records:write'])
      assert.equal(
        (await call(http, writeOnly.token, 'GET', '/v1/records')).json().code,
        'INSUFFICIENT_SCOPE',
      )
    })

    it('an expired token gets 401 TOKEN_EXPIRED', async () => {
      const shortLived = await issue(['records:read'], new Date(clock.now() + 60_000))
      assert.equal((await call(http, shortLived.token, 'GET', '/v1/records')).statusCode, 200)
      clock.advance(60_000)
      const response = await call(http, shortLived.token, 'GET', '/v1/records')
      assert.equal(response.statusCode, 401)
      assert.equal(response.json().code, 'TOKEN_EXPIRED')
    })

    it('a revoked token gets 401 TOKEN_REVOKED', async () => {
      const revoked = await issue(['records:read'])
      await testDb.db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [revoked.id])
      const response = await call(http, revoked.token, 'GET', '/v1/records')
      assert.equal(response.statusCode, 401)
      assert.equal(response.json().code, 'TOKEN_REVOKED')
    })

    it('a suspended org gets 403 ACCOUNT_SUSPENDED on every route, decided at the token lookup', async () => {
      const other = await createOrg(coffer, { slug: 'org-suspended', actor: 'test' })
      await testDb.db.query('UPDATE orgs SET suspended_at = now() WHERE id = $1', [other.orgId])
      for (const [method, url] of [
        ['GET', '/v1/records'],
        ['POST', '/v1/records'],
        ['GET', `/v1/records/${other.orgId}`],
      ] as const) {
        const response = await call(
          http,
          other.ownerToken,
          method,
          url,
          method === 'POST' ? { content: 'x' } : undefined,
        )
        assert.equal(response.statusCode, 403, `${method} ${url}`)
        assert.equal(response.json().code, 'ACCOUNT_SUSPENDED')
      }
    })

    it('stores only an HMAC of each token: the plaintext is nowhere in the database', async () => {
      const { rows } = await testDb.db.query<{ t: string }>(
        "SELECT string_agg(encode(token_hash, 'hex'), ',') AS t FROM api_tokens",
      )
      assert.equal(rows[0]!.t.includes(Buffer.from(org.ownerToken).toString('hex')), false)
      const all = await testDb.db.query<{ t: string }>(
        "SELECT string_agg(t::text, '|') AS t FROM api_tokens t",
      )
      assert.equal(all.rows[0]!.t.includes(org.ownerToken), false)
    })
  })
}
