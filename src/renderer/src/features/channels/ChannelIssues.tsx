import type { ChannelSummary } from '../../../../shared/domain/entities'
import { isBrokenHealth } from '../../../../shared/domain/health'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { RawError } from '../../components/RawError'
import { formatDate, formatRelative } from '../../lib/time'
import { useConnections } from '../connections/connections-context'
import { HEALTH_VOICE, type HealthVoice } from '../../../../shared/domain/health-voice'
import { HealthAction } from '../connections/HealthAction'
import { copyFor, keyMoment, statusOf } from '../connections/profile-status'
import type { ChannelLinkView } from './use-channel-links'

export type ChannelTone = 'broken' | 'warn' | undefined

/** Red when nothing works, amber when a backup link carries it or its sign-in expires soon. */
export function channelTone(channel: ChannelSummary, links: readonly ChannelLinkView[] | undefined): ChannelTone {
  if (channel.health === 'disconnected') return 'broken'
  if (channel.health === 'degraded') return 'warn'
  if (links?.some((l) => l.expiring)) return 'warn'
  return undefined
}

/** A lost page role lives on the link; everything else on the profile's sign-in. */
function voiceForLink(link: ChannelLinkView): HealthVoice {
  const linkVoice = copyFor(link.linkHealth)
  if (!isBrokenHealth(link.profile.health) && link.broken && linkVoice) return linkVoice
  return statusOf(link.profile)
}

function ChannelIssue({ link }: { link: ChannelLinkView }) {
  const now = useNow()
  const { openProfile } = useConnections()
  const voice = voiceForLink(link)
  const profile = link.profile
  const moment = keyMoment(profile, now, link.stoppedAt)
  return (
    <div className={`channel-issue channel-issue--${link.broken ? 'broken' : 'warn'}`}>
      <p className="channel-issue__reason">
        <strong>{voice.badge}.</strong> {voice.cause}
      </p>
      <p className="meta-line channel-issue__meta">
        <span>
          Through {profile.displayName}’s {NETWORK_LABELS[profile.network]} sign-in
          {profile.connectedBy && `, connected by ${profile.connectedBy}`}
        </span>
        {moment && (
          <span>
            {moment.verb} {formatRelative(moment.at, now)} ({formatDate(moment.at)})
          </span>
        )}
      </p>
      <div className="channel-issue__actions">
        <HealthAction profile={profile} voice={voice} variant={link.broken ? 'primary' : 'secondary'} />
        <Button size="sm" variant="ghost" onClick={() => openProfile(profile.id)}>
          Details
        </Button>
        {link.lastErrorRaw && <RawError raw={link.lastErrorRaw} />}
      </div>
    </div>
  )
}

/**
 * Under a broken or at-risk channel: for each sign-in behind the problem, the reason in plain
 * words, what to do, when it expired, who connected it and the fix; for a degraded channel, the
 * link that still carries it.
 */
export function ChannelIssues({ channel, links }: { channel: ChannelSummary; links: readonly ChannelLinkView[] | undefined }) {
  const tone = channelTone(channel, links)
  if (!tone) return null
  if (!links) {
    return (
      <div className={`channel-issues channel-issues--${tone}`}>
        <p className="channel-issues__loading">Looking up which sign-in is affected…</p>
      </div>
    )
  }
  const problems = links.filter((l) => l.broken || l.expiring)
  const working = links.filter((l) => !l.broken)
  const names = working.map((l) => `${l.profile.displayName}’s`)
  return (
    <div className={`channel-issues channel-issues--${tone}`}>
      {channel.health === 'degraded' && (
        <p className="channel-issues__backup">
          <Icon name="check" size={14} />
          <span>
            {HEALTH_VOICE.channel_degraded.cause}
            {names.length > 0 && ` Working: ${names.join(' and ')} sign-in.`}
          </span>
        </p>
      )}
      {problems.map((link) => (
        <ChannelIssue key={link.profile.id} link={link} />
      ))}
      {problems.length === 0 && channel.health === 'disconnected' && (
        <p className="channel-issue__reason">
          <strong>{HEALTH_VOICE.channel_unlinked.badge}.</strong> {HEALTH_VOICE.channel_unlinked.cause} {HEALTH_VOICE.channel_unlinked.action.sentence}
        </p>
      )}
    </div>
  )
}
