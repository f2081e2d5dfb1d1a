// Stops: the typed client drifting from the server it talks to. Every call goes over real HTTP
// (fetch) to a listening Coffer on PGlite and PostgreSQL: error answers become CofferApiError
// with the server's code and request id, iterators walk every page and stop on `break`, a real
// 429 is retried only when the request may be repeated and only as long as Retry-After says,
// browser mode authenticates with the session cookie and sends the CSRF token, the operator
// client reaches /v1/orgs and a tenant token does not, and no token shows in errors or dumps.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { inspect } from 'node:util'
import type { FastifyInstance } from 'fastify'
import type { Coffer as CofferApp } from '../../src/app.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import {
  Coffer,
  CofferApiError,
  CofferOperator,
  type FetchLike,
  type RetryEvent,
} from '../../src/client/index.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

/** A fetch that counts the requests it sends, by method and path. */
function countingFetch(): { fetch: FetchLike; sent: string[] } {
  const sent: string[] = []
  return {
    sent,
    fetch: (input, init) => {
      const url = new URL(input)
      sent.push(`${init.method} ${url.pathname}${url.search}`)
      return fetch(input, init)
    },
  }
}

/** What `call` was refused with. */
async function refusal(call: () => Promise<unknown>): Promise<CofferApiError> {
  try {
    await call()
  } catch (error) {
    if (error instanceof CofferApiError) return error
    throw error
  }
  assert.fail('expected a CofferApiError')
}

const PASSWORD = 'correct horse battery staple'
const ZERO_ID = '00000000-0000-7000-8000-000000000000'

