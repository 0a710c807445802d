import { NETWORK_LABELS, type Network } from '../../../shared/domain/network'

/** Channels whose name, handle or network has every word of the query in it, in their order. */
export function matchingChannels<T extends { name: string; handle: string; network: Network }>(channels: readonly T[], query: string): readonly T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return channels
  return channels.filter((c) => {
    const text = `${c.name} ${c.handle} ${NETWORK_LABELS[c.network]}`.toLocaleLowerCase()
    return words.every((w) => text.includes(w))
  })
}
