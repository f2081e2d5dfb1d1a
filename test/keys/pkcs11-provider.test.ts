// Stops: a PKCS#11 root key that can leave the token; a wrapped org key that opens after being
// moved to another org or version, tampered with, or under a root the provider should not use; a
// PIN that leaks into errors; a provider that fails at start instead of reporting what is
// missing; and a provider that stays broken after its token comes back.
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { inspect } from 'node:util'
import { isCofferError } from '../../src/errors.js'
import type { RootKeyProvider } from '../../src/keys/root-key-provider.js'
import { SOFTHSM_KEY_LABELS, SOFTHSM_SKIP, softhsmProviderFixture } from '../support/softhsm-fixture.js'

/** Format byte (1) + root key id (8) + iv (12) + org key (32) + tag (16). */
const WRAPPED_BYTES = 69

const ORG_A = '01930000-0000-7000-8000-00000000000a'
const ORG_B = '01930000-0000-7000-8000-00000000000b'
const CONTEXT = { orgId: ORG_A, version: 1 }

/** Compares bytes only (secure buffers carry an extra `secure` property that deepEqual would see). */
function assertSameBytes(actual: Uint8Array, expected: Uint8Array) {
  assert.deepEqual(Buffer.from(actual), Buffer.from(expected))
}

/** Asserts the promise rejects with a CofferError of `code` whose message matches `message`. */
async function assertRejectsWith(promise: Promise<unknown>, code: string, message?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isCofferError(error), `expected a CofferError, got ${inspect(error)}`)
    assert.equal(error.code, code, error.message)
    if (message) assert.match(error.message, message)
    return true
  })
}

function rootKeyIdForLabel(label: string): string {
  return createHash('sha256').update(`coffer/pkcs11/${label}`).digest().subarray(0, 8).toString('hex')
}

