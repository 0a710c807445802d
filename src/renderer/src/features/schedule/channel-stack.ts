/**
 * How many of a post's channels a calendar card draws as marks, and the count of the rest. A week
 * card as wide as its day in a large window stacks three marks and counts the rest ("+2"); in a
 * narrow day it has room after the time for one mark and its count only, so it carries both counts
 * and the stylesheet's container query picks one (schedule.css). A month card's line also holds the
 * post's first words: one mark and the rest counted, at any width. A count cut off at the card's
 * edge, or one that left out marks hidden for want of room, told the wrong number of channels.
 */
export interface ChannelStack {
  /** Marks drawn; a week card in a narrow day shows the first of them only. */
  marks: number
  /** "+N" after the marks, 0 for none. */
  rest: number
  /** A week card's "+N" after its first mark in a narrow day, 0 for none. */
  narrowRest: number
}

const WIDE_MARKS = 3

export function channelStack(channels: number, variant: 'week' | 'month'): ChannelStack {
  const marks = Math.min(channels, variant === 'week' ? WIDE_MARKS : 1)
  return { marks, rest: channels - marks, narrowRest: variant === 'week' ? Math.max(0, channels - 1) : 0 }
}
