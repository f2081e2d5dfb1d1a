// Stops: a wrapped org key that opens after being moved to another org or key version, tampered
// with, truncated or extended, or opened under another master key; and a root key id that does
// not identify its master key.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { randomBytes } from '../../src/crypto/index.js'
import { isCofferError } from '../../src/errors.js'
import { createLocalRootProvider } from '../../src/keys/local-root-provider.js'

const isDecryptionFailed = (error: unknown) => isCofferError(error, 'DECRYPTION_FAILED')

/** Format byte (1) + root key id (8) + nonce (24) + org key (32) + tag (16). */
const WRAPPED_BYTES = 81

const ORG_A = '01930000-0000-7000-8000-00000000000a'
const ORG_B = '01930000-0000-7000-8000-00000000000b'

/** Compares bytes only (secure buffers carry an extra `secure` property that deepEqual would see). */
function assertSameBytes(actual: Uint8Array, expected: Uint8Array) {
  assert.deepEqual(Buffer.from(actual), Buffer.from(expected))
}

describe('local root provider: wrapped org keys', () => {
  const masterKey = randomBytes(32)
  const provider = createLocalRootProvider({ masterKey })
  const context = { orgId: ORG_A, version: 1 }

  it('round trip: unwrap returns the same 32 key bytes', async () => {
    const { key, wrapped } = await provider.generateOrgKey(context)
    assert.equal(key.length, 32)
    assert.equal(wrapped.length, WRAPPED_BYTES)
    assert.equal(wrapped[0], 0x01, 'format version byte')
    assert.ok(!wrapped.includes(key), 'the wrap does not contain the key in clear')
    const opened = await provider.unwrapOrgKey(wrapped, context)
    assert.equal(opened.length, 32)
    assertSameBytes(opened, key)
  })

  it('round trip for any org id and version (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 64 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        async (orgId, version) => {
          const { key, wrapped } = await provider.generateOrgKey({ orgId, version })
          assertSameBytes(await provider.unwrapOrgKey(wrapped, { orgId, version }), key)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('two generated keys differ, and so do their wraps', async () => {
    const first = await provider.generateOrgKey(context)
    const second = await provider.generateOrgKey(context)
    assert.equal(Buffer.compare(first.key, second.key) === 0, false)
    assert.equal(first.wrapped.equals(second.wrapped), false)
  })

  it("a wrap opened as another org's key is DECRYPTION_FAILED", async () => {
    const { wrapped } = await provider.generateOrgKey(context)
    await assert.rejects(provider.unwrapOrgKey(wrapped, { orgId: ORG_B, version: 1 }), isDecryptionFailed)
  })

  it('a wrap opened as another version of the same org key is DECRYPTION_FAILED', async () => {
    const { wrapped } = await provider.generateOrgKey({ orgId: ORG_A, version: 2 })
    await assert.rejects(provider.unwrapOrgKey(wrapped, { orgId: ORG_A, version: 1 }), isDecryptionFailed)
    await assert.rejects(provider.unwrapOrgKey(wrapped, { orgId: ORG_A, version: 3 }), isDecryptionFailed)
  })

  it('org and version swaps fail for any pair of distinct contexts (property)', async () => {
    const contextArb = fc.record({
      orgId: fc.string({ maxLength: 40 }),
      version: fc.integer({ min: 1, max: 1000 }),
    })
    await fc.assert(
      fc.asyncProperty(contextArb, contextArb, async (sealedFor, openedAs) => {
        fc.pre(sealedFor.orgId !== openedAs.orgId || sealedFor.version !== openedAs.version)
        const { wrapped } = await provider.generateOrgKey(sealedFor)
        await assert.rejects(provider.unwrapOrgKey(wrapped, openedAs), isDecryptionFailed)
      }),
      { numRuns: 100 },
    )
  })

  it('a wrap opened under another master key is DECRYPTION_FAILED', async () => {
    const other = createLocalRootProvider({ masterKey: randomBytes(32) })
    const { wrapped } = await provider.generateOrgKey(context)
    await assert.rejects(other.unwrapOrgKey(wrapped, context), isDecryptionFailed)
  })

  it("a wrap relabelled with the other master key's id is still DECRYPTION_FAILED", async () => {
    const other = createLocalRootProvider({ masterKey: randomBytes(32) })
    const { wrapped } = await provider.generateOrgKey(context)
    Buffer.from(other.rootKeyId, 'hex').copy(wrapped, 1)
    await assert.rejects(other.unwrapOrgKey(wrapped, context), isDecryptionFailed)
  })

  it('every single bit flip of a wrap is DECRYPTION_FAILED (exhaustive)', async () => {
    const { wrapped } = await provider.generateOrgKey(context)
    for (let bit = 0; bit < wrapped.length * 8; bit++) {
      const flipped = Buffer.from(wrapped)
      flipped[bit >> 3]! ^= 1 << (bit & 7)
      await assert.rejects(provider.unwrapOrgKey(flipped, context), isDecryptionFailed, `bit ${bit}`)
    }
  })

  it('any bit flip of any wrap is DECRYPTION_FAILED (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: WRAPPED_BYTES * 8 - 1 }), async (bit) => {
        const { wrapped } = await provider.generateOrgKey(context)
        wrapped[bit >> 3]! ^= 1 << (bit & 7)
        await assert.rejects(provider.unwrapOrgKey(wrapped, context), isDecryptionFailed)
      }),
      { numRuns: 200 },
    )
  })

  it('every truncation, and any extension, of a wrap is DECRYPTION_FAILED', async () => {
    const { wrapped } = await provider.generateOrgKey(context)
    for (let length = 0; length < wrapped.length; length++) {
      await assert.rejects(
        provider.unwrapOrgKey(wrapped.subarray(0, length), context),
        isDecryptionFailed,
        `${length} bytes`,
      )
    }
    for (const extra of [Buffer.alloc(1), Buffer.from([0x01]), randomBytes(16)]) {
      await assert.rejects(
        provider.unwrapOrgKey(Buffer.concat([wrapped, extra]), context),
        isDecryptionFailed,
      )
    }
  })

  it('a wrap in an unknown format version is DECRYPTION_FAILED', async () => {
    const { wrapped } = await provider.generateOrgKey(context)
    for (const version of [0x00, 0x02, 0xff]) {
      const other = Buffer.from(wrapped)
      other[0] = version
      await assert.rejects(provider.unwrapOrgKey(other, context), isDecryptionFailed)
    }
  })

  it("the provider keeps its own copy of the master key (wiping the caller's copy changes nothing)", async () => {
    const callerCopy = Buffer.from(randomBytes(32))
    const owned = createLocalRootProvider({ masterKey: callerCopy })
    const { key, wrapped } = await owned.generateOrgKey(context)
    callerCopy.fill(0)
    assertSameBytes(await owned.unwrapOrgKey(wrapped, context), key)
  })
})

