import type { ChannelSummary } from '../../../../shared/domain/entities'
import type { ChannelGroup } from './group-channels'

/** Channels per rendered block: an agency's brand of a hundred channels becomes several blocks. */
export const BLOCK = 12

/** A run of one group's channels; `first` carries the group's heading, `last` the gap after it. */
export interface ChannelBlock {
  group: ChannelGroup
  first: boolean
  last: boolean
  /** Position of the block's first channel within its group. */
  from: number
  channels: ChannelSummary[]
}

/** The groups cut into blocks of at most BLOCK channels, in order, each group starting a block. */
export function channelBlocks(groups: readonly ChannelGroup[]): ChannelBlock[] {
  const blocks: ChannelBlock[] = []
  for (const group of groups) {
    for (let from = 0; from < group.channels.length; from += BLOCK) {
      const channels = group.channels.slice(from, from + BLOCK)
      blocks.push({ group, first: from === 0, last: from + BLOCK >= group.channels.length, from, channels })
    }
  }
  return blocks
}
