import * as z from 'zod'
import type { ConnectResult, ConnectStep, NetworkAppView, ProfileDetail, ProfileView } from '../domain/connections'
import type { AppInfo, Brand, BrandSnapshot, ChannelLinkSummary, ChannelPicture, ChannelSummary } from '../domain/entities'
import { NETWORKS } from '../domain/network'
import { WEEKDAYS, type ChannelSlots, type NextFreeSlot } from '../domain/posting-slots'
import type { SandboxState, StormState } from '../domain/sandbox'
import { SANDBOX_CONTROLS } from '../domain/sandbox'
import { settingsPatchSchema, type AppSettings } from '../domain/settings'
import {
  DELIVERY_PAGE_MAX,
  DELIVERY_STATES,
  RELEASE_CHOICES,
  type AtRiskOverview,
  type ChannelProblems,
  type ComposeResult,
  type CalendarDays,
  type CalendarDelivery,
  type DeliveryView,
  type HeldReleasable,
  type PickedImage,
  type PostView,
  type ReleaseResult,
  type ScheduleChange,
} from '../domain/schedule'
import { STREAM_KINDS, type StreamHealth, type StreamKind, type SyncGap, type SyncProgress } from '../domain/sync'
import type { BackupList, BackupView } from '../domain/backups'
import { POST_METRICS, REPORT_FORMATS, type Dashboard, type PostsReport } from '../domain/analytics'
import { REPORT_CADENCES, type ExportProgress, type ReportScheduleView } from '../domain/reports'
import { INBOX_ACTION_KINDS, INBOX_ACTION_RESOLUTIONS, INBOX_STATES, type InboxActionView, type InboxCounts, type InboxNote, type InboxPage, type InboxThread, type SavedReply } from '../domain/inbox'
import { savedReplyName, savedReplyText, type SavedRepliesImportPreview } from '../domain/saved-replies'
import type { Result } from '../errors'
import type { CommandName, EventName } from './channels'

/** Fails to compile unless T has an entry for every key in K and nothing else. */
type Covering<K extends PropertyKey, T extends Record<K, unknown> & Record<Exclude<keyof T, K>, never>> = T

