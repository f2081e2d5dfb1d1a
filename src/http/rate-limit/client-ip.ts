import { BlockList, isIP } from 'node:net'
import { CofferError } from '../../errors.js'

/**
 * The client address a per-IP limit counts against.
 *
 * By default it is the socket's peer address and `X-Forwarded-For` is ignored: anyone can write
 * that header. Behind proxies, `COFFER_TRUST_PROXY` lists them by address or CIDR (never by hop
 * count, which silently trusts whatever stands at that depth); the header is then read from the
 * right, hop by hop, for as long as the hop that added it is trusted. The first untrusted
 * address is the client, so a client that writes fake hops on the left cannot choose its address.
 */

/** The proxies whose `X-Forwarded-For` hops are believed. */
export interface TrustedProxies {
  /** The entries as configured, normalised (for the start-up log). */
  readonly entries: readonly string[]
  /** True when `address` (a normalised IP, as `normalizeIp` returns it) is a trusted proxy. */
  includes(address: string): boolean
}

/** No proxy is trusted: the socket address is the client. */
export const NO_TRUSTED_PROXIES: TrustedProxies = { entries: [], includes: () => false }

const PREFIX_LENGTH = /^\d{1,3}$/

/**
 * Parses `COFFER_TRUST_PROXY`: comma-separated IPv4/IPv6 addresses and CIDRs, e.g.
 * `10.0.0.0/8, 192.168.1.7, fd00::/8`. Empty or unset trusts no proxy.
 * @throws CONFIG_INVALID naming the position of an entry that is empty, a hop count, not an
 *   address or CIDR, or `/0` (which would let any client choose its address).
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  if (spec === undefined || spec.trim() === '') return NO_TRUSTED_PROXIES
  const list = new BlockList()
  const entries = spec.split(',').map((raw, index) => {
    const fail = (why: string): never => {
      throw new CofferError('CONFIG_INVALID', `COFFER_TRUST_PROXY: entry ${index + 1} ${why}`)
    }
    const entry = raw.trim()
    if (entry === '') return fail('is empty')
    if (/^\d+$/.test(entry)) return fail('is a hop count; name the proxies by address or CIDR instead')
    const [addressText = '', prefixText, ...extra] = entry.split('/')
    const address = normalizeIp(addressText)
    if (address === null || extra.length > 0) return fail('is not an IPv4/IPv6 address or CIDR')
    const family = isIP(address) === 4 ? 'ipv4' : 'ipv6'
    if (prefixText === undefined) {
      list.addAddress(address, family)
      return address
    }
    if (!PREFIX_LENGTH.test(prefixText)) return fail('has a prefix length that is not a number')
    // An IPv4-mapped range (::ffff:10.0.0.0/104) is normalised to IPv4 like its addresses are.
    const mapped = family === 'ipv4' && isIP(addressText.split('%')[0] ?? '') === 6
    const prefix = Number(prefixText) - (mapped ? 96 : 0)
    const maxPrefix = family === 'ipv4' ? 32 : 128
    if (prefix < 0 || prefix > maxPrefix) return fail(`has a prefix length outside 1-${maxPrefix}`)
    if (prefix === 0) return fail('trusts every address (/0), which lets any client choose its address')
    list.addSubnet(address, prefix, family)
    return `${address}/${prefix}`
  })
  return {
    entries,
    includes: (address) => {
      const family = isIP(address)
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6')
    },
  }
}

/**
 * The client's IP address: the socket address, unless it is a trusted proxy, in which case
 * `X-Forwarded-For` is walked from the right while each hop is trusted. A malformed hop stops the
 * walk at the last address known good. IPv4-mapped IPv6 addresses come back as IPv4.
 */
export function resolveClientIp(
  socketAddress: string,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  let client = normalizeIp(socketAddress) ?? socketAddress
  if (forwardedFor === undefined || trusted.entries.length === 0) return client
  const hops = [forwardedFor].flat().join(',').split(',')
  for (let i = hops.length - 1; i >= 0 && trusted.includes(client); i--) {
    const hop = normalizeIp(hops[i]!.trim())
    if (hop === null) return client
    client = hop
  }
  return client
}

/**
 * The rate-limit bucket of an address: an IPv4 address as it is, an IPv6 address as its /64
 * (`2001:db8:1:2::/64`), since one subscriber usually holds a whole /64. Anything that is not an IP
 * address is its own bucket.
 */
export function rateLimitBucketOf(ip: string): string {
  const address = normalizeIp(ip)
  if (address === null) return ip
  if (isIP(address) === 4) return address
  const groups = ipv6Groups(address)
  return `${formatIPv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`
}

/**
 * An IP address in one canonical text form, or null when `text` is not one: IPv4 as it is,
 * IPv4-mapped IPv6 as IPv4, other IPv6 compressed and lower-case (RFC 5952), its zone dropped.
 */
export function normalizeIp(text: string): string | null {
  const address = text.split('%')[0] ?? ''
  const family = isIP(address)
  if (family === 4) return address
  if (family !== 6) return null
  const groups = ipv6Groups(formatIPv6Text(address))
  const isMapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff
  if (!isMapped) return formatIPv6(groups)
  const [high = 0, low = 0] = groups.slice(6)
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
}

/** The 8 groups of a canonical (hex-only, at most one `::`) IPv6 address. */
function ipv6Groups(canonical: string): number[] {
  const [head, tail] = canonical.split('::')
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => Number.parseInt(group, 16)) : []
  if (tail === undefined) return parse(head)
  const left = parse(head)
  const right = parse(tail)
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
}

function formatIPv6(groups: number[]): string {
  return formatIPv6Text(groups.map((group) => group.toString(16)).join(':'))
}

/** RFC 5952 text of a valid IPv6 address (the WHATWG URL parser's serialisation is exactly that). */
function formatIPv6Text(address: string): string {
  return new URL(`http://[${address}]`).hostname.slice(1, -1)
}
