import type { ChannelSummary } from '../../../../shared/domain/entities'
import type { ChannelGroup } from './group-channels'

/**
 * Channels per rendered block: an agency's brand of a hundred channels becomes many blocks. Kept
 * small so that a block coming into view while scrolling is drawn and laid out within a frame
 * (twelve rows took 20-25 ms a frame on the agency workspace; four take a third of that).
 */
export const BLOCK = 4

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
