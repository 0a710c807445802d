import type { Network } from '../../../shared/domain/network'
import { NETWORK_LABELS } from '../../../shared/domain/network'

/** Instagram's camera and X's cross are drawn by the stylesheet (components.css): a letter would not read as them. */
const LETTERS: Partial<Record<Network, string>> = { facebook: 'f', linkedin: 'in', mastodon: 'M' }

/**
 * A small square in the network's colour, so a long list can be scanned by network. One element:
 * its letters as text, or its glyph (Instagram's camera, X's cross) drawn by the stylesheet, since a
 * busy calendar draws hundreds of them and an inline SVG each was three boxes to style and lay out.
 */
export function NetworkMark({ network, size = 'md' }: { network: Network; size?: 'sm' | 'md' }) {
  return (
    <span className={`network-mark network-mark--${network} network-mark--${size}`} title={NETWORK_LABELS[network]} aria-hidden="true">
      {LETTERS[network]}
    </span>
  )
}
