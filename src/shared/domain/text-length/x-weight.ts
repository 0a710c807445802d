/**
 * X's weighted character count (twitter-text v3, `config/v3.json`), implemented from its rules:
 * text is NFC-normalised; every URL counts 23; every emoji sequence counts 2; any other code
 * point counts 1 inside the configured ranges (Latin through Georgian, typographic spaces,
 * dashes, quotes, primes) and 2 outside them (CJK, Hangul, most symbols).
 * https://docs.x.com/fundamentals/counting-characters
 */

/**
 * twitter-text v3 weighting (`config/v3.json`): weights are in hundredths of a character;
 * code points outside the ranges weigh `defaultWeight` (two characters), every URL counts as
 * `transformedURLLength` characters (t.co), and every emoji sequence counts as two.
 */
export const X_TEXT_RULES = {
  maxWeightedLength: 280,
  scale: 100,
  defaultWeight: 200,
  transformedUrlLength: 23,
  emojiParsingEnabled: true,
  ranges: [
    { start: 0x0000, end: 0x10ff, weight: 100 }, // Latin through Georgian; CJK and Hangul lie above
    { start: 0x2000, end: 0x200d, weight: 100 }, // typographic spaces, ZWNJ, ZWJ
    { start: 0x2010, end: 0x201f, weight: 100 }, // dashes and quotation marks
    { start: 0x2032, end: 0x2037, weight: 100 }, // primes
  ],
} as const

export interface WeightedText {
  /** Weighted length in characters (weights divided by the scale). */
  weightedLength: number
  /** Within the limit and free of characters X refuses. */
  valid: boolean
  /** URLs found, each counted as 23. */
  urls: string[]
  /** U+FFFE, U+FEFF, U+FFFF, which twitter-text rejects outright. */
  hasInvalidCharacters: boolean
}

/**
 * Generic TLDs recognised without a scheme. twitter-text carries the full IANA list; bare
 * country-code domains are only linked there with a path, which this keeps by requiring a
 * scheme or one of these for a bare domain.
 */
const BARE_TLDS = [
  'com', 'net', 'org', 'info', 'biz', 'io', 'co', 'dev', 'app', 'me', 'ly', 'tv', 'gov', 'edu',
  'news', 'blog', 'shop', 'store', 'xyz', 'ai', 'online', 'site', 'tech', 'cloud', 'social',
]

const URL_PATTERN = new RegExp(
  [
    // With a scheme: anything up to whitespace or a character URLs cannot hold unescaped.
    String.raw`https?:\/\/[^\s<>"'\u3000]+`,
    // Without one: a domain under a known TLD (not part of an e-mail address or a longer word).
    String.raw`(?<![@\w.\-\/])(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:${BARE_TLDS.join('|')})(?![\p{L}\p{N}\-])(?:[\/?#][^\s<>"'\u3000]*)?`,
  ].join('|'),
  'giu',
)

/** Trailing punctuation belongs to the sentence, not the URL; a closing bracket only when unbalanced. */
function trimUrl(candidate: string): string {
  let url = candidate
  for (;;) {
    const last = url.at(-1)
    if (last === undefined) return url
    if ('.,;:!?\'"*'.includes(last)) {
      url = url.slice(0, -1)
      continue
    }
    if (last === ')' && count(url, '(') < count(url, ')')) {
      url = url.slice(0, -1)
      continue
    }
    if (last === ']' && count(url, '[') < count(url, ']')) {
      url = url.slice(0, -1)
      continue
    }
    return url
  }
}

const count = (s: string, ch: string): number => s.split(ch).length - 1

/** URL spans of the (already normalised) text as [start, end) UTF-16 offsets. */
function urlSpans(text: string): { start: number; end: number; url: string }[] {
  const spans: { start: number; end: number; url: string }[] = []
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(m[0])
    if (url.length === 0 || m.index === undefined) continue
    spans.push({ start: m.index, end: m.index + url.length, url })
  }
  return spans
}

const REGIONAL_PAIR = /^\p{Regional_Indicator}{2}$/u
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u
const PRESENTATION = /\p{Emoji_Presentation}|\uFE0F|\u200D|\p{Emoji_Modifier}/u
const KEYCAP = /^[0-9#*]\uFE0F?\u20E3$/u

/**
 * Whether a grapheme cluster is an emoji sequence twitter-text counts once (as two): emoji
 * presentation, a variation-selected or ZWJ sequence, a skin-tone modifier, a flag or a keycap.
 * A text-style symbol such as a bare © falls back to per-code-point weights, as on X.
 */
function isEmojiCluster(cluster: string): boolean {
  if (REGIONAL_PAIR.test(cluster) || KEYCAP.test(cluster)) return true
  return PICTOGRAPHIC.test(cluster) && PRESENTATION.test(cluster)
}

function codePointWeight(cp: number): number {
  for (const range of X_TEXT_RULES.ranges) if (cp >= range.start && cp <= range.end) return range.weight
  return X_TEXT_RULES.defaultWeight
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** The weighted length of a post's text per twitter-text v3. */
export function weighText(input: string, maxWeightedLength: number = X_TEXT_RULES.maxWeightedLength): WeightedText {
  const text = input.normalize('NFC')
  const { scale, transformedUrlLength, defaultWeight, emojiParsingEnabled } = X_TEXT_RULES
  const urls = urlSpans(text)
  const urlAt = new Map(urls.map((u) => [u.start, u]))
  const emojiAt = new Map<number, number>()
  if (emojiParsingEnabled) {
    for (const { segment, index } of segmenter.segment(text)) if (isEmojiCluster(segment)) emojiAt.set(index, segment.length)
  }
  let weight = 0
  let hasInvalidCharacters = false
  for (let i = 0; i < text.length; ) {
    const url = urlAt.get(i)
    if (url) {
      weight += transformedUrlLength * scale
      i = url.end
      continue
    }
    const emojiLength = emojiAt.get(i)
    if (emojiLength !== undefined) {
      weight += defaultWeight
      i += emojiLength
      continue
    }
    const cp = text.codePointAt(i) ?? 0
    if (cp === 0xfffe || cp === 0xfeff || cp === 0xffff) hasInvalidCharacters = true
    weight += codePointWeight(cp)
    i += cp > 0xffff ? 2 : 1
  }
  const weightedLength = Math.ceil(weight / scale)
  return {
    weightedLength,
    valid: !hasInvalidCharacters && weightedLength <= maxWeightedLength,
    urls: urls.map((u) => u.url),
    hasInvalidCharacters,
  }
}