const id = z.string().trim().min(1).max(100)
const brandName = z.string().trim().min(1, 'Give the brand a name.').max(80, 'Brand names are at most 80 characters.')
const instanceUrl = z
  .string()
  .trim()
  .url('Enter the instance address, like https://mastodon.social.')
  .refine((v) => /^https?:\/\//.test(v), 'Enter the instance address, like https://mastodon.social.')
  .transform((v) => new URL(v).origin)
/** Facebook's limit, the longest any supported network accepts; each network's own is checked in main. */
const postText = z.string().max(63_206, 'Posts are at most 63,206 characters.')
/** Instagram's comment limit, the longer of the two networks that get one; LinkedIn's is checked in main. */
const firstComment = z.string().max(2_200, 'First comments are at most 2,200 characters.')
/** Per-network texts, only for known networks. */
const networkTexts = z.partialRecord(z.enum(NETWORKS), postText)
const webLink = z
  .string()
  .trim()
  .max(2_000)
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Links start with http:// or https://.')
const imageInput = z.strictObject({ path: z.string().min(1).max(4_096), altText: z.string().max(1_500).optional() })
/** Unix milliseconds; bounded to years 2000–2200 so a slip of the date picker cannot overflow. */
const epochMs = z.number().int().min(946_684_800_000).max(7_258_118_400_000)
const timeZone = z.string().min(1).max(64)
const channelIds = z.array(id).max(500)
const deliveryId = z.number().int().positive()
/** What the composer sends for a post, checked or created. */
const postContent = {
  text: postText,
  networkTexts: networkTexts.optional(),
  firstComment: firstComment.optional(),
  link: webLink.optional(),
  image: imageInput.optional(),
  channelIds,
}
const releaseChoice = z.enum(RELEASE_CHOICES)
const streams = z.array(z.enum(STREAM_KINDS)).max(STREAM_KINDS.length)
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Days are written YYYY-MM-DD.').refine((d) => Number.isFinite(Date.parse(`${d}T00:00:00Z`)), 'That day does not exist.')
const analyticsQuery = z.strictObject({
  brandId: id.optional(),
  channelIds: channelIds.optional(),
  network: z.enum(NETWORKS).optional(),
  fromDay: isoDay,
  toDay: isoDay,
})
const postsQuery = analyticsQuery.extend({
  sortBy: z.enum(POST_METRICS),
  direction: z.enum(['desc', 'asc']),
  timeZone,
  limit: z.number().int().min(1).max(100).optional(),
})
const itemId = z.number().int().positive()
const itemIds = z.array(itemId).min(1).max(10_000)
const labelName = z.string().trim().min(1, 'Give the label a name.').max(40, 'Labels are at most 40 characters.')
const importIdInput = z.string().min(1).max(40)
const memberName = z.string().trim().min(1).max(60)
const inboxQuery = z.strictObject({
  brandId: id.optional(),
  channelIds: channelIds.optional(),
  network: z.enum(NETWORKS).optional(),
  states: z.array(z.enum(INBOX_STATES)).max(INBOX_STATES.length).optional(),
  needsReply: z.boolean().optional(),
  assignee: z.string().trim().max(60).optional(),
  label: labelName.optional(),
  fromMs: epochMs.optional(),
  toMs: epochMs.optional(),
  search: z.string().max(200, 'Search for at most 200 characters.').optional(),
  before: z.strictObject({ createdAt: z.number().int().nonnegative(), id: itemId }).optional(),
  offset: z.number().int().min(0).max(100_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
})
const postingSlot = z.strictObject({
  weekday: z.union(WEEKDAYS.map((d) => z.literal(d))),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Times are written HH:MM on a 24-hour clock.'),
})
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are hex values like #3b82f6.')

/** A span of the schedule, maybe narrowed and paged: the list's and the other pages' question. */
const deliveryFilter = z
  .strictObject({
    from: epochMs,
    to: epochMs,
    channelIds: channelIds.optional(),
    states: z.array(z.enum(DELIVERY_STATES)).max(DELIVERY_STATES.length).optional(),
    after: z.strictObject({ dueAt: epochMs, id: deliveryId }).optional(),
    limit: z.number().int().min(1).max(DELIVERY_PAGE_MAX).optional(),
  })
  .refine((f) => f.to > f.from, 'The end of the range must come after its start.')
  .refine((f) => f.to - f.from <= 400 * 86_400_000, 'Ask for at most 400 days at a time.')

/** Input schemas. Main parses with these before any service runs; unknown keys are rejected. */
export const commandInputs = {
  'app:get-info': z.undefined(),
  'brands:list': z.undefined(),
  'brands:create': z.strictObject({ name: brandName, color: color.optional() }),
  'brands:update': z.strictObject({ id, name: brandName.optional(), color: color.optional() }),
  'brands:delete': z.strictObject({ id }),
  'brands:restore': z.strictObject({
    snapshot: z.strictObject({
      id,
      name: brandName,
      color,
      createdAt: z.number().int().nonnegative().max(7_258_118_400_000),
      /** A brand's channels: generous for an agency, processed in chunks in main. */
      channelIds: z.array(id).max(100_000),
    }),
  }),
  'channels:list': z.strictObject({ brandId: id.optional() }).optional(),
  'channels:list-links': z.undefined(),
  'channels:list-pictures': z.undefined(),
  'channels:set-brands': z.strictObject({ channelId: id, brandIds: z.array(id).max(1_000) }),
  'channels:remove': z.strictObject({ channelId: id }),
  'slots:list': z.undefined(),
  'slots:set-channel': z.strictObject({ channelId: id, timeZone, slots: z.array(postingSlot).max(7 * 24 * 4, 'At most 96 slots a day.') }),
  'slots:copy-channel': z.strictObject({ fromChannelId: id, toChannelIds: z.array(id).min(1, 'Choose at least one channel to copy to.').max(500) }),
  'slots:find-next-free': z.strictObject({ channelIds: z.array(id).min(1, 'Choose at least one channel first.').max(500), exceptPostId: id.optional() }),
  'settings:get': z.undefined(),
  'settings:update': settingsPatchSchema,
  'connections:list-profiles': z.undefined(),
  'connections:get-profile': z.strictObject({ profileId: id }),
  'connections:start-connect': z.strictObject({ network: z.enum(NETWORKS), instance: instanceUrl.optional() }),
  'connections:cancel-connect': z.undefined(),
  'connections:finish-connect': z.strictObject({
    profileId: id,
    picks: z.array(z.strictObject({ networkChannelId: id, brandIds: z.array(id).max(100) })).max(1_000),
  }),
  'connections:refresh-profile': z.strictObject({ profileId: id }),
  'connections:refresh-all-expired': z.undefined(),
  'connections:check-now': z.strictObject({ profileId: id.optional() }).optional(),
  'connections:remove-profile': z.strictObject({ profileId: id }),
  'networks:list-apps': z.undefined(),
  'networks:save-app': z.strictObject({
    network: z.enum(NETWORKS),
    instance: instanceUrl.optional(),
    clientId: z.string().trim().min(1, 'Enter the client id from the developer console.').max(300),
    clientSecret: z.string().trim().min(1).max(500).optional(),
  }),
  'networks:remove-app': z.strictObject({ network: z.enum(NETWORKS), instance: instanceUrl.optional() }),
  'sandbox:get-state': z.undefined(),
  'sandbox:apply-control': z.strictObject({
    control: z.enum(SANDBOX_CONTROLS),
    network: z.enum(['facebook', 'linkedin', 'x', 'mastodon']),
    userId: id.optional(),
    channelId: id.optional(),
    scope: z.string().max(100).optional(),
  }),
  'sandbox:get-storm': z.undefined(),
  'sandbox:start-storm': z.strictObject({ changes: z.number().int().min(1).max(2_000) }),
  'sandbox:stop-storm': z.undefined(),
  'schedule:pick-image': z.undefined(),
  'schedule:get-image': z.strictObject({ postId: id }),
  'schedule:check-content': z.strictObject({
    /** The saved post being edited: its stored image stands in for a file with the same path. */
    postId: id.optional(),
    ...postContent,
  }),
  'schedule:create-post': z.strictObject({
    ...postContent,
    publishAt: epochMs.optional(),
    timeZone,
    draft: z.boolean().optional(),
  }),
  'schedule:update-post': z.strictObject({
    postId: id,
    text: postText.optional(),
    networkTexts: networkTexts.optional(),
    firstComment: firstComment.nullable().optional(),
    link: webLink.nullable().optional(),
    image: imageInput.nullable().optional(),
    channelIds: channelIds.optional(),
    publishAt: epochMs.optional(),
    timeZone: timeZone.optional(),
    status: z.enum(['draft', 'scheduled']).optional(),
  }),
  'schedule:duplicate-post': z.strictObject({ postId: id }),
  'schedule:cancel-post': z.strictObject({ postId: id }),
  'schedule:get-post': z.strictObject({ postId: id }),
  'schedule:get-delivery': z.strictObject({ deliveryId }),
  'schedule:list-deliveries': deliveryFilter,
  'schedule:list-calendar': deliveryFilter,
  'schedule:list-days': z
    .strictObject({
      channelIds: channelIds.optional(),
      states: z.array(z.enum(DELIVERY_STATES)).max(DELIVERY_STATES.length).optional(),
      // A month's 42 days, or a week's hours (7 × 24, 25 on a clock change).
      dayStarts: z.array(epochMs).min(2).max(7 * 25 + 1),
      postsPerDay: z.number().int().min(1).max(20),
    })
    .refine((f) => f.dayStarts.every((t, i) => i === 0 || t > (f.dayStarts[i - 1] ?? t)), 'Days must follow one another.')
    .refine((f) => (f.dayStarts.at(-1) ?? 0) - (f.dayStarts[0] ?? 0) <= 45 * 86_400_000, 'Ask for at most 45 days at a time.'),
  'schedule:list-drafts': z.undefined(),
  'schedule:list-held': z.strictObject({ channelIds: channelIds.optional() }).optional(),
  'schedule:release-held': z.strictObject({
    channelIds: channelIds.min(1),
    choices: z.union([
      releaseChoice,
      z
        .record(z.string().regex(/^[1-9][0-9]{0,15}$/), releaseChoice)
        .refine((r) => Object.keys(r).length <= 10_000, 'Release at most 10,000 posts at a time.'),
    ]),
  }),
  'schedule:resolve-delivery': z.strictObject({
    deliveryId,
    action: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('publish_now') }),
      z.strictObject({ kind: z.literal('reschedule'), at: epochMs }),
      z.strictObject({ kind: z.literal('skip') }),
      z.strictObject({
        kind: z.literal('mark_published'),
        url: z.url({ protocol: /^https?$/ }).max(2_000).optional(),
        networkPostId: z.string().min(1).max(200).optional(),
      }),
    ]),
  }),
  'schedule:list-at-risk': z.undefined(),
  'sync:get-health': z.strictObject({ channelIds: channelIds.optional(), streams: streams.optional() }).optional(),
  'sync:sync-now': z.strictObject({ channelIds: channelIds.optional(), streams: streams.optional() }).optional(),
  'sync:list-gaps': z
    .strictObject({ channelIds: channelIds.optional(), streams: streams.optional(), from: epochMs.optional(), to: epochMs.optional() })
    .optional(),
  'analytics:get-dashboard': analyticsQuery,
  'analytics:get-posts': postsQuery,
  'data:list-backups': z.undefined(),
  'data:back-up-now': z.undefined(),
  /** A backup's file name as listed; never a path. */
  'data:restore-backup': z.strictObject({ name: z.string().max(120).regex(/^relink-[0-9TZ-]+-(before-migration|manual|before-restore)-v\d+(-\d+)?\.db$/, 'Pick a backup from the list.') }),
  /** `jobId` (the window's own) lets the window follow the export's progress and cancel it. */
  'reports:export': z.strictObject({ format: z.enum(REPORT_FORMATS), query: analyticsQuery, jobId: z.uuid().optional() }),
  'reports:cancel-export': z.strictObject({ jobId: z.uuid() }),
  'reports:export-health': z.strictObject({ format: z.enum(['pdf', 'csv']), query: analyticsQuery }),
  'reports:list-schedules': z.undefined(),
  // No folder in any of these: main asks for it in its own dialog.
  'reports:create-schedule': z.strictObject({ brandId: id.optional(), cadence: z.enum(REPORT_CADENCES), format: z.enum(REPORT_FORMATS) }),
  'reports:update-schedule': z.strictObject({
    id,
    brandId: id.nullable().optional(),
    cadence: z.enum(REPORT_CADENCES).optional(),
    format: z.enum(REPORT_FORMATS).optional(),
    chooseFolder: z.boolean().optional(),
  }),
  'reports:delete-schedule': z.strictObject({ id }),
  'reports:restore-schedule': z.strictObject({ id }),
  'reports:run-schedule': z.strictObject({ id }),
  'inbox:list': inboxQuery,
  'inbox:get-thread': z.strictObject({ itemId }),
  'inbox:get-counts': z.undefined(),
  'inbox:set-state': z.strictObject({ itemIds, state: z.enum(INBOX_STATES) }),
  'inbox:assign': z.strictObject({ itemIds, assignee: memberName.nullable() }),
  'inbox:label': z.strictObject({ itemIds, label: labelName, on: z.boolean() }),
  'inbox:add-note': z.strictObject({ itemId, text: z.string().trim().min(1, 'Write the note first.').max(2_000, 'Notes are at most 2,000 characters.') }),
  'inbox:mark-read': z.strictObject({ itemIds }),
  'inbox:list-labels': z.undefined(),
  'inbox:list-saved-replies': z.undefined(),
  'inbox:save-reply': z.strictObject({
    id: z.number().int().positive().optional(),
    name: savedReplyName,
    text: savedReplyText,
  }),
  'inbox:delete-saved-reply': z.strictObject({ id: z.number().int().positive() }),
  'inbox:export-saved-replies': z.undefined(),
  'inbox:preview-saved-replies-import': z.undefined(),
  'inbox:import-saved-replies': z.strictObject({ importId: importIdInput }),
  'inbox:undo-saved-replies-import': z.strictObject({ importId: importIdInput }),
  'inbox:act': z.strictObject({
    itemId,
    kind: z.enum(INBOX_ACTION_KINDS),
    text: z.string().max(10_000, 'Replies are at most 10,000 characters.').optional(),
  }),
  'inbox:resolve-action': z.strictObject({ actionId: z.number().int().positive(), resolution: z.enum(INBOX_ACTION_RESOLUTIONS) }),
} satisfies Record<CommandName, z.ZodType>

