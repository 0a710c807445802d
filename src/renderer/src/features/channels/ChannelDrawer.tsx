import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import { channelVoice, voiceSentence } from '../../../../shared/domain/health-voice'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { DrawerSection } from '../../components/DrawerSection'
import { Loading } from '../../components/Loading'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { NetworkMark } from '../../components/NetworkMark'
import { formatRelative } from '../../lib/time'
import { useConnections } from '../connections/connections-context'
import { statusOf } from '../connections/profile-status'
import { StatusPill } from '../connections/StatusPill'
import { KIND_LABELS } from './channel-labels'
import { ChannelBrands } from './ChannelBrands'
import { ChannelIssues } from './ChannelIssues'
import { ChannelQueue } from './ChannelQueue'
import { HealthPill } from './HealthPill'
import { RemoveChannel } from './RemoveChannel'
import { useLinksOf } from './use-links-of'

/** The sign-ins that reach the channel, each with its status and when Relink last checked it. */
function ReachedThrough({ channel }: { channel: ChannelSummary }) {
  const links = useLinksOf(channel.id)
  const { openProfile } = useConnections()
  const now = useNow()
  if (!links) return <Loading label="Looking up sign-ins…" />
  if (links.length === 0) return <p className="muted-note">{voiceSentence(channelVoice('unlinked'))}</p>
  const checks = links.map((l) => l.profile.lastProbeAt).filter((at): at is number => at !== null)
  const lastCheck = checks.length > 0 ? Math.max(...checks) : undefined
  return (
    <>
      <ChannelIssues channel={channel} links={links} />
      <ul className="channel-links">
        {links.map((link) => (
          <li key={link.profile.id} className="channel-links__item">
            <NetworkMark network={link.profile.network} size="sm" />
            <span className="channel-links__name">
              {link.profile.displayName}
              {link.profile.connectedBy && <span className="channel-links__by"> · connected by {link.profile.connectedBy}</span>}
            </span>
            <StatusPill status={statusOf(link.profile)} />
            <Button size="sm" variant="ghost" onClick={() => openProfile(link.profile.id)}>
              Details
            </Button>
          </li>
        ))}
      </ul>
      <p className="drawer-meta">{lastCheck === undefined ? 'Not checked yet' : `Last checked ${formatRelative(lastCheck, now)}`}</p>
    </>
  )
}

/** One channel: its health and the sign-ins behind it, its brands, its queue and recent posts, and Remove. */
export function ChannelDrawer({ channel, brands, onClose }: { channel: ChannelSummary; brands: readonly Brand[]; onClose: () => void }) {
  return (
    <Dialog
      title={
        <span className="drawer-title">
          <ChannelAvatar channel={channel} size="lg" />
          {channel.name}
        </span>
      }
      description={`${NETWORK_LABELS[channel.network]} · ${KIND_LABELS[channel.kind]}${channel.handle ? ` · ${channel.handle}` : ''}`}
      onClose={onClose}
      variant="drawer"
      className="channel-drawer"
    >
      <div className="channel-drawer__status">
        <HealthPill health={channel.health} />
      </div>
      <DrawerSection title="Health">
        <ReachedThrough channel={channel} />
      </DrawerSection>
      <DrawerSection title="Brands">
        <ChannelBrands channel={channel} brands={brands} />
      </DrawerSection>
      <DrawerSection title="Posts">
        <ChannelQueue channelId={channel.id} />
      </DrawerSection>
      <div className="drawer-actions channel-drawer__danger">
        <RemoveChannel channel={channel} onRemoved={onClose} />
      </div>
    </Dialog>
  )
}
