import { describe, expect, it } from 'vitest'
import { filtersFold, UNFOLD_SLACK } from './filter-fold'

// The demo's fields in a 1280 px window: brand, network, channel, assignee, label, needs reply.
const FIELDS = [151, 117, 240, 156, 98, 100]
const NEED = 862 + 5 * 8

describe('filtersFold', () => {
  it('keeps the filters in the bar while their row fits across it, and folds them a pixel short of that', () => {
    expect(filtersFold(992, FIELDS, 8, false)).toBe(false)
    expect(filtersFold(NEED, FIELDS, 8, false)).toBe(false)
    expect(filtersFold(NEED - 1, FIELDS, 8, false)).toBe(true)
    // A 900 px window's bar.
    expect(filtersFold(780, FIELDS, 8, false)).toBe(true)
  })

  it('unfolds only with some room to spare, so a scrollbar coming and going does not flip it back and forth', () => {
    expect(filtersFold(NEED, FIELDS, 8, true)).toBe(true)
    expect(filtersFold(NEED + UNFOLD_SLACK - 1, FIELDS, 8, true)).toBe(true)
    expect(filtersFold(NEED + UNFOLD_SLACK, FIELDS, 8, true)).toBe(false)
  })

  it('leaves out fields not drawn, and their gaps: no brands, no brand field', () => {
    const noBrand = [0, ...FIELDS.slice(1)]
    expect(filtersFold(NEED - 151 - 8, noBrand, 8, false)).toBe(false)
    expect(filtersFold(NEED - 151 - 9, noBrand, 8, false)).toBe(true)
  })

  it('keeps its answer while there is nothing to measure (the bar not laid out yet)', () => {
    expect(filtersFold(0, FIELDS, 8, true)).toBe(true)
    expect(filtersFold(0, FIELDS, 8, false)).toBe(false)
    expect(filtersFold(500, [0, 0], 8, true)).toBe(true)
  })
})
