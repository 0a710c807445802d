import type { ChannelSummary } from '../../../../shared/domain/entities'
import { isBrokenHealth } from '../../../../shared/domain/health'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { RawError } from '../../components/RawError'
import { formatDate, formatRelative } from '../../lib/time'
import { useConnections } from '../connections/connections-context'
import { copyFor, keyMoment, problemSentence, reasonSentence, statusOf, type StatusCopy } from '../connections/profile-status'
import { RefreshButton } from '../connections/RefreshButton'
import type { ChannelLinkView } from './use-channel-links'

export type ChannelTone = 'broken' | 'warn' | undefined

const NO_WORKING_LINK = 'No profile gives Relink a working way into this channel. Connect a profile that manages it.'

/** Red when nothing works, amber when a backup link carries it or its sign-in expires soon. */
export function channelTone(channel: ChannelSummary, links: readonly ChannelLinkView[] | undefined): ChannelTone {
  if (channel.health === 'disconnected') return 'broken'
  if (channel.health === 'degraded') return 'warn'
  if (links?.some((l) => l.expiring)) return 'warn'
  return undefined
}

function copyForLink(link: ChannelLinkView): { copy: StatusCopy; text: string } {
  const linkCopy = copyFor(link.linkHealth)
  if (!isBrokenHealth(link.profile.health) && link.broken && linkCopy) {
    return { copy: linkCopy, text: reasonSentence(link.linkDetail, linkCopy.meaning) }
  }
  return { copy: statusOf(link.profile), text: problemSentence(link.profile) }
}

function ChannelIssue({ link }: { link: ChannelLinkView }) {
  const now = useNow()
  const { openProfile } = useConnections()
  const { copy, text } = copyForLink(link)
  const profile = link.profile
  const moment = keyMoment(profile, now, link.stoppedAt)
  return (
    <div className={`channel-issue channel-issue--${link.broken ? 'broken' : 'warn'}`}>
      <p className="channel-issue__reason">
        <strong>{copy.label}.</strong> {text}
      </p>
      <p className="channel-issue__todo">
        <span className="channel-issue__todo-label">What to do:</span> {copy.todo}
      </p>
      <p className="channel-issue__meta">
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
        <RefreshButton profile={profile} variant={link.broken ? 'primary' : 'secondary'} />
        <Button size="sm" variant="ghost" onClick={() => openProfile(profile.id)}>
          Details
        </Button>
        {profile.lastErrorRaw && <RawError raw={profile.lastErrorRaw} />}
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
            Still publishing through {names.length > 0 ? `${names.join(' and ')} sign-in` : 'another working link'}. Fix the broken link so
            this channel does not depend on one person.
          </span>
        </p>
      )}
      {problems.map((link) => (
        <ChannelIssue key={link.profile.id} link={link} />
      ))}
      {problems.length === 0 && channel.health === 'disconnected' && (
        <p className="channel-issue__reason">{NO_WORKING_LINK}</p>
      )}
    </div>
  )
}
