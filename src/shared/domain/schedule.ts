/**
 * The scheduler's domain as the window sees it: plain data only, safe to pass over IPC.
 */
import type { Network } from './network'

export const POST_STATUSES = ['draft', 'scheduled', 'cancelled'] as const
export type PostStatus = (typeof POST_STATUSES)[number]

/**
 * - `scheduled`: waiting for its time (or for a retry after a wait).
 * - `claimed`: taken by the scheduler; nothing has been sent for this attempt yet.
 * - `publishing`: the intent is committed and the request may be on the wire; the outcome is
 *   known only after the answer, or after a lookup by marker.
 * - `held`: the channel has no working connection; waits for a reconnect and a release.
 * - `needs_review`: the outcome could not be established; a person decides. Never retried blindly.
 * - `missed`: its time passed while Relink was closed or asleep, beyond the grace window.
 */
export const DELIVERY_STATES = ['scheduled', 'claimed', 'publishing', 'published', 'held', 'failed', 'needs_review', 'skipped', 'missed'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

/** States a person has to act on (shown in red, notified once). */
export const ATTENTION_STATES: readonly DeliveryState[] = ['held', 'failed', 'needs_review', 'missed']

export interface ContentIssue {
  field: 'text' | 'link' | 'image'
  message: string
}

/** What a channel's network would refuse in a post, found before scheduling. */
export interface ChannelProblems {
  channelId: string
  channelName: string
  network: Network
  problems: ContentIssue[]
}

export interface PostImageView {
  path: string
  mimeType: string
  width: number
  height: number
  sizeBytes: number
  altText: string | null
}

export interface DeliveryView {
  /** Deliveries are numbered (SQLite rowids); posts have UUIDs. */
  id: number
  postId: string
  channelId: string
  channelName: string
  network: Network
  state: DeliveryState
  dueAt: number
  nextAttemptAt: number | null
  attemptCount: number
  marker: string
  networkPostId: string | null
  url: string | null
  /** For `held`: why, and what fixes it, in plain words. */
  heldReason: string | null
  heldDetail: string | null
  /** For `failed`, `needs_review`, `missed` and waits: why, in plain words. */
  failureReason: string | null
  failureDetail: string | null
  publishedAt: number | null
  updatedAt: number
  /** The first line of the post, for lists and dialogs. */
  preview: string
  /** For `needs_review`: the channel's posts that may be this one, for a person to pick from. */
  reviewCandidates: readonly ReviewCandidate[]
  /** The post's first comment on this channel (Instagram, LinkedIn), once the post is out. */
  firstComment: FirstCommentState | null
  /** Why the first comment waits or failed, in plain words. */
  firstCommentDetail: string | null
}

/** A post on the network that may be a delivery whose outcome nobody saw. */
export interface ReviewCandidate {
  networkPostId: string
  url: string
  publishedAt: number
}

/** Where a delivery's first comment is: queued, going out, out, waiting for a sign-in, or stopped. */
export type FirstCommentState = 'pending' | 'claimed' | 'sending' | 'sent' | 'held' | 'failed' | 'needs_review'

/** The networks where Relink publishes a first comment under the post. */
export const FIRST_COMMENT_NETWORKS: readonly Network[] = ['instagram', 'linkedin']

/** The longest first comment each of those networks takes. */
export const FIRST_COMMENT_MAX: Partial<Record<Network, number>> = { instagram: 2_200, linkedin: 1_250 }

export interface PostView {
  id: string
  status: PostStatus
  text: string
  networkTexts: NetworkTexts
  /** Published under the post on Instagram and LinkedIn once it is out. */
  firstComment: string | null
  link: string | null
  image: PostImageView | null
  publishAt: number | null
  timeZone: string
  channelIds: string[]
  createdAt: number
  updatedAt: number
  deliveries: DeliveryView[]
}

export interface ComposeImageInput {
  /** A local file the user picked; read once and stored, so moving it later is harmless. */
  path: string
  altText?: string
}

/** A post's text for one network where it differs from the shared text ("shorter for X"). */
export type NetworkTexts = Partial<Record<Network, string>>

export interface ComposeInput {
  text: string
  /** Per-network texts; networks not listed publish `text`. */
  networkTexts?: NetworkTexts
  /** Published under the post on Instagram and LinkedIn channels once it is out. */
  firstComment?: string
  link?: string
  image?: ComposeImageInput
  channelIds: string[]
  /** Unix ms UTC. Required unless saving a draft. */
  publishAt?: number
  /** IANA time zone the time was chosen in. */
  timeZone: string
  /** Save without scheduling (problems are reported but do not block). */
  draft?: boolean
}

export interface PostPatch {
  postId: string
  text?: string
  /** Replaces every per-network text; `{}` removes them all. */
  networkTexts?: NetworkTexts
  /** Null or empty removes it. */
  firstComment?: string | null
  link?: string | null
  image?: ComposeImageInput | null
  channelIds?: string[]
  publishAt?: number
  timeZone?: string
  /** `scheduled` schedules a draft; `draft` takes a scheduled post back to the drafts. */
  status?: 'draft' | 'scheduled'
}

/** `post` is null when scheduling was refused because of `problems`. */
export interface ComposeResult {
  post: PostView | null
  problems: ChannelProblems[]
}

/** One row of a bulk schedule (imports): ids rather than full views. `postId` null when refused. */
export interface BulkComposeResult {
  postId: string | null
  deliveryIds: number[]
  problems: ChannelProblems[]
}

export const RELEASE_CHOICES = ['publish_now', 'next_free_slot', 'keep_held', 'skip'] as const
export type ReleaseChoice = (typeof RELEASE_CHOICES)[number]

export interface ReleaseResult {
  publishNow: number[]
  moved: { deliveryId: number; dueAt: number }[]
  kept: number[]
  skipped: number[]
}

/** What a person can do with a delivery that needs them (missed, failed, needs review, held). */
export type ResolveAction =
  | { kind: 'publish_now' }
  | { kind: 'reschedule'; at: number }
  | { kind: 'skip' }
  /** Needs review: the person saw the post on the network (`networkPostId`: one of the candidates shown). */
  | { kind: 'mark_published'; url?: string; networkPostId?: string }

/** A scheduled delivery whose channel's sign-in ends before its time. */
export interface AtRiskDelivery {
  deliveryId: number
  postId: string
  channelId: string
  channelName: string
  network: Network
  dueAt: number
  /** When the last working way into the channel ends; null when it is already broken. */
  lapsesAt: number | null
  cause: 'broken' | 'access_expires' | 'refresh_ends' | 'data_access_ends'
  /** The profiles whose Refresh connection would save it. */
  profileIds: string[]
}

/** How many of the earliest at-risk deliveries an overview lists one by one. */
export const AT_RISK_FIRST = 100

/** One channel whose sign-in lapses before some of its scheduled deliveries. */
export interface AtRiskChannel {
  channelId: string
  channelName: string
  network: Network
  /** When the last working way into the channel ends; null when it is already broken. */
  lapsesAt: number | null
  cause: AtRiskDelivery['cause']
  profileIds: string[]
  /** Its scheduled deliveries due at or after the lapse. */
  count: number
  firstDueAt: number
}

/**
 * Scheduled deliveries whose channel's sign-in lapses before their time, summarised: counts per
 * channel and the earliest few, not every delivery (an agency has tens of thousands).
 */
export interface AtRiskOverview {
  total: number
  channels: AtRiskChannel[]
  /** The earliest `AT_RISK_FIRST` by due time. */
  first: AtRiskDelivery[]
}

/** Whether one delivery is at risk, read off its channel's entry: scheduled, and due after the lapse. */
export function atRiskOf(
  channels: ReadonlyMap<string, AtRiskChannel>,
  delivery: { id: number; postId: string; channelId: string; dueAt: number; state: string },
): AtRiskDelivery | undefined {
  const channel = channels.get(delivery.channelId)
  if (!channel || delivery.state !== 'scheduled') return undefined
  if (channel.lapsesAt !== null && delivery.dueAt < channel.lapsesAt) return undefined
  const { channelId, channelName, network, lapsesAt, cause, profileIds } = channel
  return { deliveryId: delivery.id, postId: delivery.postId, channelId, channelName, network, dueAt: delivery.dueAt, lapsesAt, cause, profileIds }
}

/** One notification for deliveries that need a person. Each delivery is included once. */
export interface DeliveryNotice {
  kind: 'failed' | 'needs_review' | 'missed'
  title: string
  body: string
  deliveries: { id: number; postId: string; channelId: string; channelName: string; network: Network }[]
}

/** Emitted after any change to posts or deliveries (coalesced per turn of the event loop). */
export interface ScheduleChange {
  postIds: string[]
  deliveryIds: number[]
}

/** Raised after a reconnect healed channels that have held deliveries: the release dialog's input. */
export interface HeldReleasable {
  profileId: string
  channelIds: string[]
  deliveries: DeliveryView[]
}

export interface DeliveryFilter {
  from: number
  to: number
  channelIds?: string[]
  states?: DeliveryState[]
  /** Paging: only deliveries after this one in (due time, id) order. */
  after?: DeliveryCursor
  /** Paging: at most this many (an agency's month is thousands; a page stays small). */
  limit?: number
}

/** Where a page of deliveries ended: the last one's due time and id. */
export interface DeliveryCursor {
  dueAt: number
  id: number
}

/** Deliveries per page of the schedule's list: about 100 KB over IPC. */
export const DELIVERY_PAGE = 200
export const DELIVERY_PAGE_MAX = 500

/** The month view's question: per day, how many posts and the first few (not every delivery). */
export interface DaySummaryFilter {
  channelIds?: string[]
  states?: DeliveryState[]
  /**
   * The windows' starts in the window's time zone, then the end of the last: n + 1 instants. The
   * month asks per day; the week per hour.
   */
  dayStarts: number[]
  /** How many posts per day to return whole; the rest are only counted. */
  postsPerDay: number
}

/**
 * A delivery as the calendar's cards and the list's rows show it: what the drawer adds (details,
 * attempts, review candidates, the first comment) is read when it opens (`schedule:get-delivery`).
 */
export interface CalendarDelivery extends Pick<DeliveryView, 'id' | 'postId' | 'channelId' | 'channelName' | 'network' | 'state' | 'dueAt'> {
  /** The post's first line (at most `CALENDAR_PREVIEW_MAX` characters). */
  preview: string
  /** For `held` and `failed`: why, as the reason the badge names; null otherwise. */
  reason: string | null
  /** For `published`: the live post. */
  url: string | null
  /** The post has an image: the week's card shows it. */
  hasImage: boolean
}

export const CALENDAR_PREVIEW_MAX = 120

/** A full delivery as a list row shows it (the strip of posts needing a person reads full ones). */
export function calendarDeliveryOf(d: DeliveryView): CalendarDelivery {
  const reason = d.state === 'held' ? d.heldReason : d.state === 'failed' ? d.failureReason : null
  const { id, postId, channelId, channelName, network, state, dueAt, preview } = d
  return { id, postId, channelId, channelName, network, state, dueAt, preview, reason, url: d.state === 'published' ? d.url : null, hasImage: false }
}

/** One post at one time in a window of the week or month: its text once, then each channel's delivery. */
export interface CalendarEntry {
  postId: string
  dueAt: number
  preview: string
  hasImage: boolean
  deliveries: { id: number; channelId: string; state: DeliveryState; reason?: string; url?: string }[]
}

export interface CalendarWindow {
  start: number
  /** Posts due in the window (a post to four channels is one). */
  posts: number
  /** The window's first `postsPerDay` posts. */
  entries: CalendarEntry[]
}

/**
 * The week's or month's answer: per window a count and the first few posts, with each channel
 * named once for the whole answer (a busy agency week is hundreds of cards over a few channels each).
 */
export interface CalendarDays {
  channels: { id: string; name: string; network: Network }[]
  windows: CalendarWindow[]
}

/** An image the user picked in main's open dialog, ready to attach to a post. */
export interface PickedImage {
  /** The file's path; main reads only paths its own dialog returned. */
  path: string
  name: string
  mimeType: string
  width: number
  height: number
  sizeBytes: number
  /** A `data:` URL for the preview, or null when the file is too large to preview. */
  previewUrl: string | null
}
