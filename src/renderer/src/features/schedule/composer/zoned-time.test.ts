import { describe, expect, it } from 'vitest'
import { isKnownTimeZone, suggestedPublishAt, utcToZonedWallTime, zonedWallTimeToUtc } from './zoned-time'

const utc = (iso: string): number => Date.parse(iso)
const at = (date: string, time: string, zone: string) => zonedWallTimeToUtc({ date, time }, zone)

describe('zonedWallTimeToUtc', () => {
  it('converts ordinary times with the offset in force on that day', () => {
    expect(at('2026-01-15', '09:00', 'Europe/Berlin')).toEqual({ at: utc('2026-01-15T08:00:00Z'), fit: 'exact' })
    expect(at('2026-07-15', '09:00', 'Europe/Berlin')).toEqual({ at: utc('2026-07-15T07:00:00Z'), fit: 'exact' })
    expect(at('2026-01-15', '09:00', 'America/New_York')).toEqual({ at: utc('2026-01-15T14:00:00Z'), fit: 'exact' })
    expect(at('2026-07-15', '09:00', 'America/New_York')).toEqual({ at: utc('2026-07-15T13:00:00Z'), fit: 'exact' })
    expect(at('2026-03-01', '00:00', 'UTC')).toEqual({ at: utc('2026-03-01T00:00:00Z'), fit: 'exact' })
  })

  it('handles zones with half- and quarter-hour offsets and the date line', () => {
    expect(at('2026-01-15', '09:00', 'Asia/Kolkata')?.at).toBe(utc('2026-01-15T03:30:00Z'))
    expect(at('2026-01-15', '09:00', 'Asia/Kathmandu')?.at).toBe(utc('2026-01-15T03:15:00Z'))
    expect(at('2026-01-15', '09:00', 'Pacific/Kiritimati')?.at).toBe(utc('2026-01-14T19:00:00Z'))
  })

  it('moves a time the clocks skip forward by the length of the gap (Berlin, last Sunday of March)', () => {
    // 02:00 CET becomes 03:00 CEST on 29 March 2026: 02:30 does not exist.
    expect(at('2026-03-29', '02:30', 'Europe/Berlin')).toEqual({ at: utc('2026-03-29T01:30:00Z'), fit: 'gap' })
    expect(utcToZonedWallTime(utc('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-29', time: '03:30' })
    expect(at('2026-03-29', '02:00', 'Europe/Berlin')).toEqual({ at: utc('2026-03-29T01:00:00Z'), fit: 'gap' })
    expect(at('2026-03-29', '01:59', 'Europe/Berlin')).toEqual({ at: utc('2026-03-29T00:59:00Z'), fit: 'exact' })
    expect(at('2026-03-29', '03:00', 'Europe/Berlin')).toEqual({ at: utc('2026-03-29T01:00:00Z'), fit: 'exact' })
  })

  it('moves a skipped time forward in New York too (second Sunday of March)', () => {
    // 02:00 EST becomes 03:00 EDT on 8 March 2026.
    expect(at('2026-03-08', '02:15', 'America/New_York')).toEqual({ at: utc('2026-03-08T07:15:00Z'), fit: 'gap' })
    expect(utcToZonedWallTime(utc('2026-03-08T07:15:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', time: '03:15' })
  })

  it('takes the first of a time the clocks show twice', () => {
    // Berlin: 03:00 CEST falls back to 02:00 CET on 25 October 2026; 02:30 happens at 00:30Z and 01:30Z.
    expect(at('2026-10-25', '02:30', 'Europe/Berlin')).toEqual({ at: utc('2026-10-25T00:30:00Z'), fit: 'overlap' })
    expect(at('2026-10-25', '03:00', 'Europe/Berlin')).toEqual({ at: utc('2026-10-25T02:00:00Z'), fit: 'exact' })
    // New York: 02:00 EDT falls back to 01:00 EST on 1 November 2026; 01:30 happens at 05:30Z and 06:30Z.
    expect(at('2026-11-01', '01:30', 'America/New_York')).toEqual({ at: utc('2026-11-01T05:30:00Z'), fit: 'overlap' })
    expect(at('2026-11-01', '00:59', 'America/New_York')).toEqual({ at: utc('2026-11-01T04:59:00Z'), fit: 'exact' })
  })

  it('handles the southern hemisphere, where summer time spans the new year', () => {
    // Sydney: 03:00 AEDT falls back to 02:00 AEST on 5 April 2026; 2:00 AEST jumps to 3:00 AEDT on 4 October 2026.
    expect(at('2026-01-15', '09:00', 'Australia/Sydney')?.at).toBe(utc('2026-01-14T22:00:00Z'))
    expect(at('2026-04-05', '02:30', 'Australia/Sydney')).toEqual({ at: utc('2026-04-04T15:30:00Z'), fit: 'overlap' })
    expect(at('2026-10-04', '02:30', 'Australia/Sydney')).toEqual({ at: utc('2026-10-03T16:30:00Z'), fit: 'gap' })
  })

  it('round-trips every half hour of a year in zones with summer time', () => {
    const wrong: string[] = []
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
      for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 30 * 60_000) {
        const back = zonedWallTimeToUtc(utcToZonedWallTime(t, zone), zone)
        // A repeated wall time maps to its first occurrence, the same instant or at most the shift (an hour) earlier.
        const ok = back?.fit === 'overlap' ? t - back.at >= 0 && t - back.at <= 60 * 60_000 : back?.fit === 'exact' && back.at === t
        if (!ok) wrong.push(`${zone} ${new Date(t).toISOString()} → ${JSON.stringify(back)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('refuses dates and times that do not exist on any calendar, and unknown zones', () => {
    expect(at('2026-02-30', '09:00', 'Europe/Berlin')).toBeUndefined()
    expect(at('2026-13-01', '09:00', 'Europe/Berlin')).toBeUndefined()
    expect(at('2026-01-15', '24:00', 'Europe/Berlin')).toBeUndefined()
    expect(at('2026-01-15', '9:00', 'Europe/Berlin')).toBeUndefined()
    expect(at('', '', 'Europe/Berlin')).toBeUndefined()
    expect(at('2026-01-15', '09:00', 'Mars/Olympus_Mons')).toBeUndefined()
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isKnownTimeZone('America/New_York')).toBe(true)
  })
})

describe('utcToZonedWallTime', () => {
  it('reads midnight as 00:00 and pads the fields', () => {
    expect(utcToZonedWallTime(utc('2026-01-04T23:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-01-05', time: '00:00' })
    expect(utcToZonedWallTime(utc('2026-01-05T04:05:00Z'), 'America/New_York')).toEqual({ date: '2026-01-04', time: '23:05' })
  })
})

describe('suggestedPublishAt', () => {
  it('is an hour ahead, rounded up to the next quarter hour, ignoring seconds', () => {
    expect(suggestedPublishAt(utc('2026-01-05T09:00:00Z'))).toBe(utc('2026-01-05T10:00:00Z'))
    expect(suggestedPublishAt(utc('2026-01-05T09:00:59Z'))).toBe(utc('2026-01-05T10:00:00Z'))
    expect(suggestedPublishAt(utc('2026-01-05T09:01:00Z'))).toBe(utc('2026-01-05T10:15:00Z'))
    expect(suggestedPublishAt(utc('2026-01-05T09:44:59Z'))).toBe(utc('2026-01-05T10:45:00Z'))
    expect(suggestedPublishAt(utc('2026-01-05T23:50:00Z'))).toBe(utc('2026-01-06T01:00:00Z'))
  })
})
