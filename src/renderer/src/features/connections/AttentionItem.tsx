import type { ProfileView } from '../../../../shared/domain/connections'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { NetworkMark } from '../../components/NetworkMark'
import { formatDate, formatRelative } from '../../lib/time'
import { useConnections } from './connections-context'
import { attentionOf, keyMoment, statusOf } from './profile-status'
import { HealthAction } from './HealthAction'
import { StatusPill } from './StatusPill'

/** One connection in the Needs attention dropdown: what happened, what to do, when, and the fix. */
export function AttentionItem({ profile }: { profile: ProfileView }) {
  const { failures, openProfile } = useConnections()
  const now = useNow()
  const status = statusOf(profile)
  const moment = keyMoment(profile, now, profile.stoppedAt ?? undefined)
  const failure = failures.get(profile.id)
  const channels = `${profile.channelCount} ${profile.channelCount === 1 ? 'channel' : 'channels'}`
  return (
    <li className={`attention-item attention-item--${attentionOf(profile) ?? 'ok'}`} aria-label={`${profile.displayName}, ${NETWORK_LABELS[profile.network]}`}>
      <div className="attention-item__head">
        <NetworkMark network={profile.network} />
        <span className="attention-item__who">
          <span className="attention-item__name">{profile.displayName}</span>
          <span className="attention-item__network">{NETWORK_LABELS[profile.network]}</span>
        </span>
        <StatusPill status={status} />
      </div>
      <p className="attention-item__meaning">{status.cause}</p>
      <p className="meta-line attention-item__meta">
        {moment && (
          <span className={moment.at <= now ? 'attention-item__when attention-item__when--past' : 'attention-item__when'}>
            {moment.verb} {formatRelative(moment.at, now)} <span className="attention-item__date">({formatDate(moment.at)})</span>
          </span>
        )}
        {profile.setupState === 'ready' && <span>{channels}</span>}
        {profile.connectedBy && <span>Connected by {profile.connectedBy}</span>}
      </p>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="attention-item__actions">
        <HealthAction profile={profile} voice={status} variant="primary" />
        <Button size="sm" variant="ghost" onClick={() => openProfile(profile.id)}>
          Details
        </Button>
      </div>
    </li>
  )
}
