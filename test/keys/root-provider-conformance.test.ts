import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isCofferError } from '../../src/errors.js'
import type { OrgKeyContext, RootKeyProvider } from '../../src/keys/root-key-provider.js'
import { kmsProviderFixture } from '../support/kms-fixture.js'
import { localProviderFixture } from '../support/local-provider-fixture.js'
import type { RootProviderFixture } from '../support/root-provider-fixture.js'
import { softhsmProviderFixture } from '../support/softhsm-fixture.js'

/** One suite, every provider: the local key, a real PKCS#11 token (SoftHSM2), the KMS protocol double. */
const FIXTURES: RootProviderFixture[] = [
  localProviderFixture(),
  softhsmProviderFixture(),
  kmsProviderFixture(),
]

const decryptionFailed = (error: unknown) => isCofferError(error, 'DECRYPTION_FAILED')
const unavailable = (error: unknown) => isCofferError(error, 'KEY_UNAVAILABLE')

/** Same bytes (a secure buffer carries an extra `secure` property that deepEqual would see). */
function assertSameBytes(actual: Uint8Array, expected: Uint8Array, message?: string): void {
  assert.ok(Buffer.from(actual).equals(Buffer.from(expected)), message ?? 'same bytes')
}

function context(version = 1): OrgKeyContext {
  return { orgId: randomUUID(), version }
}

for (const fixture of FIXTURES) {
  describe(`root key provider conformance: ${fixture.name}`, { skip: fixture.skip ?? false }, () => {
    const opened: RootKeyProvider[] = []
    const open = async (how: () => Promise<RootKeyProvider>) => {
      const provider = await how()
      opened.push(provider)
      return provider
    }

    before(() => fixture.setUp())
    after(async () => {
      for (const provider of opened) await provider.close().catch(() => undefined)
      await fixture.tearDown()
    })

    it('generates a 32-byte org key in secure memory, whose wrap opens to the same bytes', async () => {
      const provider = await open(() => fixture.openRootA())
      assert.equal(provider.name, fixture.name)
      await provider.check()
      const ctx = context()
      const { key, wrapped } = await provider.generateOrgKey(ctx)
      assert.equal(key.length, 32)
      assert.equal((key as Buffer & { secure?: boolean }).secure, true, 'sodium_malloc memory')
      const unwrapped = await provider.unwrapOrgKey(wrapped, ctx)
      assertSameBytes(unwrapped, key)
      assert.equal(wrapped.includes(key), false, 'the wrap does not contain the key')
      const other = await provider.generateOrgKey(ctx)
      assert.notDeepEqual(other.key, key)
    })

    it('wraps an existing key (rewrap) so that it opens to the same bytes', async () => {
      const provider = await open(() => fixture.openRootA())
      const ctx = context(3)
      const key = randomBytes(32)
      const wrapped = await provider.wrapOrgKey(key, ctx)
      assertSameBytes(await provider.unwrapOrgKey(wrapped, ctx), key)
    })

    it('a wrap opened as another org or another version is DECRYPTION_FAILED', async () => {
      const provider = await open(() => fixture.openRootA())
      const ctx = context(2)
      const { wrapped } = await provider.generateOrgKey(ctx)
      await assert.rejects(provider.unwrapOrgKey(wrapped, { ...ctx, orgId: randomUUID() }), decryptionFailed)
      await assert.rejects(provider.unwrapOrgKey(wrapped, { ...ctx, version: 1 }), decryptionFailed)
    })

    it('a wrap with a flipped bit, cut short or extended is DECRYPTION_FAILED', async () => {
      const provider = await open(() => fixture.openRootA())
      const ctx = context()
      const { wrapped } = await provider.generateOrgKey(ctx)
      const positions = [0, 1, 5, 12, wrapped.length - 17, wrapped.length - 1, Math.floor(wrapped.length / 2)]
      for (const position of positions) {
        const tampered = Buffer.from(wrapped)
        tampered[position]! ^= 0x01
        await assert.rejects(
          provider.unwrapOrgKey(tampered, ctx),
          decryptionFailed,
          `bit flip at ${position}`,
        )
      }
      await assert.rejects(
        provider.unwrapOrgKey(wrapped.subarray(0, wrapped.length - 1), ctx),
        decryptionFailed,
      )
      await assert.rejects(
        provider.unwrapOrgKey(Buffer.concat([wrapped, Buffer.of(0)]), ctx),
        decryptionFailed,
      )
      await assert.rejects(provider.unwrapOrgKey(randomBytes(80), ctx), decryptionFailed)
      assert.throws(() => provider.rootKeyIdOf(Buffer.of(0x7f, 1, 2)), decryptionFailed)
    })

    it('root rotation: the new root opens the old wraps, rewraps them, and alone still opens the rewraps', async () => {
      const a = await open(() => fixture.openRootA())
      const bWithA = await open(() => fixture.openRootBWithPreviousA())
      const bOnly = await open(() => fixture.openRootBOnly())
      assert.notEqual(a.rootKeyId, bWithA.rootKeyId)
      assert.equal(bWithA.rootKeyId, bOnly.rootKeyId)
      const ctx = context()
      const { key, wrapped } = await a.generateOrgKey(ctx)
      assert.equal(a.rootKeyIdOf(wrapped), a.rootKeyId)
      await assert.rejects(bOnly.unwrapOrgKey(wrapped, ctx), decryptionFailed, 'a retired root is not tried')
      const opened = await bWithA.unwrapOrgKey(wrapped, ctx)
      assertSameBytes(opened, key)
      const rewrapped = await bWithA.wrapOrgKey(opened, ctx)
      assert.equal(bWithA.rootKeyIdOf(rewrapped), bOnly.rootKeyId)
      assertSameBytes(await bOnly.unwrapOrgKey(rewrapped, ctx), key)
    })

    it('after close, every operation answers KEY_UNAVAILABLE', async () => {
      const provider = await fixture.openRootA()
      const { wrapped } = await provider.generateOrgKey(context())
      await provider.close()
      await assert.rejects(provider.generateOrgKey(context()), unavailable)
      await assert.rejects(provider.unwrapOrgKey(wrapped, context()), unavailable)
      await assert.rejects(provider.check(), unavailable)
    })

    if (fixture.name !== 'local') {
      it('an unreachable backend answers KEY_UNAVAILABLE for every operation, and the same provider recovers', async () => {
        const provider = await open(() => fixture.openRootA())
        const ctx = context()
        const { key, wrapped } = await provider.generateOrgKey(ctx)
        await fixture.makeUnreachable()
        try {
          await assert.rejects(provider.check(), unavailable)
          await assert.rejects(provider.generateOrgKey(ctx), unavailable)
          await assert.rejects(provider.wrapOrgKey(key, ctx), unavailable)
          await assert.rejects(provider.unwrapOrgKey(wrapped, ctx), unavailable)
        } finally {
          await fixture.restore()
        }
        await provider.check()
        assertSameBytes(await provider.unwrapOrgKey(wrapped, ctx), key)
      })
    }
  })
}
