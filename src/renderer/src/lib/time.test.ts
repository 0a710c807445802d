import { describe, expect, it } from 'vitest'
import { formatRelative } from './time'

const NOW = Date.UTC(2026, 0, 5, 9)
const MIN = 60_000
const DAY = 24 * 60 * MIN

describe('formatRelative', () => {
  it('counts minutes, hours, then whole days, both ways', () => {
    expect(formatRelative(NOW, NOW)).toBe('just now')
    expect(formatRelative(NOW + 30_000, NOW)).toBe('in less than a minute')
    expect(formatRelative(NOW - 30_000, NOW)).toBe('just now')
    expect(formatRelative(NOW + MIN, NOW)).toBe('in 1 minute')
    expect(formatRelative(NOW - 5 * MIN, NOW)).toBe('5 minutes ago')
    expect(formatRelative(NOW + 3 * 60 * MIN, NOW)).toBe('in 3 hours')
    expect(formatRelative(NOW + DAY, NOW)).toBe('in 1 day')
    expect(formatRelative(NOW - 60 * DAY, NOW)).toBe('60 days ago')
    expect(formatRelative(NOW + 365 * DAY + 5 * MIN, NOW)).toBe('in 365 days')
  })
})
