// Stops, for the aws-kms root provider (against a local KMS protocol double, not AWS): a wrap that
// opens after being moved to another org or version or tampered with; KMS choosing the key by
// itself or being asked about a root this server does not have; an outage, throttling or a hung
// KMS crashing the process or hanging a request instead of answering KEY_UNAVAILABLE; and key
// bytes leaking into error messages.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { inspect } from 'node:util'
import { type CofferError, type ErrorCode, isCofferError } from '../../src/errors.js'
import { createAwsKmsRootProvider } from '../../src/keys/aws-kms-root-provider.js'
import type { RootKeyProvider } from '../../src/keys/root-key-provider.js'
import { DOUBLE_CREDENTIALS, kmsProviderFixture } from '../support/kms-fixture.js'

const ORG_A = '01930000-0000-7000-8000-00000000000a'
const ORG_B = '01930000-0000-7000-8000-00000000000b'
const CONTEXT = { orgId: ORG_A, version: 1 }

/** Awaits `promise`, which must reject with a CofferError of `code`; returns that error. */
async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<CofferError> {
  let caught: unknown
  try {
    await promise
  } catch (error) {
    caught = error
  }
  assert.ok(isCofferError(caught, code), `expected ${code}, got ${inspect(caught)}`)
  return caught
}

function throwsWith(run: () => unknown, code: ErrorCode): CofferError {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  assert.ok(isCofferError(caught, code), `expected ${code}, got ${inspect(caught)}`)
  return caught
}

/** Compares bytes only (secure buffers carry an extra `secure` property that deepEqual would see). */
function assertSameBytes(actual: Uint8Array, expected: Uint8Array) {
  assert.deepEqual(Buffer.from(actual), Buffer.from(expected))
}

/** The wrap's header length: 0x03 | key id length (u16) | key id. */
function headerBytesOf(wrapped: Uint8Array): number {
  return 3 + Buffer.from(wrapped).readUInt16BE(1)
}

/** Rebuilds a wrap with another key id in its header and the same ciphertext blob. */
function withKeyId(wrapped: Buffer, keyId: string): Buffer {
  const id = Buffer.from(keyId)
  const header = Buffer.of(0x03, id.length >> 8, id.length & 0xff)
  return Buffer.concat([header, id, wrapped.subarray(headerBytesOf(wrapped))])
}

