import type { AtRiskDelivery } from '../../../../../shared/domain/schedule'
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
function mostUrgent(items: readonly AtRiskDelivery[]): AtRiskDelivery | undefined {
  const rank = (d: AtRiskDelivery): number => (d.cause === 'broken' || d.lapsesAt === null ? Number.NEGATIVE_INFINITY : d.lapsesAt)
  return [...items].sort((a, b) => rank(a) - rank(b))[0]
}

/**
 * One profile's warning line: "3 posts at risk: LinkedIn sign-in expires Tuesday". `network` names
 * the profile's network (the channels may be on another, e.g. Instagram through Facebook).
 */
export function atRiskLine(items: readonly AtRiskDelivery[], now: number, network: string, opts: WhenOptions = {}): string {
  const first = mostUrgent(items)
  if (!first) return ''
  const count = new Set(items.map((d) => d.deliveryId)).size
  return `${posts(count)} at risk: ${network} ${causeWords(first, now, opts)}`
}

/** The page-level heading: "5 scheduled posts at risk". */
export function atRiskHeading(count: number): string {
  return `${count} scheduled ${count === 1 ? 'post' : 'posts'} at risk`
}