export type CommandInput<K extends CommandName> = z.input<(typeof commandInputs)[K]>
export type CommandArgs<K extends CommandName> = z.output<(typeof commandInputs)[K]>

export type CommandOutputs = Covering<
  CommandName,
  {
    'app:get-info': AppInfo
    'brands:list': Brand[]
    'brands:create': Brand
    'brands:update': Brand
    'brands:delete': BrandSnapshot
    'brands:restore': Brand
    'channels:list': ChannelSummary[]
    'channels:list-links': ChannelLinkSummary[]
    /** Every channel's profile picture that Relink has, one per channel (channels without one are left out). */
    'channels:list-pictures': ChannelPicture[]
    'channels:set-brands': ChannelSummary
    /** How many queued or held posts to the channel were cancelled with it. */
    'channels:remove': { cancelledDeliveries: number }
    /** Channels with at least one slot. */
    'slots:list': ChannelSlots[]
    'slots:set-channel': ChannelSlots
    /** The channels copied to. */
    'slots:copy-channel': ChannelSlots[]
    'slots:find-next-free': NextFreeSlot
    'settings:get': AppSettings
    'settings:update': AppSettings
    'connections:list-profiles': ProfileView[]
    'connections:get-profile': ProfileDetail
    'connections:start-connect': ConnectResult
    'connections:cancel-connect': { cancelled: boolean }
    'connections:finish-connect': ProfileView
    'connections:refresh-profile': ConnectResult
    'connections:refresh-all-expired': { refreshed: string[]; failed: { profileId: string; message: string }[] }
    'connections:check-now': ProfileView[]
    'connections:remove-profile': { removed: boolean }
    'networks:list-apps': NetworkAppView[]
    'networks:save-app': NetworkAppView
    'networks:remove-app': { removed: boolean }
    'sandbox:get-state': SandboxState
    'sandbox:apply-control': SandboxState
    'sandbox:get-storm': StormState
    'sandbox:start-storm': StormState
    'sandbox:stop-storm': StormState
    'schedule:pick-image': PickedImage | null
    'schedule:get-image': { previewUrl: string | null }
    'schedule:check-content': ChannelProblems[]
    'schedule:create-post': ComposeResult
    'schedule:update-post': ComposeResult
    'schedule:duplicate-post': PostView
    'schedule:cancel-post': PostView
    'schedule:get-post': PostView
    'schedule:get-delivery': DeliveryView
    'schedule:list-deliveries': DeliveryView[]
    'schedule:list-calendar': CalendarDelivery[]
    'schedule:list-days': CalendarDays
    'schedule:list-drafts': PostView[]
    'schedule:list-held': DeliveryView[]
    'schedule:release-held': ReleaseResult
    'schedule:resolve-delivery': DeliveryView
    'schedule:list-at-risk': AtRiskOverview
    'sync:get-health': StreamHealth[]
    /** Reads run, reads failed, channels with a failed read, and new items stored. */
    'sync:sync-now': { runs: number; failed: number; failedChannels: number; items: number }
    'sync:list-gaps': SyncGap[]
    'analytics:get-dashboard': Dashboard
    'analytics:get-posts': PostsReport
    'data:list-backups': BackupList
    'data:back-up-now': BackupView
    /** The restore happens when Relink starts again; `restarting` says whether it is restarting now. */
    'data:restore-backup': { restarting: boolean }
    'reports:export': { saved: boolean; path: string | null; rows: number; pages: number | null }
    'reports:cancel-export': { cancelled: boolean }
    /** `rows`: the incidents listed. */
    'reports:export-health': { saved: boolean; path: string | null; rows: number; pages: number | null }
    'reports:list-schedules': ReportScheduleView[]
    /** Null when the person cancelled the folder dialog. */
    'reports:create-schedule': ReportScheduleView | null
    'reports:update-schedule': ReportScheduleView | null
    'reports:delete-schedule': { deleted: boolean }
    'reports:restore-schedule': ReportScheduleView
    'reports:run-schedule': ReportScheduleView
    'inbox:list': InboxPage
    'inbox:get-thread': InboxThread
    'inbox:get-counts': InboxCounts
    'inbox:set-state': { changed: number }
    'inbox:assign': { changed: number }
    'inbox:label': { changed: number }
    'inbox:add-note': InboxNote
    'inbox:mark-read': { changed: number }
    'inbox:list-labels': string[]
    'inbox:list-saved-replies': SavedReply[]
    'inbox:save-reply': SavedReply
    'inbox:delete-saved-reply': { deleted: boolean }
    /** Saved as CSV where the person chose; `saved: false` when they cancelled. */
    'inbox:export-saved-replies': { saved: boolean; path: string | null; count: number }
    /** Opens main's file dialog and reads the file; nothing is added until `inbox:import-saved-replies`. */
    'inbox:preview-saved-replies-import': SavedRepliesImportPreview
    /** Adds every reply the preview listed, or none (a name taken since: `conflict`). */
    'inbox:import-saved-replies': { added: SavedReply[] }
    /** Removes the replies the import added. */
    'inbox:undo-saved-replies-import': { removed: number }
    'inbox:act': { action: InboxActionView; created: boolean }
    'inbox:resolve-action': InboxActionView
  }