describe('aws-kms root provider (against the KMS protocol double)', () => {
  const fixture = kmsProviderFixture()
  let providerA: RootKeyProvider
  let providerBWithPreviousA: RootKeyProvider
  let providerBOnly: RootKeyProvider

  before(async () => {
    await fixture.setUp()
    providerA = await fixture.openRootA()
    providerBWithPreviousA = await fixture.openRootBWithPreviousA()
    providerBOnly = await fixture.openRootBOnly()
  })
  after(() => fixture.tearDown())
  beforeEach(() => fixture.double.resetCounters())

  describe('wraps: round trip and root rotation', () => {
    it('round trip: generateOrgKey makes a 32-byte key that unwrapOrgKey opens in the same org and version', async () => {
      const { key, wrapped } = await providerA.generateOrgKey(CONTEXT)
      assert.equal(key.length, 32)
      assert.equal(wrapped[0], 0x03, 'format byte')
      assert.equal(providerA.rootKeyIdOf(wrapped), fixture.keyIdA)
      assert.ok(!wrapped.includes(key), 'the wrap does not contain the key in clear')
      assertSameBytes(await providerA.unwrapOrgKey(wrapped, CONTEXT), key)
      assert.equal(fixture.double.calls.GenerateDataKey, 1)
      assert.equal(fixture.double.calls.Decrypt, 1)
    })

    it('rootKeyId is the configured key id, and the wrap records it', async () => {
      assert.equal(providerA.name, 'aws-kms')
      assert.equal(providerA.rootKeyId, fixture.keyIdA)
      assert.equal(providerBWithPreviousA.rootKeyId, fixture.keyIdB)
      const { wrapped } = await providerBWithPreviousA.generateOrgKey(CONTEXT)
      const id = Buffer.from(fixture.keyIdB)
      assert.equal(Buffer.from(wrapped).readUInt16BE(1), id.length)
      assert.ok(
        Buffer.from(wrapped)
          .subarray(3, 3 + id.length)
          .equals(id),
      )
    })

    it('previous root: a wrap made under A opens with B-with-previous-A', async () => {
      const { key, wrapped } = await providerA.generateOrgKey(CONTEXT)
      assertSameBytes(await providerBWithPreviousA.unwrapOrgKey(wrapped, CONTEXT), key)
      assert.equal(
        fixture.double.lastRequest?.body.KeyId,
        fixture.keyIdA,
        'Decrypt names the key of the wrap',
      )
    })

    it('root rotation: wrapOrgKey rewraps an A key under B, which B-only then opens', async () => {
      const { key, wrapped } = await providerA.generateOrgKey(CONTEXT)
      const opened = await providerBWithPreviousA.unwrapOrgKey(wrapped, CONTEXT)
      const rewrapped = await providerBWithPreviousA.wrapOrgKey(opened, CONTEXT)
      assert.equal(providerBWithPreviousA.rootKeyIdOf(rewrapped), fixture.keyIdB)
      assert.equal(fixture.double.calls.Encrypt, 1)
      assertSameBytes(await providerBOnly.unwrapOrgKey(rewrapped, CONTEXT), key)
    })

    it('wrapOrgKey refuses a key that is not 32 bytes, without calling KMS', async () => {
      await assert.rejects(providerA.wrapOrgKey(new Uint8Array(16), CONTEXT), TypeError)
      assert.equal(fixture.double.calls.Encrypt, 0)
    })
  })

  describe('unknown root: KMS is never asked to pick or try a key', () => {
    it('B-only refuses wraps made under A with DECRYPTION_FAILED and makes no Decrypt call', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      fixture.double.resetCounters()
      await rejectsWith(providerBOnly.unwrapOrgKey(wrapped, CONTEXT), 'DECRYPTION_FAILED')
      assert.equal(fixture.double.calls.Decrypt, 0)
    })

    it('a wrap whose header is rewritten to name B (known) while its blob is A-s fails: KMS refuses the key', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      const relabelled = withKeyId(wrapped, fixture.keyIdB)
      assert.equal(providerBWithPreviousA.rootKeyIdOf(relabelled), fixture.keyIdB)
      await rejectsWith(providerBWithPreviousA.unwrapOrgKey(relabelled, CONTEXT), 'DECRYPTION_FAILED')
      assert.equal(fixture.double.lastRequest?.body.KeyId, fixture.keyIdB)
    })

    it('a wrap naming an unknown key id (or a bare uuid of a known key) is refused without a Decrypt call', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      const uuidOnly = fixture.keyIdA.slice(fixture.keyIdA.lastIndexOf('/') + 1)
      fixture.double.resetCounters()
      for (const keyId of [uuidOnly, `${fixture.keyIdA}x`, 'arn:aws:kms:us-east-1:000000000000:key/other']) {
        await rejectsWith(providerA.unwrapOrgKey(withKeyId(wrapped, keyId), CONTEXT), 'DECRYPTION_FAILED')
      }
      assert.equal(fixture.double.calls.Decrypt, 0)
    })
  })

  describe('authenticated context: a wrap moved to another org or version does not open', () => {
    it('the EncryptionContext of GenerateDataKey, Encrypt and Decrypt names the org id and version', async () => {
      const context = { orgId: ORG_B, version: 7 }
      const expected = { coffer_org_id: ORG_B, coffer_key_version: '7' }
      const { key, wrapped } = await providerA.generateOrgKey(context)
      assert.equal(fixture.double.lastRequest?.operation, 'GenerateDataKey')
      assert.deepEqual(fixture.double.lastRequest?.body.EncryptionContext, expected)
      assert.equal(fixture.double.lastRequest?.body.KeySpec, 'AES_256')
      await providerA.wrapOrgKey(key, context)
      assert.equal(fixture.double.lastRequest?.operation, 'Encrypt')
      assert.deepEqual(fixture.double.lastRequest?.body.EncryptionContext, expected)
      await providerA.unwrapOrgKey(wrapped, context)
      assert.equal(fixture.double.lastRequest?.operation, 'Decrypt')
      assert.deepEqual(fixture.double.lastRequest?.body.EncryptionContext, expected)
      assert.equal(fixture.double.lastRequest?.body.KeyId, fixture.keyIdA)
    })

    it('a wrap moved to another org is DECRYPTION_FAILED (KMS refuses the context)', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      await rejectsWith(providerA.unwrapOrgKey(wrapped, { orgId: ORG_B, version: 1 }), 'DECRYPTION_FAILED')
      assert.equal(fixture.double.calls.Decrypt, 1, 'refused by KMS, and not retried')
    })

    it('a wrap moved to another key version is DECRYPTION_FAILED', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      await rejectsWith(providerA.unwrapOrgKey(wrapped, { orgId: ORG_A, version: 2 }), 'DECRYPTION_FAILED')
    })

    it('a rewrapped key moved to another org is DECRYPTION_FAILED', async () => {
      const { key } = await providerA.generateOrgKey(CONTEXT)
      const rewrapped = await providerBOnly.wrapOrgKey(key, CONTEXT)
      await rejectsWith(
        providerBOnly.unwrapOrgKey(rewrapped, { orgId: ORG_B, version: 1 }),
        'DECRYPTION_FAILED',
      )
    })
  })

  describe('tampering: any altered wrap is one DECRYPTION_FAILED', () => {
    it('a flipped bit anywhere in the ciphertext blob', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      const start = headerBytesOf(wrapped)
      for (const index of [start, start + 1, start + 20, wrapped.length - 1]) {
        const tampered = Buffer.from(wrapped)
        tampered[index]! ^= 0x01
        await rejectsWith(providerA.unwrapOrgKey(tampered, CONTEXT), 'DECRYPTION_FAILED')
      }
    })

    it('a truncated or extended blob', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      await rejectsWith(
        providerA.unwrapOrgKey(wrapped.subarray(0, wrapped.length - 1), CONTEXT),
        'DECRYPTION_FAILED',
      )
      await rejectsWith(
        providerA.unwrapOrgKey(Buffer.concat([wrapped, Buffer.of(0)]), CONTEXT),
        'DECRYPTION_FAILED',
      )
    })

    it('a blob that opens but does not hold a 32-byte key', async () => {
      const blob = fixture.double.sealBlob(fixture.keyIdA, new Uint8Array(16), {
        coffer_org_id: ORG_A,
        coffer_key_version: '1',
      })
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      const forged = Buffer.concat([wrapped.subarray(0, headerBytesOf(wrapped)), blob])
      await rejectsWith(providerA.unwrapOrgKey(forged, CONTEXT), 'DECRYPTION_FAILED')
    })

    it('a malformed wrap: rootKeyIdOf and unwrapOrgKey refuse it without calling KMS', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      fixture.double.resetCounters()
      const idLength = headerBytesOf(wrapped) - 3
      const malformed = [
        Buffer.alloc(0),
        Buffer.of(0x03),
        Buffer.of(0x03, 0x00),
        Buffer.from(wrapped.subarray(0, headerBytesOf(wrapped))), // no blob
        Buffer.concat([Buffer.of(0x01), wrapped.subarray(1)]), // another format byte
        Buffer.concat([Buffer.of(0x03, 0x00, 0x00), wrapped.subarray(3)]), // empty key id
        Buffer.concat([Buffer.of(0x03, 0xff, 0xff), wrapped.subarray(3)]), // key id past the end
        Buffer.concat([Buffer.of(0x03, 0x00, 0x02, 0xc3, 0x28), Buffer.alloc(40)]), // key id not UTF-8
        Buffer.concat([wrapped, Buffer.alloc(6144)]), // blob longer than KMS allows
      ]
      for (const bytes of malformed) {
        throwsWith(() => providerA.rootKeyIdOf(bytes), 'DECRYPTION_FAILED')
        await rejectsWith(providerA.unwrapOrgKey(bytes, CONTEXT), 'DECRYPTION_FAILED')
      }
      // A key id length off by one still parses, into a key id this provider does not have.
      const shifted = Buffer.concat([
        Buffer.of(0x03, (idLength + 1) >> 8, (idLength + 1) & 0xff),
        wrapped.subarray(3),
      ])
      assert.notEqual(providerA.rootKeyIdOf(shifted), fixture.keyIdA)
      await rejectsWith(providerA.unwrapOrgKey(shifted, CONTEXT), 'DECRYPTION_FAILED')
      assert.equal(fixture.double.calls.Decrypt, 0)
    })
  })

  describe('outages: KEY_UNAVAILABLE, never a crash or a hang', () => {
    it('throttled once: the SDK retries and the call succeeds (2 calls)', async () => {
      const { wrapped } = await providerA.generateOrgKey(CONTEXT)
      fixture.double.resetCounters()
      fixture.double.throttleNext(1)
      await providerA.unwrapOrgKey(wrapped, CONTEXT)
      assert.equal(fixture.double.calls.Decrypt, 2)
    })

    it('throttled beyond maxAttempts: KEY_UNAVAILABLE naming the operation and the AWS error', async () => {
      const provider = fixture.openProvider({ keyId: fixture.keyIdA, maxAttempts: 2 })
      fixture.double.throttleNext(5)
      const error = await rejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE')
      assert.equal(fixture.double.calls.GenerateDataKey, 2, 'exactly maxAttempts attempts')
      assert.match(error.message, /GenerateDataKey/)
      assert.match(error.message, /ThrottlingException/)
      assert.equal((error.cause as Error).name, 'ThrottlingException')
      fixture.double.throttleNext(0)
    })

    it('a disabled key: generate, rewrap, unwrap and check are KEY_UNAVAILABLE, and work once re-enabled', async () => {
      const keyId = fixture.double.createKey()
      const provider = fixture.openProvider({ keyId })
      const { key, wrapped } = await provider.generateOrgKey(CONTEXT)
      fixture.double.disableKey(keyId)
      try {
        const error = await rejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE')
        assert.match(error.message, /DisabledException/)
        await rejectsWith(provider.wrapOrgKey(key, CONTEXT), 'KEY_UNAVAILABLE')
        await rejectsWith(provider.unwrapOrgKey(wrapped, CONTEXT), 'KEY_UNAVAILABLE')
        await rejectsWith(provider.check(), 'KEY_UNAVAILABLE')
      } finally {
        fixture.double.enableKey(keyId)
      }
      assertSameBytes(await provider.unwrapOrgKey(wrapped, CONTEXT), key)
    })

    for (const type of ['AccessDeniedException', 'NotFoundException', 'KMSInvalidStateException']) {
      it(`KMS answering ${type} is KEY_UNAVAILABLE with the AWS error on cause`, async () => {
        const { wrapped } = await providerA.generateOrgKey(CONTEXT)
        fixture.double.failNext(1, type)
        const error = await rejectsWith(providerA.unwrapOrgKey(wrapped, CONTEXT), 'KEY_UNAVAILABLE')
        assert.equal(error.message, `AWS KMS Decrypt failed: ${type}`)
        assert.equal((error.cause as Error).name, type)
      })
    }

    it('KMSInternalException (HTTP 500) is retried like any transient error', async () => {
      fixture.double.failNext(1, 'KMSInternalException')
      await providerA.generateOrgKey(CONTEXT)
      assert.equal(fixture.double.calls.GenerateDataKey, 2)
    })

    it('server stopped: KEY_UNAVAILABLE quickly, and the same provider works again after restart', async () => {
      const { key, wrapped } = await providerA.generateOrgKey(CONTEXT)
      await fixture.makeUnreachable()
      try {
        const started = performance.now()
        const error = await rejectsWith(providerA.unwrapOrgKey(wrapped, CONTEXT), 'KEY_UNAVAILABLE')
        assert.match(error.message, /^AWS KMS Decrypt failed: /)
        await rejectsWith(providerA.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE')
        await rejectsWith(providerA.check(), 'KEY_UNAVAILABLE')
        assert.ok(performance.now() - started < 5000, 'bounded by the retries, not hung')
      } finally {
        await fixture.restore()
      }
      assertSameBytes(await providerA.unwrapOrgKey(wrapped, CONTEXT), key)
      await providerA.check()
    })

    it('a hung server: each attempt ends at requestTimeoutMs, then KEY_UNAVAILABLE', async () => {
      const provider = fixture.openProvider({ keyId: fixture.keyIdA, maxAttempts: 2, requestTimeoutMs: 200 })
      fixture.double.stallNext(2)
      const started = performance.now()
      const error = await rejectsWith(provider.generateOrgKey(CONTEXT), 'KEY_UNAVAILABLE')
      const elapsed = performance.now() - started
      assert.match(error.message, /TimeoutError/)
      assert.equal(fixture.double.calls.GenerateDataKey, 2)
      assert.ok(elapsed >= 350 && elapsed < 2000, `took ${Math.round(elapsed)} ms`)
      await provider.generateOrgKey(CONTEXT)
    })

    it('check(): passes when KMS is reachable, KEY_UNAVAILABLE when not', async () => {
      await providerA.check()
      assert.equal(fixture.double.lastRequest?.operation, 'Encrypt')
      assert.equal(fixture.double.lastRequest?.body.KeyId, fixture.keyIdA)
      await fixture.makeUnreachable()
      try {
        await rejectsWith(providerA.check(), 'KEY_UNAVAILABLE')
      } finally {
        await fixture.restore()
      }
    })

    it('check(): KEY_UNAVAILABLE for a current key KMS does not know', async () => {
      const provider = fixture.openProvider({ keyId: 'arn:aws:kms:us-east-1:000000000000:key/missing' })
      const error = await rejectsWith(provider.check(), 'KEY_UNAVAILABLE')
      assert.match(error.message, /NotFoundException/)
    })

    it('a closed provider refuses with KEY_UNAVAILABLE and sends nothing', async () => {
      const provider = fixture.openProvider({ keyId: fixture.keyIdA })
      const { wrapped } = await provider.generateOrgKey(CONTEXT)
      await provider.close()
      fixture.double.resetCounters()
      await rejectsWith(provider.unwrapOrgKey(wrapped, CONTEXT), 'KEY_UNAVAILABLE')
      await rejectsWith(provider.check(), 'KEY_UNAVAILABLE')
      assert.equal(fixture.double.calls.Decrypt + fixture.double.calls.Encrypt, 0)
    })
  })

  describe('secrets stay out of errors and requests are signed', () => {
    it('no key bytes in any error message (nor in the logged error with its cause)', async () => {
      const { key, wrapped } = await providerA.generateOrgKey(CONTEXT)
      const forms = [key.toString('hex'), key.toString('base64'), key.toString('base64url')]
      const errors: CofferError[] = []
      fixture.double.failNext(1, 'AccessDeniedException')
      errors.push(await rejectsWith(providerA.wrapOrgKey(key, CONTEXT), 'KEY_UNAVAILABLE'))
      fixture.double.throttleNext(3)
      errors.push(await rejectsWith(providerA.wrapOrgKey(key, CONTEXT), 'KEY_UNAVAILABLE'))
      errors.push(
        await rejectsWith(providerA.unwrapOrgKey(wrapped, { orgId: ORG_B, version: 1 }), 'DECRYPTION_FAILED'),
      )
      errors.push(await rejectsWith(providerBOnly.unwrapOrgKey(wrapped, CONTEXT), 'DECRYPTION_FAILED'))
      await fixture.makeUnreachable()
      try {
        errors.push(await rejectsWith(providerA.wrapOrgKey(key, CONTEXT), 'KEY_UNAVAILABLE'))
      } finally {
        await fixture.restore()
      }
      for (const error of errors) {
        const logged = `${error.message}\n${inspect(error, { depth: 8 })}\n${JSON.stringify(error)}`
        for (const form of forms) assert.ok(!logged.includes(form), `key bytes in: ${error.message}`)
      }
    })

    it('requests carry a SigV4 Authorization header with the configured access key id', async () => {
      await providerA.check()
      const authorization = fixture.double.lastRequest?.headers.authorization ?? ''
      assert.match(
        authorization,
        /^AWS4-HMAC-SHA256 Credential=AKIDCOFFERTESTDOUBLE\/\d{8}\/us-east-1\/kms\//,
      )
      assert.equal(fixture.double.lastRequest?.headers['content-type'], 'application/x-amz-json-1.1')
    })

    it('without explicit credentials, the SDK default chain is used (environment variables here)', async () => {
      const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY }
      process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENVIRONMENT'
      process.env.AWS_SECRET_ACCESS_KEY = 'not-a-secret-either'
      try {
        const provider = createAwsKmsRootProvider({
          keyId: fixture.keyIdA,
          region: 'us-east-1',
          endpoint: fixture.double.url,
          requestTimeoutMs: 1000,
        })
        try {
          await provider.check()
        } finally {
          await provider.close()
        }
        assert.match(
          fixture.double.lastRequest?.headers.authorization ?? '',
          /Credential=AKIDFROMENVIRONMENT\//,
        )
      } finally {
        for (const [name, value] of [
          ['AWS_ACCESS_KEY_ID', saved.id],
          ['AWS_SECRET_ACCESS_KEY', saved.secret],
        ] as const) {
          if (value === undefined) delete process.env[name]
          else process.env[name] = value
        }
      }
    })
  })

  describe('configuration', () => {
    const base = { region: 'us-east-1', credentials: DOUBLE_CREDENTIALS }
    it('refuses an empty key id, an alias, an empty region and out-of-range limits with CONFIG_INVALID', () => {
      const invalid = [
        { ...base, keyId: '' },
        { ...base, keyId: 'alias/coffer-root' },
        { ...base, keyId: 'arn:aws:kms:us-east-1:000000000000:alias/coffer-root' },
        { ...base, keyId: 'x'.repeat(2049) },
        { ...base, keyId: fixture.keyIdA, previousKeyIds: ['alias/old'] },
        { ...base, keyId: fixture.keyIdA, region: '' },
        { ...base, keyId: fixture.keyIdA, maxAttempts: 0 },
        { ...base, keyId: fixture.keyIdA, requestTimeoutMs: 1.5 },
      ]
      for (const options of invalid) {
        const error = throwsWith(() => createAwsKmsRootProvider(options), 'CONFIG_INVALID')
        assert.ok(!error.message.includes('coffer-root'), 'the message names the option, not its value')
      }
    })
  })
})

