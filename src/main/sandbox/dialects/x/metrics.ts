/**
 * The numbers X reports: reply counts, a post's lifetime totals and an account's followers, all
 * deterministic for a seed and growing with the clock.
 */
import { unit } from '../../../../shared/random'
import type { SandboxPost, SandboxWorld } from '../../world'
import { DAY, dayOf } from './state'

export function replyCount(world: SandboxWorld, postId: string): number {
  let n = 0
  for (const c of world.comments.values()) if (c.postId === postId && c.network === 'x') n += 1
  return n
}

/**
 * Lifetime totals of a post as of `now`: a deterministic daily value per metric from
 * (seed, post, day, metric), decaying with the post's age, summed day by day. Reproducible for a
 * seed, and growing as the clock moves, like live numbers.
 */
const DAILY_BASE: Record<string, number> = {
  impression_count: 900,
  like_count: 30,
  retweet_count: 6,
  quote_count: 2,
  bookmark_count: 4,
  url_link_clicks: 12,
  user_profile_clicks: 8,
}
export function postTotals(seed: number, post: SandboxPost, now: number): Record<string, number> {
  const totals: Record<string, number> = {}
  for (const metric of Object.keys(DAILY_BASE)) totals[metric] = 0
  const ageDays = Math.min(Math.floor((now - post.createdAt) / DAY), 60)
  for (let d = 0; d <= ageDays; d++) {
    const day = dayOf(post.createdAt + d * DAY)
    const decay = 1 / (1 + d * 0.8)
    for (const [metric, base] of Object.entries(DAILY_BASE)) {
      totals[metric] = (totals[metric] ?? 0) + Math.round(base * (0.2 + 1.6 * unit(seed, post.id, day, metric)) * decay)
    }
  }
  return totals
}

/** Follower count of a channel on a day: a stable base, steady growth, daily wobble. */
export function followersOn(seed: number, channelId: string, now: number): number {
  const day = dayOf(now)
  const days = Math.floor((now - Date.UTC(2025, 0, 1)) / DAY)
  const base = 1200 + Math.floor(8800 * unit(seed, channelId, 'followers-base'))
  const growth = 2 + 10 * unit(seed, channelId, 'followers-growth')
  return Math.max(0, Math.round(base + days * growth + 25 * (unit(seed, channelId, day, 'followers') - 0.5)))
}
