// Stops: envelopes that open after being tampered with, truncated, extended, moved to another
// org / table / column / row, or opened under another key; and repeated nonces.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  ENVELOPE_FORMAT_V1,
  envelopeFromText,
  envelopeToText,
  fieldContext,
  openEnvelope,
  randomBytes,
  readEnvelopeKeyVersion,
  sealEnvelope,
} from '../../src/crypto/index.js'
import { isCofferError } from '../../src/errors.js'

const isDecryptionFailed = (error: unknown) => isCofferError(error, 'DECRYPTION_FAILED')

const key = fc.uint8Array({ minLength: 32, maxLength: 32 })
const keyVersion = fc.integer({ min: 1, max: 0xffffffff })
const plaintext = fc.uint8Array({ minLength: 0, maxLength: 4096 })
const smallPlaintext = fc.uint8Array({ minLength: 0, maxLength: 256 })
const contextParts = fc.record({
  orgId: fc.uuid(),
  table: fc.constantFrom('records', 'secrets', 'memories'),
  column: fc.constantFrom('content', 'value', 'metadata'),
  rowId: fc.uuid(),
})

test('round trip: any plaintext of 0..4096 bytes under any key version opens to itself', () => {
  fc.assert(
    fc.property(key, keyVersion, plaintext, contextParts, (k, version, message, parts) => {
      const context = fieldContext(parts)
      const envelope = sealEnvelope({ key: k, keyVersion: version, plaintext: message, context })
      assert.equal(envelope.length, 45 + message.length)
      assert.equal(envelope[0], ENVELOPE_FORMAT_V1)
      assert.equal(readEnvelopeKeyVersion(envelope), version)
      assert.deepEqual(openEnvelope({ key: k, envelope, context }), Buffer.from(message))
      // Drivers may hand back a plain Uint8Array, or a view into a larger buffer.
      const padded = new Uint8Array(envelope.length + 3)
      padded.set(envelope, 3)
      assert.deepEqual(openEnvelope({ key: k, envelope: padded.subarray(3), context }), Buffer.from(message))
    }),
  )
})

test('any single bit flip anywhere in the envelope is DECRYPTION_FAILED', () => {
  fc.assert(
    fc.property(key, keyVersion, smallPlaintext, fc.nat(), (k, version, message, position) => {
      const context = 'org:o/records.content/r'
      const envelope = sealEnvelope({ key: k, keyVersion: version, plaintext: message, context })
      const bit = position % (envelope.length * 8)
      envelope[bit >> 3]! ^= 1 << (bit & 7)
      assert.throws(() => openEnvelope({ key: k, envelope, context }), isDecryptionFailed)
    }),
  )
})

test('every single bit flip of one envelope is DECRYPTION_FAILED (exhaustive)', () => {
  const k = randomBytes(32)
  const context = 'org:o/records.content/r'
  const sealed = sealEnvelope({ key: k, keyVersion: 7, plaintext: Buffer.from('a short secret'), context })
  for (let bit = 0; bit < sealed.length * 8; bit++) {
    const envelope = Buffer.from(sealed)
    envelope[bit >> 3]! ^= 1 << (bit & 7)
    assert.throws(() => openEnvelope({ key: k, envelope, context }), isDecryptionFailed, `bit ${bit}`)
  }
})

test('any truncation, and appending any byte, is DECRYPTION_FAILED', () => {
  fc.assert(
    fc.property(
      key,
      keyVersion,
      smallPlaintext,
      fc.nat(),
      fc.integer({ min: 0, max: 255 }),
      (k, v, m, cut, extra) => {
        const context = 'org:o/records.content/r'
        const envelope = sealEnvelope({ key: k, keyVersion: v, plaintext: m, context })
        const truncated = envelope.subarray(0, cut % envelope.length)
        assert.throws(() => openEnvelope({ key: k, envelope: truncated, context }), isDecryptionFailed)
        const extended = Buffer.concat([envelope, Buffer.of(extra)])
        assert.throws(() => openEnvelope({ key: k, envelope: extended, context }), isDecryptionFailed)
      },
    ),
  )
})

test('opening in another org, table, column or row is DECRYPTION_FAILED', () => {
  const swaps = fc.oneof(
    fc.record({ field: fc.constant('orgId' as const), value: fc.uuid() }),
    fc.record({
      field: fc.constant('table' as const),
      value: fc.constantFrom('records', 'secrets', 'audit', 'a'),
    }),
    fc.record({ field: fc.constant('column' as const), value: fc.constantFrom('content', 'value', 'x.y') }),
    fc.record({ field: fc.constant('rowId' as const), value: fc.uuid() }),
  )
  fc.assert(
    fc.property(key, keyVersion, smallPlaintext, contextParts, swaps, (k, v, m, parts, swap) => {
      fc.pre(parts[swap.field] !== swap.value)
      const envelope = sealEnvelope({ key: k, keyVersion: v, plaintext: m, context: fieldContext(parts) })
      const moved = fieldContext({ ...parts, [swap.field]: swap.value })
      assert.throws(() => openEnvelope({ key: k, envelope, context: moved }), isDecryptionFailed)
    }),
  )
})