describe('KMS protocol double: the wire shapes the SDK relies on', () => {
  const fixture = kmsProviderFixture()
  before(() => fixture.setUp())
  after(() => fixture.tearDown())

  const post = (target: string, body: object, authorization = 'AWS4-HMAC-SHA256 Credential=x') =>
    fetch(fixture.double.url, {
      method: 'POST',
      headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1', authorization },
      body: JSON.stringify(body),
    })

  it('an unknown target is HTTP 400 UnknownOperationException', async () => {
    const response = await post('TrentService.ScheduleKeyDeletion', { KeyId: fixture.keyIdA })
    assert.equal(response.status, 400)
    assert.equal(((await response.json()) as { __type: string }).__type, 'UnknownOperationException')
  })

  it('an unsigned request is refused', async () => {
    const response = await post('TrentService.DescribeKey', { KeyId: fixture.keyIdA }, '')
    assert.equal(response.status, 400)
    assert.equal(
      ((await response.json()) as { __type: string }).__type,
      'MissingAuthenticationTokenException',
    )
  })

  it('DescribeKey reports the key state', async () => {
    fixture.double.disableKey(fixture.keyIdB)
    const response = await post('TrentService.DescribeKey', { KeyId: fixture.keyIdB })
    assert.equal(response.status, 200)
    const { KeyMetadata } = (await response.json()) as { KeyMetadata: { Arn: string; KeyState: string } }
    assert.equal(KeyMetadata.Arn, fixture.keyIdB)
    assert.equal(KeyMetadata.KeyState, 'Disabled')
    assert.equal(fixture.double.lastRequest?.operation, 'DescribeKey')
  })

  it('Decrypt binds the encryption context regardless of pair order', async () => {
    const blob = fixture.double.sealBlob(fixture.keyIdA, Buffer.from('hello'), { b: '2', a: '1' })
    const response = await post('TrentService.Decrypt', {
      KeyId: fixture.keyIdA,
      CiphertextBlob: blob.toString('base64'),
      EncryptionContext: { a: '1', b: '2' },
    })
    assert.equal(response.status, 200)
    const { Plaintext } = (await response.json()) as { Plaintext: string }
    assert.equal(Buffer.from(Plaintext, 'base64').toString(), 'hello')
  })
})
