/**
 * The words of a record's content, as search indexes and queries see them: the text is put in
 * Unicode NFKC, lower-cased, and NFKC'd again (so folding cannot leave an unnormalised string),
 * then cut at word boundaries by `Intl.Segmenter` ('word' granularity, ICU's dictionaries: Chinese,
 * Japanese, Thai and Khmer have no spaces and are still cut into words). Only word-like segments
 * count: punctuation and spaces are not terms. "ＣＡＦÉ" and "café" are one term; "cafe" is another
 * (NFKC keeps accents).
 *
 * The segmenter's locale is fixed ('und', the root locale): an index written on one machine must be
 * read the same way on another, whatever its default locale.
 */

/** Terms longer than this (in UTF-16 code units) are not indexed: no one searches for them. */
export const MAX_TERM_LENGTH = 64

/** Distinct terms indexed per record, at most: the first ones in text order. */
export const MAX_TERMS_PER_RECORD = 5_000

/** Distinct terms of one query, at most (a 1,000-character query rarely has more). */
export const MAX_QUERY_TERMS = 32

const SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' })

/** The form text is compared in: NFKC, lower case, NFKC again. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFKC')
}

/** Every term of `text` in order, repeats included (terms over MAX_TERM_LENGTH left out). */
export function* termsOf(text: string): Generator<string> {
  for (const segment of SEGMENTER.segment(foldText(text))) {
    if (segment.isWordLike && segment.segment.length <= MAX_TERM_LENGTH) yield segment.segment
  }
}

/**
 * The distinct terms of `text` with how often each occurs, in order of first occurrence, at most
 * `maxTerms` of them; and how many terms the text has in all (its length, for ranking).
 */
export function termFrequencies(
  text: string,
  options: { maxTerms: number } = { maxTerms: MAX_TERMS_PER_RECORD },
): { frequencies: Map<string, number>; length: number } {
  const frequencies = new Map<string, number>()
  let length = 0
  for (const term of termsOf(text)) {
    length++
    const seen = frequencies.get(term)
    if (seen !== undefined) frequencies.set(term, seen + 1)
    else if (frequencies.size < options.maxTerms) frequencies.set(term, 1)
  }
  return { frequencies, length }
}
