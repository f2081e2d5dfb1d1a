// Stops: a lost or refused database connection read as a statement error (500 INTERNAL), and a
// statement error read as an outage (503 hiding a bug). One table of driver errors, both ways.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connectionFailureReason } from '../../src/db/connection-errors.js'
import { DatabaseAvailability } from '../../src/db/database-availability.js'
import { toCofferError } from '../../src/http/problem.js'

function pgError(code: string, message = 'server said no'): Error {
  return Object.assign(new Error(message), { code })
}

const OUTAGES: [string, unknown, string][] = [
  [
    'connection refused',
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    'ECONNREFUSED',
  ],
  ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'ECONNRESET'],
  [
    'refused on every address (AggregateError)',
    new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed'),
    'ECONNREFUSED',
  ],
  ['pg_terminate_backend (57P01 admin_shutdown)', pgError('57P01'), '57P01'],
  ['starting up (57P03 cannot_connect_now)', pgError('57P03'), '57P03'],
  ['idle in transaction timeout (25P03)', pgError('25P03'), '25P03'],
  ['too many connections (53300)', pgError('53300'), '53300'],
  ['a connection exception (08006)', pgError('08006'), '08006'],
  [
    'Connection terminated unexpectedly',
    new Error('Connection terminated unexpectedly'),
    'connection terminated',
  ],
  [
    'a client that already failed',
    new Error('Client has encountered a connection error and is not queryable'),
    'connection terminated',
  ],
  ['connect timeout', new Error('timeout exceeded when trying to connect'), 'connect timeout'],
]

const NOT_OUTAGES: [string, unknown][] = [
  ['a unique violation (23505)', pgError('23505')],
  ['a syntax error (42601)', pgError('42601')],
  ['division by zero (22012)', pgError('22012')],
  ['a plain error', new Error('boom')],
  ['not an error', 'Connection terminated'],
]

describe('which driver errors are a database outage', () => {
  for (const [what, error, reason] of OUTAGES) {
    it(`${what} is an outage (${reason}) and answers 503 DATABASE_UNAVAILABLE`, () => {
      assert.equal(connectionFailureReason(error), reason)
      const mapped = toCofferError(error)
      assert.equal(mapped.code, 'DATABASE_UNAVAILABLE')
      assert.equal(mapped.status, 503)
      assert.doesNotMatch(mapped.message, /127\.0\.0\.1|5432/, 'names a code, never the address')
    })
  }
  for (const [what, error] of NOT_OUTAGES) {
    it(`${what} is not an outage`, () => {
      assert.equal(connectionFailureReason(error), undefined)
      assert.notEqual(toCofferError(error).code, 'DATABASE_UNAVAILABLE')
    })
  }

  it('availability tells its listeners once when an outage starts and once when it ends', () => {
    let now = 1_000
    const availability = new DatabaseAvailability({ now: () => now })
    const heard: unknown[] = []
    availability.onChange((change) => heard.push(change))
    availability.reportSuccess()
    for (let i = 0; i < 10; i++) availability.reportFailure(i === 0 ? 'ECONNREFUSED' : '57P01')
    assert.equal(availability.unavailableReason, 'ECONNREFUSED')
    now += 2_500
    for (let i = 0; i < 10; i++) availability.reportSuccess()
    assert.deepEqual(heard, [
      { available: false, reason: 'ECONNREFUSED' },
      { available: true, reason: 'ECONNREFUSED', downForMs: 2_500 },
    ])
    assert.equal(availability.unavailableReason, undefined)
  })
})