describe('pkcs11 root provider against SoftHSM2', { skip: SOFTHSM_SKIP }, () => {
  const fixture = softhsmProviderFixture()
  const { pin } = fixture.providerOptions()

  before(() => fixture.setUp())
  after(() => fixture.tearDown())

  // Runs first, while no provider of this process is logged in: PKCS#11 login state belongs to
  // the process and token, so a second provider's C_Login would answer CKR_USER_ALREADY_LOGGED_IN.
  describe('a wrong PIN', () => {
    it('is KEY_UNAVAILABLE naming the token, with neither PIN in the message, cause or inspect output', async () => {
      const wrongPin = `wrong-${randomBytes(4).toString('hex')}`
      const provider = await fixture.openProvider({ pin: wrongPin })
      let caught: unknown
      await provider.check().catch((error: unknown) => {
        caught = error
      })
      assert.ok(isCofferError(caught, 'KEY_UNAVAILABLE'), inspect(caught))
      assert.match(caught.message, /login to token "coffer-[0-9a-f]+"/)
      assert.match(String((caught.cause as Error).message), /CKR_PIN_INCORRECT/)
      for (const secret of [wrongPin, pin]) {
        assert.ok(!caught.message.includes(secret), 'message has no PIN')
        assert.ok(!inspect(caught, { depth: 10 }).includes(secret), 'inspect output has no PIN')
      }
      await assertRejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE', /refused the PIN/)
      await provider.close()
    })
  })

  describe('wraps under one root', () => {
    let rootA: RootKeyProvider
    before(async () => {
      rootA = await fixture.openRootA()
    })

    it('round trip: unwrap returns the generated key, into secure memory', async () => {
      await rootA.check()
      const { key, wrapped } = await rootA.generateOrgKey(CONTEXT)
      assert.equal(key.length, 32)
      assert.equal(wrapped.length, WRAPPED_BYTES)
      assert.equal(wrapped[0], 0x02, 'format byte')
      assert.ok(!wrapped.includes(key), 'the wrap does not contain the key in clear')
      const opened = await rootA.unwrapOrgKey(wrapped, CONTEXT)
      assertSameBytes(opened, key)
      assert.equal((opened as Buffer & { secure?: boolean }).secure, true, 'sodium_malloc memory')
    })

    it('rewrap: an existing key wrapped again opens to the same bytes, under a fresh iv', async () => {
      const key = randomBytes(32)
      const first = await rootA.wrapOrgKey(key, CONTEXT)
      const second = await rootA.wrapOrgKey(new Uint8Array(key), CONTEXT)
      assert.equal(first.subarray(9, 21).equals(second.subarray(9, 21)), false, 'ivs differ')
      assertSameBytes(await rootA.unwrapOrgKey(first, CONTEXT), key)
      assertSameBytes(await rootA.unwrapOrgKey(second, CONTEXT), key)
    })

    it('rootKeyIdOf returns the id of the root that wrapped: SHA-256 of its label, 8 bytes', async () => {
      const { wrapped } = await rootA.generateOrgKey(CONTEXT)
      assert.equal(rootA.rootKeyId, rootKeyIdForLabel(SOFTHSM_KEY_LABELS.rootA))
      assert.equal(rootA.rootKeyIdOf(wrapped), rootA.rootKeyId)
      assert.equal(rootA.name, 'pkcs11')
    })

    it('a wrap moved to another org or another key version is DECRYPTION_FAILED', async () => {
      const { wrapped } = await rootA.generateOrgKey(CONTEXT)
      await assertRejectsWith(rootA.unwrapOrgKey(wrapped, { orgId: ORG_B, version: 1 }), 'DECRYPTION_FAILED')
      await assertRejectsWith(rootA.unwrapOrgKey(wrapped, { orgId: ORG_A, version: 2 }), 'DECRYPTION_FAILED')
    })

    it('any single bit flip is DECRYPTION_FAILED, and the provider keeps working after', async () => {
      const { key, wrapped } = await rootA.generateOrgKey(CONTEXT)
      for (let bit = 0; bit < wrapped.length * 8; bit += 1) {
        const tampered = Buffer.from(wrapped)
        tampered[bit >> 3]! ^= 1 << (bit & 7)
        await assertRejectsWith(rootA.unwrapOrgKey(tampered, CONTEXT), 'DECRYPTION_FAILED')
      }
      assertSameBytes(await rootA.unwrapOrgKey(wrapped, CONTEXT), key)
    })

    it('a truncated, extended or foreign-format wrap is DECRYPTION_FAILED, also for rootKeyIdOf', async () => {
      const { wrapped } = await rootA.generateOrgKey(CONTEXT)
      const local = Buffer.from(wrapped)
      local[0] = 0x01
      for (const bad of [wrapped.subarray(0, 68), Buffer.concat([wrapped, Buffer.alloc(1)]), local]) {
        await assertRejectsWith(rootA.unwrapOrgKey(bad, CONTEXT), 'DECRYPTION_FAILED')
        assert.throws(
          () => rootA.rootKeyIdOf(bad),
          (error) => isCofferError(error, 'DECRYPTION_FAILED'),
        )
      }
    })
  })

  describe('root rotation', () => {
    it('a wrap under A opens with B-with-previous-A, whose new wraps name B', async () => {
      const rootA = await fixture.openRootA()
      const rotating = await fixture.openRootBWithPreviousA()
      const { key, wrapped } = await rootA.generateOrgKey(CONTEXT)
      assertSameBytes(await rotating.unwrapOrgKey(wrapped, CONTEXT), key)
      const rewrapped = await rotating.wrapOrgKey(key, CONTEXT)
      assert.equal(rotating.rootKeyId, rootKeyIdForLabel(SOFTHSM_KEY_LABELS.rootB))
      assert.notEqual(rotating.rootKeyId, rootA.rootKeyId)
      assert.equal(rotating.rootKeyIdOf(rewrapped), rotating.rootKeyId)
      assert.equal(rotating.rootKeyIdOf(wrapped), rootA.rootKeyId)
    })

    it('B-only refuses wraps made under A with DECRYPTION_FAILED, and opens those of B', async () => {
      const rootA = await fixture.openRootA()
      const rootBOnly = await fixture.openRootBOnly()
      const rotating = await fixture.openRootBWithPreviousA()
      const underA = await rootA.generateOrgKey(CONTEXT)
      await assertRejectsWith(rootBOnly.unwrapOrgKey(underA.wrapped, CONTEXT), 'DECRYPTION_FAILED')
      const underB = await rotating.generateOrgKey(CONTEXT)
      assertSameBytes(await rootBOnly.unwrapOrgKey(underB.wrapped, CONTEXT), underB.key)
    })

    it('a wrap relabelled to name B (id swapped, under A) is DECRYPTION_FAILED', async () => {
      const rootA = await fixture.openRootA()
      const rotating = await fixture.openRootBWithPreviousA()
      const { wrapped } = await rootA.generateOrgKey(CONTEXT)
      const relabelled = Buffer.from(wrapped)
      Buffer.from(rotating.rootKeyId, 'hex').copy(relabelled, 1)
      await assertRejectsWith(rotating.unwrapOrgKey(relabelled, CONTEXT), 'DECRYPTION_FAILED')
    })

    it('a configured previous root missing from the token is KEY_UNAVAILABLE naming its label', async () => {
      const rootA = await fixture.openRootA()
      const provider = await fixture.openProvider({
        keyLabel: SOFTHSM_KEY_LABELS.rootB,
        previousKeyLabels: ['coffer-root-gone'],
      })
      const { wrapped } = await rootA.generateOrgKey(CONTEXT)
      const underGone = Buffer.from(wrapped)
      Buffer.from(rootKeyIdForLabel('coffer-root-gone'), 'hex').copy(underGone, 1)
      await provider.check()
      await assertRejectsWith(
        provider.unwrapOrgKey(underGone, CONTEXT),
        'KEY_UNAVAILABLE',
        /"coffer-root-gone"/,
      )
    })
  })

  describe('the root key never leaves the token', () => {
    it('root keys are sensitive and non-extractable since creation: CKA_VALUE cannot be read', () => {
      for (const label of [SOFTHSM_KEY_LABELS.rootA, SOFTHSM_KEY_LABELS.rootB]) {
        assert.deepEqual(fixture.inspectKey(label), {
          sensitive: true,
          extractable: false,
          alwaysSensitive: true,
          neverExtractable: true,
          valueRead: 'CKR_ATTRIBUTE_SENSITIVE',
        })
      }
    })

    it('a key that could leave the token is refused as a root: KEY_UNAVAILABLE naming it', async () => {
      assert.equal(fixture.inspectKey(SOFTHSM_KEY_LABELS.extractable).valueRead, 'readable')
      const provider = await fixture.openProvider({ keyLabel: SOFTHSM_KEY_LABELS.extractable })
      await assertRejectsWith(provider.check(), 'KEY_UNAVAILABLE', /"coffer-root-extractable".*extractable/)
      await assertRejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE')
    })

    it('the provider object shows no PIN', async () => {
      const provider = await fixture.openRootA()
      await provider.check()
      assert.ok(!inspect(provider, { depth: 10, showHidden: true }).includes(pin))
      assert.ok(!JSON.stringify(provider).includes(pin))
    })
  })

  describe('a missing token, key or module', () => {
    it('a missing key label: creation succeeds, check() is KEY_UNAVAILABLE naming the label', async () => {
      const provider = await fixture.openProvider({ keyLabel: 'coffer-root-2' })
      await assertRejectsWith(provider.check(), 'KEY_UNAVAILABLE', /key "coffer-root-2" not found in token/)
      await assertRejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE', /"coffer-root-2"/)
    })

    it('a missing token label: check() is KEY_UNAVAILABLE naming the token', async () => {
      const provider = await fixture.openProvider({ tokenLabel: 'no-such-token' })
      await assertRejectsWith(provider.check(), 'KEY_UNAVAILABLE', /token "no-such-token" not found/)
    })

    it('a module that cannot load: check() is KEY_UNAVAILABLE naming the module, with a cause', async () => {
      const provider = await fixture.openProvider({ modulePath: '/nonexistent/libpkcs11.so' })
      await assert.rejects(provider.check(), (error: unknown) => {
        assert.ok(isCofferError(error, 'KEY_UNAVAILABLE'))
        assert.match(error.message, /module "\/nonexistent\/libpkcs11.so" could not be loaded/)
        assert.ok(error.cause instanceof Error)
        return true
      })
    })
  })

  describe('the token disappearing', () => {
    it('is KEY_UNAVAILABLE, and after it returns the same provider works again', async () => {
      const provider = await fixture.openRootA()
      const { key, wrapped } = await provider.generateOrgKey(CONTEXT)
      await fixture.makeUnreachable()
      let bornInOutage: RootKeyProvider | undefined
      try {
        await assertRejectsWith(provider.unwrapOrgKey(wrapped, CONTEXT), 'KEY_UNAVAILABLE', /not found/)
        await assertRejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE')
        await assertRejectsWith(provider.check(), 'KEY_UNAVAILABLE', /token "coffer-[0-9a-f]+" not found/)
        bornInOutage = await fixture.openRootBWithPreviousA()
        await assertRejectsWith(bornInOutage.check(), 'KEY_UNAVAILABLE')
      } finally {
        await fixture.restore()
      }
      await provider.check()
      assertSameBytes(await provider.unwrapOrgKey(wrapped, CONTEXT), key)
      const again = await provider.generateOrgKey(CONTEXT)
      assert.ok(bornInOutage)
      assertSameBytes(await bornInOutage.unwrapOrgKey(again.wrapped, CONTEXT), again.key)
    })

    it('a provider idle during the outage works after it, though another re-initialised the module', async () => {
      const idle = await fixture.openRootA()
      const busy = await fixture.openRootBWithPreviousA()
      const { key, wrapped } = await idle.generateOrgKey(CONTEXT)
      await busy.check()
      await fixture.makeUnreachable()
      try {
        await assertRejectsWith(busy.check(), 'KEY_UNAVAILABLE')
      } finally {
        await fixture.restore()
      }
      assertSameBytes(await idle.unwrapOrgKey(wrapped, CONTEXT), key)
      assertSameBytes(await busy.unwrapOrgKey(wrapped, CONTEXT), key)
    })
  })

  describe('close', () => {
    it('is idempotent, and a closed provider answers KEY_UNAVAILABLE', async () => {
      const provider = await fixture.openRootA()
      await provider.check()
      await provider.close()
      await provider.close()
      await assertRejectsWith(provider.check(), 'KEY_UNAVAILABLE', /closed/)
      const other = await fixture.openRootA()
      await other.check()
    })
  })
})
