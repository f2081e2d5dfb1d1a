// Stops: an AEAD that is not XChaCha20-Poly1305 as published (wrong construction, wrong
// nonce handling, tags that verify when they should not).
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { test } from 'node:test'
import { xchachaDecrypt, xchachaEncrypt } from '../../src/crypto/index.js'
import { isCofferError } from '../../src/errors.js'

const hex = (text: string) => Buffer.from(text, 'hex')
const WYCHEPROOF = resolve(process.cwd(), '../shared/vectors/wycheproof_xchacha20_poly1305_test.json')

interface DraftVector {
  name: string
  key: string
  nonce: string
  aad: string
  plaintext: string
  plaintextAscii: string
  ciphertext: string
  tag: string
}

interface WycheproofAeadFile {
  numberOfTests: number
  testGroups: {
    ivSize: number
    tests: {
      tcId: number
      key: string
      iv: string
      aad: string
      msg: string
      ct: string
      tag: string
      result: string
    }[]
  }[]
}

test('draft-irtf-cfrg-xchacha-03 A.3.1: exact ciphertext and tag, and back', () => {
  const file = JSON.parse(
    readFileSync(new URL('./vectors/draft-irtf-cfrg-xchacha.json', import.meta.url), 'utf8'),
  )
  const vectors = file.vectors as DraftVector[]
  assert.equal(vectors.length, 1)
  for (const v of vectors) {
    assert.equal(hex(v.plaintext).toString('latin1'), v.plaintextAscii)
    const sealed = xchachaEncrypt(hex(v.key), hex(v.nonce), hex(v.plaintext), hex(v.aad))
    assert.equal(sealed.toString('hex'), v.ciphertext + v.tag, v.name)
    assert.deepEqual(xchachaDecrypt(hex(v.key), hex(v.nonce), sealed, hex(v.aad)), hex(v.plaintext))
  }
})

test('Wycheproof XChaCha20-Poly1305: every valid case exact, every invalid case refused', (t) => {
  if (!existsSync(WYCHEPROOF)) {
    t.skip(`Wycheproof vectors not found at ${WYCHEPROOF}`)
    return
  }
  const file = JSON.parse(readFileSync(WYCHEPROOF, 'utf8')) as WycheproofAeadFile
  let checked = 0
  for (const group of file.testGroups) {
    for (const c of group.tests) {
      const [key, nonce, aad, msg] = [hex(c.key), hex(c.iv), hex(c.aad), hex(c.msg)]
      const sealed = hex(c.ct + c.tag)
      const label = `tcId ${c.tcId}`
      if (group.ivSize !== 192) {
        // Wrong nonce sizes are a programmer error: both directions refuse them outright.
        assert.equal(c.result, 'invalid', label)
        assert.throws(() => xchachaEncrypt(key, nonce, msg, aad), TypeError, label)
        assert.throws(() => xchachaDecrypt(key, nonce, sealed, aad), TypeError, label)
      } else if (c.result === 'valid') {
        assert.equal(xchachaEncrypt(key, nonce, msg, aad).toString('hex'), c.ct + c.tag, label)
        assert.equal(xchachaDecrypt(key, nonce, sealed, aad).toString('hex'), c.msg, label)
      } else {
        assert.equal(c.result, 'invalid', label)
        assert.throws(
          () => xchachaDecrypt(key, nonce, sealed, aad),
          (error) => isCofferError(error, 'DECRYPTION_FAILED'),
          label,
        )
      }
      checked++
    }
  }
  assert.equal(checked, file.numberOfTests)
})

test('a ciphertext shorter than the tag is DECRYPTION_FAILED, not a crash', () => {
  const [key, nonce] = [Buffer.alloc(32, 1), Buffer.alloc(24, 2)]
  for (const length of [0, 1, 15]) {
    assert.throws(
      () => xchachaDecrypt(key, nonce, Buffer.alloc(length), Buffer.alloc(0)),
      (error) => isCofferError(error, 'DECRYPTION_FAILED'),
    )
  }
})

test('wrong key lengths are a TypeError in both directions', () => {
  const nonce = Buffer.alloc(24)
  for (const length of [0, 16, 31, 33, 64]) {
    assert.throws(
      () => xchachaEncrypt(Buffer.alloc(length), nonce, Buffer.alloc(1), Buffer.alloc(0)),
      TypeError,
    )
    assert.throws(
      () => xchachaDecrypt(Buffer.alloc(length), nonce, Buffer.alloc(17), Buffer.alloc(0)),
      TypeError,
    )
  }
})

test('plain Uint8Array inputs and subarray views give the same bytes as Buffers', () => {
  const backing = new Uint8Array(200).map((_, i) => i)
  const key = backing.subarray(3, 35)
  const nonce = backing.subarray(40, 64)
  const plaintext = backing.subarray(70, 170)
  const aad = backing.subarray(171, 180)
  const sealed = xchachaEncrypt(key, nonce, plaintext, aad)
  const copy = (view: Uint8Array) => Buffer.from(view)
  assert.deepEqual(sealed, xchachaEncrypt(copy(key), copy(nonce), copy(plaintext), copy(aad)))
  assert.deepEqual(xchachaDecrypt(key, nonce, new Uint8Array(sealed), aad), copy(plaintext))
})
