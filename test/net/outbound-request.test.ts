// Stops: SSRF through any outbound request Coffer makes: credentials or odd schemes in URLs,
// plain http or non-public targets in public mode (names and literals, however spelled), DNS
// rebinding between the check and the connection, a name with one private answer among public
// ones, followed redirects, a target that never answers, and error messages that quote the
// URL's query. Every server here listens on 127.0.0.1; other addresses are only classified.
import assert from 'node:assert/strict'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { isCofferError } from '../../src/errors.js'
import { classifyAddress } from '../../src/net/address-policy.js'
import {
  type GuardedRequestOptions,
  guardedRequest,
  type HostResolver,
  MAX_RESPONSE_BODY_BYTES,
} from '../../src/net/outbound-request.js'

const QUERY_CANARY = 'token-canary-5b1f0c'

/** A resolver that must not be called: literals and refused URLs never reach DNS. */
function countingResolver(answers: (call: number) => string[]): { resolve: HostResolver; calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    resolve: async (hostname) => {
      calls.push(hostname)
      return answers(calls.length).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    },
  }
}

/** Awaits `promise`, expecting a CofferError with `code` whose message never quotes the query. */
async function rejectsWith(promise: Promise<unknown>, code: string, label = code): Promise<string> {
  try {
    await promise
  } catch (error) {
    assert.ok(isCofferError(error), `${label}: a CofferError, got ${String(error)}`)
    assert.equal(error.code, code, `${label}: ${error.message}`)
    assert.equal(error.message.includes(QUERY_CANARY), false, `${label}: the message quotes the query`)
    return error.message
  }
  assert.fail(`${label}: expected ${code}, it resolved`)
}

const PLAIN: Omit<GuardedRequestOptions, 'requirePublic'> = { method: 'GET', headers: {}, timeoutMs: 2000 }
const PUBLIC: GuardedRequestOptions = { ...PLAIN, requirePublic: true }

