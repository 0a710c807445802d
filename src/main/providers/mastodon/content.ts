/**
 * Mastodon's content rules as its server applies them, so a post that passes here is not
 * rejected later: `StatusLengthValidator` counts grapheme clusters, every URL as 23 characters and
 * a mention as `@username` without its domain.
 */
import type { ContentLimits, ContentProblem, PostDraft } from '../types'
import { MASTODON_CONTENT } from './config'

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
export function countableLength(text: string, charsPerUrl: number = MASTODON_CONTENT.charsPerUrl): number {
  const placeholder = 'x'.repeat(charsPerUrl)
  let countable = text.replace(MENTION_PATTERN, (_all, before: string, user: string) => `${before}@${user}`)
  countable = countable.replace(URL_PATTERN, (match) => {
    const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? ''
    const url = match.slice(0, match.length - trailing.length)
    return url.length > 'https://'.length ? placeholder + trailing : match
  })
  return graphemeLength(countable)
}

/**
 * The status text Relink sends: the text, the link (Mastodon has no link field; the preview card
 * is built from the URL in the text), nothing else.
 */
export function composeStatusText(draft: { text: string; link?: string }): string {
  const body = draft.text.trim()
  if (draft.link && !body.includes(draft.link)) return body ? `${body}${MASTODON_CONTENT.linkSeparator}${draft.link}` : draft.link
  return body
}

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0
  } catch {
    return false
  }
}

/** Checks a draft against the instance's limits (`limits.maxChars` from `GET /api/v2/instance`). */
export function validateMastodonContent(draft: PostDraft, limits?: ContentLimits): ContentProblem[] {
  const problems: ContentProblem[] = []
  const maxChars = limits?.maxChars ?? MASTODON_CONTENT.defaultMaxChars
  const text = composeStatusText(draft)
  if (text.length === 0 && !draft.image) {
    problems.push({ field: 'text', message: 'Write some text or add an image: Mastodon does not publish empty posts.' })
  }
  if (draft.link !== undefined && !isHttpUrl(draft.link)) {
    problems.push({ field: 'link', message: 'The link must be a full web address starting with https:// or http://.' })
  }
  const used = countableLength(text)
  if (used > maxChars) {
    problems.push({
      field: 'text',
      message: `This post is ${used} characters long; this Mastodon server allows ${maxChars}. Links count as ${MASTODON_CONTENT.charsPerUrl} characters each. Shorten it by ${used - maxChars}.`,
    })
  }
  const image = draft.image
  if (image) {
    if (!MASTODON_CONTENT.imageMimeTypes.includes(image.mimeType)) {
      problems.push({ field: 'image', message: 'Mastodon accepts JPEG, PNG, GIF and WebP images.' })
    }
    if (image.bytes.byteLength > MASTODON_CONTENT.imageMaxBytes) {
      const mb = (image.bytes.byteLength / (1024 * 1024)).toFixed(1)
      problems.push({ field: 'image', message: `The image is ${mb} MB; Mastodon accepts images up to ${MASTODON_CONTENT.imageMaxBytes / (1024 * 1024)} MB.` })
    }
    if (image.width * image.height > MASTODON_CONTENT.imageMaxPixels) {
      problems.push({ field: 'image', message: `The image is ${image.width}×${image.height} pixels; Mastodon accepts at most about 33 megapixels. Resize it first.` })
    }
    if (image.altText !== undefined && graphemeLength(image.altText) > MASTODON_CONTENT.altTextMaxChars) {
      problems.push({ field: 'image', message: `The image description is too long; Mastodon allows ${MASTODON_CONTENT.altTextMaxChars} characters.` })
    }
  }
  return problems
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** Mastodon returns statuses as sanitised HTML; Relink stores and searches plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, entity: string) => {
      if (!entity.startsWith('#')) return ENTITIES[entity.toLowerCase()] ?? all
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10)
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
    })
    .trim()
}
