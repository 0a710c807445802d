import { needsPerson, type PostCardModel } from './post-cards'

/** How much a card asks for a look: a person to act first, then a sign-in that lapses before it, then the rest. */
const urgency = (card: PostCardModel): number => (needsPerson(card) ? 0 : card.atRisk ? 1 : 2)

/** The start of the hour a moment falls in, on the local clock. */
export const hourOf = (at: number): number => new Date(at).setMinutes(0, 0, 0)

/**
 * A busy week shows one card per hour, the rest counted ("+4 more"): three or four side by side
 * in a day's column were slivers too narrow to read. The card shown is the one most in need of a
 * look (held, failed, at risk), else the hour's first; returned in time order.
 */
export function hourLeaders(cards: readonly PostCardModel[]): PostCardModel[] {
  const leaders = new Map<number, PostCardModel>()
  for (const card of cards) {
    const hour = hourOf(card.dueAt)
    const leader = leaders.get(hour)
    if (!leader || urgency(card) < urgency(leader) || (urgency(card) === urgency(leader) && card.dueAt < leader.dueAt)) leaders.set(hour, card)
  }
  return [...leaders.values()].sort((a, b) => a.dueAt - b.dueAt)
}

/**
 * Hours of a day whose posts are not all shown: where to say "+12 more". `posts` counts each
 * hour's posts where main sent only the first few (by hour start); `cards` are those sent, `shown`
 * those on screen.
 */
export function hoursWithMore(day: number, cards: readonly PostCardModel[], shown: readonly PostCardModel[], posts: ReadonlyMap<string, number>): { hour: number; more: number }[] {
  const count = (list: readonly PostCardModel[]): Map<number, number> => {
    const out = new Map<number, number>()
    for (const card of list) out.set(hourOf(card.dueAt), (out.get(hourOf(card.dueAt)) ?? 0) + 1)
    return out
  }
  const sent = count(cards)
  const onScreen = count(shown)
  const out: { hour: number; more: number }[] = []
  for (let h = 0; h < 24; h++) {
    const hour = new Date(day).setHours(h, 0, 0, 0)
    const more = Math.max(posts.get(String(hour)) ?? 0, sent.get(hour) ?? 0) - (onScreen.get(hour) ?? 0)
    if (more > 0) out.push({ hour, more })
  }
  return out
}
