import type { ProfileDetail } from '../../../../shared/domain/connections'
import { isBrokenHealth } from '../../../../shared/domain/health'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { DeliveryView, FirstCommentState, PostView } from '../../../../shared/domain/schedule'
import { useNow } from '../../app/now-context'
import { DrawerSection } from '../../components/DrawerSection'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { RawError } from '../../components/RawError'
import { formatDateTime, formatRelative } from '../../lib/time'
import { useQuery } from '../../lib/use-query'
import { useConnections } from '../connections/connections-context'
import { statusOf } from '../connections/profile-status'
import { RefreshButton } from '../connections/RefreshButton'
import { AtRiskFlag, DeliveryBadge, StateBadge, ViewPostLink } from './DeliveryBadge'
import { DeliveryActions, PostActions } from './DeliveryActions'
import { deliveryProblem, failureWords } from './delivery-copy'
import { DELIVERY_STATE_LABELS } from './delivery-labels'
import { ReviewCandidates } from './ReviewCandidates'
import { useAtRisk } from './use-at-risk'

/** Which delivery the drawer shows; the post id lets it read the post without a wide search. */
export interface DeliveryTarget {
  deliveryId: number
  postId: string
}

const STATUS_SEVERITY = { neutral: 'info', progress: 'info', good: 'ok', warn: 'warn', bad: 'broken' } as const

/**
 * One delivery of a post: its state in plain words with the reason, the fix when a connection is
 * broken, what can be done about it, and the post's other channels.
 */
export function DeliveryDrawer({
  target,
  onClose,
  onSelect,
  onEdit,
}: {
  target: DeliveryTarget
  onClose(): void
  onSelect(target: DeliveryTarget): void
  onEdit(postId: string): void
}) {
  const post = useQuery('schedule:get-post', { postId: target.postId }, ['schedule:did-change', 'channels:did-change'])
  const delivery = post.data?.deliveries.find((d) => d.id === target.deliveryId)
  const { attentionDetails } = useConnections()
  // The broken sign-ins behind the channel: publishing a held post before fixing them only holds it again.
  const broken = delivery ? [...attentionDetails.values()].filter((p) => isBrokenHealth(p.health) && p.channels.some((c) => c.id === delivery.channelId)) : []

  if (!post.data || !delivery) {
    const missing = post.data && !delivery ? 'This post no longer goes to that channel.' : post.error
    return (
      <Dialog title="Scheduled post" onClose={onClose} variant="drawer">
        {missing ? <ErrorNotice message={missing} onRetry={post.error ? post.reload : undefined} /> : <Loading label="Loading the post…" />}
      </Dialog>
    )
  }

  return (
    <Dialog
      title={
        <span className="drawer-title">
          <ChannelAvatar channel={{ id: delivery.channelId, name: delivery.channelName, network: delivery.network }} size="lg" />
          {delivery.channelName}
        </span>
      }
      description={`${NETWORK_LABELS[delivery.network]} · ${formatDateTime(delivery.dueAt)}`}
      onClose={onClose}
      variant="drawer"
      className="delivery-drawer"
    >
      {post.error && <ErrorNotice message={post.error} onRetry={post.reload} />}
      <DeliveryStatus delivery={delivery} />
      <DeliveryFix delivery={delivery} broken={broken} />
      <ReviewCandidates delivery={delivery} />
      <DeliveryActions delivery={delivery} canPublishNow={delivery.state !== 'held' || broken.length === 0} />
      <DrawerSection title="Post">
        <p className="delivery-drawer__text">{post.data.text || 'No text'}</p>
        {post.data.link && <p className="drawer-meta">Link: {post.data.link}</p>}
        {post.data.image && <p className="drawer-meta">Image{post.data.image.altText ? `: ${post.data.image.altText}` : ''}</p>}
        <PostActions post={post.data} onEdit={onEdit} />
      </DrawerSection>
      <OtherChannels post={post.data} current={delivery.id} onSelect={onSelect} />
    </Dialog>
  )
}

/** Said once: the state, who refused the post and what it said, what to do, and the raw answer on demand. */
function FailedStatus({ delivery }: { delivery: DeliveryView }) {
  const { sentence, raw } = failureWords(delivery)
  return (
    <>
      <StateBadge state="failed" />
      <p>{sentence}</p>
      <p className="drawer-status__todo">Edit the post and schedule it again, or mark it as published if it did go out.</p>
      {raw && <RawError raw={raw} label="Show the network’s answer" />}
    </>
  )
}

/** Where the first comment under the post is, in a sentence. */
const FIRST_COMMENT_WORDS: Record<FirstCommentState, string> = {
  pending: 'First comment: waiting to go out.',
  claimed: 'First comment: going out now.',
  sending: 'First comment: going out now.',
  sent: 'First comment: posted under the post.',
  held: 'First comment: waiting for the connection to be refreshed.',
  failed: 'First comment: not posted.',
  needs_review: 'First comment: check the post, Relink could not tell whether it went out.',
}

