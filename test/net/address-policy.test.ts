// Stops: an outbound request in public mode reaching loopback, private, link-local (cloud
// metadata), CGNAT, multicast, documentation, benchmarking or other special-purpose addresses,
// directly or through an IPv6 form that embeds such an IPv4 address; and over-blocking of the
// public addresses just outside each range.
// Ranges: IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 5771, RFC 4291, RFC 6052,
// RFC 8215, RFC 3056 (6to4), RFC 4380 (Teredo), RFC 9637 (3fff::/20).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyAddress } from '../../src/net/address-policy.js'

/** An address and the range it must be refused in (a substring of the name), or `null` for allowed. */
type Case = [address: string, refusedIn: string | null]

const IPV4: Case[] = [
  ['0.0.0.0', '0.0.0.0/8'],
  ['0.255.255.255', '0.0.0.0/8'],
  ['1.0.0.0', null],
  ['9.255.255.255', null],
  ['10.0.0.0', '10.0.0.0/8'],
  ['10.255.255.255', '10.0.0.0/8'],
  ['11.0.0.0', null],
  ['100.63.255.255', null],
  ['100.64.0.0', '100.64.0.0/10'],
  ['100.127.255.255', '100.64.0.0/10'],
  ['100.128.0.0', null],
  ['126.255.255.255', null],
  ['127.0.0.1', '127.0.0.0/8'],
  ['127.255.255.255', '127.0.0.0/8'],
  ['128.0.0.0', null],
  ['169.253.255.255', null],
  ['169.254.0.0', '169.254.0.0/16'],
  ['169.254.169.254', '169.254.0.0/16'],
  ['169.255.0.0', null],
  ['172.15.255.255', null],
  ['172.16.0.0', '172.16.0.0/12'],
  ['172.31.255.255', '172.16.0.0/12'],
  ['172.32.0.0', null],
  ['191.255.255.255', null],
  ['192.0.0.0', '192.0.0.0/24'],
  ['192.0.0.255', '192.0.0.0/24'],
  ['192.0.1.0', null],
  ['192.0.2.0', '192.0.2.0/24'],
  ['192.0.2.255', '192.0.2.0/24'],
  ['192.0.3.0', null],
  ['192.88.99.1', '192.88.99.0/24'],
  ['192.167.255.255', null],
  ['192.168.0.0', '192.168.0.0/16'],
  ['192.168.255.255', '192.168.0.0/16'],
  ['192.169.0.0', null],
  ['198.17.255.255', null],
  ['198.18.0.0', '198.18.0.0/15'],
  ['198.19.255.255', '198.18.0.0/15'],
  ['198.20.0.0', null],
  ['198.51.99.255', null],
  ['198.51.100.0', '198.51.100.0/24'],
  ['198.51.100.255', '198.51.100.0/24'],
  ['198.51.101.0', null],
  ['203.0.112.255', null],
  ['203.0.113.0', '203.0.113.0/24'],
  ['203.0.113.255', '203.0.113.0/24'],
  ['203.0.114.0', null],
  ['223.255.255.255', null],
  ['224.0.0.0', '224.0.0.0/4'],
  ['239.255.255.255', '224.0.0.0/4'],
  ['240.0.0.0', '240.0.0.0/4'],
  ['255.255.255.254', '240.0.0.0/4'],
  ['255.255.255.255', '255.255.255.255'],
  ['1.1.1.1', null],
  ['8.8.8.8', null],
  ['93.184.215.14', null],
]

const IPV6: Case[] = [
  ['::', '::/128'],
  ['::1', '::1/128'],
  ['0:0:0:0:0:0:0:1', '::1/128'],
  ['100::', '100::/64'],
  ['100::ffff:ffff:ffff:ffff', '100::/64'],
  ['100:0:0:1::', '2000::/3'],
  ['2001:2::', '2001:2::/48'],
  ['2001:2:0:ffff::1', '2001:2::/48'],
  ['2001:2:1::', null],
  ['2001:10::1', '2001:10::/28'],
  ['2001:db8::', '2001:db8::/32'],
  ['2001:db8:ffff:ffff::1', '2001:db8::/32'],
  ['2001:db9::', null],
  ['2001:db7:ffff::1', null],
  ['3fff::', '3fff::/20'],
  ['3fff:fff:ffff::1', '3fff::/20'],
  ['3fff:1000::', null],
  ['3ffe:ffff::1', null],
  ['5f00::1', '5f00::/16'],
  ['fc00::', 'fc00::/7'],
  ['fd12:3456:789a::1', 'fc00::/7'],
  ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fc00::/7'],
  ['fe80::', 'fe80::/10'],
  ['fe80::1%eth0', 'fe80::/10'],
  ['febf:ffff::1', 'fe80::/10'],
  ['fec0::1', 'fec0::/10'],
  ['ff00::', 'ff00::/8'],
  ['ff02::1', 'ff00::/8'],
  ['4000::1', '2000::/3'],
  ['1fff:ffff::1', '2000::/3'],
  ['2000::1', null],
  ['3fff:ffff::1', null],
  ['2606:4700:4700::1111', null],
  ['2001:4860:4860::8888', null],
]

