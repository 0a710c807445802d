/**
 * How long each network counts a post, in one place for the composer's counters and the checks
 * in main, so the number the composer shows is the number the network's rule is applied to:
 * X weighs text (twitter-text: links 23, emoji and CJK 2), Mastodon counts graphemes with links
 * as 23 and mentions without their domain, Facebook, Instagram and LinkedIn count code points.
 * The text counted is the text the network receives, with the link where Relink puts it.
 */
import type { Network } from '../network'
import { countableLength } from './mastodon-length'
import { weighText } from './x-weight'

/** Each network's character limit (an instance may state its own: Mastodon). */
export const TEXT_LIMITS: Record<Network, number> = {
  x: 280,
  mastodon: 500,
  linkedin: 3000,
  instagram: 2200,
  facebook: 63_206,
}

export interface TextDraft {
  text: string
  link?: string | undefined
  hasImage?: boolean
}

/** The parts of a post that its text's length depends on. */
export const textDraftOf = (draft: { text: string; link?: string | undefined; image?: unknown }): TextDraft => ({
  text: draft.text,
  link: draft.link,
  hasImage: draft.image !== undefined,
})

/**
 * The text a network receives (before Relink's marker): X and Mastodon carry the link in the
 * text (a preview card is built from it); Instagram has no link field, so it becomes a line of
 * the caption; Facebook and LinkedIn send the link as the post's link, except beside an image,
 * where it goes into the text.
 */
export function composedText(network: Network | string, draft: TextDraft): string {
  const text = draft.text.trim()
  const link = draft.link
  switch (network) {
    case 'x':
      if (!link || text.includes(link)) return text
      return text ? `${text} ${link}` : link
    case 'mastodon':
      if (!link || text.includes(link)) return text
      return text ? `${text}\n\n${link}` : link
    case 'instagram':
      return [text, link].filter((s): s is string => Boolean(s)).join('\n\n')
    case 'facebook':
      return draft.hasImage && link ? [text, link].filter(Boolean).join('\n\n') : draft.text
    case 'linkedin':
      return draft.hasImage && link ? `${draft.text}${draft.text ? '\n\n' : ''}${link}` : draft.text
    default:
      return draft.text
  }
}

/** The length of `text` as `network` counts it. */
export function countText(network: Network | string, text: string): number {
  if (network === 'x') return weighText(text).weightedLength
  if (network === 'mastodon') return countableLength(text)
  return [...text].length
}

export interface TextMeasure {
  /** Characters as the network counts them. */
  used: number
  /** What the network allows. */
  available: number
}

/** A post's text measured against its network's limit (`maxChars`: the instance's own, where it states one). */
export function measureText(network: Network, draft: TextDraft, maxChars?: number): TextMeasure {
  return { used: countText(network, composedText(network, draft)), available: maxChars ?? TEXT_LIMITS[network] }
}
