import { describe, expect, it } from 'vitest'
import { firstFreeSlot, slotTimes, sortSlots, type ChannelSlots } from './posting-slots'

const weekdays = (time: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1 | 2 | 3 | 4 | 5, time }))
// Monday 5 January 2026, 00:00 UTC.
const MONDAY = Date.UTC(2026, 0, 5)
const DAY = 86_400_000

describe('posting slots', () => {
  it('falls on the weekdays and wall-clock times of the channel’s zone', () => {
    const set = { timeZone: 'America/New_York', slots: sortSlots([...weekdays('09:00'), ...weekdays('17:00')]) }
    const week = slotTimes(set, MONDAY, MONDAY + 7 * DAY)
    expect(week).toHaveLength(10)
    // 09:00 in New York in January is 14:00 UTC.
    expect(week[0]).toBe(Date.UTC(2026, 0, 5, 14))
    expect(week[1]).toBe(Date.UTC(2026, 0, 5, 22))
    expect(week.at(-1)).toBe(Date.UTC(2026, 0, 9, 22))
  })

  it('keeps 09:00 at 09:00 across a change of the clocks', () => {
    const set = { timeZone: 'Europe/Berlin', slots: [{ weekday: 6 as const, time: '09:00' }, { weekday: 7 as const, time: '09:00' }] }
    // Clocks go forward early on Sunday 29 March 2026: 09:00 is 08:00 UTC on Saturday, 07:00 on Sunday.
    const times = slotTimes(set, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))
    expect(times).toEqual([Date.UTC(2026, 2, 28, 8), Date.UTC(2026, 2, 29, 7)])
  })

  it('sorts by weekday and time and keeps each slot once', () => {
    expect(sortSlots([{ weekday: 2, time: '09:00' }, { weekday: 1, time: '12:30' }, { weekday: 1, time: '09:00' }, { weekday: 2, time: '09:00' }])).toEqual([
      { weekday: 1, time: '09:00' },
      { weekday: 1, time: '12:30' },
      { weekday: 2, time: '09:00' },
    ])
  })

  it('picks the first slot of any chosen channel that no post takes', () => {
    const a: ChannelSlots = { channelId: 'a', timeZone: 'UTC', slots: weekdays('09:00') }
    const b: ChannelSlots = { channelId: 'b', timeZone: 'UTC', slots: weekdays('12:30') }
    const from = MONDAY + 10 * 3_600_000
    expect(firstFreeSlot([a, b], new Map(), from, from + 7 * DAY)).toBe(Date.UTC(2026, 0, 5, 12, 30))
    // A post of either channel in the slot's minute takes it.
    const taken = new Map([['a', [Date.UTC(2026, 0, 5, 12, 30, 20)]]])
    expect(firstFreeSlot([a, b], taken, from, from + 7 * DAY)).toBe(Date.UTC(2026, 0, 6, 9))
    expect(firstFreeSlot([a], new Map([['a', [Date.UTC(2026, 0, 6, 9)]]]), from, from + DAY)).toBeUndefined()
  })
})
