import { describe, expect, it } from 'vitest'
import { calendarDaysBetween, dayWords, slotWords } from './when-words'

// Monday 5 January 2026, 09:00 UTC.
const NOW = Date.UTC(2026, 0, 5, 9)
const HOUR = 3_600_000
const DAY = 24 * HOUR
const UTC = { locale: 'en-GB', timeZone: 'UTC' }

describe('calendarDaysBetween', () => {
  it('counts calendar days in the time zone, not 24-hour spans', () => {
    expect(calendarDaysBetween(NOW, NOW + 14 * HOUR, UTC)).toBe(0)
    expect(calendarDaysBetween(NOW, NOW + 15 * HOUR, UTC)).toBe(1)
    expect(calendarDaysBetween(NOW, NOW - 10 * HOUR, UTC)).toBe(-1)
    // 09:00 UTC is already 20:00 in Sydney; 15 hours on is the next day there as well.
    expect(calendarDaysBetween(NOW, NOW + 3 * HOUR, { timeZone: 'Australia/Sydney' })).toBe(0)
    expect(calendarDaysBetween(NOW, NOW + 5 * HOUR, { timeZone: 'Australia/Sydney' })).toBe(1)
  })
})

describe('dayWords', () => {
  it('says today with the time, then tomorrow, weekdays within the week, dates beyond', () => {
    expect(dayWords(NOW + 5 * HOUR, NOW, UTC)).toBe('today at 14:00')
    expect(dayWords(NOW + DAY, NOW, UTC)).toBe('tomorrow')
    expect(dayWords(NOW - DAY, NOW, UTC)).toBe('yesterday')
    expect(dayWords(NOW + 2 * DAY, NOW, UTC)).toBe('Wednesday')
    expect(dayWords(NOW + 6 * DAY, NOW, UTC)).toBe('Sunday')
    expect(dayWords(NOW + 7 * DAY, NOW, UTC)).toBe('12 Jan')
    expect(dayWords(NOW + 365 * DAY, NOW, UTC)).toBe('5 Jan 2027')
  })
})

describe('slotWords', () => {
  it('names the slot with its time', () => {
    expect(slotWords(NOW + HOUR + 15 * 60_000, NOW, UTC)).toBe('today at 10:15')
    expect(slotWords(NOW + DAY, NOW, UTC)).toBe('tomorrow at 09:00')
    expect(slotWords(NOW + 2 * DAY + HOUR, NOW, UTC)).toBe('Wed 10:00')
    expect(slotWords(NOW + 30 * DAY, NOW, UTC)).toBe('4 Feb 09:00')
  })
})
