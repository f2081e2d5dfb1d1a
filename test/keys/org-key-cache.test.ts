// Stops: an unwrap (a KMS/HSM round trip) on every read, unwrapped org keys that live in memory
// past their TTL or past the size bound, evicted keys left readable in their buffers, a forgotten
// (rotated or destroyed) org key that stays usable, and duplicate keys left behind by a race.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { allocSecureBuffer, randomBytes } from '../../src/crypto/index.js'
import { CofferError, isCofferError } from '../../src/errors.js'
import { OrgKeyCache } from '../../src/keys/org-key-cache.js'
import { TestClock } from '../support/coffer.js'

/** A random 32-byte org key in secure memory, as a root provider's unwrap returns it. */
function makeKey(): Buffer {
  const key = allocSecureBuffer(32)
  key.set(randomBytes(32))
  return key
}

/** Compares bytes only (secure buffers carry an extra `secure` property that deepEqual would see). */
function assertSameBytes(actual: Uint8Array | undefined, expected: Uint8Array | undefined, message?: string) {
  assert.ok(actual && expected, message)
  assert.deepEqual(Buffer.from(actual), Buffer.from(expected), message)
}

const isWiped = (key: Buffer) => key.length === 32 && key.every((byte) => byte === 0)

/** A `load` that counts its calls and remembers every buffer it handed out. */
function countingLoader() {
  const loaded: Buffer[] = []
  return {
    loaded,
    get calls() {
      return loaded.length
    },
    load: async () => {
      const key = makeKey()
      loaded.push(key)
      return key
    },
  }
}

/** A `use` that returns a copy of the key bytes it saw (the buffer itself is only valid during the call). */
const copyKey = (key: Buffer) => Buffer.from(key)

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

const ORG_A = '01930000-0000-7000-8000-00000000000a'
const ORG_B = '01930000-0000-7000-8000-00000000000b'
const ORG_C = '01930000-0000-7000-8000-00000000000c'

