// Stops: verification that lies (a malformed key passing, a redirect counting as success), that
// follows redirects with the bearer secret, or that hangs on a silent server; and verification
// outcomes that are not stored.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.js'
import {
  FORMAT_VERIFIERS,
  httpVerifier,
  parseVerifyUrl,
  verifierFor,
} from '../../src/secrets/secret-verifiers.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordCanary } from '../support/leak-canary.js'
import { openSecretsFixture, putSecret, type SecretsFixture, scopedToken } from './secrets-fixture.js'

const alnum = (n: number) =>
  randomBytes(n)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, n)

const FORMAT_CASES: { kind: string; valid: string[]; invalid: string[] }[] = [
  {
    kind: 'openai_key',
    valid: [`sk-${alnum(48)}`, `sk-proj-${alnum(60)}_${alnum(60)}-${alnum(30)}`, `sk-svcacct-${alnum(64)}`],
    invalid: [
      `sk-${alnum(10)}`,
      `pk-${alnum(48)}`,
      `sk-ant-api03-${alnum(90)}`,
      `sk-${alnum(24)} ${alnum(24)}`,
      '',
    ],
  },
  {
    kind: 'anthropic_key',
    valid: [`sk-ant-api03-${alnum(86)}_${alnum(6)}AA`, `sk-ant-admin01-${alnum(90)}`],
    invalid: [`sk-${alnum(48)}`, `sk-ant-${alnum(8)}`, `sk-ant-api03-${alnum(40)}!`],
  },
  {
    kind: 'aws_access_key',
    valid: ['AKIAIOSFODNN7EXAMPLE', `ASIA${alnum(16).toUpperCase()}`],
    invalid: ['akiaiosfodnn7example', 'AKIAIOSFODNN7EXAMPL', 'AKIAIOSFODNN7EXAMPLEX', 'ABIAIOSFODNN7EXAMPLE'],
  },
]

/** A local vendor double on 127.0.0.1: answers by path, records what it received. */
async function startVendor(
  expectedToken: string,
): Promise<{ server: Server; url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = []
  const server = createServer((request, response) => {
    seen.push(request)
    const bearer = request.headers.authorization === `Bearer ${expectedToken}`
    switch (request.url) {
      case '/check':
        response.writeHead(bearer ? 200 : 401).end('{"ok":true}')
        return
      case '/forbidden':
        response.writeHead(403).end()
        return
      case '/redirect':
        response.writeHead(302, { location: '/check' }).end()
        return
      case '/broken':
        response.writeHead(500).end()
        return
      case '/silent':
        return // never answers
      default:
        response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}`, seen }
}

describe('secret verifiers, without a database', () => {
  it('format checks accept plausible keys of their kind and refuse the rest', async () => {
    for (const { kind, valid, invalid } of FORMAT_CASES) {
      const check = FORMAT_VERIFIERS[kind]!
      for (const value of valid)
        assert.equal((await check(value)).status, 'valid', `${kind} ${value.slice(0, 12)}`)
      for (const value of invalid) {
        const outcome = await check(value)
        assert.equal(outcome.status, 'invalid', `${kind} ${value.slice(0, 12)}`)
        if (value) assert.equal(outcome.reason.includes(value), false, 'the reason never quotes the value')
      }
    }
  })

  it('verify URLs: https, or http to loopback only; no credentials', () => {
    assert.equal(parseVerifyUrl('https://api.example.com/v1/me#frag'), 'https://api.example.com/v1/me')
    assert.equal(parseVerifyUrl('http://127.0.0.1:8080/check'), 'http://127.0.0.1:8080/check')
    for (const [url, detail] of [
      ['https://u:p@api.example.com/', 'verify_url: must not contain credentials'],
      ['https://user@api.example.com/', 'verify_url: must not contain credentials'],
      ['http://api.example.com/', 'verify_url: must be https (http only to loopback)'],
      ['file:///etc/passwd', 'verify_url: must be https (http only to loopback)'],
      ['/relative', 'verify_url: must be an absolute URL'],
      [`https://example.com/${'a'.repeat(2048)}`, 'verify_url: must be at most 2048 characters'],
    ] as const) {
      assert.throws(
        () => parseVerifyUrl(url),
        (error: { code?: string; message?: string }) =>
          error.code === 'VALIDATION_FAILED' && error.message === detail,
        url.slice(0, 40),
      )
    }
  })

  it('a kind with neither a format check nor a verify URL is refused, naming the kind', () => {
    assert.throws(
      () => verifierFor('custom_vendor', null),
      (error: { code?: string; message?: string }) =>
        error.code === 'VALIDATION_FAILED' &&
        error.message?.startsWith('kind: no verifier for custom_vendor') === true,
    )
  })

  it('the HTTP check gives up after its timeout with outcome error', async () => {
    const vendor = await startVendor('irrelevant')
    try {
      const started = Date.now()
      const outcome = await httpVerifier(`${vendor.url}/silent`, { timeoutMs: 200 })('x'.repeat(20))
      assert.deepEqual(outcome, { status: 'error', reason: 'http: no answer within 200 ms' })
      assert.ok(Date.now() - started < 3000)
    } finally {
      vendor.server.closeAllConnections()
      vendor.server.close()
    }
  })

  it('in public mode the HTTP check refuses a loopback verify URL and sends nothing', async () => {
    const vendor = await startVendor('irrelevant')
    try {
      const port = new URL(vendor.url).port
      for (const url of [
        `${vendor.url}/check`,
        `https://127.0.0.1:${port}/check`,
        `https://0x7f.1:${port}/`,
      ]) {
        const outcome = await httpVerifier(url, { requirePublic: true })('x'.repeat(20))
        assert.deepEqual(outcome, {
          status: 'error',
          reason: 'http: verify_url refused by the outbound guard',
        })
      }
      assert.equal(vendor.seen.length, 0)
    } finally {
      vendor.server.close()
    }
  })

  it('a value that cannot be a header is invalid, and nothing is sent', async () => {
    const vendor = await startVendor('irrelevant')
    try {
      const outcome = await httpVerifier(`${vendor.url}/check`)('line one\r\nX-Injected: yes')
      assert.equal(outcome.status, 'invalid')
      assert.equal(vendor.seen.length, 0)
    } finally {
      vendor.server.close()
    }
  })
})

