import { gapReasonWords } from '../../../../shared/domain/gap-copy'
import type { InboxItem } from '../../../../shared/domain/inbox'
import { NETWORK_LABELS, type Network } from '../../../../shared/domain/network'
import type { SyncGap } from '../../../../shared/domain/sync'

/** One row of the list: a comment, or a period Relink could not read, placed where it happened. */
export type InboxRow = { kind: 'item'; item: InboxItem } | { kind: 'gap'; gap: SyncGap; sentence: string; key: string }

export interface GapChannel {
  name: string
  network: Network
}

/**
 * The list's rows, newest first: each gap sits where it ended (or at the top while open), among
 * the comments around it. Gaps older than the oldest loaded comment wait for the next page,
 * unless everything is loaded.
 */
export function mergeRows(items: readonly InboxItem[], gaps: readonly SyncGap[], sentence: (gap: SyncGap) => string, allLoaded: boolean): InboxRow[] {
  const oldest = items.at(-1)?.createdAt ?? Number.NEGATIVE_INFINITY
  const placed = gaps
    .map((gap) => ({ gap, at: gap.to ?? Number.POSITIVE_INFINITY }))
    .filter(({ at }) => allLoaded || at >= oldest)
    .sort((a, b) => b.at - a.at)
  const rows: InboxRow[] = []
  let g = 0
  for (const item of items) {
    while (g < placed.length && (placed[g]?.at ?? 0) >= item.createdAt) {
      const gap = placed[g++]!.gap
      rows.push({ kind: 'gap', gap, sentence: sentence(gap), key: `gap-${gap.id}` })
    }
    rows.push({ kind: 'item', item })
  }
  for (; g < placed.length; g++) {
    const gap = placed[g]!.gap
    rows.push({ kind: 'gap', gap, sentence: sentence(gap), key: `gap-${gap.id}` })
  }
  return rows
}

/**
 * A gap in plain words: "No comments synced from Northwind Coffee (Facebook) from Tue 14:02 to
 * Thu 09:10: Sign-in revoked. 37 recovered after reconnect." with what is gone for good.
 */
export function inboxGapSentence(gap: SyncGap, channel: GapChannel | undefined, format: (ms: number) => string): string {
  const what = gap.stream === 'mentions' ? 'replies or mentions' : 'comments'
  const where = channel ? `${channel.name} (${NETWORK_LABELS[channel.network]})` : 'a removed channel'
  const span = gap.to === null ? `since ${format(gap.from)}` : `from ${format(gap.from)} to ${format(gap.to)}`
  const head = `No ${what} synced from ${where} ${span}: ${gapReasonWords(gap.reason)}.`
  if (gap.state === 'open') {
    const deadline = gap.recoverableUntil !== null ? ` Reconnect before ${format(gap.recoverableUntil)} or older ${what} are lost.` : ''
    return `${head} Refresh connection to read them back.${deadline}`
  }
  if (gap.state === 'backfilling') return `${head} Reading them back now…`
  const recovered = `${gap.recovered} recovered after reconnect.`
  const lost = gap.lostBefore !== null ? ` Not recoverable: anything before ${format(gap.lostBefore)}.${gap.lostNote ? ` ${gap.lostNote}` : ''}` : ''
  return `${head} ${recovered}${lost}`
}
