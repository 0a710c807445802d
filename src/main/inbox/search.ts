import type { TextPart } from '../../shared/domain/inbox'

/**
 * The words a person typed (at most 12), operators and quotes taken as plain text. Split where
 * the index's tokenizer splits (an underscore too): one word is one token, as the index, which
 * keeps no positions (migration 0027), cannot answer a phrase of several.
 */
export const searchWords = (input: string): string[] => (input.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12)

/** One typed word as an FTS5 prefix term. */
export const ftsTerm = (word: string): string => `"${word.replaceAll('"', '""')}"*`

/**
 * Turns what a person typed into an FTS5 query: every word must appear, each as a prefix, so
 * "caf del" finds "Le café était délicieux".
 */
export function ftsQuery(input: string): string | null {
  const words = searchWords(input)
  return words.length > 0 ? words.map(ftsTerm).join(' ') : null
}

/** Combining marks of the Latin, Greek, Cyrillic and kana scripts: the accents unicode61 drops. */
const MARKS = /(?:[\u0300-\u036f]|[\u1ab0-\u1aff]|[\u1dc0-\u1dff]|[\u20d0-\u20ff]|[\ufe20-\ufe2f]|\u3099|\u309a)+/g
/** Tab to tilde: text with nothing beyond ASCII, whose folding is only lowering the case. */
const PLAIN = /^[\t-~]*$/

/**
 * Text as the index compares it (unicode61, remove_diacritics 2): without accents, folded case.
 * The marks are named by block, not as \p{M}: folding is done on every comment a search weighs,
 * and the property class took twice as long. Plain ASCII has no marks to take apart: it is only lowered.
 */
const fold = (text: string): string => {
  const lower = text.toLowerCase()
  return PLAIN.test(lower) ? lower : lower.normalize('NFD').replace(MARKS, '')
}

const WORD = /[\p{L}\p{N}]+/gu

/** The searched words, folded: what a word of a comment must begin with to match. */
const searchedWords = (search: string): string[] => (search.normalize('NFC').match(WORD) ?? []).map(fold)

/**
 * The text in matched and plain parts: each word that begins with one of the searched words, as
 * the index matched it (accents and case ignored). Done here, not with FTS5's highlight(): that
 * reads every match of the search again to find the page's rows, hundreds of milliseconds for a
 * common word at a million comments.
 */
export function markMatches(text: string, search: string): TextPart[] {
  const wanted = searchedWords(search)
  const parts: TextPart[] = []
  let plain = ''
  let at = 0
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0])
    if (!wanted.some((w) => folded.startsWith(w))) continue
    plain += text.slice(at, m.index)
    if (plain) parts.push({ text: plain, match: false })
    parts.push({ text: m[0], match: true })
    plain = ''
    at = m.index + m[0].length
  }
  plain += text.slice(at)
  if (plain) parts.push({ text: plain, match: false })
  return parts
}

/** A comment's searchable columns, as the index holds them. */
export interface SearchedText {
  text: string
  author_name: string
}

/** The text weighs more than the author's name (the weights migration 0010 gave FTS5's rank). */
const TEXT_WEIGHT = 10
const AUTHOR_WEIGHT = 3
/** bm25's usual constants, the ones FTS5 uses: how fast repeats stop counting, how much length does. */
const K1 = 1.2
const B = 0.75

/** The whole index's size: its comments and their mean length in words (text and author together). */
export interface IndexTotals {
  docs: number
  meanLength: number
}

/**
 * The totals FTS5 keeps for bm25 in its averages record (row 1 of the data table): the number of
 * rows, then each column's token count, as SQLite varints. Exact, and read in one lookup.
 */
export function indexTotals(averages: Uint8Array | undefined): IndexTotals {
  const values: number[] = []
  let at = 0
  while (averages && at < averages.length) {
    let value = 0
    let byte = 0
    do {
      byte = averages[at++] ?? 0
      value = value * 128 + (byte & 0x7f)
    } while (byte & 0x80 && at < averages.length)
    values.push(value)
  }
  const [docs = 0, ...columns] = values
  return { docs, meanLength: docs > 0 ? columns.reduce((a, b) => a + b, 0) / docs : 1 }
}

/** What bm25 needs of the whole inbox: its totals and, for each searched word, how many comments hold it. */
export interface CorpusStats extends IndexTotals {
  docsWith: number[]
}

/** Newest matches of one word read to measure how common it is. */
export const WORD_SAMPLE = 500

/**
 * How many comments hold a word, from its newest matches (at most WORD_SAMPLE, newest first) and
 * the newest comment's id: all of them when fewer came back, else as many as the share of ids
 * they span holds across every id. Counting every match, as FTS5's bm25() does, reads the word's
 * whole list; this reads at most 500 entries of it, and errs by about 5 % (1/√500).
 */
export function holdersOf(newestMatches: readonly number[], newestId: number): number {
  const oldest = newestMatches.at(-1)
  if (newestMatches.length < WORD_SAMPLE || oldest === undefined) return newestMatches.length
  return (newestMatches.length * newestId) / Math.max(newestId - oldest + 1, newestMatches.length)
}

/**
 * Okapi bm25 as FTS5's bm25() computes it (the columns' weighted counts of each word, saturated
 * against the comment's length, weighed by how rare the word is), higher is better. A word that
 * half the comments hold weighs next to nothing, as in FTS5.
 */
export function bm25(doc: SearchedText, wanted: readonly string[], stats: CorpusStats): number {
  const text = fold(doc.text).match(WORD) ?? []
  const author = fold(doc.author_name).match(WORD) ?? []
  const lengthFactor = K1 * (1 - B + (B * (text.length + author.length)) / Math.max(stats.meanLength, 1))
  let score = 0
  // Plain loops: this runs for each word of each comment a search weighs (200 of them).
  for (let k = 0; k < wanted.length; k++) {
    const w = wanted[k] ?? ''
    const frequency = TEXT_WEIGHT * startingWith(text, w) + AUTHOR_WEIGHT * startingWith(author, w)
    if (frequency === 0) continue
    const holding = stats.docsWith[k] ?? 0
    const idf = Math.max(Math.log((stats.docs - holding + 0.5) / (holding + 0.5)), 1e-6)
    score += (idf * frequency * (K1 + 1)) / (frequency + lengthFactor)
  }
  return score
}

function startingWith(words: readonly string[], prefix: string): number {
  let n = 0
  for (const word of words) if (word.startsWith(prefix)) n++
  return n
}

/** Ids best first (ties: the newest first), by bm25 against the inbox's statistics for the typed words. */
export function rankHits<T extends SearchedText & { id: number }>(hits: readonly T[], search: string, stats: (words: string[]) => CorpusStats): number[] {
  const words = searchWords(search)
  const wanted = words.map(fold)
  const corpus = stats(words)
  return hits
    .map((hit) => ({ id: hit.id, score: bm25(hit, wanted, corpus) }))
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .map((hit) => hit.id)
}
