/**
 * Mastodon's content rules as its server applies them, so a post that passes here is not
 * rejected later: `StatusLengthValidator` counts grapheme clusters, every URL as 23 characters and
 * a mention as `@username` without its domain.
 */
import type { ContentLimits, ContentProblem, PostDraft } from '../types'
import { composedText, measureText } from '../../../shared/domain/text-length'
import { graphemeLength } from '../../../shared/domain/text-length/mastodon-length'
import { MASTODON_CONTENT } from './config'

export { countableLength, extractUrls, graphemeLength } from '../../../shared/domain/text-length/mastodon-length'

/**
 * The status text Relink sends: the text, the link (Mastodon has no link field; the preview card
 * is built from the URL in the text), nothing else.
 */
export function composeStatusText(draft: { text: string; link?: string }): string {
  return composedText('mastodon', draft)
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
  const { used } = measureText('mastodon', draft, maxChars)
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
