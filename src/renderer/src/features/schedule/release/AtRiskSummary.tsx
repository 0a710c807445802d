import { useId, useState } from 'react'
import type { ProfileView } from '../../../../../shared/domain/connections'
import type { AtRiskDelivery, AtRiskOverview } from '../../../../../shared/domain/schedule'
import { NETWORK_LABELS } from '../../../../../shared/domain/network'
import { useNow } from '../../../app/now-context'
import { Button } from '../../../components/Button'
import { Icon } from '../../../components/Icon'
import { NetworkMark } from '../../../components/NetworkMark'
import { useConnections } from '../../connections/connections-context'
import { atRiskHeading, causeWords } from './at-risk-copy'
import { slotWords } from './when-words'
import './release.css'

const FIRST_FEW = 5

function AtRiskItem({ item, profiles }: { item: AtRiskDelivery; profiles: readonly ProfileView[] }) {
  const { openProfile } = useConnections()
  const now = useNow()
  const savers = item.profileIds.map((id) => profiles.find((p) => p.id === id)).filter((p) => p !== undefined)
  return (
    <li className="at-risk-item">
      <NetworkMark network={item.network} size="sm" />
      <span className="at-risk-item__text">
        <span className="at-risk-item__channel">{item.channelName}</span>, due {slotWords(item.dueAt, now)}: {causeWords(item, now)}.
      </span>
      {savers.length > 0 && (
        <span className="at-risk-item__savers">
          <span className="at-risk-item__savers-label">Refresh:</span>
          {savers.map((p) => (
            <Button key={p.id} size="sm" variant="ghost" aria-label={`Details: ${p.displayName} (${NETWORK_LABELS[p.network]})`} onClick={() => openProfile(p.id)}>
              {p.displayName} · {NETWORK_LABELS[p.network]}
            </Button>
          ))}
        </span>
      )}
    </li>
  )
}

/**
 * Connection health's top warning: scheduled posts whose channel's sign-in ends before their time,
 * the earliest first (main lists the earliest hundred; the rest are counted).
 */
export function AtRiskSummary({ overview, profiles }: { overview: AtRiskOverview; profiles: readonly ProfileView[] }) {
  const headingId = useId()
  const [showAll, setShowAll] = useState(false)
  const atRisk = overview.first
  if (overview.total === 0) return null
  const shown = showAll ? atRisk : atRisk.slice(0, FIRST_FEW)
  const unlisted = overview.total - atRisk.length
  return (
    <section className="at-risk-summary" aria-labelledby={headingId}>
      <h2 id={headingId} className="at-risk-summary__title">
        <Icon name="alert" size={16} />
        {atRiskHeading(overview.total)}
      </h2>
      <p className="at-risk-summary__todo">Their channel’s sign-in ends, or has ended, before they are due. Refresh the connection named next to each in time.</p>
      <ul className="at-risk-summary__list" aria-label="Posts at risk">
        {shown.map((item) => (
          <AtRiskItem key={item.deliveryId} item={item} profiles={profiles} />
        ))}
      </ul>
      {showAll && unlisted > 0 && (
        <p className="at-risk-summary__todo">
          And {unlisted} later {unlisted === 1 ? 'post' : 'posts'} on {overview.channels.length === 1 ? 'this channel' : `these ${overview.channels.length} channels`}: one Refresh connection saves them all.
        </p>
      )}
      {atRisk.length > FIRST_FEW && (
        <Button size="sm" variant="ghost" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show fewer' : overview.total > atRisk.length ? `Show the first ${atRisk.length}` : `Show all ${overview.total}`}
        </Button>
      )}
    </section>
  )
}
