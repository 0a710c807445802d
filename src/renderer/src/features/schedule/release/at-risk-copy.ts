import type { AtRiskChannel, AtRiskDelivery } from '../../../../../shared/domain/schedule'
import { dayWords, type WhenOptions } from './when-words'

const posts = (n: number): string => `${n} ${n === 1 ? 'post' : 'posts'}`

/** Why a post will not go out, with the day it stops working: "sign-in expires Tuesday". */
export function causeWords(item: Pick<AtRiskDelivery, 'cause' | 'lapsesAt'>, now: number, opts: WhenOptions = {}): string {
  if (item.cause === 'broken' || item.lapsesAt === null) return 'connection is broken'
  const when = dayWords(item.lapsesAt, now, opts)
  switch (item.cause) {
    case 'access_expires':
      return `sign-in expires ${when}`
    case 'refresh_ends':
      return `sign-in can no longer be renewed after ${when}`
    case 'data_access_ends':
      return `data access ends ${when}`
  }
}

/** Broken first, then whatever lapses soonest. */
function mostUrgent(channels: readonly AtRiskChannel[]): AtRiskChannel | undefined {
  const rank = (c: AtRiskChannel): number => (c.cause === 'broken' || c.lapsesAt === null ? Number.NEGATIVE_INFINITY : c.lapsesAt)
  return [...channels].sort((a, b) => rank(a) - rank(b))[0]
}

/**
 * One profile's warning line: "3 posts at risk: LinkedIn sign-in expires Tuesday". `network` names
 * the profile's network (the channels may be on another, e.g. Instagram through Facebook).
 */
export function atRiskLine(channels: readonly AtRiskChannel[], now: number, network: string, opts: WhenOptions = {}): string {
  const first = mostUrgent(channels)
  if (!first) return ''
  // A delivery belongs to one channel, so the channels' counts add up without overlap.
  const count = channels.reduce((sum, c) => sum + c.count, 0)
  return `${posts(count)} at risk: ${network} ${causeWords(first, now, opts)}`
}

/** The page-level heading: "5 scheduled posts at risk". */
export function atRiskHeading(count: number): string {
  return `${count} scheduled ${count === 1 ? 'post' : 'posts'} at risk`
}
