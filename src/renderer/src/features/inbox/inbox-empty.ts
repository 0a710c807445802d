import type { ChannelSummary } from '../../../../shared/domain/entities'

/**
 * What the Inbox's list place shows when it has no rows to draw, most pressing first: a failed
 * read, the first answer on its way, no channels at all, a channel whose network keeps its
 * comments, filters that match nothing, the channels' first reads, channels that cannot be read,
 * and only then "Nothing waiting". `list` means rows to draw (or rows still coming in).
 */
export type InboxEmpty =
  | { kind: 'list' }
  | { kind: 'error'; message: string }
  | { kind: 'loading' }
  | { kind: 'no-channels' }
  | { kind: 'closed-channel'; channel: ChannelSummary }
  | { kind: 'nothing-matches'; search: string }
  | { kind: 'first-sync' }
  | { kind: 'broken'; channels: readonly ChannelSummary[] }
  | { kind: 'all-done' }

export interface InboxEmptyInput {
  rows: number
  /** Items loaded so far, and whether the first page is still on its way. */
  items: number
  loading: boolean
  error: string | undefined
  /** Every channel, once known. */
  channels: readonly ChannelSummary[] | undefined
  /** The channel picked in the filters, when its network does not let apps read its comments. */
  closedChannel: ChannelSummary | undefined
  /** Any filter or search in use, and the search's words. */
  filtered: boolean
  search: string
  /** Each stream's health, asked only for an empty list: undefined until it answers (or if it failed). */
  health: { answered: boolean; failed: boolean; neverRead: boolean }
}

export function inboxEmpty(input: InboxEmptyInput): InboxEmpty {
  const none = input.rows === 0
  if (input.error && input.items === 0) return { kind: 'error', message: input.error }
  if (input.loading && input.items === 0 && none) return { kind: 'loading' }
  if (input.channels && input.channels.length === 0) return { kind: 'no-channels' }
  if (!none) return { kind: 'list' }
  if (input.closedChannel) return { kind: 'closed-channel', channel: input.closedChannel }
  if (input.filtered) return { kind: 'nothing-matches', search: input.search.trim() }
  if (!input.loading && !input.health.answered && !input.health.failed) return { kind: 'loading' }
  if (input.health.neverRead) return { kind: 'first-sync' }
  const broken = (input.channels ?? []).filter((c) => c.health === 'disconnected')
  if (broken.length > 0) return { kind: 'broken', channels: broken }
  return { kind: 'all-done' }
}
