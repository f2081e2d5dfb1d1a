/**
 * Which IP addresses an outbound request may connect to when only public targets are allowed.
 *
 * Pure: no DNS, no sockets. The tables follow the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (plus multicast, RFC 5771 / RFC 4291): every range whose "globally reachable" is
 * false, and a few reserved or deprecated ones. IPv6 outside 2000::/3 (global unicast) is refused
 * unless it embeds an IPv4 address, and every IPv6 form that embeds an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo) is judged by that IPv4 address, so `[::ffff:127.0.0.1]` or
 * `[2002:7f00:1::]` cannot reach what `127.0.0.1` may not.
 */
import { isIP } from 'node:net'

/** The verdict on one address: allowed, or refused naming the range it falls in. */
export type AddressVerdict = { allowed: true } | { allowed: false; range: string }

interface NamedRange {
  cidr: string
  name: string
}

interface ParsedRange {
  base: bigint
  length: number
  name: string
}

/** IPv4 ranges refused in public mode; more specific ranges first so the name is the precise one. */
const IPV4_REFUSED: readonly NamedRange[] = [
  { cidr: '0.0.0.0/8', name: '"this network" 0.0.0.0/8' },
  { cidr: '10.0.0.0/8', name: 'private 10.0.0.0/8 (RFC 1918)' },
  { cidr: '100.64.0.0/10', name: 'shared address space (CGNAT) 100.64.0.0/10' },
  { cidr: '127.0.0.0/8', name: 'loopback 127.0.0.0/8' },
  { cidr: '169.254.0.0/16', name: 'link-local 169.254.0.0/16 (cloud metadata)' },
  { cidr: '172.16.0.0/12', name: 'private 172.16.0.0/12 (RFC 1918)' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments 192.0.0.0/24' },
  { cidr: '192.0.2.0/24', name: 'documentation (TEST-NET-1) 192.0.2.0/24' },
  { cidr: '192.88.99.0/24', name: 'deprecated 6to4 relay anycast 192.88.99.0/24' },
  { cidr: '192.168.0.0/16', name: 'private 192.168.0.0/16 (RFC 1918)' },
  { cidr: '198.18.0.0/15', name: 'benchmarking 198.18.0.0/15' },
  { cidr: '198.51.100.0/24', name: 'documentation (TEST-NET-2) 198.51.100.0/24' },
  { cidr: '203.0.113.0/24', name: 'documentation (TEST-NET-3) 203.0.113.0/24' },
  { cidr: '224.0.0.0/4', name: 'multicast 224.0.0.0/4' },
  { cidr: '255.255.255.255/32', name: 'limited broadcast 255.255.255.255' },
  { cidr: '240.0.0.0/4', name: 'reserved 240.0.0.0/4' },
]

/** IPv6 ranges refused in public mode that embed no IPv4 address. */
const IPV6_REFUSED: readonly NamedRange[] = [
  { cidr: '::/128', name: 'unspecified ::/128' },
  { cidr: '::1/128', name: 'loopback ::1/128' },
  { cidr: '100::/64', name: 'discard-only 100::/64' },
  { cidr: '2001:2::/48', name: 'benchmarking 2001:2::/48' },
  { cidr: '2001:10::/28', name: 'deprecated ORCHID 2001:10::/28' },
  { cidr: '2001:db8::/32', name: 'documentation 2001:db8::/32' },
  { cidr: '3fff::/20', name: 'documentation 3fff::/20' },
  { cidr: '5f00::/16', name: 'SRv6 SIDs 5f00::/16' },
  { cidr: 'fc00::/7', name: 'unique local fc00::/7' },
  { cidr: 'fe80::/10', name: 'link-local fe80::/10' },
  { cidr: 'fec0::/10', name: 'deprecated site-local fec0::/10' },
  { cidr: 'ff00::/8', name: 'multicast ff00::/8' },
]

/** Global unicast: IPv6 outside it (and outside the embeddings) is reserved or special. */
const IPV6_GLOBAL_UNICAST = parseRange({ cidr: '2000::/3', name: 'global unicast 2000::/3' })

/** An IPv6 form that carries IPv4 addresses, and how to read them out. */
interface Embedding {
  range: ParsedRange
  /** Each candidate IPv4 address inside the IPv6 one; refused if any of them is refused. */
  extract: (address: bigint) => number[]
}

const low32 = (address: bigint, shift: number) => Number((address >> BigInt(shift)) & 0xffffffffn)

/** Every IPv6 form that embeds an IPv4 address. `::/128` and `::1/128` are matched before these. */
const IPV6_EMBEDDINGS: readonly Embedding[] = [
  {
    range: parseRange({ cidr: '::ffff:0:0/96', name: 'IPv4-mapped ::ffff:0:0/96' }),
    extract: (a) => [low32(a, 0)],
  },
  { range: parseRange({ cidr: '::/96', name: 'IPv4-compatible ::/96' }), extract: (a) => [low32(a, 0)] },
  { range: parseRange({ cidr: '64:ff9b::/96', name: 'NAT64 64:ff9b::/96' }), extract: (a) => [low32(a, 0)] },
  // RFC 8215 local-use NAT64: read as a /96 sub-prefix, the IPv4 address in the last 32 bits.
  {
    range: parseRange({ cidr: '64:ff9b:1::/48', name: 'local-use NAT64 64:ff9b:1::/48' }),
    extract: (a) => [low32(a, 0)],
  },
  // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD in bits 16-47.
  { range: parseRange({ cidr: '2002::/16', name: '6to4 2002::/16' }), extract: (a) => [low32(a, 80)] },
  // Teredo: the server in bits 32-63, the client (bits 96-127) stored inverted.
  {
    range: parseRange({ cidr: '2001::/32', name: 'Teredo 2001::/32' }),
    extract: (a) => [low32(a, 64), (low32(a, 0) ^ 0xffffffff) >>> 0],
  },
]

const IPV4_TABLE = IPV4_REFUSED.map(parseRange)
const IPV6_TABLE = IPV6_REFUSED.map(parseRange)

/**
 * Classifies one IP address (dotted IPv4, or IPv6 with or without a zone id and without
 * brackets) for public mode. Anything that is not an IP address is refused.
 */
export function classifyAddress(address: string): AddressVerdict {
  const unzoned = address.replace(/%.*$/, '')
  switch (isIP(unzoned)) {
    case 4:
      return classifyIPv4(Number(ipToBigInt(unzoned)))
    case 6:
      return classifyIPv6(ipToBigInt(unzoned))
    default:
      return { allowed: false, range: 'not an IP address' }
  }
}

function classifyIPv4(address: number): AddressVerdict {
  const range = IPV4_TABLE.find((r) => inRange(BigInt(address), 32, r))
  return range ? { allowed: false, range: range.name } : { allowed: true }
}

function classifyIPv6(address: bigint): AddressVerdict {
  const special = IPV6_TABLE.find((r) => inRange(address, 128, r))
  if (special) return { allowed: false, range: special.name }
  const embedding = IPV6_EMBEDDINGS.find((e) => inRange(address, 128, e.range))
  if (embedding) {
    for (const ipv4 of embedding.extract(address)) {
      const verdict = classifyIPv4(ipv4)
      if (!verdict.allowed) return { allowed: false, range: `${embedding.range.name} of ${verdict.range}` }
    }
    return { allowed: true }
  }
  if (!inRange(address, 128, IPV6_GLOBAL_UNICAST)) {
    return { allowed: false, range: 'reserved IPv6 outside global unicast 2000::/3' }
  }
  return { allowed: true }
}

function inRange(address: bigint, bits: 32 | 128, range: ParsedRange): boolean {
  const shift = BigInt(bits - range.length)
  return address >> shift === range.base >> shift
}

function parseRange({ cidr, name }: NamedRange): ParsedRange {
  const [ip, length] = cidr.split('/') as [string, string]
  return { base: ipToBigInt(ip), length: Number(length), name }
}

/** An IPv4 or IPv6 address (already checked by `isIP`) as an unsigned integer of 32 or 128 bits. */
function ipToBigInt(ip: string): bigint {
  if (isIP(ip) === 4) {
    return ip.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n)
  }
  let text = ip
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const v4 = ipToBigInt(dotted[1]!)
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined]
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = tail === undefined ? [] : Array(8 - headGroups.length - tailGroups.length).fill('0')
  return [...headGroups, ...zeros, ...tailGroups].reduce(
    (acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)),
    0n,
  )
}
