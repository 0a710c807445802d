import { describe, expect, it } from 'vitest'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import { calendarDelivery } from './delivery-view.fixture'
import { postCards } from './post-cards'
import { hourLeaders, hoursWithMore } from './week-summary'

const day = new Date(2026, 0, 5).getTime()
const at = (hour: number, minute: number): number => new Date(2026, 0, 5, hour, minute).getTime()
let next = 1
const delivery = (over: Partial<CalendarDelivery>): CalendarDelivery =>
  calendarDelivery({ id: next, postId: `p${next++}`, channelId: 'c', channelName: 'Channel', network: 'mastodon', preview: 'A post', ...over })

describe('a busy week’s hours', () => {
  const cards = postCards(
    [
      delivery({ dueAt: at(9, 5), preview: 'First at nine' }),
      delivery({ dueAt: at(9, 20), state: 'held', preview: 'Held at nine' }),
      delivery({ dueAt: at(9, 40), preview: 'Last at nine' }),
      delivery({ dueAt: at(10, 30), preview: 'Half past ten' }),
      delivery({ dueAt: at(10, 10), preview: 'Ten past ten' }),
    ],
    new Map(),
  )

  it('shows one card an hour: the one a person must act on, else the first', () => {
    expect(hourLeaders(cards).map((c) => c.preview)).toEqual(['Held at nine', 'Ten past ten'])
  })

  it('counts the rest of each hour, with the posts main only counted', () => {
    const shown = hourLeaders(cards)
    // Main sent three of nine's seven posts.
    const posts = new Map([[String(at(9, 0)), 7], [String(at(10, 0)), 2]])
    expect(hoursWithMore(day, cards, shown, posts)).toEqual([
      { hour: at(9, 0), more: 6 },
      { hour: at(10, 0), more: 1 },
    ])
    // Every card shown and no count from main: nothing more to say.
    expect(hoursWithMore(day, cards, cards, new Map())).toEqual([])
  })
})
