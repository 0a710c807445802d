import type { Network } from '../../../shared/domain/network'
import { NETWORK_LABELS } from '../../../shared/domain/network'

const LETTERS: Record<Network, string> = { facebook: 'f', instagram: 'IG', linkedin: 'in', x: 'X', mastodon: 'M' }

/** A small square in the network's colour, so a long list can be scanned by network. */
export function NetworkMark({ network, size = 'md' }: { network: Network; size?: 'sm' | 'md' }) {
  return (
    <span className={`network-mark network-mark--${network} network-mark--${size}`} title={NETWORK_LABELS[network]} aria-hidden="true">
      {LETTERS[network]}
    </span>
  )
}
