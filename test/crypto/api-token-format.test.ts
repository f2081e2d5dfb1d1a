// Stops: API tokens that are guessable, mistyped tokens that pass the checksum (and reach the
// database), malformed input that throws, and token hashes that ignore the pepper.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  API_TOKEN_LENGTH,
  API_TOKEN_PREFIX,
  BASE62_ALPHABET,
  base62Encode,
  base62EncodeNumber,
  generateApiToken,
  hashApiToken,
  hasValidTokenChecksum,
} from '../../src/crypto/index.js'

test('format: cf_ prefix, 52 characters, base62 after the prefix, valid checksum', () => {
  assert.equal(API_TOKEN_PREFIX, 'cf_')
  assert.equal(API_TOKEN_LENGTH, 52)
  for (let i = 0; i < 200; i++) {
    const token = generateApiToken()
    assert.equal(token.length, API_TOKEN_LENGTH)
    assert.match(token, /^cf_[0-9A-Za-z]{49}$/)
    assert.equal(hasValidTokenChecksum(token), true, token)
  }
})

test('tokens do not repeat', () => {
  const tokens = new Set(Array.from({ length: 5000 }, generateApiToken))
  assert.equal(tokens.size, 5000)
})

test('the checksum detects every single-character substitution', () => {
  fc.assert(
    fc.property(fc.nat(), fc.integer({ min: 1, max: 61 }), (position, shift) => {
      const token = generateApiToken()
      const index = API_TOKEN_PREFIX.length + (position % (API_TOKEN_LENGTH - API_TOKEN_PREFIX.length))
      const digit = BASE62_ALPHABET.indexOf(token[index]!)
      const replaced = BASE62_ALPHABET[(digit + shift) % 62]!
      const mistyped = token.slice(0, index) + replaced + token.slice(index + 1)
      assert.notEqual(mistyped, token)
      assert.equal(hasValidTokenChecksum(mistyped), false)
    }),
    { numRuns: 2000 },
  )
})

test('every single-character substitution of one token, exhaustively, fails the checksum', () => {
  const token = generateApiToken()
  for (let index = API_TOKEN_PREFIX.length; index < API_TOKEN_LENGTH; index++) {
    for (const character of BASE62_ALPHABET) {
      if (character === token[index]) continue
      const mistyped = token.slice(0, index) + character + token.slice(index + 1)
      assert.equal(hasValidTokenChecksum(mistyped), false, `${index} ${character}`)
    }
  }
})

test('wrong prefix, length or alphabet is false, never a throw', () => {
  const token = generateApiToken()
  const bad: unknown[] = [
    '',
    token.slice(0, -1),
    `${token}0`,
    `CF_${token.slice(3)}`,
    `cf-${token.slice(3)}`,
    `xx_${token.slice(3)}`,
    `${token.slice(0, 10)}-${token.slice(11)}`,
    `${token.slice(0, 10)}_${token.slice(11)}`,
    `${token.slice(0, 10)}é${token.slice(11)}`,
    ` ${token.slice(1)}`,
    token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
    null,
    undefined,
    42,
  ]
  for (const candidate of bad) {
    assert.equal(hasValidTokenChecksum(candidate as string), false, String(candidate))
  }
})

test('hash: HMAC-SHA256 of the token, deterministic per pepper, different across peppers', () => {
  const token = generateApiToken()
  const pepper = Buffer.alloc(32, 1)
  const other = Buffer.alloc(32, 2)
  assert.equal(hashApiToken(pepper, token).length, 32)
  assert.deepEqual(hashApiToken(pepper, token), hashApiToken(Buffer.from(pepper), token))
  assert.notDeepEqual(hashApiToken(pepper, token), hashApiToken(other, token))
  assert.notDeepEqual(hashApiToken(pepper, token), hashApiToken(pepper, generateApiToken()))
})

test('base62: fixed width, left-padded with 0, big-endian, refuses overflow', () => {
  assert.equal(base62Encode(new Uint8Array(0), 3), '000')
  assert.equal(base62Encode(Buffer.of(0, 61), 2), '0z')
  assert.equal(base62Encode(Buffer.of(62), 3), '010')
  assert.equal(base62Encode(Buffer.alloc(32, 0xff), 43).length, 43)
  assert.throws(() => base62Encode(Buffer.of(62), 1), RangeError)
  assert.equal(base62EncodeNumber(0, 6), '000000')
  assert.equal(base62EncodeNumber(0xffffffff, 6), '4gfFC3')
  assert.equal(base62EncodeNumber(62 ** 2 - 1, 2), 'zz')
  assert.throws(() => base62EncodeNumber(62 ** 2, 2), RangeError)
  assert.throws(() => base62EncodeNumber(-1, 6), RangeError)
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 32 }), (bytes) => {
      const encoded = base62Encode(bytes, 43)
      let value = 0n
      for (const character of encoded) value = value * 62n + BigInt(BASE62_ALPHABET.indexOf(character))
      assert.equal(value, BigInt(`0x0${Buffer.from(bytes).toString('hex')}`))
    }),
  )
})
