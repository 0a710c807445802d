/**
 * The Mastodon comment cursor: the newest mention notification read, and when the account's recent
 * threads were last read whole (`comments.ts`). Cursors written before the re-read existed are the
 * bare notification id; they still parse, with no re-read yet, so the first poll after an upgrade
 * re-reads at once.
 */
export interface MastodonCursor {
  /** The newest notification id seen; null before any arrived. */
  minId: string | null
  /** When the threads were last read whole (when the re-read under way began). */
  rereadAt?: number
  /**
   * While a re-read pages down through more statuses than one poll reads: the `max_id` its next
   * page starts at. Versions before it read the first two fields alone.
   */
  rereadFrom?: string
}

const PREFIX = 'm1;'

export function encodeCursor(cursor: MastodonCursor): string | null {
  if (cursor.rereadAt === undefined) return cursor.minId
  const base = `${PREFIX}${cursor.minId ?? ''};${cursor.rereadAt}`
  return cursor.rereadFrom === undefined ? base : `${base};${cursor.rereadFrom}`
}

export function decodeCursor(text: string | null): MastodonCursor | null {
  if (text === null || text === '') return null
  if (!text.startsWith(PREFIX)) return { minId: text }
  const [minId = '', at = '', from = ''] = text.slice(PREFIX.length).split(';')
  const rereadAt = Number(at)
  const read = at !== '' && Number.isFinite(rereadAt)
  return { minId: minId === '' ? null : minId, ...(read ? { rereadAt } : {}), ...(read && from !== '' ? { rereadFrom: from } : {}) }
}
