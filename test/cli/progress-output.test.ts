import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createProgressReporter, formatDuration } from '../../src/cli/progress.js'

describe('progress of long jobs (rotate, rewrap, import, doctor)', () => {
  it('on a terminal: one bar redrawn in place with rate and ETA, then the final line', () => {
    let now = 0
    const written: string[] = []
    const lines: string[] = []
    const progress = createProgressReporter({
      label: 'rewrapping',
      out: (line) => lines.push(line),
      write: (text) => written.push(text),
      isTTY: true,
      now: () => now,
    })
    progress.update(0, 10)
    now += 2000
    progress.update(5, 10)
    now += 2000
    progress.update(10, 10)
    progress.finish('done')
    assert.equal(written[0], `\rrewrapping [${'-'.repeat(30)}]   0% 0/10\x1b[K`)
    assert.equal(
      written[1],
      `\rrewrapping [${'#'.repeat(15)}${'-'.repeat(15)}]  50% 5/10, 2.5/s, ETA 0:02\x1b[K`,
    )
    assert.equal(written[2], `\rrewrapping [${'#'.repeat(30)}] 100% 10/10, 2.5/s, ETA 0:00\x1b[K`)
    assert.equal(written[3], '\n')
    assert.deepEqual(lines, ['done'])
  })

  it('elsewhere: plain lines with rate and ETA, at most one a second', () => {
    let now = 0
    const lines: string[] = []
    const progress = createProgressReporter({
      label: 'acme: re-encrypting',
      out: (line) => lines.push(line),
      isTTY: false,
      now: () => now,
    })
    progress.update(1, 401)
    progress.update(2, 401)
    now += 1000
    progress.update(201, 401)
    progress.finish('acme: complete')
    assert.deepEqual(lines, [
      'acme: re-encrypting: 1/401 (0%)',
      'acme: re-encrypting: 201/401 (50%, 200/s, ETA 0:01)',
      'acme: complete',
    ])
  })

  it('durations read as m:ss or h:mm:ss', () => {
    assert.equal(formatDuration(42), '0:42')
    assert.equal(formatDuration(725), '12:05')
    assert.equal(formatDuration(11045), '3:04:05')
  })
})