function DeliveryStatus({ delivery }: { delivery: DeliveryView }) {
  const now = useNow()
  const copy = DELIVERY_STATE_LABELS[delivery.state]
  const problem = deliveryProblem(delivery)
  const waiting = delivery.state === 'scheduled' && delivery.nextAttemptAt !== null && delivery.nextAttemptAt > delivery.dueAt
  return (
    <div className={`drawer-status drawer-status--${STATUS_SEVERITY[copy.tone]}`} role="group" aria-label="Status">
      {delivery.state === 'failed' ? <FailedStatus delivery={delivery} /> : <DeliveryBadge delivery={delivery} />}
      {delivery.state !== 'failed' && <p>{copy.explanation}</p>}
      {problem && delivery.state !== 'failed' && (
        <p className="delivery-drawer__problem">
          {problem.label && <strong>{problem.label}. </strong>}
          {problem.detail}
        </p>
      )}
      {delivery.state === 'scheduled' && (
        <p className="drawer-status__todo">
          {waiting && delivery.nextAttemptAt !== null
            ? `Next try ${formatRelative(delivery.nextAttemptAt, now)} (${formatDateTime(delivery.nextAttemptAt)}).`
            : `Goes out ${formatRelative(delivery.dueAt, now)}.`}
        </p>
      )}
      {delivery.state === 'published' && (
        <p className="drawer-status__todo">
          Published {formatDateTime(delivery.publishedAt ?? delivery.dueAt)}. {delivery.url && <ViewPostLink url={delivery.url} />}
        </p>
      )}
      {delivery.firstComment && (
        <p className="drawer-meta">
          {FIRST_COMMENT_WORDS[delivery.firstComment]}
          {delivery.firstCommentDetail && delivery.firstComment !== 'sent' ? ` ${delivery.firstCommentDetail}` : ''}
        </p>
      )}
      <p className="drawer-meta">
        {delivery.attemptCount === 0 ? 'No attempts yet' : `${delivery.attemptCount} ${delivery.attemptCount === 1 ? 'attempt' : 'attempts'}`}
      </p>
    </div>
  )
}

/**
 * The way out when a connection stands between the post and its channel: held posts name the
 * broken sign-ins behind the channel, at-risk posts the ones that lapse before their time.
 */
function DeliveryFix({ delivery, broken }: { delivery: DeliveryView; broken: readonly ProfileDetail[] }) {
  const { profiles, openProfile } = useConnections()
  const { risks } = useAtRisk()
  const risk = risks.get(delivery)

  if (delivery.state === 'held') {
    return (
      <DrawerSection title="Fix the connection">
        {broken.length === 0 ? (
          <p className="drawer-meta">No broken sign-in stands behind this channel any more. Publish the post now, pick a new time, or skip it.</p>
        ) : (
          <>
            <p className="drawer-meta">Refresh the connection to sign in again; the post waits, safe, until you release it.</p>
            <ul className="delivery-fix">
              {broken.map((profile) => (
                <li key={profile.id} className="delivery-fix__item">
                  <span>
                    {profile.displayName} on {NETWORK_LABELS[profile.network]}: {statusOf(profile).badge}
                  </span>
                  <RefreshButton profile={profile} />
                  <button type="button" className="link-button" onClick={() => openProfile(profile.id)}>
                    Connection details
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </DrawerSection>
    )
  }

  if (!risk) return null
  const behind = (profiles ?? []).filter((p) => risk.profileIds.includes(p.id))
  return (
    <DrawerSection title="At risk">
      <AtRiskFlag risk={risk} />
      <p className="drawer-meta">Refresh the connection before then and the post goes out as planned.</p>
      <ul className="delivery-fix">
        {behind.map((profile) => (
          <li key={profile.id} className="delivery-fix__item">
            <span>
              {profile.displayName} on {NETWORK_LABELS[profile.network]}
            </span>
            <RefreshButton profile={profile} />
          </li>
        ))}
      </ul>
    </DrawerSection>
  )
}

function OtherChannels({ post, current, onSelect }: { post: PostView; current: number; onSelect(target: DeliveryTarget): void }) {
  const others = post.deliveries.filter((d) => d.id !== current)
  if (others.length === 0) return null
  return (
    <DrawerSection title="Also going to">
      <ul className="delivery-siblings">
        {others.map((d) => (
          <li key={d.id} className="delivery-siblings__item">
            <button type="button" className="link-button" onClick={() => onSelect({ deliveryId: d.id, postId: d.postId })}>
              <ChannelAvatar channel={{ id: d.channelId, name: d.channelName, network: d.network }} size="sm" />
              {d.channelName} ({NETWORK_LABELS[d.network]})
            </button>
            <DeliveryBadge delivery={d} />
          </li>
        ))}
      </ul>
    </DrawerSection>
  )
}
