// Stops: the ASCII fast path of termsOf cutting words differently from Intl.Segmenter. Records
// and queries would then be indexed under other terms than an older index (or a non-ASCII query
// of the same words) holds, and a stored record would stop being found. The scanner must yield
// exactly the segmenter's terms, for every ASCII string.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MAX_TERM_LENGTH, segmentedTermsOf, termsOf } from '../../src/records/search-terms.js'

/** The characters whose word-boundary rules differ, with a few ordinary ones. */
const TRICKY = [...'aZq09_:.\',; \t\r\n-"@#/']

describe('the ASCII term scanner agrees with Intl.Segmenter', () => {
  it('on strings of the characters the boundary rules treat specially', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 24 }), (chars) => {
        const text = chars.join('')
        assert.deepEqual([...termsOf(text)], [...segmentedTermsOf(text)], JSON.stringify(text))
      }),
      { numRuns: 5_000 },
    )
  })

  it('on any ASCII string, controls included', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
          maxLength: 40,
        }),
        (text) => {
          assert.deepEqual([...termsOf(text)], [...segmentedTermsOf(text)], JSON.stringify(text))
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it('on the cases that join or split: numbers, contractions, underscores, the length limit', () => {
    const long = 'x'.repeat(MAX_TERM_LENGTH)
    for (const text of [
      "don't stop at 3.14, 1,000 or a.b.c; x_y __ _ a:b 1:2 a..b 1'a",
      `${long} ${long}y ${long.slice(1)}_`,
      'Invoice #4242: CARD declined; Main St.',
    ]) {
      assert.deepEqual([...termsOf(text)], [...segmentedTermsOf(text)], text)
    }
  })
})
