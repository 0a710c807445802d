import { m0001Initial } from './0001_initial'
import { m0002Connections } from './0002_connections'
import { m0003Scheduler } from './0003_scheduler'
import { m0004Sync } from './0004_sync'
import { m0005Analytics } from './0005_analytics'
import { m0006NetworkTexts } from './0006_network_texts'
import { m0007ReviewCandidates } from './0007_review_candidates'
import { m0008MetaPeople } from './0008_meta_people'
import { m0009WindowIndexes } from './0009_window_indexes'
import { m0010Inbox } from './0010_inbox'
import { m0011FirstComments } from './0011_first_comments'
import { m0012ChannelPictures } from './0012_channel_pictures'
import { m0013ChannelDayMetrics } from './0013_channel_day_metrics'
import { m0014InboxPostIndex } from './0014_inbox_post_index'
import { m0015PostingSlots } from './0015_posting_slots'
import { m0016LinkedinMemberStreams } from './0016_linkedin_member_streams'
import { m0017InboxUnreadIndex } from './0017_inbox_unread_index'
import { m0018InboxSearchPrefixes } from './0018_inbox_search_prefixes'
import { m0019InboxFilterIndexes } from './0019_inbox_filter_indexes'
import { m0020InboxFtsPending } from './0020_inbox_fts_pending'
import { m0021InboxDropPostIndex } from './0021_inbox_drop_post_index'
import { m0022InboxDeliveryIndex } from './0022_inbox_delivery_index'
import { m0023InboxFtsAutomerge } from './0023_inbox_fts_automerge'
import { m0024InboxCounts } from './0024_inbox_counts'
import { m0025CalendarDayIndex } from './0025_calendar_day_index'
import { m0026SyncRunsIndexes } from './0026_sync_runs_indexes'
import { m0027InboxFtsWithoutPositions } from './0027_inbox_fts_without_positions'
import { m0028InboxLighterIngest } from './0028_inbox_lighter_ingest'
import type { Migration } from './types'

/**
 * Every migration, oldest first. Listed by hand because the main process is bundled into one
 * file, so there is no folder to scan at run time. Append only; never edit a released entry.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001Initial,
  m0002Connections,
  m0003Scheduler,
  m0004Sync,
  m0005Analytics,
  m0006NetworkTexts,
  m0007ReviewCandidates,
  m0008MetaPeople,
  m0009WindowIndexes,
  m0010Inbox,
  m0011FirstComments,
  m0012ChannelPictures,
  m0013ChannelDayMetrics,
  m0014InboxPostIndex,
  m0015PostingSlots,
  m0016LinkedinMemberStreams,
  m0017InboxUnreadIndex,
  m0018InboxSearchPrefixes,
  m0019InboxFilterIndexes,
  m0020InboxFtsPending,
  m0021InboxDropPostIndex,
  m0022InboxDeliveryIndex,
  m0023InboxFtsAutomerge,
  m0024InboxCounts,
  m0025CalendarDayIndex,
  m0026SyncRunsIndexes,
  m0027InboxFtsWithoutPositions,
  m0028InboxLighterIngest,
]

export type { Migration } from './types'
