import type { Database } from 'better-sqlite3'
import type { InboxNote, InboxState, SavedReply } from '../../shared/domain/inbox'
import { AppError } from '../../shared/errors'

/**
 * The team's side of the inbox, never sent to a network: states (new → assigned → done),
 * who it is assigned to, labels, internal notes, read marks and saved replies.
 */
export function createTriage(sqlite: Database) {
  const ids = (list: readonly number[]): string => list.map(() => '?').join(',')

  const setState = sqlite.transaction((items: readonly number[], state: InboxState, now: number): number => {
    if (items.length === 0) return 0
    // Done keeps who it was assigned to; new forgets it.
    const assignee = state === 'new' ? ', assignee = NULL' : ''
    return sqlite.prepare(`UPDATE inbox_items SET state = ?, read_at = coalesce(read_at, ?), updated_at = ?${assignee} WHERE id IN (${ids(items)})`).run(state, now, now, ...items).changes
  })

  const assign = sqlite.transaction((items: readonly number[], assignee: string | null, now: number): number => {
    if (items.length === 0) return 0
    const state = assignee === null ? 'new' : 'assigned'
    return sqlite
      .prepare(`UPDATE inbox_items SET assignee = ?, state = CASE WHEN state = 'done' THEN 'done' ELSE ? END, updated_at = ? WHERE id IN (${ids(items)})`)
      .run(assignee, state, now, ...items).changes
  })

  // Like the state changes, a label touches only the items still there: one removed meanwhile
  // (or an id that never was) is skipped, not a half-written batch.
  const label = sqlite.transaction((items: readonly number[], name: string, on: boolean): void => {
    if (items.length === 0) return
    const add = sqlite.prepare(`INSERT OR IGNORE INTO inbox_labels (item_id, label, item_created_at) SELECT id, ?, created_at FROM inbox_items WHERE id IN (${ids(items)})`)
    const remove = sqlite.prepare(`DELETE FROM inbox_labels WHERE label = ? AND item_id IN (${ids(items)})`)
    ;(on ? add : remove).run(name, ...items)
  })

  /** Adds every reply or none: a name saved already (any case) stops the lot. */
  const addReplies = sqlite.transaction((replies: readonly { name: string; text: string }[], now: number): SavedReply[] => {
    const clash = sqlite.prepare('SELECT name FROM saved_replies WHERE name = ? COLLATE NOCASE')
    const insert = sqlite.prepare('INSERT INTO saved_replies (name, text, created_at, updated_at) VALUES (?, ?, ?, ?)')
    return replies.map(({ name, text }) => {
      const taken = clash.get(name) as { name: string } | undefined
      if (taken) throw new AppError('conflict', `A saved reply named “${taken.name}” was added meanwhile; nothing was imported. Import the file again.`)
      return { id: Number(insert.run(name, text, now, now).lastInsertRowid), name, text }
    })
  })

  const deleteReplies = sqlite.transaction((replyIds: readonly number[]): number => (replyIds.length === 0 ? 0 : sqlite.prepare(`DELETE FROM saved_replies WHERE id IN (${ids(replyIds)})`).run(...replyIds).changes))

  return {
    setState: (items: readonly number[], state: InboxState, now: number) => setState(items, state, now),
    assign: (items: readonly number[], assignee: string | null, now: number) => assign(items, assignee, now),
    label: (items: readonly number[], name: string, on: boolean) => label(items, name, on),
    markRead(items: readonly number[], now: number): void {
      if (items.length > 0) sqlite.prepare(`UPDATE inbox_items SET read_at = ? WHERE read_at IS NULL AND id IN (${ids(items)})`).run(now, ...items)
    },
    labels(): string[] {
      return (sqlite.prepare('SELECT DISTINCT label FROM inbox_labels ORDER BY label').all() as { label: string }[]).map((r) => r.label)
    },
    addNote(itemId: number, text: string, author: string, now: number): InboxNote {
      if (!sqlite.prepare('SELECT 1 FROM inbox_items WHERE id = ?').get(itemId)) throw new AppError('not_found', 'That comment is no longer in the inbox.')
      const id = Number(sqlite.prepare('INSERT INTO inbox_notes (item_id, text, author, created_at) VALUES (?, ?, ?, ?)').run(itemId, text, author, now).lastInsertRowid)
      return { id, text, author, createdAt: now }
    },
    notes(itemId: number): InboxNote[] {
      return (sqlite.prepare('SELECT id, text, author, created_at FROM inbox_notes WHERE item_id = ? ORDER BY id').all(itemId) as { id: number; text: string; author: string; created_at: number }[]).map(
        (n) => ({ id: n.id, text: n.text, author: n.author, createdAt: n.created_at }),
      )
    },
    savedReplies(): SavedReply[] {
      return sqlite.prepare('SELECT id, name, text FROM saved_replies ORDER BY name COLLATE NOCASE').all() as SavedReply[]
    },
    saveReply(input: { id?: number | undefined; name: string; text: string }, now: number): SavedReply {
      const clash = sqlite.prepare('SELECT id FROM saved_replies WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null)
      if (clash) throw new AppError('conflict', `A saved reply named “${input.name}” exists already.`)
      if (input.id !== undefined) {
        const changed = sqlite.prepare('UPDATE saved_replies SET name = ?, text = ?, updated_at = ? WHERE id = ?').run(input.name, input.text, now, input.id).changes
        if (changed === 0) throw new AppError('not_found', 'That saved reply no longer exists.')
        return { id: input.id, name: input.name, text: input.text }
      }
      const id = Number(sqlite.prepare('INSERT INTO saved_replies (name, text, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.name, input.text, now, now).lastInsertRowid)
      return { id, name: input.name, text: input.text }
    },
    addReplies: (replies: readonly { name: string; text: string }[], now: number): SavedReply[] => addReplies(replies, now),
    deleteReplies: (replyIds: readonly number[]): number => deleteReplies(replyIds),
    deleteReply(id: number): void {
      sqlite.prepare('DELETE FROM saved_replies WHERE id = ?').run(id)
    },
  }
}

export type Triage = ReturnType<typeof createTriage>
