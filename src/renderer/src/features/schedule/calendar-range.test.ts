import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dayKey, localeFirstDay, movedToDay, shiftAnchor, slotTimeFor, startOfDay, visibleRange } from './calendar-range'

// New York has a daylight-saving change on 8 March 2026, inside the weeks below.
beforeAll(() => {
  vi.stubEnv('TZ', 'America/New_York')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

const local = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime()
const HOUR = 3_600_000

describe('visibleRange', () => {
  it('a week starts at local midnight on the locale’s first day, even across a clock change', () => {
    const range = visibleRange('week', local(2026, 3, 10, 15), 0)
    expect(range.from).toBe(local(2026, 3, 8))
    expect(range.days).toHaveLength(7)
    expect(range.days.every((d) => new Date(d).getHours() === 0)).toBe(true)
    expect(range.to).toBe(local(2026, 3, 15))
    // The spring-forward week is an hour short.
    expect(range.to - range.from).toBe(7 * 24 * HOUR - HOUR)
  })

  it('a month grid runs whole weeks around the month', () => {
    const range = visibleRange('month', local(2026, 1, 20), 1)
    expect(range.from).toBe(local(2025, 12, 29))
    expect(range.to).toBe(local(2026, 2, 2))
    expect(range.days).toHaveLength(35)
  })

  it('a month that ends on the week’s last day adds no extra row', () => {
    const range = visibleRange('month', local(2026, 5, 3), 1)
    // May 2026 runs Friday 1 to Sunday 31.
    expect(range.from).toBe(local(2026, 4, 27))
    expect(range.to).toBe(local(2026, 6, 1))
  })

  it('the list covers the calendar month', () => {
    const range = visibleRange('list', local(2026, 2, 14, 12), 1)
    expect(range.from).toBe(local(2026, 2, 1))
    expect(range.to).toBe(local(2026, 3, 1))
    expect(range.days).toHaveLength(28)
  })
})

describe('shiftAnchor', () => {
  it('steps weeks by seven calendar days and months without spilling over short months', () => {
    expect(shiftAnchor('week', local(2026, 3, 5, 18), 1)).toBe(local(2026, 3, 12))
    expect(shiftAnchor('month', local(2026, 1, 31), 1)).toBe(local(2026, 2, 1))
    expect(shiftAnchor('list', local(2026, 1, 15), -1)).toBe(local(2025, 12, 1))
  })
})

describe('slotTimeFor', () => {
  it('gives later days 09:00, today the next full hour, and past days nothing', () => {
    const now = local(2026, 1, 5, 14, 20)
    expect(slotTimeFor(local(2026, 1, 7), now)).toBe(local(2026, 1, 7, 9))
    expect(slotTimeFor(startOfDay(now), now)).toBe(local(2026, 1, 5, 15))
    expect(slotTimeFor(local(2026, 1, 4), now)).toBeUndefined()
    expect(slotTimeFor(local(2026, 1, 5), local(2026, 1, 5, 23, 30))).toBeUndefined()
  })
})

describe('dayKey and localeFirstDay', () => {
  it('keys days by their local date', () => {
    expect(dayKey(local(2026, 1, 5, 23, 59))).toBe('2026-1-5')
    expect(dayKey(local(2026, 1, 6))).toBe('2026-1-6')
  })

  it('starts weeks on Sunday in the US, Monday in Britain and for unknown locales', () => {
    expect(localeFirstDay('en-US')).toBe(0)
    expect(localeFirstDay('en-GB')).toBe(1)
    expect(localeFirstDay('not a locale')).toBe(1)
  })
})

describe('moving a post to another day', () => {
  it('keeps its clock time on the new day', () => {
    const dueAt = new Date(2026, 0, 5, 14, 30).getTime()
    const day = new Date(2026, 0, 8).getTime()
    expect(movedToDay(dueAt, day)).toBe(new Date(2026, 0, 8, 14, 30).getTime())
  })
})
