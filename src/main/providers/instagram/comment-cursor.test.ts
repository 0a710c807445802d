import { describe, expect, it } from 'vitest'
import { encodeCursor } from '../graph'
import { decodeInstagramCursor, encodeInstagramCursor } from './comment-cursor'

describe('the Instagram comment cursor', () => {
  it('keeps the watermark, the safety re-read’s time and turn, and each media item’s count', () => {
    const counts = new Map([
      ['17895695668004550', 3],
      ['17895695668004551', 12],
    ])
    const text = encodeInstagramCursor({ since: 1_700_000_000_000, seen: ['a', 'b'], hotAt: 1_699_999_000_000, sweep: 5, counts })
    expect(decodeInstagramCursor(text)).toEqual({ since: 1_700_000_000_000, seen: ['a', 'b'], hotAt: 1_699_999_000_000, sweep: 5, counts })
  })

  it('leaves out media without comments: one it does not name had none', () => {
    const text = encodeInstagramCursor({ since: 1, seen: [], counts: new Map([['m1', 0], ['m2', 4]]) })
    expect(decodeInstagramCursor(text)?.counts).toEqual(new Map([['m2', 4]]))
  })

  it('always carries counts once written, empty when no media had comments (unlike a cursor from before counts)', () => {
    expect(decodeInstagramCursor(encodeInstagramCursor({ since: 1, seen: [], counts: new Map() }))?.counts).toEqual(new Map())
    expect(decodeInstagramCursor(encodeInstagramCursor({ since: 1, seen: [] }))?.counts).toEqual(new Map())
  })

  it('reads a cursor written before counts were kept, without counts, so the next read opens every media item once', () => {
    const old = encodeCursor({ since: 1_700_000_000_000, seen: ['c1'], hotAt: 1_699_000_000_000 })
    const cursor = decodeInstagramCursor(old)
    expect(cursor).toEqual({ since: 1_700_000_000_000, seen: ['c1'], hotAt: 1_699_000_000_000 })
    expect(cursor?.counts).toBeUndefined()
  })

  it('treats no cursor and an unreadable one as a first read', () => {
    expect(decodeInstagramCursor(null)).toBeNull()
    expect(decodeInstagramCursor('')).toBeNull()
    expect(decodeInstagramCursor('not a cursor')).toBeNull()
    expect(decodeInstagramCursor(Buffer.from(JSON.stringify({ v: 2, s: 1, i: [], m: { x: -1 } })).toString('base64url'))).toBeNull()
    expect(decodeInstagramCursor(Buffer.from(JSON.stringify({ v: 3, s: 1, i: [], m: {} })).toString('base64url'))).toBeNull()
  })

  it('stays small: 270 media (three posts a day for 90 days) fit in under 9 KB', () => {
    const counts = new Map(Array.from({ length: 270 }, (_, i) => [`1789569566800${String(i).padStart(4, '0')}`, 1 + (i % 40)] as const))
    const text = encodeInstagramCursor({ since: 1_700_000_000_000, seen: ['17912345678901234'], hotAt: 1_700_000_000_000, sweep: 23, counts })
    expect(text.length).toBeLessThan(9_000)
    expect(decodeInstagramCursor(text)?.counts?.size).toBe(270)
  })
})
