/**
 * The Instagram comment cursor: Graph's comment cursor (the newest comment time seen and the ids
 * seen at that time, `graph/client.ts`) plus what the next read compares against, namely each
 * recent media item's last seen `comments_count`. Only media inside the read's lookback window
 * with at least one comment are kept, so the cursor stays a few kilobytes at most.
 *
 * Version 1 texts (written before the counts were kept) still decode: without counts, the next
 * read opens every media item with comments once, as every read used to.
 */
import * as z from 'zod'
import { decodeCursor, type CommentCursor } from '../graph'

export interface InstagramCommentCursor extends CommentCursor {
  /** Each recent media item's `comments_count` at the last read; absent before the first read that kept them. */
  counts?: ReadonlyMap<string, number>
  /** Which share of the older media the next safety re-read takes (0 to the number of shares less one). */
  sweep?: number
}

const V2 = z.object({
  v: z.literal(2),
  s: z.number(),
  i: z.array(z.string()),
  h: z.number().optional(),
  w: z.number().int().nonnegative().optional(),
  m: z.record(z.string(), z.number().int().positive()),
})

export function encodeInstagramCursor(cursor: InstagramCommentCursor): string {
  const counts = Object.fromEntries([...(cursor.counts ?? new Map<string, number>())].filter(([, n]) => n > 0))
  const body = {
    v: 2,
    s: cursor.since,
    i: cursor.seen,
    ...(cursor.hotAt === undefined ? {} : { h: cursor.hotAt }),
    ...(cursor.sweep === undefined ? {} : { w: cursor.sweep }),
    m: counts,
  }
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')
}

/** The cursor a text stands for; a version 1 text comes back without counts, anything unreadable as null. */
export function decodeInstagramCursor(text: string | null): InstagramCommentCursor | null {
  if (!text) return null
  const old = decodeCursor(text)
  if (old) return old
  try {
    const parsed = V2.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
    return {
      since: parsed.s,
      seen: parsed.i,
      ...(parsed.h === undefined ? {} : { hotAt: parsed.h }),
      ...(parsed.w === undefined ? {} : { sweep: parsed.w }),
      counts: new Map(Object.entries(parsed.m)),
    }
  } catch {
    return null
  }
}
