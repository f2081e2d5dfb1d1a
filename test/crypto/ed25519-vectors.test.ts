// Stops: checkpoint signatures checked by something that is not Ed25519 as published (RFC 8032),
// or that accepts a malleated or non-canonical signature. Vectors: Wycheproof (see
// ../shared/vectors/README.md).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { test } from 'node:test'
import { verifyEd25519 } from '../../src/crypto/signed-note.js'

const WYCHEPROOF = resolve(process.cwd(), '../shared/vectors/wycheproof_ed25519_test.json')

interface WycheproofEd25519File {
  numberOfTests: number
  testGroups: {
    publicKey: { pk: string }
    tests: {
      tcId: number
      msg: string
      sig: string
      result: 'valid' | 'invalid' | 'acceptable'
      comment: string
    }[]
  }[]
}

test('every Wycheproof Ed25519 case: valid ones verify, invalid ones are refused', () => {
  const file = JSON.parse(readFileSync(WYCHEPROOF, 'utf8')) as WycheproofEd25519File
  let ran = 0
  for (const group of file.testGroups) {
    const publicKey = Buffer.from(group.publicKey.pk, 'hex')
    for (const t of group.tests) {
      const ok = verifyEd25519(publicKey, Buffer.from(t.msg, 'hex'), Buffer.from(t.sig, 'hex'))
      if (t.result === 'valid') assert.equal(ok, true, `tcId ${t.tcId} ${t.comment}`)
      if (t.result === 'invalid') assert.equal(ok, false, `tcId ${t.tcId} ${t.comment}`)
      ran++
    }
  }
  assert.equal(ran, file.numberOfTests)
})
