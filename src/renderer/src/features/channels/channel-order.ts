import type { ChannelSummary } from '../../../../shared/domain/entities'
import type { Network } from '../../../../shared/domain/network'
import type { ChannelLinkView } from './use-channel-links'

export interface ChannelFilter {
  network: Network | undefined
  /** Matched against the name and handle, ignoring case and accents. */
  search: string
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()

export function matchesFilter(channel: ChannelSummary, filter: ChannelFilter): boolean {
  if (filter.network && channel.network !== filter.network) return false
  const words = fold(filter.search).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = fold(`${channel.name} ${channel.handle}`)
  return words.every((w) => haystack.includes(w))
}

/** 0 disconnected, 1 degraded, 2 a sign-in about to lapse, 3 not linked, 4 healthy. */
export function urgency(channel: ChannelSummary, links: readonly ChannelLinkView[] | undefined): number {
  if (channel.health === 'disconnected') return 0
  if (channel.health === 'degraded') return 1
  if (links?.some((l) => l.expiring)) return 2
  if (channel.health === 'unlinked') return 3
  return 4
}

/** Problems first, most urgent on top; otherwise the order the list came in (by name). */
export function problemsFirst(
  channels: readonly ChannelSummary[],
  links: ReadonlyMap<string, readonly ChannelLinkView[]> | undefined,
): ChannelSummary[] {
  return channels
    .map((channel, index) => ({ channel, index, rank: urgency(channel, links?.get(channel.id)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.channel)
}
