/**
 * Finding a post Relink published without anything added to its text. After an outcome nobody
 * saw (a timeout, a crash), the adapter reads the channel's own recent timeline from the intent's
 * time on and hands every post it saw to {@link judgeTimeline}, which compares each with a
 * fingerprint of what was sent: the text (normalised: Unicode NFC, links taken out, white space
 * folded), the set of links (from the text and the link field) and the number of images.
 *
 * - exactly one post with the same fingerprint: found;
 * - two or more: ambiguous (a person picks; nothing is sent again);
 * - none, but a post the network says was edited since it went out, with the same links and
 *   images and at least half of the same words: ambiguous with that post as the candidate
 *   (X's edit history, Mastodon's `edited_at`, LinkedIn's `isEditedByAuthor`; Facebook and
 *   Instagram say nothing of edits, so there an edited post counts as another post);
 * - none, and the whole window was read: absent; a window cut short (too many pages): the
 *   network could not be asked, so the runner looks again later or asks a person.
 *
 * Posts published while Relink still appended a tracking marker (`rl-…`) carry it in their text:
 * it is taken out of what the network shows before comparing, so they keep reconciling.
 */
import type { PostLookup, PostLookupResult, PublishedPost } from './types'

/** What the network shows of one post on the channel's timeline. */
export interface SeenPost {
  post: PublishedPost
  /** The text as the network returns it (links may be shortened, as X's t.co). */
  text: string
  /** Full links the network reports beside the text (a link field, X's expanded URLs). */
  links: readonly string[]
  /** Images on the post; undefined where the network does not say. */
  media: number | undefined
  /** The network says the post was edited after it was created. */
  edited?: boolean
}

/** What a timeline read found: the posts in the window, and whether the window was read to its start. */
export interface TimelineRead {
  posts: readonly SeenPost[]
  complete: boolean
}

export interface Fingerprint {
  words: string
  links: readonly string[]
  media: number
}

const URL_RE = /https?:\/\/[^\s<>"]+/gi
/** Link shorteners whose URLs in a text stand for a link the network reports in full elsewhere. */
const SHORTENED = /^https?:\/\/t\.co\//i

/** A link as compared: no trailing punctuation or slash, host in lower case. */
function normaliseLink(url: string): string {
  const trimmed = url.replace(/[.,;:!?)\]]+$/, '')
  try {
    const u = new URL(trimmed)
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}${u.hash}`
  } catch {
    return trimmed
  }
}

/** The words of a text: links out, white space folded, NFC. */
export function wordsOf(text: string, legacyMarker?: string): string {
  let t = text.normalize('NFC')
  if (legacyMarker) t = t.split(legacyMarker).join(' ')
  return t.replace(URL_RE, ' ').replace(/\s+/g, ' ').trim()
}

/** The fingerprint of a text with its links and image count. Shortened links (t.co) are left to `links`. */
export function fingerprintOf(text: string, links: readonly string[], media: number, legacyMarker?: string): Fingerprint {
  const all = new Set<string>()
  for (const url of text.normalize('NFC').match(URL_RE) ?? []) if (!SHORTENED.test(url)) all.add(normaliseLink(url))
  for (const url of links) if (!SHORTENED.test(url)) all.add(normaliseLink(url))
  return { words: wordsOf(text, legacyMarker), links: [...all].sort(), media }
}

const sameLinks = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((l, i) => l === b[i])

/** Share of words in common (Jaccard over word sets); 1 for two empty texts. */
function overlap(a: string, b: string): number {
  const wa = new Set(a.toLowerCase().split(' ').filter(Boolean))
  const wb = new Set(b.toLowerCase().split(' ').filter(Boolean))
  if (wa.size === 0 && wb.size === 0) return 1
  let common = 0
  for (const w of wa) if (wb.has(w)) common += 1
  return common / (wa.size + wb.size - common)
}

/** How alike an edited copy must be: at least half its words shared with what was sent. */
const EDITED_OVERLAP = 0.5

export type Likeness = 'same' | 'edited' | 'other'

/** How a post on the network compares with what was sent. */
export function likeness(sent: Fingerprint, seen: SeenPost, legacyMarker?: string): Likeness {
  const fp = fingerprintOf(seen.text, seen.links, seen.media ?? sent.media, legacyMarker)
  if (fp.media !== sent.media || !sameLinks(fp.links, sent.links)) return 'other'
  if (fp.words === sent.words) return 'same'
  return seen.edited === true && overlap(fp.words, sent.words) >= EDITED_OVERLAP ? 'edited' : 'other'
}

/** Which of the posts in the window is the one sent; see the module comment for the rules. */
export function judgeTimeline(sent: Fingerprint, read: TimelineRead, network: string, lookup: Pick<PostLookup, 'legacyMarker' | 'knownPostIds'>): PostLookupResult {
  const same: PublishedPost[] = []
  const edited: PublishedPost[] = []
  for (const seen of read.posts) {
    if (lookup.knownPostIds?.has(seen.post.networkPostId)) continue
    const kind = likeness(sent, seen, lookup.legacyMarker)
    if (kind === 'same') same.push(seen.post)
    else if (kind === 'edited') edited.push(seen.post)
  }
  if (same.length === 1 && same[0]) return { kind: 'found', post: same[0] }
  if (same.length > 1) return { kind: 'ambiguous', candidates: same, detail: `${same.length} posts on ${network} in that time have the same text.` }
  if (edited.length > 0) {
    return { kind: 'ambiguous', candidates: edited, detail: `A post on ${network} in that time looks like it and was edited since.` }
  }
  if (!read.complete) return { kind: 'unanswerable', detail: `${network} lists more posts since then than Relink can read in one look.` }
  return { kind: 'absent' }
}