for (const target of DATABASE_TARGETS) {
  describe(`coffer/client against a listening server on ${target.name}`, () => {
    let testDb: TestDatabase
    let app: CofferApp
    let http: FastifyInstance
    let baseUrl: string
    let operator: CofferOperator
    let owner: Coffer
    let ownerToken: string
    let acmeId: string

    before(async () => {
      testDb = await target.create()
      app = await wireTestCoffer(testDb.db)
      ;({ http } = await buildTestServer(app))
      baseUrl = await http.listen({ host: '127.0.0.1', port: 0 })
      const operatorToken = (await app.operatorTokens.create({ name: 'ops', actor: 'test' })).token
      recordSecret(operatorToken)
      operator = new CofferOperator({ baseUrl, token: operatorToken })
      const created = await operator.orgs.create({ slug: 'acme', name: 'Acme' })
      ownerToken = created.owner_token
      acmeId = created.org_id
      recordSecret(ownerToken)
      owner = new Coffer({ baseUrl, token: ownerToken })
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('an error answer is a CofferApiError with code, status, detail and the x-request-id', async () => {
      const missing = await refusal(() => owner.records.get(ZERO_ID))
      assert.equal(missing.code, 'NOT_FOUND')
      assert.equal(missing.status, 404)
      assert.match(missing.requestId ?? '', /\S{8,}/)
      const invalid = await refusal(() => owner.records.store({ content: 'x', ttl_seconds: -1 }))
      assert.equal(invalid.code, 'VALIDATION_FAILED')
      assert.match(invalid.detail, /ttl_seconds/)
      const forged = new Coffer({ baseUrl, token: `cf_${'A'.repeat(49)}` })
      const unknown = await refusal(() => forged.records.listPage())
      assert.equal(unknown.code, 'TOKEN_INVALID')
      assert.equal(unknown.status, 401)
    })

    it('never shows the token: not in an error, not in JSON, not in inspect', async () => {
      const error = await refusal(() => owner.records.get(ZERO_ID))
      for (const text of [
        String(error),
        JSON.stringify(error),
        inspect(error),
        JSON.stringify(owner),
        inspect(owner, { depth: 5 }),
      ]) {
        assert.equal(text.includes(ownerToken), false, text)
      }
    })

    it('list walks every page through next_cursor, and a break stops fetching', async () => {
      const counted = countingFetch()
      const client = new Coffer({ baseUrl, token: ownerToken, fetch: counted.fetch })
      await client.namespaces.create('paging')
      const stored = new Set<string>()
      for (let i = 0; i < 5; i++) {
        stored.add((await client.records.store({ namespace: 'paging', content: `page ${i}` })).id)
      }
      counted.sent.length = 0
      const seen: string[] = []
      for await (const record of client.records.list({ namespace: 'paging', limit: 2 })) seen.push(record.id)
      assert.deepEqual(new Set(seen), stored)
      assert.equal(seen.length, 5)
      assert.equal(counted.sent.length, 3, counted.sent.join('\n'))
      assert.match(counted.sent[1]!, /cursor=/)

      counted.sent.length = 0
      for await (const _record of client.records.list({ namespace: 'paging', limit: 2 })) break
      assert.equal(counted.sent.length, 1, 'one page fetched for one item')
    })

    it('search, erase, export and the audit log answer typed, and the audit iterator pages', async () => {
      const memory = await owner.records.store({ content: 'prefers tea', entities: ['user:zed'] })
      const hits = await owner.records.search({ query: 'tea' })
      assert.equal(hits.items[0]?.id, memory.id)
      const erased = await owner.records.erase({ entity: 'user:zed' })
      assert.equal(erased.deleted, 1)
      assert.deepEqual(erased.receipt.ids, [memory.id])
      const exported = []
      for await (const item of owner.export({ limit: 2 })) exported.push(item)
      assert.ok(exported.length >= 5, `${exported.length} exported`)
      // The server's sequencer seals entries every few hundred ms; here it is run once by hand.
      await app.auditSequencer.sequenceOrg(acmeId as Parameters<CofferApp['inTenant']>[0])
      const counted = countingFetch()
      const auditor = new Coffer({ baseUrl, token: ownerToken, fetch: counted.fetch })
      const entries: number[] = []
      for await (const entry of auditor.audit.list({ limit: 2 })) entries.push(entry.seq)
      assert.ok(entries.length >= 6, `${entries.length} entries`)
      assert.ok(counted.sent.length >= 3)
      assert.deepEqual(
        entries,
        [...new Set(entries)].sort((a, b) => b - a),
        'newest first, no entry twice',
      )
    })

    it('secrets and tokens: last4 only, resolve answers the value, a narrower token is refused with its code', async () => {
      const value = 'sk-test-0123456789wxyz'
      recordSecret(value)
      const written = await owner.secrets.put('openai', { value })
      assert.equal(written.last4, 'wxyz')
      assert.equal((await owner.secrets.resolve('openai', { purpose: 'test' })).value, value)
      const kinds: string[] = []
      for await (const secret of owner.secrets.list()) kinds.push(secret.kind)
      assert.deepEqual(kinds, ['openai'])
      const reader = await owner.tokens.create({ name: 'reader', scopes: ['records:read'] })
      recordSecret(reader.token)
      const narrow = new Coffer({ baseUrl, token: reader.token })
      assert.equal(
        (await refusal(() => narrow.secrets.resolve('openai', { purpose: 'x' }))).code,
        'INSUFFICIENT_SCOPE',
      )
      assert.equal(
        (await refusal(() => narrow.tokens.create({ name: 'wider', scopes: ['admin'] }))).code,
        'INSUFFICIENT_SCOPE',
      )
      const rotated = await owner.tokens.rotate(reader.id, { grace_seconds: 0 })
      recordSecret(rotated.token)
      await owner.tokens.revoke(rotated.id)
      const revoked = new Coffer({ baseUrl, token: rotated.token })
      assert.equal((await refusal(() => revoked.records.listPage())).code, 'TOKEN_REVOKED')
    })

    it('a real 429: a GET is retried after Retry-After; a POST without an idempotency key is not', async () => {
      const limited = await owner.tokens.create({
        name: 'limited',
        scopes: ['records:read', 'records:write'],
        rate_limit_per_minute: 1,
      })
      recordSecret(limited.token)
      const retries: RetryEvent[] = []
      let stop = new AbortController()
      const client = new Coffer({
        baseUrl,
        token: limited.token,
        maxDelayMs: 120_000,
        onRetry: (retry) => {
          retries.push(retry)
          stop.abort(new Error('seen the retry decision; not waiting it out'))
        },
      })
      await client.records.listPage() // The one request of this minute.

      const post = await refusal(() => client.records.store({ content: 'once only' }))
      assert.equal(post.code, 'RATE_LIMITED')
      assert.equal(post.status, 429)
      assert.ok(post.retryAfter !== undefined && post.retryAfter >= 1, `Retry-After ${post.retryAfter}`)
      assert.equal(retries.length, 0, 'a POST without Idempotency-Key is never retried')

      await assert.rejects(client.records.listPage({}, { signal: stop.signal }), /not waiting it out/)
      assert.equal(retries.length, 1)
      assert.equal(retries[0]!.code, 'RATE_LIMITED')
      assert.equal(retries[0]!.status, 429)
      assert.ok(
        retries[0]!.delayMs >= (post.retryAfter! - 1) * 1000,
        `waits as Retry-After says (${retries[0]!.delayMs} ms, Retry-After ${post.retryAfter} s)`,
      )

      stop = new AbortController()
      await assert.rejects(
        client.records.store({ content: 'keyed' }, { idempotencyKey: 'store-1', signal: stop.signal }),
        /not waiting it out/,
      )
      assert.equal(retries.length, 2, 'a POST with an Idempotency-Key is retried')

      const impatient = new Coffer({
        baseUrl,
        token: limited.token,
        maxDelayMs: 500,
        onRetry: (retry) => retries.push(retry),
      })
      const gaveUp = await refusal(() => impatient.records.listPage())
      assert.equal(gaveUp.code, 'RATE_LIMITED')
      assert.equal(
        retries.length,
        2,
        'a Retry-After beyond maxDelayMs is not waited out: the error is thrown',
      )
    })

    it('the operator client: list pages, get, update, delete; a tenant token never reaches /v1/orgs', async () => {
      const second = await operator.orgs.create({ slug: 'globex' })
      recordSecret(second.owner_token)
      const slugs: string[] = []
      for await (const org of operator.orgs.list()) slugs.push(org.slug)
      assert.ok(slugs.includes('acme') && slugs.includes('globex'), slugs.join())
      assert.equal((await operator.orgs.get(second.org_id)).slug, 'globex')
      assert.equal((await operator.orgs.update(second.org_id, { suspended: true })).suspended, true)
      const wrongConfirm = await refusal(() => operator.orgs.delete(second.org_id, { confirm: 'acme' }))
      assert.equal(wrongConfirm.code, 'VALIDATION_FAILED')
      await operator.orgs.delete(second.org_id, { confirm: 'globex' })
      const deletedOrg = new Coffer({ baseUrl, token: second.owner_token })
      assert.equal((await refusal(() => deletedOrg.records.listPage())).status, 401)
      const tenantAsOperator = new CofferOperator({ baseUrl, token: ownerToken })
      assert.equal((await refusal(() => tenantAsOperator.orgs.list().next())).status, 401)
    })

    it('browser mode: the session cookie authenticates and every write carries x-csrf-token', async () => {
      const { id } = await createUser(app.db, { email: 'ada@example.test', password: PASSWORD })
      await app.inTenant(acmeId as Parameters<CofferApp['inTenant']>[0], (sql) =>
        addMembership(sql, { userId: id, role: 'admin' }),
      )
      recordSecret(PASSWORD)
      // Node's fetch keeps no cookies: this jar plays the browser's part, nothing more.
      let cookie: string | undefined
      const sentHeaders: Record<string, string>[] = []
      const browserFetch: FetchLike = async (input, init) => {
        assert.equal(init.credentials, 'same-origin')
        const headers = { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) }
        sentHeaders.push(headers)
        const response = await fetch(input, { ...init, headers })
        const set = response.headers.get('set-cookie')
        if (set) {
          cookie = set.split(';')[0]
          recordSecret(cookie?.split('=')[1] ?? '')
        }
        return response
      }
      const browser = new Coffer({ baseUrl, fetch: browserFetch })
      const session = await browser.auth.login({ email: 'ada@example.test', password: PASSWORD, org: 'acme' })
      recordSecret(session.csrf_token)
      assert.equal(browser.auth.csrfToken, session.csrf_token)
      await browser.records.listPage()
      const stored = await browser.records.store({ content: 'from the console' })
      assert.equal(sentHeaders.at(-2)!['x-csrf-token'], undefined, 'a GET sends no CSRF token')
      assert.equal(sentHeaders.at(-1)!['x-csrf-token'], session.csrf_token)
      assert.ok(sentHeaders.every((headers) => headers.authorization === undefined))
      const got = await browser.records.get(stored.id)
      assert.ok('content' in got, 'a fresh record is not an archived stub')
      assert.equal(got.content, 'from the console')
      const noCsrf = new Coffer({ baseUrl, fetch: browserFetch })
      assert.equal((await refusal(() => noCsrf.records.store({ content: 'forged' }))).code, 'CSRF_FAILED')
      await browser.auth.logout()
      assert.equal(browser.auth.csrfToken, undefined)
      assert.equal((await refusal(() => browser.records.listPage())).code, 'SESSION_INVALID')
    })
  })
}
