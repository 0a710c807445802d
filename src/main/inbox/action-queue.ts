import type { Database } from 'better-sqlite3'
import { ACTION_MATRIX, type InboxActionKind, type InboxActionResolution } from '../../shared/domain/inbox'
import type { Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import type { ActionQueueRow } from './action-store'

/** The comment an action is about, as the adapter needs it. */
export interface ActionTarget {
  id: number
  network: Network
  channel_id: string
  network_comment_id: string
  network_post_id: string
  thread_id: string
  deleted_at: number | null
}

/** States in which an action may still reach the network (or already did). */
const LIVE = `('queued', 'claimed', 'in_flight', 'held', 'sent')`

/**
 * The inbox's queue of replies and moderation actions in SQLite: one row per action a person
 * asked for, claimed atomically, so two clicks, two windows or two runs never send it twice.
 */
export function createActionQueue(sqlite: Database) {
  const itemRow = sqlite.prepare('SELECT id, network, channel_id, network_comment_id, network_post_id, thread_id, deleted_at FROM inbox_items WHERE id = ?')
  const existing = sqlite.prepare(`SELECT * FROM inbox_actions WHERE item_id = ? AND kind = ? AND text = ? AND state IN ${LIVE} ORDER BY id DESC LIMIT 1`)
  const latestModeration = sqlite.prepare(`SELECT * FROM inbox_actions WHERE item_id = ? AND kind IN ('hide', 'unhide') AND state IN ('queued', 'held') ORDER BY id DESC LIMIT 1`)
  const insert = sqlite.prepare(
    `INSERT INTO inbox_actions (item_id, channel_id, kind, text, state, due_at, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?) RETURNING *`,
  )
  const cancel = sqlite.prepare(`UPDATE inbox_actions SET state = 'failed', reason = 'cancelled', detail = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'held')`)
  const closeItem = sqlite.prepare(`UPDATE inbox_items SET state = 'done', read_at = coalesce(read_at, ?), updated_at = ? WHERE id = ?`)

  const enqueueTx = sqlite.transaction((itemId: number, kind: InboxActionKind, text: string, now: number): { row: ActionQueueRow; created: boolean } => {
    const item = itemRow.get(itemId) as ActionTarget | undefined
    if (!item) throw new AppError('not_found', 'That comment is no longer in the inbox.')
    const rule = ACTION_MATRIX[item.network][kind]
    if (!rule.allowed) throw new AppError('validation', rule.why)
    if (item.deleted_at !== null) throw new AppError('validation', 'This comment was deleted on the network.')
    if (kind === 'reply' && text.trim() === '') throw new AppError('validation', 'Write the reply first.')
    // A second click (or a second window) asks for what is already on its way: the same action answers.
    const same = existing.get(itemId, kind, kind === 'reply' ? text : '') as ActionQueueRow | undefined
    if (same) return { row: same, created: false }
    // Hide then unhide before either left: the later wish replaces the earlier one.
    if (kind === 'hide' || kind === 'unhide') {
      const pending = latestModeration.get(itemId) as ActionQueueRow | undefined
      if (pending && pending.kind !== kind) cancel.run('Replaced by a later choice before it was sent.', now, pending.id)
    }
    const row = insert.get(itemId, item.channel_id, kind, kind === 'reply' ? text : '', now, now, now, now) as ActionQueueRow
    if (kind === 'reply' || kind === 'hide' || kind === 'delete') closeItem.run(now, now, itemId)
    return { row, created: true }
  })

  const claim = sqlite.prepare(
    `UPDATE inbox_actions SET state = 'claimed', claimed_at = @now, updated_at = @now
     WHERE id = (SELECT id FROM inbox_actions WHERE state = 'queued' AND coalesce(next_attempt_at, 0) <= @now ORDER BY coalesce(next_attempt_at, 0), id LIMIT 1)
     RETURNING *`,
  )
  const rechecks = sqlite.prepare(`SELECT * FROM inbox_actions WHERE state = 'in_flight' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY id`)
  const unresolved = sqlite.prepare(`SELECT * FROM inbox_actions WHERE state IN ('claimed', 'in_flight') ORDER BY id`)
  const requeue = sqlite.prepare(`UPDATE inbox_actions SET state = 'queued', claimed_at = NULL, updated_at = ? WHERE id = ? AND state = 'claimed'`)
  const nextWake = sqlite.prepare(`SELECT min(coalesce(next_attempt_at, 0)) AS at FROM inbox_actions WHERE state = 'queued' OR (state = 'in_flight' AND next_attempt_at IS NOT NULL)`)
  const heldOf = (channelIds: readonly string[]) =>
    sqlite.prepare(`SELECT * FROM inbox_actions WHERE state = 'held' AND channel_id IN (${channelIds.map(() => '?').join(',')})`).all(...channelIds) as ActionQueueRow[]
  const release = sqlite.prepare(`UPDATE inbox_actions SET state = 'queued', next_attempt_at = ?, reason = NULL, detail = '', updated_at = ? WHERE id = ? AND state = 'held'`)
  const offlineNow = sqlite.prepare(`UPDATE inbox_actions SET next_attempt_at = ?, updated_at = ? WHERE state = 'queued' AND reason = 'offline'`)
  const get = sqlite.prepare('SELECT * FROM inbox_actions WHERE id = ?')
  const resolveTx = sqlite.transaction((id: number, resolution: InboxActionResolution, now: number): ActionQueueRow => {
    const row = get.get(id) as ActionQueueRow | undefined
    if (!row) throw new AppError('not_found', 'That action is no longer in the inbox.')
    if (!['needs_review', 'failed', 'held'].includes(row.state)) throw new AppError('conflict', 'Relink is still working on this one; wait for it to settle.')
    const set =
      resolution === 'mark_sent'
        ? `state = 'sent', reason = 'marked_sent', detail = 'Marked as sent by a person.'`
        : resolution === 'discard'
          ? `state = 'failed', reason = 'discarded', detail = 'Discarded.'`
          : `state = 'queued', intent_at = NULL, claimed_at = NULL, next_attempt_at = @now, reason = NULL, detail = ''`
    sqlite.prepare(`UPDATE inbox_actions SET ${set}, updated_at = @now WHERE id = @id`).run({ id, now })
    return get.get(id) as ActionQueueRow
  })

  return {
    enqueue: (itemId: number, kind: InboxActionKind, text: string, now: number): { row: ActionQueueRow; created: boolean } => enqueueTx(itemId, kind, text, now),
    item: (itemId: number) => itemRow.get(itemId) as ActionTarget | undefined,
    get: (id: number) => get.get(id) as ActionQueueRow | undefined,
    claimNext: (now: number) => claim.get({ now }) as ActionQueueRow | undefined,
    rechecksDue: (now: number) => rechecks.all(now) as ActionQueueRow[],
    unresolved: () => unresolved.all() as ActionQueueRow[],
    requeue: (id: number, now: number) => requeue.run(now, id).changes === 1,
    nextWakeAt: () => (nextWake.get() as { at: number | null }).at,
    /** Held actions of channels that work again go back to the queue, due now. */
    releaseHeld(channelIds: readonly string[], now: number): ActionQueueRow[] {
      if (channelIds.length === 0) return []
      return heldOf(channelIds).filter((row) => release.run(now, now, row.id).changes === 1)
    },
    /**
     * A person settles an action Relink could not: it is on the network (mark sent), send it again
     * (only a person may ask for that after an unknown outcome), or drop it.
     */
    resolve: (id: number, resolution: InboxActionResolution, now: number): ActionQueueRow => resolveTx(id, resolution, now),
    /** The connection is back: actions waiting for it are due now instead of after their backoff. */
    wakeOffline: (now: number) => offlineNow.run(now, now).changes,
  }
}

export type ActionQueue = ReturnType<typeof createActionQueue>
