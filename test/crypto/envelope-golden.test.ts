// Stops: a silent change to envelope format 0x01 that would leave stored data unreadable.
// The vectors were generated once and are never regenerated (see vectors/README.md).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import {
  ENVELOPE_FORMAT_V1,
  envelopeFromText,
  envelopeToText,
  openEnvelope,
  readEnvelopeKeyVersion,
  xchachaDecrypt,
} from '../../src/crypto/index.js'

interface GoldenVector {
  name: string
  key: string
  keyVersion: number
  context: string
  plaintext: string
  envelope: string
}

const hex = (text: string) => Buffer.from(text, 'hex')
const file = JSON.parse(readFileSync(new URL('./vectors/envelope-golden.json', import.meta.url), 'utf8'))
const vectors = file.vectors as GoldenVector[]

test('the golden file holds its vectors', () => {
  assert.equal(vectors.length, 4)
})

for (const v of vectors) {
  test(`golden envelope opens: ${v.name}`, () => {
    const envelope = hex(v.envelope)
    assert.equal(openEnvelope({ key: hex(v.key), envelope, context: v.context }).toString('hex'), v.plaintext)
    assert.deepEqual(envelopeFromText(envelopeToText(envelope)), envelope)
  })

  test(`golden envelope header parses as written: ${v.name}`, () => {
    const envelope = hex(v.envelope)
    assert.equal(envelope[0], ENVELOPE_FORMAT_V1)
    assert.equal(envelope.readUInt32BE(1), v.keyVersion)
    assert.equal(readEnvelopeKeyVersion(envelope), v.keyVersion)
    assert.equal(envelope.length, 1 + 4 + 24 + hex(v.plaintext).length + 16)
  })

  test(`golden envelope matches the documented layout, opened with the bare AEAD: ${v.name}`, () => {
    const envelope = hex(v.envelope)
    const aad = Buffer.concat([envelope.subarray(0, 5), Buffer.from(v.context, 'utf8')])
    const plaintext = xchachaDecrypt(hex(v.key), envelope.subarray(5, 29), envelope.subarray(29), aad)
    assert.equal(plaintext.toString('hex'), v.plaintext)
  })
}
