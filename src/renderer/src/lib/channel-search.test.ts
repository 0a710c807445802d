import { describe, expect, it } from 'vitest'
import { matchingChannels } from './channel-search'

const channels = [
  { name: 'Northwind Coffee', handle: 'northwindcoffee', network: 'facebook' as const },
  { name: 'Northwind Coffee', handle: 'northwind.coffee', network: 'instagram' as const },
  { name: 'Harbor Books', handle: '@harbor', network: 'mastodon' as const },
]

describe('matchingChannels', () => {
  it('keeps the channels with every word typed in their name, handle or network', () => {
    expect(matchingChannels(channels, '')).toBe(channels)
    expect(matchingChannels(channels, 'northwind INSTAGRAM').map((c) => c.handle)).toEqual(['northwind.coffee'])
    expect(matchingChannels(channels, '@harbor').map((c) => c.name)).toEqual(['Harbor Books'])
    expect(matchingChannels(channels, 'coffee books')).toEqual([])
  })
})
