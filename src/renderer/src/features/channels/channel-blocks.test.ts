import { describe, expect, it } from 'vitest'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import { BLOCK, channelBlocks } from './channel-blocks'

const channels = (prefix: string, count: number): ChannelSummary[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, name: `${prefix}${i}` }) as ChannelSummary)

describe('channel blocks', () => {
  it('cuts each brand group into blocks, the first with the heading, the last with the gap after it', () => {
    const brand = { id: 'b', name: 'Brand' } as Brand
    const blocks = channelBlocks([
      { brand, channels: channels('x', 2 * BLOCK + 1) },
      { brand: undefined, channels: channels('y', 3) },
    ])
    expect(blocks.map((b) => [b.group.brand?.id ?? 'none', b.from, b.channels.length, b.first, b.last])).toEqual([
      ['b', 0, BLOCK, true, false],
      ['b', BLOCK, BLOCK, false, false],
      ['b', 2 * BLOCK, 1, false, true],
      ['none', 0, 3, true, true],
    ])
    expect(blocks.flatMap((b) => b.channels).length).toBe(2 * BLOCK + 4)
  })
})
