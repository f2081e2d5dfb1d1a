// Stops: key derivation that is not HKDF-SHA256 as published, so that derived keys (blind
// index, session, audit chain) would differ from any other implementation, or silently
// accept impossible output lengths.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { test } from 'node:test'
import { deriveKey, hkdfSha256, hmacSha256 } from '../../src/crypto/index.js'

const hex = (text: string) => Buffer.from(text, 'hex')
const WYCHEPROOF = resolve(process.cwd(), '../shared/vectors/wycheproof_hkdf_sha256_test.json')

interface Rfc5869Vector {
  name: string
  ikm: string
  salt: string
  info: string
  length: number
  prk: string
  okm: string
}

interface WycheproofHkdfFile {
  numberOfTests: number
  testGroups: {
    tests: {
      tcId: number
      ikm: string
      salt: string
      info: string
      size: number
      okm: string
      result: string
    }[]
  }[]
}

test('RFC 5869 test cases 1-3 (SHA-256): exact OKM, and PRK = HMAC(salt, IKM)', () => {
  const file = JSON.parse(
    readFileSync(new URL('./vectors/rfc5869-hkdf-sha256.json', import.meta.url), 'utf8'),
  )
  const vectors = file.vectors as Rfc5869Vector[]
  assert.equal(vectors.length, 3)
  for (const v of vectors) {
    const okm = hkdfSha256({ ikm: hex(v.ikm), salt: hex(v.salt), info: hex(v.info), length: v.length })
    assert.equal(okm.toString('hex'), v.okm, v.name)
    // An empty salt is HashLen zero bytes, which HMAC pads to the same key as no bytes.
    assert.equal(hmacSha256(hex(v.salt), hex(v.ikm)).toString('hex'), v.prk, v.name)
  }
})

test('an omitted salt is the empty salt (RFC 5869 test case 3)', () => {
  const okm = hkdfSha256({ ikm: hex('0b'.repeat(22)), info: '', length: 42 })
  assert.equal(
    okm.toString('hex'),
    '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  )
})

test('Wycheproof HKDF-SHA256: every valid case exact, every too-large size refused', (t) => {
  if (!existsSync(WYCHEPROOF)) {
    t.skip(`Wycheproof vectors not found at ${WYCHEPROOF}`)
    return
  }
  const file = JSON.parse(readFileSync(WYCHEPROOF, 'utf8')) as WycheproofHkdfFile
  let checked = 0
  for (const group of file.testGroups) {
    for (const c of group.tests) {
      const input = { ikm: hex(c.ikm), salt: hex(c.salt), info: hex(c.info), length: c.size }
      const label = `tcId ${c.tcId}`
      if (c.result === 'valid') {
        assert.equal(hkdfSha256(input).toString('hex'), c.okm, label)
      } else {
        assert.equal(c.result, 'invalid', label)
        assert.throws(() => hkdfSha256(input), RangeError, label)
      }
      checked++
    }
  }
  assert.equal(checked, file.numberOfTests)
})

test('deriveKey: empty salt, label as UTF-8 info, 32 bytes by default, distinct per label', () => {
  const ikm = hex('00'.repeat(16) + 'ff'.repeat(16))
  const audit = deriveKey(ikm, 'coffer/audit-chain')
  assert.equal(audit.length, 32)
  assert.deepEqual(
    audit,
    hkdfSha256({ ikm, salt: new Uint8Array(0), info: Buffer.from('coffer/audit-chain'), length: 32 }),
  )
  assert.notDeepEqual(audit, deriveKey(ikm, 'coffer/session'))
  assert.equal(deriveKey(ikm, 'coffer/blind/records/email', 64).length, 64)
})

test('impossible lengths and oversized info are RangeErrors', () => {
  const ikm = Buffer.alloc(32, 7)
  for (const length of [0, -1, 1.5, 8161, Number.NaN]) {
    assert.throws(() => hkdfSha256({ ikm, info: 'x', length }), RangeError, String(length))
  }
  assert.equal(hkdfSha256({ ikm, info: 'x', length: 8160 }).length, 8160)
  assert.throws(() => hkdfSha256({ ikm, info: 'x'.repeat(1025), length: 32 }), RangeError)
})