test('any context, of any length and any Unicode, binds the envelope exactly', () => {
  // Lengths cross the 4 KiB scratch buffer that holds the AAD, and vary between calls.
  const context = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.string({ unit: 'binary', maxLength: 2000 }),
  )
  fc.assert(
    fc.property(key, smallPlaintext, context, context, (k, m, sealedIn, other) => {
      fc.pre(sealedIn !== other)
      const envelope = sealEnvelope({ key: k, keyVersion: 5, plaintext: m, context: sealedIn })
      assert.deepEqual(openEnvelope({ key: k, envelope, context: sealedIn }), Buffer.from(m))
      assert.throws(() => openEnvelope({ key: k, envelope, context: other }), isDecryptionFailed)
      assert.throws(() => openEnvelope({ key: k, envelope, context: `${sealedIn}x` }), isDecryptionFailed)
    }),
  )
})

test('opening under another key is DECRYPTION_FAILED', () => {
  fc.assert(
    fc.property(key, key, keyVersion, smallPlaintext, (k, other, v, m) => {
      fc.pre(!Buffer.from(k).equals(Buffer.from(other)))
      const context = 'org:o/records.content/r'
      const envelope = sealEnvelope({ key: k, keyVersion: v, plaintext: m, context })
      assert.throws(() => openEnvelope({ key: other, envelope, context }), isDecryptionFailed)
    }),
  )
})

test('relabelling the key version in the header is DECRYPTION_FAILED (the header is in the AAD)', () => {
  fc.assert(
    fc.property(key, keyVersion, keyVersion, smallPlaintext, (k, sealedAs, relabelled, m) => {
      fc.pre(sealedAs !== relabelled)
      const context = 'org:o/records.content/r'
      const envelope = sealEnvelope({ key: k, keyVersion: sealedAs, plaintext: m, context })
      envelope.writeUInt32BE(relabelled, 1)
      assert.equal(readEnvelopeKeyVersion(envelope), relabelled)
      assert.throws(() => openEnvelope({ key: k, envelope, context }), isDecryptionFailed)
    }),
  )
})

test('any format byte other than 0x01 is refused by open and by readEnvelopeKeyVersion', () => {
  const k = randomBytes(32)
  const context = 'org:o/records.content/r'
  const sealed = sealEnvelope({ key: k, keyVersion: 1, plaintext: Buffer.from('x'), context })
  for (let format = 0; format < 256; format++) {
    if (format === ENVELOPE_FORMAT_V1) continue
    const envelope = Buffer.from(sealed)
    envelope[0] = format
    assert.throws(() => readEnvelopeKeyVersion(envelope), isDecryptionFailed, `format ${format}`)
    assert.throws(() => openEnvelope({ key: k, envelope, context }), isDecryptionFailed, `format ${format}`)
  }
})

test('readEnvelopeKeyVersion refuses inputs shorter than an empty envelope, and key version 0', () => {
  for (const length of [0, 1, 5, 29, 44]) {
    const bytes = Buffer.alloc(length, 0)
    if (length > 0) bytes[0] = ENVELOPE_FORMAT_V1
    assert.throws(() => readEnvelopeKeyVersion(bytes), isDecryptionFailed, `length ${length}`)
  }
  const zeroVersion = Buffer.alloc(45)
  zeroVersion[0] = ENVELOPE_FORMAT_V1
  assert.throws(() => readEnvelopeKeyVersion(zeroVersion), isDecryptionFailed)
})

test('failures carry one message and never the key or plaintext bytes; the detail is on cause', () => {
  const k = Buffer.alloc(32, 0xab)
  const secret = 'my secret value'
  const context = 'org:o/records.content/r'
  const envelope = sealEnvelope({ key: k, keyVersion: 3, plaintext: Buffer.from(secret), context })
  const attempts = [
    () => openEnvelope({ key: k, envelope, context: 'org:o/records.content/other' }),
    () => openEnvelope({ key: k, envelope: envelope.subarray(0, 10), context }),
    () => openEnvelope({ key: k, envelope: Buffer.concat([Buffer.of(2), envelope.subarray(1)]), context }),
  ]
  for (const attempt of attempts) {
    assert.throws(attempt, (error) => {
      assert.ok(isDecryptionFailed(error))
      assert.equal(error.message, 'envelope could not be opened')
      assert.ok(error.cause !== undefined)
      const text = `${error.message} ${String(error.cause)} ${JSON.stringify(error)}`
      assert.ok(!text.includes(secret) && !text.includes(k.toString('hex')) && !text.includes('abab'))
      return true
    })
  }
})

