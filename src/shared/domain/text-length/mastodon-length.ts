/**
 * Mastodon's length as its server counts it (`StatusLengthValidator`): grapheme clusters, every
 * URL as 23 characters, and a mention as `@username` without its domain.
 */

/** `StatusLengthValidator::URL_PLACEHOLDER_CHARS`. */
export const MASTODON_CHARS_PER_URL = 23

// Approximates twitter-text's URL extraction, which Mastodon uses: scheme required, trailing
// sentence punctuation not part of the link.
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/
// `@user@domain` counts as `@user` (the remote domain is free).
const MENTION_PATTERN = /(^|[^\p{L}\p{N}_/@])@([\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' })

export function graphemeLength(text: string): number {
  let n = 0
  for (const _ of segmenter.segment(text)) n += 1
  return n
}

/** The URLs Mastodon would count at 23 characters each. */
export function extractUrls(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '')
    if (url.length > 'https://'.length) found.push(url)
  }
  return found
}

/** The length Mastodon checks against `max_characters`. */
export function countableLength(text: string, charsPerUrl: number = MASTODON_CHARS_PER_URL): number {
  const placeholder = 'x'.repeat(charsPerUrl)
  let countable = text.replace(MENTION_PATTERN, (_all, before: string, user: string) => `${before}@${user}`)
  countable = countable.replace(URL_PATTERN, (match) => {
    const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? ''
    const url = match.slice(0, match.length - trailing.length)
    return url.length > 'https://'.length ? placeholder + trailing : match
  })
  return graphemeLength(countable)
}

