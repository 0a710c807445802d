import { describe, expect, it } from 'vitest'
import { keepEqual } from './keep-equal'

describe('keeping the parts of an answer that did not change', () => {
  it('returns the last answer itself when the new one says the same', () => {
    const last = { windows: [{ start: 1, posts: 4, entries: [{ postId: 'a', deliveries: [{ id: 1, state: 'scheduled' }] }] }], channels: [] }
    const next = structuredClone(last)
    expect(keepEqual(last, next)).toBe(last)
  })

  it('shares every unchanged part of an answer that changed in one place', () => {
    const last = { windows: [{ start: 1, entries: [{ postId: 'a' }] }, { start: 2, entries: [{ postId: 'b' }] }], channels: [{ id: 'c' }] }
    const next = structuredClone(last)
    ;(next.windows[1]?.entries[0] ?? { postId: '' }).postId = 'changed'
    const kept = keepEqual(last, next)
    expect(kept).not.toBe(last)
    expect(kept).toEqual(next)
    expect(kept.windows[0]).toBe(last.windows[0])
    expect(kept.channels).toBe(last.channels)
    expect(kept.windows[1]).not.toBe(last.windows[1])
  })

  it('tells a key added, removed or set to undefined, and lists that grew or shrank', () => {
    expect(keepEqual({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined })
    expect(keepEqual({ a: 1, b: undefined }, { a: 1 })).toEqual({ a: 1 })
    expect(keepEqual({ a: 1, b: undefined }, { a: 1 })).not.toHaveProperty('b')
    const list = [1, 2, 3]
    expect(keepEqual(list, [1, 2])).toEqual([1, 2])
    expect(keepEqual([1, 2], list)).toEqual(list)
    expect(keepEqual({ list: [1] }, { list: null })).toEqual({ list: null })
  })
})
