import type { ChannelSummary } from '../../../shared/domain/entities'
import { NETWORK_LABELS, NETWORKS } from '../../../shared/domain/network'

/** The options of a network filter: every network, after "All networks" (the empty value). */
export function NetworkOptions() {
  return (
    <>
      <option value="">All networks</option>
      {NETWORKS.map((n) => (
        <option key={n} value={n}>
          {NETWORK_LABELS[n]}
        </option>
      ))}
    </>
  )
}

/** The options of a channel filter: the channels given, named with their network, after "All channels" (the empty value). */
export function ChannelOptions({ channels }: { channels: readonly Pick<ChannelSummary, 'id' | 'name' | 'network'>[] }) {
  return (
    <>
      <option value="">All channels</option>
      {channels.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({NETWORK_LABELS[c.network]})
        </option>
      ))}
    </>
  )
}
