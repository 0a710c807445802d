/**
 * The Mastodon comment cursor: the newest mention notification read, and when the account's recent
 * threads were last read whole (`comments.ts`). Cursors written before the re-read existed are the
 * bare notification id; they still parse, with no re-read yet, so the first poll after an upgrade
 * re-reads at once.
 */
export interface MastodonCursor {
  /** The newest notification id seen; null before any arrived. */
  minId: string | null
  /** When the threads were last read whole. */
  rereadAt?: number
}

const PREFIX = 'm1;'

export function encodeCursor(cursor: MastodonCursor): string | null {
  if (cursor.rereadAt === undefined) return cursor.minId
  return `${PREFIX}${cursor.minId ?? ''};${cursor.rereadAt}`
}

export function decodeCursor(text: string | null): MastodonCursor | null {
  if (text === null || text === '') return null
  if (!text.startsWith(PREFIX)) return { minId: text }
  const [minId = '', at = ''] = text.slice(PREFIX.length).split(';')
  const rereadAt = Number(at)
  return { minId: minId === '' ? null : minId, ...(at !== '' && Number.isFinite(rereadAt) ? { rereadAt } : {}) }
}
