import { describe, expect, it } from 'vitest'
import { bestUnit, inUnit, rangeWords, toMinutes, unitWords } from './duration-units'

const ALL = ['minutes', 'hours', 'days'] as const

describe('duration units', () => {
  it('shows a stored minute count in the largest unit that keeps it whole', () => {
    expect(bestUnit(10_080, ALL)).toBe('days')
    expect(bestUnit(120, ALL)).toBe('hours')
    expect(bestUnit(90, ALL)).toBe('minutes')
    expect(bestUnit(0, ALL)).toBe('minutes')
    expect(bestUnit(1440, ['minutes'])).toBe('minutes')
  })

  it('converts both ways and refuses fractions', () => {
    expect(toMinutes(7, 'days')).toBe(10_080)
    expect(toMinutes(3, 'hours')).toBe(180)
    expect(inUnit(10_080, 'days')).toBe(7)
    expect(inUnit(90, 'hours')).toBeUndefined()
  })

  it('words counts and ranges in the unit being typed', () => {
    expect(unitWords(1, 'days')).toBe('1 day')
    expect(unitWords(2, 'hours')).toBe('2 hours')
    expect(rangeWords({ min: 0, max: 43_200 }, 'days')).toBe('between 0 and 30 days')
    expect(rangeWords({ min: 0, max: 1440 }, 'hours')).toBe('between 0 and 24 hours')
    expect(rangeWords({ min: 1, max: 60 }, 'minutes')).toBe('between 1 and 60 minutes')
  })
})