>

export type EventPayloads = Covering<
  EventName,
  {
    'brands:did-change': { brandIds: string[] }
    'channels:did-change': { channelIds: string[] }
    'slots:did-change': { channelIds: string[] }
    /** Pictures downloaded, replaced or removed: only avatars need to look again. */
    'channels:did-change-pictures': { channelIds: string[] }
    'settings:did-change': AppSettings
    'connections:did-change-health': { profileIds: string[] }
    'connections:did-reconnect': { profileId: string; channelIds: string[] }
    'connections:did-progress': { network: string; step: ConnectStep; message: string }
    'app:did-request-open': { kind: 'profile' | 'delivery' | 'app'; id?: string }
    'schedule:did-change': ScheduleChange
    'schedule:did-find-held': HeldReleasable
    'sync:did-change': { channelIds: string[]; streams: StreamKind[] }
    'sync:did-progress': SyncProgress
    'reports:did-change': { scheduleIds: string[] }
    'reports:export-progress': ExportProgress
    'inbox:did-change': { channelIds: string[] }
    'sandbox:storm-progress': StormState
  }
>

/** Commands whose input may be left out entirely. */
type OptionalInput<K extends CommandName> = undefined extends CommandInput<K> ? K : never

/** All of `window.relink`. The preload implements it; the renderer sees nothing else. */
export interface RelinkApi {
  invoke<K extends CommandName>(
    name: K,
    ...input: K extends OptionalInput<K> ? [input?: CommandInput<K>] : [input: CommandInput<K>]
  ): Promise<Result<CommandOutputs[K]>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
