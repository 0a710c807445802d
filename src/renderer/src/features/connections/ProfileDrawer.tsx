import { SIGN_IN_LABELS, type Network } from '../../../../shared/domain/network'
import type { ChannelHealth } from '../../../../shared/domain/health'
import { DrawerSection } from '../../components/DrawerSection'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { NetworkMark } from '../../components/NetworkMark'
import { RawError } from '../../components/RawError'
import { useNow } from '../../app/now-context'
import { formatDate, formatRelative } from '../../lib/time'
import { useQuery } from '../../lib/use-query'
import { HealthPill } from '../channels/HealthPill'
import { AtRiskLine } from '../schedule/release/AtRiskLine'
import { ProfileReleaseButton } from '../schedule/release/ReleaseHeldButton'
import { useAtRisk } from '../schedule/use-at-risk'
import { PROFILE_EVENTS } from './ConnectionsProvider'
import { useConnections } from './connections-context'
import { EventLog } from './EventLog'
import { CheckNowButton, RemoveProfileButton } from './profile-actions'
import { ProfileClocks } from './ProfileClocks'
import { HealthAction } from './HealthAction'
import { copyFor, statusOf } from './profile-status'
import { RefreshButton } from './RefreshButton'
import { StatusPill } from './StatusPill'

/** A profile's details: health with the raw error, its clocks, its channels and its token event log. */
export function ProfileDrawer({ profileId, onClose }: { profileId: string; onClose: () => void }) {
  const detail = useQuery('connections:get-profile', { profileId }, PROFILE_EVENTS)
  const { failures } = useConnections()
  const { byProfile } = useAtRisk()
  const now = useNow()
  const profile = detail.data
  const network: Network | undefined = profile?.network

  if (!profile) {
    return (
      <Dialog title="Connection" onClose={onClose} variant="drawer" light>
        {detail.error ? <ErrorNotice message={detail.error} onRetry={detail.reload} /> : <Loading label="Loading the connection…" />}
      </Dialog>
    )
  }

  const status = statusOf(profile)
  const failure = failures.get(profile.id)
  return (
    <Dialog
      title={
        <span className="drawer-title">
          <NetworkMark network={profile.network} />
          {profile.displayName}
        </span>
      }
      description={`${network ? SIGN_IN_LABELS[network] : ''}${profile.handle ? ` · ${profile.handle}` : ''}`}
      onClose={onClose}
      variant="drawer"
      className="profile-drawer"
      light
    >
      {detail.error && <ErrorNotice message={detail.error} onRetry={detail.reload} />}
      <div className={`drawer-status drawer-status--${status.tone}`}>
        <StatusPill status={status} />
        {status.tone !== 'ok' && <p className="drawer-status__meaning">{status.cause}</p>}
        {profile.lastErrorRaw && <RawError raw={profile.lastErrorRaw} />}
      </div>

      <div className="drawer-actions">
        <HealthAction profile={profile} voice={status} size="md" />
        {status.action.kind !== 'refresh' && status.action.kind !== 'pick' && <RefreshButton profile={profile} variant="secondary" size="md" />}
        <ProfileReleaseButton profile={profile} channels={profile.channels} size="md" />
        {status.action.kind !== 'check' && <CheckNowButton profile={profile} />}
        <RemoveProfileButton profile={profile} onRemoved={onClose} />
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}

      {profile.warnings.map((warning) => (
        <p key={warning} className="inline-warning">
          <Icon name="alert" size={16} />
          <span>{warning}</span>
        </p>
      ))}
      <AtRiskLine items={byProfile.get(profile.id)} network={profile.network} />

      <DrawerSection title="Clocks">
        <ProfileClocks profile={profile} />
        <p className="drawer-meta">
          Connected{profile.connectedBy && ` by ${profile.connectedBy}`}
          {profile.connectedAt !== null && ` on ${formatDate(profile.connectedAt)}`}
          {profile.lastProbeAt !== null && ` · Last checked ${formatRelative(profile.lastProbeAt, now)}`}
        </p>
      </DrawerSection>

      <DrawerSection title={`Channels (${profile.channels.length})`}>
        {profile.channels.length === 0 ? (
          <p className="muted-note">No channels are linked through this profile.</p>
        ) : (
          <ul className="boxed-list drawer-channels">
            {profile.channels.map((channel) => {
              const link = copyFor(channel.linkHealth)
              const linkBroken = link !== undefined && link.tone === 'broken'
              return (
                <li key={channel.id} className="drawer-channels__item">
                  <ChannelAvatar channel={channel} size="sm" />
                  <span className="drawer-channels__name">{channel.name}</span>
                  {linkBroken && <span className="drawer-channels__link">{link.badge}: {link.cause}</span>}
                  <HealthPill health={channel.channelHealth as ChannelHealth} />
                </li>
              )
            })}
          </ul>
        )}
      </DrawerSection>

      <DrawerSection title="Token event log">
        <EventLog events={profile.events} />
      </DrawerSection>
    </Dialog>
  )
}