/** Each IPv6 form that carries an IPv4 address, with a refused and a public one inside. */
const EMBEDDINGS: Case[] = [
  // IPv4-mapped ::ffff:0:0/96
  ['::ffff:127.0.0.1', 'IPv4-mapped ::ffff:0:0/96 of loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped ::ffff:0:0/96 of loopback'],
  ['::ffff:169.254.169.254', 'IPv4-mapped ::ffff:0:0/96 of link-local'],
  ['::ffff:10.1.2.3', 'IPv4-mapped ::ffff:0:0/96 of private 10.0.0.0/8'],
  ['::ffff:0.0.0.0', 'IPv4-mapped ::ffff:0:0/96 of "this network"'],
  ['::ffff:8.8.8.8', null],
  // IPv4-compatible ::/96 (deprecated)
  ['::7f00:1', 'IPv4-compatible ::/96 of loopback'],
  ['::127.0.0.1', 'IPv4-compatible ::/96 of loopback'],
  ['::a9fe:a9fe', 'IPv4-compatible ::/96 of link-local'],
  ['::2', 'IPv4-compatible ::/96 of "this network"'],
  ['::808:808', null],
  // NAT64 well-known 64:ff9b::/96 and local-use 64:ff9b:1::/48 (read as a /96)
  ['64:ff9b::7f00:1', 'NAT64 64:ff9b::/96 of loopback'],
  ['64:ff9b::192.168.1.1', 'NAT64 64:ff9b::/96 of private 192.168.0.0/16'],
  ['64:ff9b::808:808', null],
  ['64:ff9b:1::a9fe:a9fe', 'local-use NAT64 64:ff9b:1::/48 of link-local'],
  ['64:ff9b:1:2::a00:1', 'local-use NAT64 64:ff9b:1::/48 of private 10.0.0.0/8'],
  ['64:ff9b:1::808:808', null],
  // 6to4 2002::/16: IPv4 in bits 16-47
  ['2002:7f00:1::', '6to4 2002::/16 of loopback'],
  ['2002:a9fe:a9fe::1', '6to4 2002::/16 of link-local'],
  ['2002:c0a8:101:1::1', '6to4 2002::/16 of private 192.168.0.0/16'],
  ['2002:808:808::1', null],
  // Teredo 2001::/32: server in bits 32-63, client in bits 96-127 inverted
  ['2001:0:7f00:1::', 'Teredo 2001::/32 of loopback'],
  ['2001:0:808:808::80ff:fffe', 'Teredo 2001::/32 of loopback'],
  // RFC 4380's example: server 65.54.227.120, client 192.0.2.45 (TEST-NET-1).
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo 2001::/32 of documentation (TEST-NET-1)'],
  ['2001:0:808:808:0:0:f5f5:5656', 'Teredo 2001::/32 of private 10.0.0.0/8'],
  ['2001:0:808:808::f7f7:f7f7', null],
]

function check(cases: Case[]) {
  for (const [address, refusedIn] of cases) {
    const verdict = classifyAddress(address)
    if (refusedIn === null) {
      assert.deepEqual(verdict, { allowed: true }, `${address} should be allowed`)
    } else {
      assert.equal(verdict.allowed, false, `${address} should be refused (${refusedIn})`)
      if (!verdict.allowed) assert.ok(verdict.range.includes(refusedIn), `${address}: ${verdict.range}`)
    }
  }
}

describe('address policy for public mode', () => {
  it('IPv4: every special-purpose range is refused; the addresses just outside are allowed', () => {
    check(IPV4)
  })

  it('IPv6: every special-purpose range is refused; the addresses just outside are allowed', () => {
    check(IPV6)
  })

  it('IPv6 forms embedding IPv4 are judged by the embedded address', () => {
    check(EMBEDDINGS)
  })

  it('anything that is not an IP address is refused', () => {
    for (const input of ['', 'localhost', '127.1', '0x7f.0.0.1', '2130706433', '[::1]', '1.2.3.4.5', '::g']) {
      assert.deepEqual(classifyAddress(input), { allowed: false, range: 'not an IP address' }, input)
    }
  })
})
