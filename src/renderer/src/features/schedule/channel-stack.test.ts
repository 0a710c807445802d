import { describe, expect, it } from 'vitest'
import { channelStack } from './channel-stack'

describe('a card’s channel stack', () => {
  it('draws up to three marks on a week card and counts the rest, and after one mark in a narrow day', () => {
    expect([1, 2, 3, 4, 12].map((n) => channelStack(n, 'week'))).toEqual([
      { marks: 1, rest: 0, narrowRest: 0 },
      { marks: 2, rest: 0, narrowRest: 1 },
      { marks: 3, rest: 0, narrowRest: 2 },
      { marks: 3, rest: 1, narrowRest: 3 },
      { marks: 3, rest: 9, narrowRest: 11 },
    ])
  })

  it('draws one mark on a month card, beside the post’s first words, and counts the rest', () => {
    expect([1, 2, 5].map((n) => channelStack(n, 'month'))).toEqual([
      { marks: 1, rest: 0, narrowRest: 0 },
      { marks: 1, rest: 1, narrowRest: 0 },
      { marks: 1, rest: 4, narrowRest: 0 },
    ])
  })
})
