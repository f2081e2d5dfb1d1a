// Stops: a client escaping its per-IP limit (or pinning someone else's) by writing X-Forwarded-For,
// or by rotating through the addresses of its IPv6 /64; and a proxy setting that trusts more than
// the operator meant (hop counts, /0, typos).
import assert from 'node:assert/strict'
import { isIP } from 'node:net'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isCofferError } from '../../../src/errors.js'
import {
  NO_TRUSTED_PROXIES,
  normalizeIp,
  parseTrustedProxies,
  rateLimitBucketOf,
  resolveClientIp,
} from '../../../src/http/rate-limit/client-ip.js'

describe('client IP: X-Forwarded-For is ignored unless its hops come from trusted proxies', () => {
  it('with no trusted proxies (the default), a forged X-Forwarded-For is ignored', () => {
    for (const trusted of [NO_TRUSTED_PROXIES, parseTrustedProxies(undefined), parseTrustedProxies('  ')]) {
      assert.equal(resolveClientIp('203.0.113.9', '198.51.100.1', trusted), '203.0.113.9')
      assert.equal(resolveClientIp('203.0.113.9', ['1.1.1.1', '2.2.2.2'], trusted), '203.0.113.9')
      assert.equal(resolveClientIp('127.0.0.1', '198.51.100.1', trusted), '127.0.0.1')
    }
  })

  it('a request that does not come from a trusted proxy keeps its socket address', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8')
    assert.equal(resolveClientIp('203.0.113.9', '198.51.100.1', trusted), '203.0.113.9')
  })

  it('behind trusted proxies (addresses and CIDRs, v4 and v6), the first untrusted hop from the right is the client', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.7,fd00::/8 , 2001:db8::53')
    assert.deepEqual(trusted.entries, ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '2001:db8::53'])
    assert.equal(resolveClientIp('10.1.2.3', '198.51.100.1', trusted), '198.51.100.1')
    assert.equal(resolveClientIp('192.168.1.7', '198.51.100.1, 10.9.9.9', trusted), '198.51.100.1')
    assert.equal(resolveClientIp('fd12::1', '2001:db8:1::9, 2001:db8::53', trusted), '2001:db8:1::9')
    assert.equal(resolveClientIp('2001:db8::53', ['198.51.100.1', '10.0.0.2'], trusted), '198.51.100.1')
    // 192.168.1.8 is not the trusted 192.168.1.7: it is the client, whatever it forwarded.
    assert.equal(resolveClientIp('10.0.0.1', '198.51.100.1, 192.168.1.8', trusted), '192.168.1.8')
  })

  it('a client that prepends fake hops cannot choose its address: the rightmost untrusted one wins', () => {
    const trusted = parseTrustedProxies('10.0.0.1')
    // The client sent "X-Forwarded-For: 1.2.3.4, 10.0.0.1"; the proxy appended the real peer.
    assert.equal(resolveClientIp('10.0.0.1', '1.2.3.4, 10.0.0.1, 198.51.100.1', trusted), '198.51.100.1')
    assert.equal(resolveClientIp('10.0.0.1', ['1.2.3.4', '198.51.100.1'], trusted), '198.51.100.1')
  })

  it('a malformed hop stops the walk at the last address known good', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8')
    assert.equal(resolveClientIp('10.0.0.1', '198.51.100.1, not-an-ip', trusted), '10.0.0.1')
    assert.equal(resolveClientIp('10.0.0.1', 'not-an-ip, 10.0.0.2', trusted), '10.0.0.2')
    assert.equal(resolveClientIp('10.0.0.1', '198.51.100.1:4711', trusted), '10.0.0.1')
    assert.equal(resolveClientIp('10.0.0.1', '', trusted), '10.0.0.1')
    // Every hop trusted: the leftmost is the best there is.
    assert.equal(resolveClientIp('10.0.0.1', '10.0.0.3, 10.0.0.2', trusted), '10.0.0.3')
  })

  it('IPv4-mapped IPv6 addresses are IPv4, for the socket, the hops and the proxy list', () => {
    const trusted = parseTrustedProxies('10.0.0.1, ::ffff:10.1.0.0/112')
    assert.deepEqual(trusted.entries, ['10.0.0.1', '10.1.0.0/16'])
    assert.equal(resolveClientIp('::ffff:203.0.113.9', undefined, NO_TRUSTED_PROXIES), '203.0.113.9')
    assert.equal(resolveClientIp('::ffff:10.0.0.1', '::ffff:198.51.100.1', trusted), '198.51.100.1')
    assert.equal(resolveClientIp('::ffff:a01:203', '198.51.100.1', trusted), '198.51.100.1')
    assert.equal(normalizeIp('::FFFF:c633:6401'), '198.51.100.1')
  })
})