describe('OrgKeyCache', () => {
  it('10,000 reads of one org key unwrap it once', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
    const loader = countingLoader()
    let uses = 0
    for (let i = 0; i < 10_000; i++) {
      const seen = await cache.useKey(ORG_A, 1, loader.load, (key) => {
        uses++
        return copyKey(key)
      })
      assertSameBytes(seen, loader.loaded[0])
    }
    assert.equal(loader.calls, 1)
    assert.equal(uses, 10_000)
    assert.deepEqual(cache.stats(), { hits: 9_999, misses: 1, evictions: 0, size: 1 })
  })

  it('returns what `use` returns, and each version of an org key is cached apart', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
    const v1 = countingLoader()
    const v2 = countingLoader()
    assert.equal(await cache.useKey(ORG_A, 1, v1.load, () => 'sealed'), 'sealed')
    const seenV2 = await cache.useKey(ORG_A, 2, v2.load, copyKey)
    const seenV1 = await cache.useKey(ORG_A, 1, v1.load, copyKey)
    assert.equal(v1.calls, 1)
    assert.equal(v2.calls, 1)
    assertSameBytes(seenV1, v1.loaded[0])
    assertSameBytes(seenV2, v2.loaded[0])
    assert.notDeepEqual(seenV1, seenV2)
  })

  it('a key past its TTL is unwrapped again and the expired buffer is wiped', async () => {
    const clock = new TestClock()
    const cache = new OrgKeyCache({ ttlSeconds: 60, maxEntries: 100, clock })
    const loader = countingLoader()
    await cache.useKey(ORG_A, 1, loader.load, copyKey)
    const first = loader.loaded[0]!

    clock.advance(59_999)
    await cache.useKey(ORG_A, 1, loader.load, copyKey)
    assert.equal(loader.calls, 1, 'still cached just before the TTL')
    assert.equal(isWiped(first), false)

    clock.advance(2)
    const seen = await cache.useKey(ORG_A, 1, loader.load, copyKey)
    assert.equal(loader.calls, 2, 'unwrapped again past the TTL')
    assert.ok(isWiped(first), 'the expired key buffer is all zero bytes')
    const second = loader.loaded[1]!
    assert.equal(isWiped(second), false)
    assertSameBytes(seen, second)
    assert.deepEqual(cache.stats(), { hits: 1, misses: 2, evictions: 1, size: 1 })
  })

  it('reads do not extend the TTL: a key in constant use is still re-unwrapped', async () => {
    const clock = new TestClock()
    const cache = new OrgKeyCache({ ttlSeconds: 60, maxEntries: 100, clock })
    const loader = countingLoader()
    for (let second = 0; second <= 61; second++) {
      await cache.useKey(ORG_A, 1, loader.load, copyKey)
      clock.advance(1_000)
    }
    assert.equal(loader.calls, 2)
    assert.ok(isWiped(loader.loaded[0]!))
  })

  it('LRU bound: a third org key evicts and wipes the least recently used, keeps the recent one', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 2, clock: new TestClock() })
    const a = countingLoader()
    const b = countingLoader()
    const c = countingLoader()
    await cache.useKey(ORG_A, 1, a.load, copyKey)
    await cache.useKey(ORG_B, 1, b.load, copyKey)
    await cache.useKey(ORG_A, 1, a.load, copyKey) // A is now more recently used than B
    const seenC = await cache.useKey(ORG_C, 1, c.load, copyKey)

    assert.equal(cache.stats().size, 2)
    assert.ok(isWiped(b.loaded[0]!), 'the least recently used key (B) is wiped')
    assert.equal(isWiped(a.loaded[0]!), false)
    assert.equal(isWiped(c.loaded[0]!), false)
    assertSameBytes(seenC, c.loaded[0], '`use` saw the new key before any eviction')

    await cache.useKey(ORG_A, 1, a.load, copyKey)
    await cache.useKey(ORG_C, 1, c.load, copyKey)
    assert.equal(a.calls, 1, 'the recently used key stayed cached')
    assert.equal(c.calls, 1)
    await cache.useKey(ORG_B, 1, b.load, copyKey)
    assert.equal(b.calls, 2, 'the evicted key is unwrapped again')
  })

  it('forgetOrg wipes and drops every version of that org only', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
    const a1 = countingLoader()
    const a2 = countingLoader()
    const b1 = countingLoader()
    // An org id that has ORG_A as a prefix must not be caught by forgetOrg(ORG_A).
    const prefixed = countingLoader()
    await cache.useKey(ORG_A, 1, a1.load, copyKey)
    await cache.useKey(ORG_A, 2, a2.load, copyKey)
    await cache.useKey(ORG_B, 1, b1.load, copyKey)
    await cache.useKey(`${ORG_A}0`, 1, prefixed.load, copyKey)

    cache.forgetOrg(ORG_A)

    assert.ok(isWiped(a1.loaded[0]!))
    assert.ok(isWiped(a2.loaded[0]!))
    assert.equal(isWiped(b1.loaded[0]!), false)
    assert.equal(isWiped(prefixed.loaded[0]!), false)
    assert.equal(cache.stats().size, 2)

    await cache.useKey(ORG_A, 1, a1.load, copyKey)
    await cache.useKey(ORG_A, 2, a2.load, copyKey)
    await cache.useKey(ORG_B, 1, b1.load, copyKey)
    await cache.useKey(`${ORG_A}0`, 1, prefixed.load, copyKey)
    assert.equal(a1.calls, 2, 'forgotten version 1 is unwrapped again')
    assert.equal(a2.calls, 2, 'forgotten version 2 is unwrapped again')
    assert.equal(b1.calls, 1, 'another org stays cached')
    assert.equal(prefixed.calls, 1, 'an org whose id extends the forgotten one stays cached')
  })

  it('clear wipes and drops every key', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
    const loaders = [countingLoader(), countingLoader(), countingLoader()]
    const orgs = [ORG_A, ORG_B, ORG_C]
    for (const [i, loader] of loaders.entries()) await cache.useKey(orgs[i]!, 1, loader.load, copyKey)

    cache.clear()

    assert.equal(cache.stats().size, 0)
    for (const loader of loaders) assert.ok(isWiped(loader.loaded[0]!))
    await cache.useKey(ORG_A, 1, loaders[0]!.load, copyKey)
    assert.equal(loaders[0]!.calls, 2)
  })

  for (const finishingFirst of ['first', 'second'] as const) {
    it(`two concurrent misses (${finishingFirst} load finishes first) keep one key and wipe the other`, async () => {
      const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
      const firstKey = makeKey()
      const secondKey = makeKey()
      const firstLoad = deferred<Buffer>()
      const secondLoad = deferred<Buffer>()
      let loads = 0
      const loadVia = (pending: { promise: Promise<Buffer> }) => () => {
        loads++
        return pending.promise
      }
      const firstRead = cache.useKey(ORG_A, 1, loadVia(firstLoad), copyKey)
      const secondRead = cache.useKey(ORG_A, 1, loadVia(secondLoad), copyKey)
      assert.equal(loads, 2, 'both misses are loading at once')

      const [winner, loser] = finishingFirst === 'first' ? [firstKey, secondKey] : [secondKey, firstKey]
      const winnerBytes = Buffer.from(winner)
      if (finishingFirst === 'first') {
        firstLoad.resolve(firstKey)
        await Promise.resolve()
        secondLoad.resolve(secondKey)
      } else {
        secondLoad.resolve(secondKey)
        await Promise.resolve()
        firstLoad.resolve(firstKey)
      }
      const [seenByFirst, seenBySecond] = await Promise.all([firstRead, secondRead])

      assertSameBytes(seenByFirst, winnerBytes)
      assertSameBytes(seenBySecond, winnerBytes, 'both callers saw the same key bytes')
      assert.ok(isWiped(loser), 'the losing buffer is wiped')
      assert.equal(isWiped(winner), false)
      assert.deepEqual(cache.stats(), { hits: 0, misses: 2, evictions: 0, size: 1 })

      const after = countingLoader()
      assertSameBytes(await cache.useKey(ORG_A, 1, after.load, copyKey), winnerBytes)
      assert.equal(after.calls, 0, 'the one cached key serves the next read')
    })
  }

  it('a failed load is not cached: the error reaches the caller and the next read retries', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
    let used = false
    await assert.rejects(
      cache.useKey(
        ORG_A,
        1,
        async () => {
          throw new CofferError('KEY_UNAVAILABLE', 'provider down')
        },
        () => {
          used = true
        },
      ),
      (error) => isCofferError(error, 'KEY_UNAVAILABLE'),
    )
    assert.equal(used, false)
    assert.equal(cache.stats().size, 0)
    const loader = countingLoader()
    await cache.useKey(ORG_A, 1, loader.load, copyKey)
    assert.equal(loader.calls, 1)
  })

  it('a `use` that throws (a bad envelope) still keeps the cache within maxEntries', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 1, clock: new TestClock() })
    const a = countingLoader()
    await cache.useKey(ORG_A, 1, a.load, copyKey)
    await assert.rejects(
      cache.useKey(ORG_B, 1, countingLoader().load, () => {
        throw new CofferError('DECRYPTION_FAILED', 'envelope could not be opened')
      }),
      (error) => isCofferError(error, 'DECRYPTION_FAILED'),
    )
    assert.equal(cache.stats().size, 1)
    assert.ok(isWiped(a.loaded[0]!), 'the least recently used key is evicted and wiped')
  })

  it('forgetOrg during an in-flight unwrap: the stale key is not cached afterwards', async () => {
    const cache = new OrgKeyCache({ ttlSeconds: 300, maxEntries: 100, clock: new TestClock() })
    const stale = makeKey()
    const pending = deferred<Buffer>()
    const inFlight = cache.useKey(ORG_A, 1, () => pending.promise, copyKey)
    cache.forgetOrg(ORG_A) // e.g. the org's keys were destroyed while the unwrap was running
    pending.resolve(stale)
    await inFlight
    const loader = countingLoader()
    await cache.useKey(ORG_A, 1, loader.load, copyKey)
    assert.equal(loader.calls, 1, 'a read after forgetOrg must go back to the key store')
  })
})
