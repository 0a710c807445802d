import { describe, expect, it } from 'vitest'
import { periodChange } from './period-change'

describe('change against the previous period', () => {
  it('is a percentage over a fair base', () => {
    expect(periodChange(125, 100, 'en-GB')).toEqual({ text: '+25.0%', trend: 'up', kind: 'percent' })
    expect(periodChange(97, 100, 'en-GB')).toEqual({ text: '-3.0%', trend: 'down', kind: 'percent' })
    expect(periodChange(100, 100, 'en-GB')).toEqual({ text: '0.0%', trend: 'flat', kind: 'percent' })
    expect(periodChange(0, 40, 'en-GB')).toEqual({ text: '-100.0%', trend: 'down', kind: 'percent' })
  })

  it('is the difference when the earlier period had almost nothing, instead of an absurd percentage', () => {
    expect(periodChange(4_487, 10, 'en-GB')).toEqual({ text: '+4,477', trend: 'up', kind: 'absolute' })
    expect(periodChange(50, 3, 'en-GB')).toEqual({ text: '+47', trend: 'up', kind: 'absolute' })
    expect(periodChange(1_250, 0, 'en-GB')).toEqual({ text: '+1,250', trend: 'up', kind: 'absolute' })
    expect(periodChange(0, 0, 'en-GB')).toEqual({ text: 'No change', trend: 'flat', kind: 'absolute' })
    expect(periodChange(2, 5, 'en-GB')).toEqual({ text: '-3', trend: 'down', kind: 'absolute' })
  })

  it('is the difference when either period is a loss (a negative follower change)', () => {
    expect(periodChange(12, -4, 'en-GB')).toEqual({ text: '+16', trend: 'up', kind: 'absolute' })
    expect(periodChange(-8, 30, 'en-GB')).toEqual({ text: '-38', trend: 'down', kind: 'absolute' })
  })

  it('is nothing without both periods', () => {
    expect(periodChange(5, null)).toBeNull()
    expect(periodChange(null, 5)).toBeNull()
  })
})
