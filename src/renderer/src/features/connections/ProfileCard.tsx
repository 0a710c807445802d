import { memo } from 'react'
import type { ProfileView } from '../../../../shared/domain/connections'
import type { AtRiskChannel } from '../../../../shared/domain/schedule'
import { NETWORK_LABELS, SIGN_IN_LABELS } from '../../../../shared/domain/network'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { NetworkMark } from '../../components/NetworkMark'
import { formatDate, formatRelative } from '../../lib/time'
import { AtRiskLine } from '../schedule/release/AtRiskLine'
import type { HeldBatch } from '../schedule/release/held-batch'
import { ReleaseHeldButton } from '../schedule/release/ReleaseHeldButton'
import { useConnections } from './connections-context'
import { CheckNowButton, RemoveProfileButton } from './profile-actions'
import { ProfileClocks } from './ProfileClocks'
import { HealthAction } from './HealthAction'
import { statusOf } from './profile-status'
import { RefreshButton } from './RefreshButton'
import { StatusPill } from './StatusPill'

/** Where the list places the card (it draws only the cards near the visible part of the page). */
export interface CardPlace {
  index: number
  of: number
  top: number
  measure: (element: HTMLLIElement | null) => void
}

/** A placed card, not drawn again while the page scrolls past it. */
export const PlacedProfileCard = memo(function PlacedProfileCard({
  profile,
  atRisk,
  held,
  index,
  of,
  top,
  measure,
}: CardPlace & { profile: ProfileView; atRisk: readonly AtRiskChannel[] | undefined; held: HeldBatch | undefined }) {
  return <ProfileCard profile={profile} atRisk={atRisk} held={held} place={{ index, of, top, measure }} />
})

/** One profile on the Connection health page: health, clocks, warnings, posts at risk, reach and every action. */
export function ProfileCard({
  profile,
  atRisk,
  held,
  place,
}: {
  profile: ProfileView
  atRisk?: readonly AtRiskChannel[] | undefined
  /** Held posts it could release now. */
  held: HeldBatch | undefined
  place?: CardPlace
}) {
  const { failures, openProfile } = useConnections()
  const now = useNow()
  const status = statusOf(profile)
  const failure = failures.get(profile.id)
  const channels = `${profile.channelCount} ${profile.channelCount === 1 ? 'channel' : 'channels'}`
  return (
    <li
      className={`profile-card profile-card--${status.tone}`}
      aria-label={`${profile.displayName}, ${NETWORK_LABELS[profile.network]}`}
      {...(place && {
        ref: place.measure,
        'data-index': place.index,
        'aria-posinset': place.index + 1,
        'aria-setsize': place.of,
        style: { transform: `translateY(${place.top}px)` },
      })}
    >
      <div className="profile-card__head">
        <NetworkMark network={profile.network} />
        <div className="profile-card__who">
          <h2 className="profile-card__name">
            {profile.displayName}
          </h2>
          <span className="profile-card__sub">
            {SIGN_IN_LABELS[profile.network]}
            {profile.handle && ` · ${profile.handle}`}
          </span>
        </div>
        <StatusPill status={status} />
      </div>

      {status.tone !== 'ok' && (
        <div className="profile-card__problem">
          <p>{status.cause}</p>
        </div>
      )}

      <ProfileClocks profile={profile} />

      {profile.warnings.map((warning) => (
        <p key={warning} className="inline-warning">
          <Icon name="alert" size={16} />
          <span>{warning}</span>
        </p>
      ))}
      <AtRiskLine items={atRisk} network={profile.network} />

      <p className="profile-card__meta">
        <span>{profile.setupState === 'picking' ? 'No channels picked yet' : channels}</span>
        {(profile.connectedBy || profile.connectedAt !== null) && (
          <span>
            Connected{profile.connectedBy && ` by ${profile.connectedBy}`}
            {profile.connectedAt !== null && ` on ${formatDate(profile.connectedAt)}`}
          </span>
        )}
        {profile.lastProbeAt !== null && <span>Last checked {formatRelative(profile.lastProbeAt, now)}</span>}
      </p>

      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}

      <div className="profile-card__actions">
        <HealthAction profile={profile} voice={status} />
        {status.action.kind !== 'refresh' && status.action.kind !== 'pick' && <RefreshButton profile={profile} variant="secondary" />}
        <ReleaseHeldButton profile={profile} releasable={held} />
        {status.action.kind !== 'check' && <CheckNowButton profile={profile} />}
        <Button size="sm" variant="ghost" aria-label={`Details: ${profile.displayName} (${NETWORK_LABELS[profile.network]})`} onClick={() => openProfile(profile.id)}>
          Details
          <Icon name="chevronRight" size={14} />
        </Button>
        <span className="profile-card__spacer" />
        <RemoveProfileButton profile={profile} />
      </div>
    </li>
  )
}
