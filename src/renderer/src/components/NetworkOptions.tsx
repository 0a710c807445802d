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
