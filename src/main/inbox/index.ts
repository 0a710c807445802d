import type { RelinkDatabase } from '../db/client'
import type { EventBus } from '../events'
import type { Clock } from '../ports'
import type { SyncEngine } from '../sync/types'
import { createCommentReader } from './comment-reader'
import { createIngest } from './ingest'
import { actionView, createInboxQueries, type ActionRow } from './queries'
import type { InboxActionView, InboxPost } from '../../shared/domain/inbox'
import { createTriage } from './triage'

export { INBOX_STREAM } from './comment-reader'

/**
 * The inbox: its two sync streams (comments, mentions; registered before the engine starts), the
 * store they fill, and the team's triage over it.
 */
export function createInbox(deps: {
  database: Pick<RelinkDatabase, 'sqlite'>
  sync: SyncEngine
  clock: Clock
  events: EventBus
  /** Told after every read that stored new items (the new-comments summary). */
  onNewItems?: () => void
}) {
  const { sqlite } = deps.database
  const ingest = createIngest(sqlite)
  const queries = createInboxQueries(sqlite)
  const triage = createTriage(sqlite)
  const onIngested = (channelId: string): void => {
    deps.events.emit('inbox:did-change', { channelIds: [channelId] })
    deps.onNewItems?.()
  }
  const onChanged = (channelId: string): void => deps.events.emit('inbox:did-change', { channelIds: [channelId] })
  deps.sync.register(createCommentReader({ stream: 'comments', sqlite, ingest, onIngested, onChanged }))
  deps.sync.register(createCommentReader({ stream: 'mentions', sqlite, ingest, onIngested, onChanged }))
  const postRow = sqlite.prepare(
    `SELECT p.text, d.url, d.published_at FROM deliveries d JOIN posts p ON p.id = d.post_id WHERE d.channel_id = ? AND d.network_post_id = ? LIMIT 1`,
  )
  const actionRows = sqlite.prepare('SELECT * FROM inbox_actions WHERE item_id = ? ORDER BY id')

  /** The post a thread belongs to: Relink's own text and link when Relink published it. */
  function post(channelId: string, networkPostId: string): InboxPost {
    const row = postRow.get(channelId, networkPostId) as { text: string; url: string | null; published_at: number | null } | undefined
    return row
      ? { networkPostId, text: row.text, url: row.url, publishedAt: row.published_at, fromRelink: true }
      : { networkPostId, text: null, url: null, publishedAt: null, fromRelink: false }
  }

  const actions = (itemId: number): InboxActionView[] => (actionRows.all(itemId) as ActionRow[]).map(actionView)

  return { ingest, queries, triage, post, actions }
}

export type Inbox = ReturnType<typeof createInbox>
