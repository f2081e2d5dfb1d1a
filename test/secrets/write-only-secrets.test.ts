// Stops: a stored vendor credential coming back out of any route but resolve, reaching a snapshot
// or a log line in plaintext, or being reached, resolved or deleted by another org.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call, problemShape } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import {
  dumpDatabase,
  openSecretsFixture,
  putSecret,
  resolveSecret,
  type SecretsFixture,
} from './secrets-fixture.js'

/** A fresh OpenAI-shaped value, on the suite's leak-check list. */
function canaryKey(): string {
  const value = `sk-proj-canary${randomBytes(24).toString('hex')}`
  recordCanary(value)
  return value
}

for (const target of DATABASE_TARGETS) {
  describe(`write-only secrets on ${target.name}`, () => {
    let f: SecretsFixture
    const canaries: string[] = []

    before(async () => {
      f = await openSecretsFixture(target)
    })
    after(() => f.close())

    it('PUT answers only kind, last4 and updated_at; the value is an envelope at rest', async () => {
      const value = canaryKey()
      canaries.push(value)
      const put = await putSecret(f.http, f.writer, 'openai_key', { value })
      assert.equal(put.statusCode, 200)
      const body = put.json()
      assert.deepEqual(Object.keys(body).sort(), ['kind', 'last4', 'updated_at'])
      assert.equal(body.kind, 'openai_key')
      assert.equal(body.last4, value.slice(-4))
      assert.equal(put.body.includes(value), false)

      const { rows } = await f.testDb.db.query<{ value: Uint8Array; key_version: number; last4: string }>(
        "SELECT value, key_version, last4 FROM org_secrets WHERE org_id = $1 AND kind = 'openai_key'",
        [f.orgA.orgId],
      )
      const stored = Buffer.from(rows[0]!.value)
      assert.equal(stored[0], 0x01, 'envelope format byte')
      assert.equal(stored.readUInt32BE(1), rows[0]!.key_version, 'key version in the header')
      assert.equal(stored.includes(Buffer.from(value)), false, 'no plaintext in the column')
    })

    it('GET lists audit fields only: never the value or its envelope', async () => {
      const list = await call(f.http, f.writer, 'GET', '/v1/secrets')
      assert.equal(list.statusCode, 200)
      const { items, next_cursor } = list.json()
      assert.equal(next_cursor, null)
      const item = items.find((i: { kind: string }) => i.kind === 'openai_key')
      assert.deepEqual(Object.keys(item).sort(), [
        'created_at',
        'created_by',
        'kind',
        'last4',
        'last_used_at',
        'last_verified_at',
        'updated_at',
        'verify_status',
        'verify_url',
      ])
      assert.equal(item.verify_status, 'unverified')
      assert.match(item.created_by, /^token:/)
      for (const value of canaries) assert.equal(list.body.includes(value), false)
      assert.equal(list.body.includes('\\x01'), false, 'no bytea in the answer')
    })

    it('PUT again replaces the value, keeps created_at, and resets the verification', async () => {
      const before_ = (await call(f.http, f.writer, 'GET', '/v1/secrets')).json().items[0]
      await f.testDb.db.query(
        "UPDATE org_secrets SET verify_status = 'valid', last_verified_at = now() WHERE kind = 'openai_key'",
      )
      const value = canaryKey()
      canaries.push(value)
      const put = await putSecret(f.http, f.writer, 'openai_key', { value })
      assert.equal(put.json().last4, value.slice(-4))
      const after_ = (await call(f.http, f.writer, 'GET', '/v1/secrets')).json().items[0]
      assert.equal(after_.created_at, before_.created_at)
      assert.equal(after_.verify_status, 'unverified')
      assert.equal(after_.last_verified_at, null)
      const resolved = await resolveSecret(f.http, f.resolver, 'openai_key', 'replaced')
      assert.equal(resolved.json().value, value)
    })

    it('a short value keeps last4 null: four characters of it would give too much away', async () => {
      const put = await putSecret(f.http, f.writer, 'short.pin', { value: '12345678' })
      assert.equal(put.statusCode, 200)
      assert.equal(put.json().last4, null)
    })

    it('refuses bad input with VALIDATION_FAILED (or 413) naming the field, never the value', async () => {
      const cases: [string, unknown, string, number][] = [
        ['openai_key', { value: '' }, 'value', 400],
        ['openai_key', {}, 'value', 400],
        ['openai_key', { value: 42 }, 'value', 400],
        ['Bad_Kind', { value: 'x'.repeat(20) }, 'kind', 400],
        ['openai_key', { value: 'v'.repeat(20), extra: 1 }, 'body', 400],
        ['custom', { value: 'v'.repeat(20), verify_url: 'ftp://example.com/' }, 'verify_url', 400],
        ['custom', { value: 'v'.repeat(20), verify_url: 'not a url' }, 'verify_url', 400],
        ['custom', { value: 'v'.repeat(20), verify_url: 'http://example.com/check' }, 'verify_url', 400],
        ['openai_key', { value: 'v'.repeat(16 * 1024 + 1) }, 'value', 413],
      ]
      for (const [kind, body, field, status] of cases) {
        const response = await f.http.inject({
          method: 'PUT',
          url: `/v1/secrets/${kind}`,
          headers: { authorization: `Bearer ${f.writer}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        })
        assert.equal(response.statusCode, status, `${kind} ${JSON.stringify(body).slice(0, 60)}`)
        assert.equal(response.json().code, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED')
        assert.ok(response.json().detail.startsWith(field), `${response.json().detail} names ${field}`)
        assert.equal(response.body.includes('vvvvvvvvvv'), false, 'the value is not echoed')
      }
      const exactly16KiB = await putSecret(f.http, f.writer, 'big', { value: 'v'.repeat(16 * 1024) })
      assert.equal(exactly16KiB.statusCode, 200)
    })

    it('a verify_url with credentials is refused with VALIDATION_FAILED', async () => {
      const response = await putSecret(f.http, f.writer, 'custom_api', {
        value: 'v'.repeat(20),
        verify_url: 'https://user:hunter2hunter2@example.com/check',
      })
      assert.equal(response.statusCode, 400)
      assert.equal(response.json().code, 'VALIDATION_FAILED')
      assert.equal(response.json().detail, 'verify_url: must not contain credentials')
      assert.equal(response.body.includes('hunter2'), false)
    })

    it('scopes: write, list, delete and verify need secrets:write; resolve needs secrets:resolve', async () => {
      const value = canaryKey()
      canaries.push(value)
      const refused = async (response: Awaited<ReturnType<typeof call>>) => {
        assert.equal(response.statusCode, 403)
        assert.equal(response.json().code, 'INSUFFICIENT_SCOPE')
      }
      await refused(await putSecret(f.http, f.resolver, 'anthropic_key', { value }))
      await refused(await putSecret(f.http, f.reader, 'anthropic_key', { value }))
      await refused(await call(f.http, f.resolver, 'GET', '/v1/secrets'))
      await refused(await call(f.http, f.reader, 'DELETE', '/v1/secrets/openai_key'))
      await refused(await call(f.http, f.resolver, 'POST', '/v1/secrets/openai_key/verify'))
      await refused(await resolveSecret(f.http, f.writer, 'openai_key', 'no scope'))
      await refused(await resolveSecret(f.http, f.reader, 'openai_key', 'no scope'))
    })

    it("another org's token cannot list, resolve, verify or delete a secret: NOT_FOUND like a missing one", async () => {
      const value = canaryKey()
      canaries.push(value)
      assert.equal((await putSecret(f.http, f.writer, 'aws_access_key', { value })).statusCode, 200)
      const asB = f.orgB.ownerToken
      assert.deepEqual((await call(f.http, asB, 'GET', '/v1/secrets')).json().items, [])
      for (const [method, path, body] of [
        ['POST', '/v1/secrets/aws_access_key/resolve', { purpose: 'steal' }],
        ['POST', '/v1/secrets/aws_access_key/verify', undefined],
        ['DELETE', '/v1/secrets/aws_access_key', undefined],
      ] as const) {
        const theirs = await call(f.http, asB, method, path, body)
        const missing = await call(f.http, asB, method, path.replace('aws_access_key', 'no_such_kind'), body)
        assert.equal(theirs.statusCode, 404, `${method} ${path}`)
        assert.equal(theirs.json().code, 'NOT_FOUND')
        assert.deepEqual(problemShape(theirs), problemShape(missing))
        assert.equal(theirs.body.includes(value), false)
      }
      const stillThere = await resolveSecret(f.http, f.resolver, 'aws_access_key', 'check')
      assert.equal(stillThere.json().value, value, 'still there for A')
    })

    it('DELETE removes the secret; its access log stays', async () => {
      const deleted = await call(f.http, f.writer, 'DELETE', '/v1/secrets/aws_access_key')
      assert.equal(deleted.statusCode, 204)
      assert.equal(
        (await resolveSecret(f.http, f.resolver, 'aws_access_key', 'after delete')).json().code,
        'NOT_FOUND',
      )
      assert.equal(
        (await call(f.http, f.writer, 'DELETE', '/v1/secrets/aws_access_key')).json().code,
        'NOT_FOUND',
      )
      const { rows } = await f.testDb.db.query(
        "SELECT 1 FROM secret_access_log WHERE org_id = $1 AND kind = 'aws_access_key'",
        [f.orgA.orgId],
      )
      assert.ok(rows.length > 0)
      const audit = await f.testDb.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE org_id = $1 AND resource = 'secret:aws_access_key' ORDER BY seq",
        [f.orgA.orgId],
      )
      assert.deepEqual(
        audit.rows.map((r) => r.action),
        ['secret.updated', 'secret.resolved', 'secret.deleted'],
      )
    })

    it('lists by kind with a cursor', async () => {
      for (const kind of ['list.a', 'list.b', 'list.c']) {
        await putSecret(f.http, f.orgB.ownerToken, kind, { value: `value of ${kind}` })
      }
      const first = (await call(f.http, f.orgB.ownerToken, 'GET', '/v1/secrets?limit=2')).json()
      assert.deepEqual(
        first.items.map((i: { kind: string }) => i.kind),
        ['list.a', 'list.b'],
      )
      assert.equal(first.next_cursor, 'list.b')
      const second = (
        await call(f.http, f.orgB.ownerToken, 'GET', `/v1/secrets?limit=2&cursor=${first.next_cursor}`)
      ).json()
      assert.deepEqual(
        second.items.map((i: { kind: string }) => i.kind),
        ['list.c'],
      )
      assert.equal(second.next_cursor, null)
    })

    it('no value appears in a dump of the whole database or in any log line', async () => {
      assert.ok(canaries.length >= 4)
      const dump = await dumpDatabase(f.testDb)
      const logs = f.logs.text()
      assert.ok(f.logs.lines.length > 10, 'the server logged its requests')
      for (const value of canaries) {
        assert.equal(dump.includes(value), false, 'plaintext in the dump')
        assert.equal(dump.includes(Buffer.from(value).toString('hex')), false, 'hex plaintext in the dump')
        assert.equal(logs.includes(value), false, 'plaintext in the logs')
      }
    })
  })
}
