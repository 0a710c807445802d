import { describe, expect, it } from 'vitest'
import { presetRange, rangeLabel } from './analytics-range'
import { gapSentence } from './gap-copy'

const NOW = Date.UTC(2026, 2, 6, 15, 0)

describe('analytics ranges', () => {
  it('ends every preset yesterday and covers its number of days', () => {
    expect(presetRange('7', NOW)).toEqual({ fromDay: '2026-02-27', toDay: '2026-03-05' })
    expect(presetRange('28', NOW)).toEqual({ fromDay: '2026-02-06', toDay: '2026-03-05' })
    expect(presetRange('90', NOW)).toEqual({ fromDay: '2025-12-06', toDay: '2026-03-05' })
    expect(presetRange('month', NOW)).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-05' })
    expect(presetRange('month', Date.UTC(2026, 2, 1, 9))).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-01' })
  })

  it('says the range in words', () => {
    expect(rangeLabel('2026-02-06', '2026-03-05', 'en-GB')).toBe('6 Feb – 5 Mar 2026')
    expect(rangeLabel('2026-03-01', '2026-03-05', 'en-GB')).toBe('1 – 5 Mar 2026')
    expect(rangeLabel('2026-03-05', '2026-03-05', 'en-GB')).toBe('5 Mar 2026')
  })

  it('names both years when the range crosses into a new one', () => {
    expect(rangeLabel('2025-12-08', '2026-01-04', 'en-GB')).toBe('8 Dec 2025 – 4 Jan 2026')
    // One formatter per language, kept: another language gets its own.
    expect(rangeLabel('2025-12-08', '2026-01-04', 'en-US')).toBe('Dec 8, 2025 – Jan 4, 2026')
    expect(rangeLabel('2026-03-05', '2026-03-05', 'en-GB')).toBe('5 Mar 2026')
    expect(rangeLabel('2025-12-08', '2026-01-04', 'en-US')).toBe('Dec 8, 2025 – Jan 4, 2026')
  })
})

describe('gap sentences', () => {
  const base = { reason: 'revoked_by_user' as const, from: Date.UTC(2026, 2, 3, 10), to: Date.UTC(2026, 2, 5, 9), recoveredUnit: 'days' as const, lostBefore: null }
  it('names the reason, the days and what came back', () => {
    expect(gapSentence({ ...base, state: 'closed', recovered: 2 }, { locale: 'en-GB', timeZone: 'UTC' })).toBe('Access removed, Tue 3 Mar – Thu 5 Mar; 2 days recovered')
  })
  it('says an open gap waits for Refresh connection, and what is gone for good', () => {
    expect(gapSentence({ ...base, to: null, state: 'open', recovered: 0 }, { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      'Access removed, Tue 3 Mar – now; not read yet: Refresh connection to recover it',
    )
    expect(gapSentence({ ...base, state: 'closed', recovered: 0, lostBefore: base.to }, { locale: 'en-GB', timeZone: 'UTC' })).toMatch(/the network no longer serves it$/)
  })
})
