// Stops: a sweeper that overlaps itself (two runs of one instance racing), dies on its first
// error, keeps the process alive, or is still running after the server closed.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { startPeriodic } from '../../src/internal/periodic.js'

/** Lets pending promise callbacks run (setImmediate is not mocked). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('periodic tasks', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }))
  afterEach(() => mock.timers.reset())

  it('runs every interval, within the jitter, first after one interval', async () => {
    let runs = 0
    let draw = 0
    const task = startPeriodic({
      intervalMs: 1000,
      jitterRatio: 0.2,
      random: () => [0, 0.999999][draw++ % 2]!, // shortest wait, then the longest
      task: async () => {
        runs++
      },
      onError: () => assert.fail('no error expected'),
    })
    mock.timers.tick(799)
    await settle()
    assert.equal(runs, 0)
    mock.timers.tick(1)
    await settle()
    assert.equal(runs, 1, 'after 800 ms (1000 - 20 %)')
    mock.timers.tick(1199)
    await settle()
    assert.equal(runs, 1)
    mock.timers.tick(1)
    await settle()
    assert.equal(runs, 2, 'then after at most 1200 ms')
    await task.stop()
  })

  it('never overlaps itself: the next wait starts when a run ends', async () => {
    let runs = 0
    let running = 0
    let maxRunning = 0
    let gate = deferred()
    const task = startPeriodic({
      intervalMs: 100,
      jitterRatio: 0,
      task: async () => {
        runs++
        running++
        maxRunning = Math.max(maxRunning, running)
        await gate.promise
        running--
      },
      onError: () => assert.fail('no error expected'),
    })
    mock.timers.tick(100)
    await settle()
    for (let i = 0; i < 10; i++) mock.timers.tick(100)
    await settle()
    assert.equal(runs, 1, 'a slow run holds the next one back')
    gate.resolve()
    gate = deferred()
    await settle()
    mock.timers.tick(100)
    await settle()
    assert.equal(runs, 2)
    assert.equal(maxRunning, 1)
    gate.resolve()
    await task.stop()
  })

  it('reports errors and keeps its schedule', async () => {
    const errors: unknown[] = []
    let runs = 0
    const task = startPeriodic({
      intervalMs: 50,
      jitterRatio: 0,
      task: async () => {
        runs++
        throw new Error(`run ${runs} failed`)
      },
      onError: (error) => {
        errors.push(error)
        throw new Error('a failing reporter is survived too')
      },
    })
    for (let i = 0; i < 3; i++) {
      mock.timers.tick(50)
      await settle()
    }
    assert.equal(runs, 3)
    assert.deepEqual(
      errors.map((error) => (error as Error).message),
      ['run 1 failed', 'run 2 failed', 'run 3 failed'],
    )
    await task.stop()
  })

  it('stop() waits for the run in progress, and nothing runs after it', async () => {
    let runs = 0
    const gate = deferred()
    let finished = false
    const task = startPeriodic({
      intervalMs: 10,
      jitterRatio: 0,
      task: async () => {
        runs++
        await gate.promise
        finished = true
      },
      onError: () => undefined,
    })
    mock.timers.tick(10)
    await settle()
    let stopped = false
    const stopping = task.stop().then(() => {
      stopped = true
    })
    await settle()
    assert.equal(stopped, false, 'still waiting for the run')
    gate.resolve()
    await stopping
    assert.equal(finished, true)
    for (let i = 0; i < 5; i++) mock.timers.tick(10)
    await settle()
    assert.equal(runs, 1)
  })

  it('refuses a non-positive interval and a jitter of 100 % or more', () => {
    const base = { task: async () => undefined, onError: () => undefined }
    assert.throws(() => startPeriodic({ ...base, intervalMs: 0 }), RangeError)
    assert.throws(() => startPeriodic({ ...base, intervalMs: 10, jitterRatio: 1 }), RangeError)
  })
})
