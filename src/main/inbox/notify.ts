/**
 * The new-comments summary (Settings → Inbox, off by default): one desktop notification per
 * batch, never one per comment. Reads that store comments within `batchMs` of each other (a sync
 * sweep over every channel) become one summary: how many comments and mentions, from which
 * channels, and the newest one. Only comments from other people, written in the last day and never
 * shown before, count: a first read of a channel's history or a backfill of old comments stays
 * silent. Nothing is shown while notifications are off (Settings → Notifications) or the summary is.
 */
import type { Database } from 'better-sqlite3'
import { NETWORK_LABELS, type Network } from '../../shared/domain/network'
import type { Clock, Logger, Notifier, SettingsStore, Timer, TimerHandle } from '../ports'

const DAY = 24 * 60 * 60 * 1000

export interface CommentNotifierOptions {
  /** Reads this close together are one batch. */
  batchMs: number
  /** Comments older than this when read are history, not news. */
  freshMs: number
}

export const DEFAULT_COMMENT_NOTIFIER_OPTIONS: CommentNotifierOptions = { batchMs: 30_000, freshMs: DAY }

interface Fresh {
  id: number
  channel_name: string
  network: string
  stream: string
  author_name: string
  author_handle: string
  text: string
  created_at: number
}

const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}

/** Title and body of one summary (exported for tests). */
export function summaryOf(items: readonly Fresh[]): { title: string; body: string } {
  const comments = items.filter((i) => i.stream === 'comments').length
  const mentions = items.length - comments
  const parts = [comments > 0 ? `${comments} new comment${comments === 1 ? '' : 's'}` : '', mentions > 0 ? `${mentions} new mention${mentions === 1 ? '' : 's'}` : ''].filter(Boolean)
  const byChannel = new Map<string, number>()
  for (const i of items) {
    const where = `${i.channel_name} (${NETWORK_LABELS[i.network as Network] ?? i.network})`
    byChannel.set(where, (byChannel.get(where) ?? 0) + 1)
  }
  const channels = [...byChannel.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const listed = channels.slice(0, 3).map(([where, n]) => `${where}: ${n}`)
  if (channels.length > 3) listed.push(`${channels.length - 3} more channel${channels.length - 3 === 1 ? '' : 's'}`)
  const newest = items.reduce((a, b) => (b.created_at > a.created_at || (b.created_at === a.created_at && b.id > a.id) ? b : a))
  const who = newest.author_name || (newest.author_handle ? `@${newest.author_handle}` : 'Someone')
  return { title: parts.join(' and '), body: `${listed.join(' · ')}\nNewest, ${who}: “${clip(newest.text, 90)}”` }
}

export function createCommentNotifier(deps: {
  sqlite: Database
  notifier: Notifier
  settings: Pick<SettingsStore, 'read'>
  clock: Clock
  timer: Timer
  logger: Logger
  options?: Partial<CommentNotifierOptions>
}) {
  const opt = { ...DEFAULT_COMMENT_NOTIFIER_OPTIONS, ...deps.options }
  // What was in the inbox when Relink started is never news: only items stored after it count.
  let shownUpTo = (deps.sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM inbox_items').get() as { id: number }).id
  let handle: TimerHandle | undefined
  const fresh = deps.sqlite.prepare(
    `SELECT i.id, c.name AS channel_name, i.network, i.stream, i.author_name, i.author_handle, i.text, i.created_at
     FROM inbox_items i JOIN channels c ON c.id = i.channel_id
     WHERE i.id > ? AND i.own = 0 AND i.deleted_at IS NULL AND i.created_at >= ? ORDER BY i.id`,
  )
  const newest = deps.sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM inbox_items')

  function flush(): void {
    handle = undefined
    const now = deps.clock.now()
    const items = fresh.all(shownUpTo, now - opt.freshMs) as Fresh[]
    // Whatever happens below, these are seen: a summary turned on later never replays them.
    shownUpTo = Math.max(shownUpTo, (newest.get() as { id: number }).id)
    const settings = deps.settings.read()
    if (!settings.notifications.enabled || !settings.inbox.newCommentsSummary || items.length === 0) return
    const { title, body } = summaryOf(items)
    deps.notifier.show({ id: `inbox:new:${items.at(-1)?.id ?? 0}`, title, body, target: { kind: 'app', id: 'inbox' } })
    deps.logger.log('info', 'inbox: new comments notified', { count: items.length })
  }

  return {
    /** A read stored new items: the summary goes out once the batch window closes. */
    ingested(): void {
      if (handle) return
      handle = deps.timer.at(deps.clock.now() + opt.batchMs, flush)
    },
    /** Shows what is pending now (shutdown, tests). */
    flush(): void {
      handle?.cancel()
      flush()
    },
    stop(): void {
      handle?.cancel()
      handle = undefined
    },
  }
}

export type CommentNotifier = ReturnType<typeof createCommentNotifier>