describe('rate-limit buckets: IPv6 clients share their /64', () => {
  it('two addresses in one /64 share a bucket; different /64s do not', () => {
    const a = rateLimitBucketOf('2001:db8:1:2::1')
    assert.equal(a, '2001:db8:1:2::/64')
    assert.equal(rateLimitBucketOf('2001:0DB8:0001:0002:ffff:ffff:ffff:fffe'), a)
    assert.equal(rateLimitBucketOf('2001:db8:1:2:dead:beef::%eth0'), a)
    assert.notEqual(rateLimitBucketOf('2001:db8:1:3::1'), a)
    assert.equal(rateLimitBucketOf('2001:db8::1'), '2001:db8::/64')
    assert.equal(rateLimitBucketOf('::1'), '::/64')
  })

  it('IPv4 addresses, mapped or not, are their own bucket', () => {
    assert.equal(rateLimitBucketOf('203.0.113.9'), '203.0.113.9')
    assert.equal(rateLimitBucketOf('::ffff:203.0.113.9'), '203.0.113.9')
    assert.notEqual(rateLimitBucketOf('203.0.113.10'), rateLimitBucketOf('203.0.113.9'))
  })
})

describe('address parsing holds for any input', () => {
  it('any IP comes back normalised, idempotently, and keeps its /64 bucket', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (ip) => {
        const normal = normalizeIp(ip)
        if (isIP(ip) === 0) return normal === null
        assert.ok(normal !== null && isIP(normal) !== 0, ip)
        assert.equal(normalizeIp(normal), normal)
        assert.equal(rateLimitBucketOf(normal), rateLimitBucketOf(ip))
        return true
      }),
    )
  })

  it('no X-Forwarded-For value makes resolving throw, or lets an untrusted peer choose its address', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8')
    fc.assert(
      fc.property(fc.string(), (header) => {
        const client = resolveClientIp('10.0.0.1', header, trusted)
        assert.ok(client === '10.0.0.1' || isIP(client) !== 0)
        assert.equal(resolveClientIp('203.0.113.9', header, trusted), '203.0.113.9')
      }),
    )
  })
})

describe('COFFER_TRUST_PROXY: refused unless it names proxies exactly', () => {
  const refusal = (spec: string, entry: number, reason: RegExp) => () =>
    assert.throws(
      () => parseTrustedProxies(spec),
      (error) => {
        assert.ok(isCofferError(error, 'CONFIG_INVALID'))
        assert.match(error.message, new RegExp(`^COFFER_TRUST_PROXY: entry ${entry} `))
        assert.match(error.message, reason)
        return true
      },
    )

  it('refuses a hop count ("2"): name the proxies, not how many there are', refusal('2', 1, /hop count/))
  it('refuses a hop count among addresses', refusal('10.0.0.1, 1', 2, /hop count/))
  it('refuses keywords and host names', refusal('10.0.0.1,loopback', 2, /not an IPv4\/IPv6 address/))
  it('refuses a malformed address', refusal('10.0.0.256', 1, /not an IPv4\/IPv6 address/))
  it('refuses an empty entry', refusal('10.0.0.1,,10.0.0.2', 2, /is empty/))
  it('refuses a prefix that is not a number', refusal('10.0.0.0/x', 1, /prefix length/))
  it('refuses an IPv4 prefix over 32', refusal('10.0.0.0/33', 1, /outside 1-32/))
  it('refuses an IPv6 prefix over 128', refusal('fd00::/129', 1, /outside 1-128/))
  it('refuses two slashes', refusal('10.0.0.0/8/8', 1, /not an IPv4\/IPv6 address/))
  it('refuses /0, which trusts everyone', refusal('0.0.0.0/0', 1, /every address/))
  it('refuses ::/0 too', refusal('::/0', 1, /every address/))
  it('does not echo the entry back (messages name the parameter, not the value)', () => {
    assert.throws(
      () => parseTrustedProxies('10.0.0.1, secret-looking-value'),
      (error) => error instanceof Error && !error.message.includes('secret-looking-value'),
    )
  })
})
