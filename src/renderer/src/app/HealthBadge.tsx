import type { ChannelSummary } from '../../../shared/domain/entities'
import { useQuery } from '../lib/use-query'

type Tone = 'neutral' | 'ok' | 'attention'

export function healthSummary(channels: readonly ChannelSummary[]): { tone: Tone; text: string } {
  if (channels.length === 0) return { tone: 'neutral', text: 'No channels yet' }
  // Degraded still publishes through a backup link, but a broken link is exactly what Relink exists to surface.
  const needAttention = channels.filter((c) => c.health !== 'healthy').length
  if (needAttention === 0) return { tone: 'ok', text: 'All channels healthy' }
  return { tone: 'attention', text: `${needAttention} ${needAttention === 1 ? 'needs' : 'need'} attention` }
}

/** The header's one-glance answer to "is anything about to stop working?". */
export function HealthBadge() {
  const { data, error } = useQuery('channels:list', undefined, ['channels:did-change'])
  const summary = data
    ? healthSummary(data)
    : { tone: 'neutral' as const, text: error ? 'Health unknown' : 'Checking channels…' }
  return (
    <span className={`health-badge health-badge--${summary.tone}`} role="status" title={error}>
      <span className="health-badge__dot" aria-hidden="true" />
      {summary.text}
    </span>
  )
}
