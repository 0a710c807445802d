/**
 * One "Needs attention": broken, expiring and unfinished connections and the posts waiting for a
 * decision (held, failed, missed, needs review), in one list, most urgent first. The header's
 * dropdown and its badge, and the tray's state and menu, all read this order and these words.
 */
import type { DeliveryState } from './schedule'

/** How far back the list looks for posts waiting for a decision (the Schedule's "Needs you" reads the same span). */
export const ATTENTION_POSTS_BACK_MS = 30 * 24 * 60 * 60 * 1000

/** Delivery states a person has to decide on. */
export const WAITING_STATES: readonly DeliveryState[] = ['failed', 'needs_review', 'missed', 'held']

/** What kind of thing needs a person, most urgent first. */
export const ATTENTION_RANKS = ['broken_connection', 'failed', 'needs_review', 'missed', 'held', 'expiring_connection', 'unfinished_connection'] as const
export type AttentionRank = (typeof ATTENTION_RANKS)[number]

export const rankIndex = (rank: AttentionRank): number => ATTENTION_RANKS.indexOf(rank)

/** A connection's place in the list, from its grant health and setup state. */
export function connectionRank(input: { broken: boolean; expiring: boolean; unfinished: boolean }): AttentionRank | undefined {
  if (input.broken) return 'broken_connection'
  if (input.expiring) return 'expiring_connection'
  if (input.unfinished) return 'unfinished_connection'
  return undefined
}

/** A post's place in the list; undefined for states that need nobody. */
export function postRank(state: DeliveryState): AttentionRank | undefined {
  return state === 'failed' || state === 'needs_review' || state === 'missed' || state === 'held' ? state : undefined
}

/** Ranks that make the badge and the tray red: something is broken or refused now. */
export const isUrgentRank = (rank: AttentionRank): boolean => rank === 'broken_connection' || rank === 'failed'

/** The one action of a waiting post: open it, where its own choices are (edit, try again, release, skip). */
export const OPEN_POST = 'Open post'

/**
 * Orders entries most urgent first: by rank, then by each entry's own key (a connection's urgency,
 * a post's due time, oldest first), then by id for a stable order.
 */
export function byAttention<T extends { rank: AttentionRank; key: number; id: string }>(a: T, b: T): number {
  return rankIndex(a.rank) - rankIndex(b.rank) || a.key - b.key || a.id.localeCompare(b.id)
}

/** "2 posts wait for a decision": the tray menu's entry for the posts. */
export const waitingPostsWords = (n: number): string => `${n} ${n === 1 ? 'post waits' : 'posts wait'} for a decision`
