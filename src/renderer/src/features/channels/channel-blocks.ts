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

/**
 * A block's height, fixed by channels.css so that the list's estimate is exact and a block drawn
 * is never measured again in the middle of React's commit nor moves the blocks below it: a row is
 * 56 px with a 1 px rule, a group's heading 22 px with an 8 px margin, and a group's end its
 * list's 1 px border and a 24 px gap.
 */
export const BLOCK_PX = { row: 57, heading: 30, end: 25 } as const

export const blockHeight = (block: Pick<ChannelBlock, 'first' | 'last' | 'channels'>): number =>
  (block.first ? BLOCK_PX.heading : 0) + block.channels.length * BLOCK_PX.row + (block.last ? BLOCK_PX.end : 0)

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
