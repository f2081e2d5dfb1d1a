// Stops: a flood of distinct keys (spoofed tokens, IPv6 /64s) growing the in-memory limiter without
// bound, and the bound itself becoming a way to wipe an active client's count.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MemoryRateLimitStore } from '../../../src/http/rate-limit/memory-store.js'
import { TestClock } from '../../support/coffer.js'

const MINUTE_START = Date.UTC(2026, 10, 23, 12, 0, 0)

describe('the memory store keeps bounded memory', () => {
  it('never tracks more than maxKeys keys, however many it sees', async () => {
    const store = new MemoryRateLimitStore({ clock: new TestClock(MINUTE_START), maxKeys: 100 })
    for (let i = 0; i < 5000; i++) await store.hit(`flood-${i}`, 10, 60)
    assert.equal(store.size, 100)
  })

  it('forgets the least recently hit key first: a client being hit keeps its count through a flood', async () => {
    const store = new MemoryRateLimitStore({ clock: new TestClock(MINUTE_START), maxKeys: 100 })
    for (let i = 0; i < 3; i++) await store.hit('active', 3, 60)
    for (let i = 0; i < 1000; i++) {
      await store.hit(`flood-${i}`, 10, 60)
      if (i % 50 === 0) assert.equal((await store.hit('active', 3, 60)).allowed, false, `after ${i}`)
    }
  })

  it('drops counters whose windows have passed, without waiting for the bound', async () => {
    const clock = new TestClock(MINUTE_START)
    const store = new MemoryRateLimitStore({ clock, maxKeys: 1000 })
    for (let i = 0; i < 40; i++) await store.hit(`old-${i}`, 10, 60)
    clock.advance(120_000) // both windows of every old counter have passed
    for (let i = 0; i < 5; i++) await store.hit(`new-${i}`, 10, 60)
    assert.equal(store.size, 5, 'eight stale counters dropped per hit')
  })

  it('keeps a counter whose previous window still counts', async () => {
    const clock = new TestClock(MINUTE_START)
    const store = new MemoryRateLimitStore({ clock, maxKeys: 1000 })
    for (let i = 0; i < 3; i++) await store.hit('recent', 3, 60)
    clock.advance(60_000)
    for (let i = 0; i < 20; i++) await store.hit(`new-${i}`, 10, 60)
    assert.equal((await store.hit('recent', 3, 60)).allowed, false)
  })

  it('refuses a maxKeys that is not a positive integer', () => {
    assert.throws(() => new MemoryRateLimitStore({ maxKeys: 0 }), RangeError)
  })
})
