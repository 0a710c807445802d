import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from './cursor'

describe('the Mastodon comment cursor', () => {
  it('reads a cursor written before the re-read existed (the bare notification id) as not re-read yet', () => {
    expect(decodeCursor('109384720000000777')).toEqual({ minId: '109384720000000777' })
    expect(decodeCursor(null)).toBeNull()
    expect(decodeCursor('')).toBeNull()
  })

  it('round-trips the notification id and the re-read time, also before any notification arrived', () => {
    for (const cursor of [{ minId: '109384720000000777', rereadAt: 1_767_600_000_000 }, { minId: null, rereadAt: 5 }]) {
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    }
  })

  it('keeps where a re-read paging past one poll goes on, after the fields older versions read', () => {
    const going = { minId: '42', rereadAt: 1_767_600_000_000, rereadFrom: '109384720000000500' }
    expect(encodeCursor(going)).toBe('m1;42;1767600000000;109384720000000500')
    expect(decodeCursor(encodeCursor(going))).toEqual(going)
    expect(decodeCursor(encodeCursor({ minId: null, rereadAt: 5, rereadFrom: '7' }))).toEqual({ minId: null, rereadAt: 5, rereadFrom: '7' })
  })

  it('stays the bare id while there is no re-read time, as older versions wrote it', () => {
    expect(encodeCursor({ minId: '42' })).toBe('42')
    expect(encodeCursor({ minId: null })).toBeNull()
  })
})