for (const target of DATABASE_TARGETS) {
  describe(`POST /v1/secrets/:kind/verify on ${target.name}`, () => {
    let f: SecretsFixture
    let vendor: Awaited<ReturnType<typeof startVendor>>
    const vendorToken = `vendor-canary-${randomBytes(16).toString('hex')}`
    recordCanary(vendorToken)

    before(async () => {
      f = await openSecretsFixture(target)
      vendor = await startVendor(vendorToken)
    })
    after(async () => {
      vendor.server.closeAllConnections()
      vendor.server.close()
      await f.close()
    })

    async function verify(kind: string) {
      const response = await call(f.http, f.writer, 'POST', `/v1/secrets/${kind}/verify`)
      return { statusCode: response.statusCode, body: response.json(), text: response.body }
    }

    async function listed(kind: string) {
      const items = (await call(f.http, f.writer, 'GET', '/v1/secrets')).json().items
      return items.find((item: { kind: string }) => item.kind === kind)
    }

    it('format checks for the known kinds store valid or invalid, with last_verified_at', async () => {
      for (const { kind, valid, invalid } of FORMAT_CASES) {
        for (const [value, expected] of [
          [valid[0]!, 'valid'],
          [invalid[0]!, 'invalid'],
        ] as const) {
          recordCanary(value)
          assert.equal((await putSecret(f.http, f.writer, kind, { value })).statusCode, 200)
          const result = await verify(kind)
          assert.equal(result.statusCode, 200)
          assert.deepEqual(Object.keys(result.body).sort(), [
            'kind',
            'last_verified_at',
            'reason',
            'verify_status',
          ])
          assert.equal(result.body.verify_status, expected, `${kind} ${expected}`)
          assert.match(result.body.reason, /^format: /)
          assert.equal(result.text.includes(value), false)
          const item = await listed(kind)
          assert.equal(item.verify_status, expected)
          assert.equal(item.last_verified_at, result.body.last_verified_at)
        }
      }
      const audit = await f.testDb.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'secret.verified'",
        [f.orgA.orgId],
      )
      assert.equal(audit.rows[0]!.n, 6)
      const access = await f.testDb.db.query<{ purpose: string; n: number }>(
        'SELECT purpose, count(*)::int AS n FROM secret_access_log WHERE org_id = $1 GROUP BY purpose',
        [f.orgA.orgId],
      )
      assert.deepEqual(access.rows, [{ purpose: 'verify', n: 6 }], 'every verification read is access-logged')
    })

    it('a custom kind without a verify_url is refused with VALIDATION_FAILED naming the kind', async () => {
      await putSecret(f.http, f.writer, 'custom_vendor', { value: vendorToken })
      const result = await verify('custom_vendor')
      assert.equal(result.statusCode, 400)
      assert.equal(result.body.code, 'VALIDATION_FAILED')
      assert.match(result.body.detail, /^kind: no verifier for custom_vendor/)
      assert.equal((await listed('custom_vendor')).verify_status, 'unverified')
    })

    it('the HTTP check: 2xx valid, 401/403 invalid, redirect and 5xx error; redirects are not followed', async () => {
      const cases: [string, string, string][] = [
        ['/check', vendorToken, 'valid'],
        ['/check', `wrong-${vendorToken}`, 'invalid'],
        ['/forbidden', vendorToken, 'invalid'],
        ['/redirect', vendorToken, 'error'],
        ['/broken', vendorToken, 'error'],
      ]
      for (const [path, value, expected] of cases) {
        const hits = vendor.seen.length
        const put = await putSecret(f.http, f.writer, 'custom_vendor', {
          value,
          verify_url: `${vendor.url}${path}`,
        })
        assert.equal(put.statusCode, 200)
        const result = await verify('custom_vendor')
        assert.equal(result.statusCode, 200)
        assert.equal(result.body.verify_status, expected, `${path} → ${expected}`)
        assert.match(result.body.reason, /^http: /)
        assert.equal(result.text.includes(value), false)
        assert.equal(vendor.seen.length, hits + 1, `${path}: exactly one request, no redirect followed`)
        const request = vendor.seen.at(-1)!
        assert.equal(request.method, 'GET')
        assert.equal(request.headers.authorization, `Bearer ${value}`)
        const item = await listed('custom_vendor')
        assert.equal(item.verify_status, expected)
        assert.equal(item.verify_url, `${vendor.url}${path}`)
      }
    })

    it('a known kind with a verify_url runs its format check first and sends nothing when it fails', async () => {
      const hits = vendor.seen.length
      await putSecret(f.http, f.writer, 'openai_key', {
        value: 'not-an-openai-key',
        verify_url: `${vendor.url}/check`,
      })
      assert.equal((await verify('openai_key')).body.verify_status, 'invalid')
      assert.equal(vendor.seen.length, hits, 'nothing sent')
      const plausible = `sk-${alnum(48)}`
      recordCanary(plausible)
      await putSecret(f.http, f.writer, 'openai_key', { value: plausible, verify_url: `${vendor.url}/check` })
      const result = await verify('openai_key')
      assert.equal(result.body.verify_status, 'invalid', 'the vendor double answers 401 to another token')
      assert.equal(result.body.reason, 'http: 401')
      assert.equal(vendor.seen.length, hits + 1)
    })

    it('verify needs secrets:write and answers NOT_FOUND for a missing kind', async () => {
      const refused = await call(f.http, f.resolver, 'POST', '/v1/secrets/custom_vendor/verify')
      assert.equal(refused.json().code, 'INSUFFICIENT_SCOPE')
      assert.equal((await verify('no_such_kind')).body.code, 'NOT_FOUND')
    })

    it('no value reached a log line', () => {
      assert.equal(f.logs.text().includes(vendorToken), false)
    })
  })
}

