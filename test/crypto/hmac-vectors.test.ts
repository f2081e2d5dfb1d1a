// Stops: token hashes and keyed digests that are not HMAC-SHA256 as published, including
// MACs that would match a modified tag.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { test } from 'node:test'
import { hmacSha256 } from '../../src/crypto/index.js'

const hex = (text: string) => Buffer.from(text, 'hex')
const WYCHEPROOF = resolve(process.cwd(), '../shared/vectors/wycheproof_hmac_sha256_test.json')

interface WycheproofMacFile {
  numberOfTests: number
  testGroups: {
    tagSize: number
    tests: { tcId: number; key: string; msg: string; tag: string; result: string }[]
  }[]
}

test('Wycheproof HMAC-SHA256: valid tags equal the prefix of our MAC, modified tags do not', (t) => {
  if (!existsSync(WYCHEPROOF)) {
    t.skip(`Wycheproof vectors not found at ${WYCHEPROOF}`)
    return
  }
  const file = JSON.parse(readFileSync(WYCHEPROOF, 'utf8')) as WycheproofMacFile
  let checked = 0
  for (const group of file.testGroups) {
    for (const c of group.tests) {
      const label = `tcId ${c.tcId}`
      const mac = hmacSha256(hex(c.key), hex(c.msg))
      assert.equal(mac.length, 32, label)
      assert.equal(c.tag.length / 2, group.tagSize / 8, label)
      const prefix = mac.subarray(0, group.tagSize / 8).toString('hex')
      if (c.result === 'valid') assert.equal(prefix, c.tag, label)
      else assert.notEqual(prefix, c.tag, label)
      checked++
    }
  }
  assert.equal(checked, file.numberOfTests)
})

test('RFC 4231 test case 2: string parts are UTF-8, and parts are concatenated', () => {
  const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
  assert.equal(hmacSha256(Buffer.from('Jefe'), 'what do ya want for nothing?').toString('hex'), expected)
  assert.equal(
    hmacSha256(Buffer.from('Jefe'), 'what do ya ', Buffer.from('want for nothing?')).toString('hex'),
    expected,
  )
})
