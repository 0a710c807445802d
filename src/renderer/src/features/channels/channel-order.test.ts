import { describe, expect, it } from 'vitest'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { matchesFilter, problemsFirst } from './channel-order'
import type { ChannelLinkView } from './use-channel-links'

const channel = (id: string, over: Partial<ChannelSummary> = {}): ChannelSummary => ({
  id,
  network: 'facebook',
  name: id,
  handle: '',
  kind: 'page',
  health: 'healthy',
  brandIds: [],
  linkCount: 1,
  healthyLinkCount: 1,
  ...over,
})

describe('channel order and filter', () => {
  it('puts disconnected, then degraded, then expiring channels above healthy ones, keeping name order within each', () => {
    const list = [
      channel('a'),
      channel('b', { health: 'degraded' }),
      channel('c', { health: 'disconnected' }),
      channel('d'),
      channel('e', { health: 'disconnected' }),
    ]
    const links = new Map<string, ChannelLinkView[]>([['d', [{ expiring: true } as ChannelLinkView]]])
    expect(problemsFirst(list, links).map((c) => c.id)).toEqual(['c', 'e', 'b', 'd', 'a'])
    expect(problemsFirst(list, undefined).map((c) => c.id)).toEqual(['c', 'e', 'b', 'a', 'd'])
  })

  it('filters by network and by words of the name or handle, ignoring case and accents', () => {
    const cafe = channel('1', { name: 'Café Nørd', handle: '@cafenord', network: 'instagram' })
    expect(matchesFilter(cafe, { network: undefined, search: 'cafe' })).toBe(true)
    expect(matchesFilter(cafe, { network: undefined, search: 'CAFÉ @cafe' })).toBe(true)
    expect(matchesFilter(cafe, { network: 'facebook', search: '' })).toBe(false)
    expect(matchesFilter(cafe, { network: 'instagram', search: 'north' })).toBe(false)
  })
})