describe('COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS reaches the secret verifiers', () => {
  it('parses true or false (default false); anything else is CONFIG_INVALID naming the variable', () => {
    assert.equal(loadConfig({}).requirePublicTargets, false)
    assert.equal(loadConfig({ COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: 'true' }).requirePublicTargets, true)
    assert.equal(loadConfig({ COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: 'false' }).requirePublicTargets, false)
    // Empty is unset, as for every other variable: the default (on in production) applies.
    assert.equal(loadConfig({ COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: '' }).requirePublicTargets, false)
    for (const value of ['yes', '1', 'TRUE']) {
      assert.throws(
        () => loadConfig({ COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: value }),
        (error: { code?: string; message?: string }) =>
          error.code === 'CONFIG_INVALID' &&
          error.message === 'COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS must be true or false',
        value,
      )
    }
  })

  it('with requirePublicTargets, verifying a secret whose verify_url is loopback sends nothing', async () => {
    const testDb = await DATABASE_TARGETS[0]!.create()
    const vendor = await startVendor('irrelevant')
    try {
      const coffer = await wireTestCoffer(testDb.db, { config: { requirePublicTargets: true } })
      const { http } = await buildTestServer(coffer)
      try {
        const org = await createOrg(coffer, { slug: 'org-public', actor: 'test' })
        const writer = await scopedToken(http, org, ['secrets:write'])
        const value = `vendor-canary-${randomBytes(16).toString('hex')}`
        recordCanary(value)
        const put = await putSecret(http, writer, 'custom_vendor', {
          value,
          verify_url: `${vendor.url}/check`,
        })
        assert.equal(put.statusCode, 200)
        const result = await call(http, writer, 'POST', '/v1/secrets/custom_vendor/verify')
        assert.equal(result.statusCode, 200)
        assert.equal(result.json().verify_status, 'error')
        assert.equal(result.json().reason, 'http: verify_url refused by the outbound guard')
        assert.equal(vendor.seen.length, 0)
      } finally {
        await http.close()
      }
    } finally {
      vendor.server.close()
      await testDb.drop()
    }
  })
})
