import { describe, expect, it } from 'vitest'
import { datePattern, formatDateField, formatTimeField, parseDateField, parseTimeField, usesTwelveHours } from './locale-fields'

describe('dates in the system regional format', () => {
  it('writes a date in the order and with the separator of the locale', () => {
    expect(formatDateField('2026-12-02', 'en-GB')).toBe('02/12/2026')
    expect(formatDateField('2026-12-02', 'en-US')).toBe('12/02/2026')
    expect(formatDateField('2026-12-02', 'de-DE')).toBe('02.12.2026')
    expect(formatDateField('2026-12-02', 'ja-JP')).toBe('2026/12/02')
    expect(formatDateField('', 'en-GB')).toBe('')
    expect(datePattern('en-GB').hint).toBe('dd/mm/yyyy')
    expect(datePattern('en-US').hint).toBe('mm/dd/yyyy')
    expect(datePattern('de-DE').hint).toBe('dd.mm.yyyy')
  })

  it('reads what was typed in the same order, and round-trips', () => {
    expect(parseDateField('02/12/2026', 'en-GB')).toBe('2026-12-02')
    expect(parseDateField('2/12/26', 'en-GB')).toBe('2026-12-02')
    expect(parseDateField('12/02/2026', 'en-US')).toBe('2026-12-02')
    expect(parseDateField('2.12.2026', 'de-DE')).toBe('2026-12-02')
    expect(parseDateField('2026/12/02', 'ja-JP')).toBe('2026-12-02')
    // ISO 8601, as pasted from a spreadsheet or a log, whatever the locale.
    expect(parseDateField('2026-12-02', 'en-GB')).toBe('2026-12-02')
    expect(parseDateField('2026-12-02', 'en-US')).toBe('2026-12-02')
    for (const locale of ['en-GB', 'en-US', 'de-DE', 'ja-JP', 'fr-CA']) {
      expect(parseDateField(formatDateField('2027-01-31', locale), locale)).toBe('2027-01-31')
    }
  })

  it('refuses what is not a real date', () => {
    expect(parseDateField('31/02/2026', 'en-GB')).toBeUndefined()
    expect(parseDateField('13/13/2026', 'en-GB')).toBeUndefined()
    // The American order read as British: there is no 31st month.
    expect(parseDateField('12/31/2026', 'en-GB')).toBeUndefined()
    expect(parseDateField('2/12', 'en-GB')).toBeUndefined()
    expect(parseDateField('02/12/202', 'en-GB')).toBeUndefined()
    expect(parseDateField('tomorrow', 'en-GB')).toBeUndefined()
  })
})

describe('clock times in the system regional format', () => {
  it('writes 24-hour time where the locale does, AM and PM where it does not', () => {
    expect(usesTwelveHours('en-GB')).toBe(false)
    expect(usesTwelveHours('en-US')).toBe(true)
    expect(formatTimeField('14:30', 'en-GB')).toBe('14:30')
    expect(formatTimeField('09:05', 'de-DE')).toBe('09:05')
    expect(formatTimeField('14:30', 'en-US').replace(/\s/g, ' ')).toBe('2:30 PM')
    expect(formatTimeField('00:15', 'en-US').replace(/\s/g, ' ')).toBe('12:15 AM')
  })

  it('reads either habit and round-trips', () => {
    expect(parseTimeField('14:30')).toBe('14:30')
    expect(parseTimeField('14.30')).toBe('14:30')
    expect(parseTimeField('0930')).toBe('09:30')
    expect(parseTimeField('9')).toBe('09:00')
    expect(parseTimeField('2:30 pm')).toBe('14:30')
    expect(parseTimeField('2pm')).toBe('14:00')
    expect(parseTimeField('12:15 a.m.')).toBe('00:15')
    expect(parseTimeField('12 PM')).toBe('12:00')
    for (const locale of ['en-GB', 'en-US', 'de-DE']) expect(parseTimeField(formatTimeField('23:59', locale))).toBe('23:59')
  })

  it('refuses what is not a clock time', () => {
    expect(parseTimeField('24:00')).toBeUndefined()
    expect(parseTimeField('13 pm')).toBeUndefined()
    expect(parseTimeField('10:60')).toBeUndefined()
    expect(parseTimeField('noon')).toBeUndefined()
    expect(parseTimeField('')).toBeUndefined()
  })
})
