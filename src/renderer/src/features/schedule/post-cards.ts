import type { DeliveryState, CalendarDelivery } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import type { IconName } from '../../components/icon-paths'
import { DELIVERY_STATE_LABELS, NEEDS_PERSON, type DeliveryTone } from './delivery-labels'

/**
 * Each state's icon on a card: colour alone would not tell a colour-blind person anything. Drawn
 * by the stylesheet (`.post-card__state--clock`, masks of these icons' paths), one element a card
 * rather than an inline SVG of two: a busy week has hundreds of cards.
 */
export const STATE_ICONS: Record<DeliveryState, IconName> = {
  scheduled: 'clock',
  claimed: 'refresh',
  publishing: 'refresh',
  published: 'check',
  held: 'pause',
  failed: 'alert',
  needs_review: 'alert',
  skipped: 'close',
  missed: 'alert',
}

/** One post at one time on the calendar, however many channels it goes to. */
export interface PostCardModel {
  key: string
  postId: string
  dueAt: number
  preview: string
  /** The post has an image (the week's card shows it). */
  hasImage: boolean
  /** Its deliveries, the ones needing a person first. */
  deliveries: CalendarDelivery[]
  /** The loudest state among its channels: what the card's colour and icon say. */
  state: DeliveryState
  tone: DeliveryTone
  /** Every channel's state in words, for the card's accessible description and tooltip. */
  summary: string
  atRisk: boolean
}

// Loudest first: a card shows what most needs a person.
const LOUDNESS: readonly DeliveryState[] = ['failed', 'held', 'needs_review', 'missed', 'publishing', 'claimed', 'scheduled', 'published', 'skipped']

const loudness = (state: DeliveryState): number => LOUDNESS.indexOf(state)

/**
 * Groups a day's deliveries into one card per post and time, in time order. A post moved on one
 * channel only (a held post released to another slot) becomes a card of its own at its new time.
 */
export function postCards(deliveries: readonly CalendarDelivery[], risks: RiskLookup): PostCardModel[] {
  const byKey = new Map<string, CalendarDelivery[]>()
  for (const d of deliveries) {
    const key = `${d.postId}@${d.dueAt}`
    byKey.set(key, [...(byKey.get(key) ?? []), d])
  }
  const cards: PostCardModel[] = []
  for (const [key, list] of byKey) {
    const sorted = [...list].sort((a, b) => loudness(a.state) - loudness(b.state) || a.channelName.localeCompare(b.channelName))
    const first = sorted[0]
    if (!first) continue
    const state = first.state
    const words = sorted.map((d) => `${d.channelName}: ${DELIVERY_STATE_LABELS[d.state].label}`)
    cards.push({
      key,
      postId: first.postId,
      dueAt: first.dueAt,
      preview: first.preview,
      hasImage: first.hasImage,
      deliveries: sorted,
      state,
      tone: DELIVERY_STATE_LABELS[state].tone,
      summary: words.join(', '),
      atRisk: sorted.some((d) => risks.get(d) !== undefined),
    })
  }
  return cards.sort((a, b) => a.dueAt - b.dueAt || a.preview.localeCompare(b.preview))
}

const cardsOf = new WeakMap<readonly CalendarDelivery[], { risks: RiskLookup; cards: PostCardModel[] }>()

/**
 * `postCards`, worked out once per day's deliveries and at-risk lookup: a calendar opened again from
 * the cache, or rendered again with the same posts, reuses the cards (and memoised cards stay as they are).
 */
export function cachedPostCards(deliveries: readonly CalendarDelivery[], risks: RiskLookup): PostCardModel[] {
  const known = cardsOf.get(deliveries)
  if (known && known.risks === risks) return known.cards
  const cards = postCards(deliveries, risks)
  cardsOf.set(deliveries, { risks, cards })
  return cards
}

/** True when a person has to act on at least one of the card's channels. */
export const needsPerson = (card: PostCardModel): boolean => card.deliveries.some((d) => NEEDS_PERSON.includes(d.state))