describe('local root provider: root key id and master key', () => {
  it('rootKeyId is 16 hex characters, stable for one master key, different for another', () => {
    const masterKey = randomBytes(32)
    const first = createLocalRootProvider({ masterKey })
    const again = createLocalRootProvider({ masterKey: Buffer.from(masterKey) })
    const other = createLocalRootProvider({ masterKey: randomBytes(32) })
    assert.match(first.rootKeyId, /^[0-9a-f]{16}$/)
    assert.equal(again.rootKeyId, first.rootKeyId)
    assert.notEqual(other.rootKeyId, first.rootKeyId)
    assert.equal(first.name, 'local')
  })

  it('rootKeyId does not reveal master key bytes', () => {
    const masterKey = randomBytes(32)
    const { rootKeyId } = createLocalRootProvider({ masterKey })
    assert.equal(masterKey.toString('hex').includes(rootKeyId), false)
  })

  it('the wrap names the root key id it was made under', async () => {
    const provider = createLocalRootProvider({ masterKey: randomBytes(32) })
    const { wrapped } = await provider.generateOrgKey({ orgId: ORG_A, version: 1 })
    assert.equal(wrapped.subarray(1, 9).toString('hex'), provider.rootKeyId)
  })

  for (const length of [0, 16, 31, 33, 64]) {
    it(`a ${length}-byte master key is refused`, () => {
      assert.throws(
        () => createLocalRootProvider({ masterKey: randomBytes(length) }),
        (error) => error instanceof TypeError && /32 bytes/.test(error.message),
      )
    })
  }
})
