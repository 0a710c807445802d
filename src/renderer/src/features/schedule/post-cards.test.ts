import { describe, expect, it } from 'vitest'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import { calendarDelivery } from './delivery-view.fixture'
import { cachedPostCards, postCards } from './post-cards'

let next = 1
const delivery = (over: Partial<CalendarDelivery>): CalendarDelivery =>
  calendarDelivery({ id: next++, channelId: 'c', channelName: 'Channel', network: 'mastodon', dueAt: 1000, preview: 'Spring menu', ...over })

describe('post cards', () => {
  it('makes one card per post and time, showing the loudest state of its channels', () => {
    const cards = postCards(
      [
        delivery({ channelName: 'Northwind', network: 'x', state: 'published' }),
        delivery({ channelName: 'Harbor', network: 'linkedin', state: 'failed' }),
        delivery({ postId: 'p2', dueAt: 500, preview: 'Earlier post' }),
        delivery({ channelName: 'Moved', dueAt: 2000 }),
      ],
      new Map(),
    )
    expect(cards.map((c) => [c.postId, c.dueAt, c.deliveries.length, c.state, c.tone])).toEqual([
      ['p2', 500, 1, 'scheduled', 'neutral'],
      ['p1', 1000, 2, 'failed', 'bad'],
      ['p1', 2000, 1, 'scheduled', 'neutral'],
    ])
    expect(cards[1]?.summary).toBe('Harbor: Failed, Northwind: Published')
    expect(cards[1]?.deliveries[0]?.channelName).toBe('Harbor')
  })
})

describe('cards made once', () => {
  it('are the same cards for the same deliveries and at-risk lookup, and made again for a new lookup', () => {
    const day = [delivery({ channelName: 'Northwind' }), delivery({ postId: 'p2', dueAt: 500 })]
    const risks = new Map()
    const cards = cachedPostCards(day, risks)
    expect(cachedPostCards(day, risks)).toBe(cards)
    expect(cachedPostCards(day, new Map())).not.toBe(cards)
    expect(cachedPostCards(day, risks)).toEqual(cards)
  })
})
