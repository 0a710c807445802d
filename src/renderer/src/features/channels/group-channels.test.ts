import { describe, expect, it } from 'vitest'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import { groupChannelsByBrand } from './group-channels'

const channel = (id: string, brandIds: string[]): ChannelSummary =>
  ({ id, network: 'facebook', name: id, handle: '', kind: 'page', health: 'healthy', brandIds, linkCount: 1, healthyLinkCount: 1 }) as ChannelSummary
const brand = (id: string): Brand => ({ id, name: id, color: '#333' }) as Brand

describe('groupChannelsByBrand', () => {
  it('makes a group per brand in the brands’ order, keeps the channels’ order, lists a channel under each of its brands, and puts the rest last', () => {
    const channels = [channel('a', ['b2']), channel('b', ['b1', 'b2']), channel('c', []), channel('d', ['gone']), channel('e', ['b1', 'b1'])]
    const groups = groupChannelsByBrand(channels, [brand('b1'), brand('b2'), brand('b3')])
    expect(groups.map((g) => [g.brand?.id ?? 'none', g.channels.map((c) => c.id)])).toEqual([
      ['b1', ['b', 'e']],
      ['b2', ['a', 'b']],
      ['none', ['c', 'd']],
    ])
  })
})
