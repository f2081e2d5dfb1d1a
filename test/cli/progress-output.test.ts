import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createProgressReporter } from '../../src/cli/progress.js'

describe('progress of long jobs (rotate, rewrap)', () => {
  it('on a terminal: one bar redrawn in place, then the final line', () => {
    const written: string[] = []
    const lines: string[] = []
    const progress = createProgressReporter({
      label: 'rewrapping',
      out: (line) => lines.push(line),
      write: (text) => written.push(text),
      isTTY: true,
    })
    progress.update(5, 10)
    progress.update(10, 10)
    progress.finish('done')
    assert.equal(written[0], `\rrewrapping [${'#'.repeat(15)}${'-'.repeat(15)}]  50% 5/10`)
    assert.equal(written[1], `\rrewrapping [${'#'.repeat(30)}] 100% 10/10`)
    assert.equal(written[2], '\n')
    assert.deepEqual(lines, ['done'])
  })

  it('elsewhere: plain lines, at most one a second', () => {
    let now = 0
    const lines: string[] = []
    const progress = createProgressReporter({
      label: 'acme: re-encrypting',
      out: (line) => lines.push(line),
      isTTY: false,
      now: () => now,
    })
    progress.update(1, 4)
    progress.update(2, 4)
    now += 1000
    progress.update(3, 4)
    progress.finish('acme: complete')
    assert.deepEqual(lines, [
      'acme: re-encrypting: 1/4 (25%)',
      'acme: re-encrypting: 3/4 (75%)',
      'acme: complete',
    ])
  })
})
