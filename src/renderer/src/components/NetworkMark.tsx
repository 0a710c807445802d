import type { Network } from '../../../shared/domain/network'
import { NETWORK_LABELS } from '../../../shared/domain/network'

const LETTERS: Record<Network, string> = { facebook: 'f', instagram: 'IG', linkedin: 'in', x: 'X', mastodon: 'M' }

/** Drawn glyphs where a letter would not read as the network: Instagram's camera, X's cross. */
const GLYPHS: Partial<Record<Network, readonly string[]>> = {
  instagram: ['M7 3h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4z', 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z', 'M17.5 6.5h.01'],
  x: ['M4 4l16 16', 'M20 4 4 20'],
}

/** A small square in the network's colour, so a long list can be scanned by network. */
export function NetworkMark({ network, size = 'md' }: { network: Network; size?: 'sm' | 'md' }) {
  const glyph = GLYPHS[network]
  return (
    <span className={`network-mark network-mark--${network} network-mark--${size}`} title={NETWORK_LABELS[network]} aria-hidden="true">
      {glyph ? (
        <svg viewBox="0 0 24 24" width="62%" height="62%" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" focusable="false">
          <path d={glyph.join(' ')} />
        </svg>
      ) : (
        LETTERS[network]
      )}
    </span>
  )
}