describe('guardedRequest, public mode off (local servers)', () => {
  let server: Server
  let base: string
  const seen: { request: IncomingMessage; body: string }[] = []

  before(async () => {
    server = createHttpServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => {
        body += chunk
      })
      request.on('end', () => {
        seen.push({ request, body })
        const path = request.url?.split('?')[0]
        if (path === '/ok') response.writeHead(200, { 'x-vendor': 'yes' }).end('hello body')
        else if (path === '/redirect') response.writeHead(302, { location: '/ok' }).end()
        else if (path === '/big') response.writeHead(200).end(Buffer.alloc(MAX_RESPONSE_BODY_BYTES * 4, 97))
        else if (path === '/stall-body')
          response.writeHead(200).write('partial') // never ends
        else if (path === '/silent')
          return // never answers
        else response.writeHead(404).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(() => {
    server.closeAllConnections()
    server.close()
  })

  it('sends method, headers, body and the Host of the URL; returns status, headers and the kept body', async () => {
    const response = await guardedRequest(`${base}/ok?q=${QUERY_CANARY}`, {
      ...PLAIN,
      method: 'POST',
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
      body: '{"a":1}',
      requirePublic: false,
      maxBodyBytes: 5,
    })
    assert.equal(response.status, 200)
    assert.equal(response.headers['x-vendor'], 'yes')
    assert.equal(response.body.toString(), 'hello')
    assert.equal(response.bodyComplete, true)
    const { request, body } = seen.at(-1)!
    assert.equal(request.method, 'POST')
    assert.equal(request.url, `/ok?q=${QUERY_CANARY}`)
    assert.equal(request.headers.host, new URL(base).host)
    assert.equal(request.headers.authorization, 'Bearer abc')
    assert.equal(body, '{"a":1}')
  })

  it('keeps no body unless asked', async () => {
    const response = await guardedRequest(`${base}/ok`, { ...PLAIN, requirePublic: false })
    assert.equal(response.body.length, 0)
  })

  it('a header Node refuses to send is VALIDATION_FAILED, and nothing is sent', async () => {
    const hits = seen.length
    await rejectsWith(
      guardedRequest(`${base}/ok`, { ...PLAIN, requirePublic: false, headers: { 'x-a': 'one\r\nx-b: two' } }),
      'VALIDATION_FAILED',
    )
    assert.equal(seen.length, hits)
  })

  it('a redirect is returned, not followed', async () => {
    const hits = seen.length
    const response = await guardedRequest(`${base}/redirect`, { ...PLAIN, requirePublic: false })
    assert.equal(response.status, 302)
    assert.equal(response.headers.location, '/ok')
    assert.equal(seen.length, hits + 1, 'exactly one request: the redirect was not followed')
  })

  it('reads at most 64 KiB of a body, then cuts the connection', async () => {
    const response = await guardedRequest(`${base}/big`, {
      ...PLAIN,
      requirePublic: false,
      maxBodyBytes: 10 * MAX_RESPONSE_BODY_BYTES,
    })
    assert.equal(response.status, 200)
    assert.equal(response.bodyComplete, false)
    assert.equal(response.body.length, MAX_RESPONSE_BODY_BYTES)
  })

  it('the timeout covers the wait for headers and for the body', async () => {
    for (const path of ['/silent', '/stall-body']) {
      const started = Date.now()
      const message = await rejectsWith(
        guardedRequest(`${base}${path}?q=${QUERY_CANARY}`, {
          ...PLAIN,
          requirePublic: false,
          timeoutMs: 200,
        }),
        'UPSTREAM_TIMEOUT',
        path,
      )
      assert.equal(message, 'url: no complete answer from 127.0.0.1 within 200 ms')
      assert.ok(Date.now() - started < 2000, `${path}: gave up in time`)
    }
  })

  it('a refused connection is UPSTREAM_UNREACHABLE', async () => {
    const closed = createTcpServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await rejectsWith(
      guardedRequest(`http://127.0.0.1:${port}/?q=${QUERY_CANARY}`, { ...PLAIN, requirePublic: false }),
      'UPSTREAM_UNREACHABLE',
    )
  })

  it('credentials in the URL and schemes other than http(s) are refused in every mode, before any connection', async () => {
    const hits = seen.length
    const port = new URL(base).port
    for (const requirePublic of [false, true]) {
      for (const [url, message] of [
        [`http://user:pass@127.0.0.1:${port}/ok`, 'url: must not contain credentials'],
        [`http://user@127.0.0.1:${port}/ok`, 'url: must not contain credentials'],
        [`https://:pass@example.com/?q=${QUERY_CANARY}`, 'url: must not contain credentials'],
        ['file:///etc/passwd', 'url: scheme must be http or https'],
        ['ftp://127.0.0.1/', 'url: scheme must be http or https'],
        ['gopher://127.0.0.1:6379/_INFO', 'url: scheme must be http or https'],
        ['/relative', 'url: must be an absolute URL'],
      ] as const) {
        const { resolve, calls } = countingResolver(() => ['127.0.0.1'])
        const got = await rejectsWith(
          guardedRequest(url, { ...PLAIN, requirePublic, resolve }),
          'UNSAFE_URL',
          url,
        )
        assert.equal(got, message, url)
        assert.equal(calls.length, 0)
      }
    }
    assert.equal(seen.length, hits, 'nothing reached the server')
  })
})

describe('guardedRequest, public mode', () => {
  /** A TCP listener on 127.0.0.1 that records each connection's first bytes (a TLS ClientHello), then hangs up. */
  let listener: ReturnType<typeof createTcpServer>
  let port: number
  const connections: { localAddress: string; hello: Buffer }[] = []

  before(async () => {
    listener = createTcpServer((socket: Socket) => {
      socket.once('data', (hello: Buffer) => {
        connections.push({ localAddress: socket.localAddress ?? '', hello })
        socket.destroy()
      })
    })
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    port = (listener.address() as AddressInfo).port
  })
  after(() => {
    listener.close()
  })

  it('plain http is refused, to any host', async () => {
    for (const url of ['http://example.com/', `http://127.0.0.1:${port}/`]) {
      const { resolve, calls } = countingResolver(() => ['93.184.215.14'])
      const message = await rejectsWith(guardedRequest(url, { ...PUBLIC, resolve }), 'UNSAFE_URL', url)
      assert.equal(message, 'url: must be https (only public https targets are allowed)')
      assert.equal(calls.length, 0)
    }
  })

  it('loopback, private and metadata literals are refused however they are spelled, without DNS', async () => {
    const hits = connections.length
    for (const [url, range] of [
      [`https://127.0.0.1:${port}/`, 'loopback 127.0.0.0/8'],
      [`https://0x7f.1:${port}/`, 'loopback 127.0.0.0/8'],
      [`https://2130706433:${port}/`, 'loopback 127.0.0.0/8'],
      [`https://017700000001:${port}/`, 'loopback 127.0.0.0/8'],
      [`https://127.1:${port}/`, 'loopback 127.0.0.0/8'],
      [`https://0:${port}/`, '0.0.0.0/8'],
      [`https://[::1]:${port}/`, 'loopback ::1/128'],
      [`https://[::ffff:127.0.0.1]:${port}/`, 'IPv4-mapped ::ffff:0:0/96 of loopback'],
      [`https://[::7f00:1]:${port}/`, 'IPv4-compatible ::/96 of loopback'],
      [`https://[64:ff9b::7f00:1]:${port}/`, 'NAT64 64:ff9b::/96 of loopback'],
      [`https://[2002:7f00:1::]:${port}/`, '6to4 2002::/16 of loopback'],
      [`https://169.254.169.254/latest/meta-data/?q=${QUERY_CANARY}`, 'link-local 169.254.0.0/16'],
      ['https://0xa9fea9fe/latest/meta-data/', 'link-local 169.254.0.0/16'],
      ['https://[::ffff:a9fe:a9fe]/', 'IPv4-mapped ::ffff:0:0/96 of link-local'],
      ['https://10.0.0.1/', 'private 10.0.0.0/8'],
      ['https://192.168.1.1/', 'private 192.168.0.0/16'],
      ['https://100.64.0.1/', 'CGNAT'],
      ['https://[fd00::1]/', 'unique local fc00::/7'],
      ['https://[fe80::1]/', 'link-local fe80::/10'],
    ] as const) {
      const { resolve, calls } = countingResolver(() => ['93.184.215.14'])
      const message = await rejectsWith(guardedRequest(url, { ...PUBLIC, resolve }), 'UNSAFE_URL', url)
      assert.match(message, /^url: host \S+ is a non-public address \(/, url)
      assert.ok(message.includes(range), `${url}: ${message}`)
      assert.equal(calls.length, 0, `${url}: a literal needs no DNS`)
    }
    assert.equal(connections.length, hits, 'no connection was made')
  })

  it('a name that resolves to loopback is refused (system resolver, /etc/hosts)', async () => {
    const message = await rejectsWith(guardedRequest(`https://localhost:${port}/`, PUBLIC), 'UNSAFE_URL')
    assert.match(message, /^url: host localhost resolves to a non-public address \(loopback/)
  })

  it('a name with any refused answer is refused, wherever that answer is in the list', async () => {
    const hits = connections.length
    for (const answers of [
      ['93.184.215.14', '10.0.0.1'],
      ['10.0.0.1', '93.184.215.14'],
      ['2606:4700:4700::1111', '93.184.215.14', '::ffff:169.254.169.254'],
    ]) {
      const { resolve, calls } = countingResolver(() => answers)
      const message = await rejectsWith(
        guardedRequest(`https://vendor.test/check?q=${QUERY_CANARY}`, { ...PUBLIC, resolve }),
        'UNSAFE_URL',
        answers.join(','),
      )
      assert.match(message, /^url: host vendor\.test resolves to a non-public address \(/)
      assert.equal(calls.length, 1)
    }
    assert.equal(connections.length, hits, 'no connection was made')
  })

  it('the host is resolved once and the connection goes to the checked address (no rebinding)', async () => {
    // The test policy treats 127.0.0.1 as public and everything else as refused; the resolver
    // answers 127.0.0.1 first and 127.0.0.2 on any later lookup. A second lookup at connect time
    // would reach 127.0.0.2 (or fail on the unresolvable name), never this listener.
    const { resolve, calls } = countingResolver((call) => [call === 1 ? '127.0.0.1' : '127.0.0.2'])
    const classify = (address: string) =>
      address === '127.0.0.1' ? ({ allowed: true } as const) : classifyAddress(address)
    const hits = connections.length
    await rejectsWith(
      guardedRequest(`https://vendor.test:${port}/check?q=${QUERY_CANARY}`, { ...PUBLIC, resolve, classify }),
      'UPSTREAM_UNREACHABLE',
      'the listener hangs up after the ClientHello',
    )
    assert.deepEqual(calls, ['vendor.test'], 'exactly one lookup')
    assert.equal(connections.length, hits + 1, 'one connection, to the checked address')
    const { localAddress, hello } = connections.at(-1)!
    assert.equal(localAddress, '127.0.0.1')
    assert.equal(hello[0], 0x16, 'a TLS handshake')
    assert.ok(hello.includes(Buffer.from('vendor.test')), 'SNI carries the host name, not the address')
  })

  it('a literal allowed by the policy is connected to as is, without SNI', async () => {
    const { resolve, calls } = countingResolver(() => ['127.0.0.2'])
    const classify = (address: string) =>
      address === '127.0.0.1' ? ({ allowed: true } as const) : classifyAddress(address)
    const hits = connections.length
    await rejectsWith(
      guardedRequest(`https://2130706433:${port}/`, { ...PUBLIC, resolve, classify }),
      'UPSTREAM_UNREACHABLE',
    )
    assert.equal(calls.length, 0)
    assert.equal(connections.length, hits + 1)
    assert.equal(connections.at(-1)!.hello.includes(Buffer.from('127.0.0.1')), false, 'no IP in SNI')
  })

  it('resolution counts against the timeout; a failed or empty resolution is UPSTREAM_UNREACHABLE', async () => {
    const hanging: HostResolver = () => new Promise(() => undefined)
    await rejectsWith(
      guardedRequest('https://vendor.test/', { ...PUBLIC, resolve: hanging, timeoutMs: 100 }),
      'UPSTREAM_TIMEOUT',
    )
    const failing: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND vendor.test'), { code: 'ENOTFOUND' })
    }
    for (const resolve of [failing, async () => []]) {
      const message = await rejectsWith(
        guardedRequest(`https://vendor.test/?q=${QUERY_CANARY}`, { ...PUBLIC, resolve }),
        'UPSTREAM_UNREACHABLE',
      )
      assert.equal(message, 'url: host vendor.test did not resolve')
    }
  })
})
