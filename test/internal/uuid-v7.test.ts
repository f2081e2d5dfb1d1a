import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { uuidV7 } from '../../src/internal/uuid-v7.js'

describe('UUIDv7 ids made by the app', () => {
  it('has version 7, the RFC 9562 variant, and the millisecond timestamp in its first 48 bits', () => {
    const ms = Date.UTC(2026, 10, 23, 12, 0, 0, 123)
    const id = uuidV7(ms)
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.equal(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16), ms)
  })

  it('sorts by creation time across milliseconds, and never repeats', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidV7(1_700_000_000_000 + i))
    assert.deepEqual([...ids].sort(), ids)
    const many = new Set(Array.from({ length: 10_000 }, () => uuidV7()))
    assert.equal(many.size, 10_000)
  })

  it('sorts by creation order within one millisecond (the audit and system logs order by time, then id)', () => {
    const ms = 1_700_000_000_000
    const ids = Array.from({ length: 2048 }, () => uuidV7(ms))
    assert.deepEqual([...ids].sort(), ids)
    for (const id of ids) assert.equal(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16), ms)
  })
})
