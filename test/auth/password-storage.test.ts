// Stops: a stolen users table being cheap to crack (weak or drifting Argon2 parameters), the dummy
// hash that hides unknown emails costing less than a real one, and password errors that echo the
// password.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseOptions } from '@node-rs/argon2'
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from '../../src/auth/passwords.js'
import { isCofferError } from '../../src/errors.js'

const PASSWORD = 'correct horse battery staple'
const ARGON2ID = 2

describe('password storage', () => {
  it('hashes with Argon2id, m=19456 KiB, t=2, p=1, into a PHC string with a fresh salt', async () => {
    const first = await hashPassword(PASSWORD)
    const second = await hashPassword(PASSWORD)
    assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    assert.notEqual(first, second, 'salted')
    const options = parseOptions(first)
    assert.deepEqual(
      [options.algorithm, options.memoryCost, options.timeCost, options.parallelism, options.saltLen],
      [ARGON2ID, 19456, 2, 1, 16],
    )
    assert.equal(first.includes(PASSWORD), false)
  })

  it('verifies the right password only', async () => {
    const hash = await hashPassword(PASSWORD)
    assert.equal(await verifyPassword(hash, PASSWORD), true)
    assert.equal(await verifyPassword(hash, `${PASSWORD} `), false)
    assert.equal(await verifyPassword(hash, ''), false)
  })

  it('normalises to NFKC, so composed and decomposed forms are one password', async () => {
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet'
    const decomposed = composed.normalize('NFD')
    assert.notEqual(composed, decomposed)
    assert.equal(await verifyPassword(await hashPassword(composed), decomposed), true)
  })

  it('refuses passwords under 12 or over 1024 characters, naming the field and never the value', async () => {
    for (const password of ['short-pw-11', 'x'.repeat(1025)]) {
      await assert.rejects(hashPassword(password), (error: unknown) => {
        assert.ok(isCofferError(error, 'VALIDATION_FAILED'))
        assert.match(error.message, /^password /)
        assert.equal(error.message.includes(password), false)
        return true
      })
    }
    // Limits count characters (code points), not UTF-16 units: 12 emoji are 12 characters.
    await hashPassword('\u{1F512}'.repeat(12))
    await hashPassword('x'.repeat(1024))
  })

  it('the dummy hash for unknown emails costs what a real one costs, and never verifies', async () => {
    const options = parseOptions(DUMMY_PASSWORD_HASH)
    assert.deepEqual(
      [options.algorithm, options.memoryCost, options.timeCost, options.parallelism],
      [ARGON2ID, 19456, 2, 1],
    )
    assert.equal(await verifyAgainstDummy(PASSWORD), false)
    assert.equal(await verifyAgainstDummy(''), false)
  })

  it('a stored value that is not an Argon2 hash answers false rather than throwing', async () => {
    assert.equal(await verifyPassword('not-a-hash', PASSWORD), false)
    assert.equal(await verifyPassword('', PASSWORD), false)
  })
})
