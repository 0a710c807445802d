import { describe, expect, it } from 'vitest'
import { DEFAULT_FILTERS, foldedChips, type ChipNames } from './inbox-filters'

const names: ChipNames = {
  brand: (id) => (id === 'b1' ? 'Lumen Studio' : undefined),
  channel: (id) => (id === 'c1' ? 'Northwind Coffee' : undefined),
  day: (day) => `[${day}]`,
}

describe('foldedChips', () => {
  it('has none while the folded filters are as they start, whatever search, state and needs reply say', () => {
    expect(foldedChips({ ...DEFAULT_FILTERS, search: 'ship', state: 'done', needsReply: true }, names)).toEqual([])
  })

  it('says each folded filter in use, in the order of the fields, each removed on its own', () => {
    const chips = foldedChips({ ...DEFAULT_FILTERS, brandId: 'b1', network: 'facebook', channelId: 'c1', assignee: '', label: 'praise' }, names)
    expect(chips.map((c) => c.text)).toEqual(['Brand: Lumen Studio', 'Network: Facebook', 'Channel: Northwind Coffee', 'Assigned to: nobody', 'Label: praise'])
    // Removing the brand or network keeps the channel picked within them.
    expect(chips.map((c) => c.clear)).toEqual([{ brandId: '' }, { network: '' }, { channelId: '' }, { assignee: '*' }, { label: '' }])
  })

  it('says a date range as one chip, open at either end, removed whole', () => {
    const chip = (fromDay: string, toDay: string) => foldedChips({ ...DEFAULT_FILTERS, fromDay, toDay }, names)
    expect(chip('2026-01-01', '2026-01-05').map((c) => c.text)).toEqual(['Date: [2026-01-01] to [2026-01-05]'])
    expect(chip('2026-01-01', '').map((c) => c.text)).toEqual(['Date: from [2026-01-01]'])
    expect(chip('', '2026-01-05').map((c) => c.text)).toEqual(['Date: until [2026-01-05]'])
    expect(chip('2026-01-01', '')[0]?.clear).toEqual({ fromDay: '', toDay: '' })
  })

  it('still says a filter whose brand or channel is gone, so it can be removed', () => {
    expect(foldedChips({ ...DEFAULT_FILTERS, brandId: 'gone', channelId: 'gone' }, names).map((c) => c.text)).toEqual(['Brand: removed brand', 'Channel: removed channel'])
  })
})