test('nonces differ across 10,000 seals of the same plaintext', () => {
  const k = randomBytes(32)
  const nonces = new Set<string>()
  for (let i = 0; i < 10_000; i++) {
    const envelope = sealEnvelope({ key: k, keyVersion: 1, plaintext: Buffer.from('same'), context: 'same' })
    nonces.add(envelope.subarray(5, 29).toString('hex'))
  }
  assert.equal(nonces.size, 10_000)
})

test('sealing refuses key versions outside 1..2^32-1 and keys that are not 32 bytes', () => {
  const k = randomBytes(32)
  for (const version of [0, -1, 1.5, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(
      () => sealEnvelope({ key: k, keyVersion: version, plaintext: Buffer.alloc(1), context: 'c' }),
      TypeError,
      String(version),
    )
  }
  assert.throws(() =>
    sealEnvelope({ key: Buffer.alloc(16), keyVersion: 1, plaintext: Buffer.alloc(1), context: 'c' }),
  )
  const envelope = sealEnvelope({ key: k, keyVersion: 1, plaintext: Buffer.alloc(1), context: 'c' })
  assert.throws(() => openEnvelope({ key: Buffer.alloc(31), envelope, context: 'c' }), TypeError)
})

test('text form: round trip for any envelope, cf1. prefix, unpadded base64url', () => {
  fc.assert(
    fc.property(key, keyVersion, smallPlaintext, (k, v, m) => {
      const envelope = sealEnvelope({ key: k, keyVersion: v, plaintext: m, context: 'c' })
      const text = envelopeToText(envelope)
      assert.match(text, /^cf1\.[A-Za-z0-9_-]+$/)
      assert.deepEqual(envelopeFromText(text), envelope)
      assert.deepEqual(
        openEnvelope({ key: k, envelope: envelopeFromText(text), context: 'c' }),
        Buffer.from(m),
      )
    }),
  )
})

test('text form: wrong prefix, bad or non-canonical encoding, or a bad header is DECRYPTION_FAILED', () => {
  const envelope = sealEnvelope({
    key: randomBytes(32),
    keyVersion: 9,
    plaintext: Buffer.from('hi'),
    context: 'c',
  })
  const text = envelopeToText(envelope)
  const body = text.slice(4)
  const other = Buffer.from(envelope)
  other[0] = 2
  const bad = [
    '',
    body,
    `cf2.${body}`,
    `CF1.${body}`,
    ` ${text}`,
    `${text} `,
    `${text}=`,
    `cf1.${body.replace(/.$/, '+')}`,
    `cf1.${body.slice(0, 10)}*${body.slice(11)}`,
    `cf1.${envelope.toString('base64')}`.replace(/[A-Za-z0-9_-]$/, '='),
    'cf1.',
    `cf1.${Buffer.alloc(20).toString('base64url')}`,
    envelopeToText(other),
  ]
  // Non-canonical: the last character carries bits past the end of the bytes.
  const last = body.at(-1)!
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const sibling = alphabet[alphabet.indexOf(last) ^ 1]!
  if (Buffer.from(body.slice(0, -1) + sibling, 'base64url').equals(envelope))
    bad.push(`cf1.${body.slice(0, -1)}${sibling}`)
  for (const candidate of bad) {
    assert.throws(() => envelopeFromText(candidate), isDecryptionFailed, JSON.stringify(candidate))
  }
  assert.throws(() => envelopeFromText(42 as unknown as string), isDecryptionFailed)
  // One more character decodes to a longer byte string: a valid text, but not an envelope that opens.
  const k = randomBytes(32)
  const sealed = sealEnvelope({ key: k, keyVersion: 1, plaintext: Buffer.from('hi'), context: 'c' })
  const longer = envelopeFromText(`${envelopeToText(sealed)}AAAA`)
  assert.throws(() => openEnvelope({ key: k, envelope: longer, context: 'c' }), isDecryptionFailed)
})

test('fieldContext builds org:<org>/<table>.<column>/<row> and refuses ambiguous parts', () => {
  const parts = { orgId: 'o-1', table: 'records', column: 'content', rowId: 'r-1' }
  assert.equal(fieldContext(parts), 'org:o-1/records.content/r-1')
  assert.equal(fieldContext({ ...parts, rowId: 'a/b.c' }), 'org:o-1/records.content/a/b.c')
  for (const bad of [
    { orgId: 'a/b' },
    { table: 'a.b' },
    { table: 'a/b' },
    { column: 'a/b' },
    { orgId: '' },
    { table: '' },
    { column: '' },
    { rowId: '' },
  ]) {
    assert.throws(() => fieldContext({ ...parts, ...bad }), TypeError, JSON.stringify(bad))
  }
})
