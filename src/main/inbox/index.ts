import type { RelinkDatabase } from '../db/client'
import type { EventBus } from '../events'
import type { Clock } from '../ports'
import type { SyncEngine } from '../sync/types'
import { createCommentReader } from './comment-reader'
import { createIngest } from './ingest'
import { createInboxQueries } from './queries'
import { createTriage } from './triage'

export { INBOX_STREAM } from './comment-reader'

/**
 * The inbox: its two sync streams (comments, mentions; registered before the engine starts), the
 * store they fill, and the team's triage over it.
 */
export function createInbox(deps: { database: Pick<RelinkDatabase, 'sqlite'>; sync: SyncEngine; clock: Clock; events: EventBus }) {
  const { sqlite } = deps.database
  const ingest = createIngest(sqlite)
  const queries = createInboxQueries(sqlite)
  const triage = createTriage(sqlite)
  const onIngested = (channelId: string): void => deps.events.emit('inbox:did-change', { channelIds: [channelId] })
  deps.sync.register(createCommentReader({ stream: 'comments', sqlite, ingest, onIngested }))
  deps.sync.register(createCommentReader({ stream: 'mentions', sqlite, ingest, onIngested }))
  return { ingest, queries, triage }
}

export type Inbox = ReturnType<typeof createInbox>
