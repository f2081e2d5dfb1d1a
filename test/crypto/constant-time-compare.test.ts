// Stops: secret comparisons that throw on a length mismatch (turning a bad token into a 500)
// or that answer wrongly.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { constantTimeEqual } from '../../src/crypto/index.js'

test('equal bytes are equal, whatever the array type', () => {
  assert.equal(constantTimeEqual(Buffer.from('abc'), new TextEncoder().encode('abc')), true)
  assert.equal(constantTimeEqual(new Uint8Array(0), Buffer.alloc(0)), true)
})

test('a difference anywhere is unequal', () => {
  const a = Buffer.alloc(32, 0x5a)
  for (let i = 0; i < a.length; i++) {
    const b = Buffer.from(a)
    b[i]! ^= 1
    assert.equal(constantTimeEqual(a, b), false, `byte ${i}`)
  }
})

test('different lengths are unequal, without throwing', () => {
  assert.equal(constantTimeEqual(Buffer.alloc(32), Buffer.alloc(31)), false)
  assert.equal(constantTimeEqual(Buffer.alloc(0), Buffer.alloc(1)), false)
  assert.equal(constantTimeEqual(Buffer.from('ab'), Buffer.from('abc')), false)
})
