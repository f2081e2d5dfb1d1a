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
 *
 * Text that is all ASCII (most of it) takes a scanner of the same word-boundary rules instead
 * (UAX #29 as ICU applies them to ASCII: letters, digits and `_` join; `.` `'` `:` join two
 * letters, `.` `'` `,` `;` two digits; a lone `_` is not a word). It yields exactly the terms the
 * segmenter yields (a property test compares the two) at a fraction of the cost: the segmenter was
 * a quarter of a write's CPU and most of a search's.
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
  if (ALL_ASCII.test(text)) {
    yield* asciiTermsOf(text.toLowerCase())
    return
  }
  yield* segmentedTermsOf(text)
}

/** `termsOf` through `Intl.Segmenter` alone: what the ASCII scanner must agree with. */
export function* segmentedTermsOf(text: string): Generator<string> {
  for (const segment of SEGMENTER.segment(foldText(text))) {
    if (segment.isWordLike && segment.segment.length <= MAX_TERM_LENGTH) yield segment.segment
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, controls included
const ALL_ASCII = /^[\u0000-\u007f]*$/

/** Character classes of the word-boundary rules, for ASCII. */
const OTHER = 0
const LETTER = 1
const DIGIT = 2
const UNDERSCORE = 3
/** Joins two letters (`:`). */
const MID_LETTER = 4
/** Joins two letters or two digits (`.` and `'`). */
const MID_BOTH = 5
/** Joins two digits (`,` `;`). */
const MID_DIGIT = 6

const CLASS = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  CLASS[c] = /[a-zA-Z]/.test(ch)
    ? LETTER
    : /[0-9]/.test(ch)
      ? DIGIT
      : ch === '_'
        ? UNDERSCORE
        : ch === ':'
          ? MID_LETTER
          : ch === '.' || ch === "'"
            ? MID_BOTH
            : ch === ',' || ch === ';'
              ? MID_DIGIT
              : OTHER
}

const isWordClass = (k: number) => k === LETTER || k === DIGIT || k === UNDERSCORE

/** The word-like segments of lower-cased ASCII text, as `Intl.Segmenter` cuts them. */
function* asciiTermsOf(text: string): Generator<string> {
  const n = text.length
  let i = 0
  while (i < n) {
    if (!isWordClass(CLASS[text.charCodeAt(i)]!)) {
      i++
      continue
    }
    const start = i
    i++
    while (i < n) {
      const here = CLASS[text.charCodeAt(i)]!
      if (isWordClass(here)) {
        i++
        continue
      }
      const before = CLASS[text.charCodeAt(i - 1)]!
      const after = i + 1 < n ? CLASS[text.charCodeAt(i + 1)]! : OTHER
      const joinsLetters = before === LETTER && after === LETTER && (here === MID_LETTER || here === MID_BOTH)
      const joinsDigits = before === DIGIT && after === DIGIT && (here === MID_DIGIT || here === MID_BOTH)
      if (!joinsLetters && !joinsDigits) break
      i += 2
    }
    // A lone `_` is not word-like; anything longer, or a letter or digit, is.
    const lone = i - start === 1 && CLASS[text.charCodeAt(start)] === UNDERSCORE
    if (!lone && i - start <= MAX_TERM_LENGTH) yield text.slice(start, i)
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
