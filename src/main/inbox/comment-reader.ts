import type { Database } from 'better-sqlite3'
import type { Network } from '../../shared/domain/network'
import type { CommentPage } from '../providers/types'
import type { StreamReader, StreamRun } from '../sync/types'
import type { Ingest, IngestChannel } from './ingest'

/**
 * Which inbox stream each network's conversation arrives on. Each adapter's `listComments` reads
 * it the network's own way (wave2-anchors §2, §8): Facebook `feed?since=` and the hot set of
 * recent posts; Instagram media `comments_count`, then `/comments` and `/replies`; LinkedIn the
 * organisation's recent posts and their threads; X replies to the account by `since_id`;
 * Mastodon notifications `types[]=mention` by `min_id` and the thread context.
 */
export const INBOX_STREAM: Record<Network, 'comments' | 'mentions'> = {
  facebook: 'comments',
  instagram: 'comments',
  linkedin: 'comments',
  x: 'mentions',
  mastodon: 'mentions',
}

/**
 * The inbox's reader of one stream kind: reads what is new after the stream's cursor, stores it
 * (once per network id), and after a break reads the gap back from the cursor the stream had
 * when it broke.
 */
export function createCommentReader(deps: {
  stream: 'comments' | 'mentions'
  sqlite: Database
  ingest: Ingest
  /** Told after every read that stored something (notifications, the window). */
  onIngested?: (channelId: string, inserted: number) => void
  /** Told after a read that changed stored items (an edit, a deletion on the network). */
  onChanged?: (channelId: string) => void
}): StreamReader {
  const channelRow = deps.sqlite.prepare('SELECT handle FROM channels WHERE id = ?')
  // A backfill leaves the cursor where it got to, so the poll after it does not read the gap twice.
  const saveCursor = deps.sqlite.prepare('UPDATE sync_state SET cursor = ? WHERE channel_id = ? AND stream = ?')

  /**
   * Where the network confirms each deletion (`confirmGone`), the stored comments a whole read
   * left out and the network did not confirm gone are counted as still there.
   */
  async function confirmed(run: StreamRun, channel: IngestChannel, posts: NonNullable<CommentPage['wholePosts']>): Promise<NonNullable<CommentPage['wholePosts']>> {
    const confirmGone = run.adapter.confirmGone?.bind(run.adapter)
    if (!confirmGone) return posts
    const missing = deps.ingest.unlisted(channel, posts, run.now)
    if (missing.length === 0) return posts
    const { gone } = await run.call(() => confirmGone(run.provider, run.target, missing), (result) => result.asked)
    const deleted = new Set(gone)
    const kept = missing.filter((id) => !deleted.has(id))
    return posts.map((p) => ({ networkPostId: p.networkPostId, networkCommentIds: [...p.networkCommentIds, ...kept] }))
  }

  async function read(run: StreamRun, cursor: string | null) {
    const page = await run.call(() => run.adapter.listComments(run.provider, run.target, cursor), 1)
    const handle = (channelRow.get(run.channel.id) as { handle: string } | undefined)?.handle ?? ''
    const channel: IngestChannel = { id: run.channel.id, network: run.channel.network, name: run.channel.name, handle, networkChannelId: run.channel.networkChannelId }
    const stored = deps.ingest.ingest(channel, deps.stream, page.comments, run.now)
    const whole = page.wholePosts ? await confirmed(run, channel, page.wholePosts) : undefined
    const gone = whole ? deps.ingest.markGone(channel, whole, run.now, run.now) : 0
    run.progress(page.comments.length, page.comments.length)
    if (stored.inserted > 0) deps.onIngested?.(run.channel.id, stored.inserted)
    else if (gone > 0 || stored.edited > 0) deps.onChanged?.(run.channel.id)
    const newest = page.comments.reduce((max, c) => Math.max(max, c.createdAt), run.state.watermarkTime ?? 0)
    return { page, stored, newest }
  }

  return {
    stream: deps.stream,
    appliesTo: (channel) => INBOX_STREAM[channel.network] === deps.stream,
    async poll(run) {
      const { page, stored, newest } = await read(run, run.state.cursor)
      return {
        watermarkTime: newest > 0 ? newest : run.state.watermarkTime,
        watermarkId: null,
        cursor: page.cursor ?? run.state.cursor,
        items: stored.inserted,
      }
    },
    async backfill(run, window) {
      const { page, stored } = await read(run, run.state.cursor)
      if (page.cursor) saveCursor.run(page.cursor, run.channel.id, deps.stream)
      // What arrived during the gap; anything older was already in the inbox or is outside it.
      const recovered = stored.insertedAt.filter((t) => t >= window.gapFrom && t <= window.to).length
      return { recovered, unit: 'items' }
    },
  }
}
