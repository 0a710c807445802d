import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createChannelRepository } from '../db/repositories/channel-repository'
import { createSlotRepository } from '../db/repositories/slot-repository'
import { createEventBus } from '../events'
import { createSlotService, type SlotService } from './slot-service'

// Monday 5 January 2026, 08:00 UTC.
const NOW = Date.UTC(2026, 0, 5, 8)
const weekdays = (time: string) => ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, time }))

let database: RelinkDatabase
let service: SlotService
let emitted: string[][]
let taken: Map<string, number[]>
/** The post whose own times the last look left out. */
let leftOut: (string | undefined)[]
const clock = createFakeClock(NOW)

beforeEach(async () => {
  database = openDatabase(':memory:', { nowMs: NOW })
  const events = createEventBus((err) => {
    throw err
  })
  emitted = []
  events.subscribe((event, payload) => {
    if (event === 'slots:did-change') emitted.push((payload as { channelIds: string[] }).channelIds)
  })
  taken = new Map()
  leftOut = []
  const deliveries = {
    takenTimes: async (channelId: string, from: number, to: number, exceptPostId?: string) => {
      leftOut.push(exceptPostId)
      return (taken.get(channelId) ?? []).filter((t) => t >= from && t < to)
    },
  }
  service = createSlotService({ repo: createSlotRepository(database.db), channels: createChannelRepository(database.db), deliveries, clock, events })
  for (const id of ['north', 'south', 'east']) {
    await database.db.insertInto('channels').values({ id, network: 'x', instance: '', network_channel_id: id, kind: 'account', name: id, handle: '', created_at: 0 }).execute()
  }
})
afterEach(() => database.close())

describe('posting slots', () => {
  it('stores a channel’s slots in order, once each, and says so', async () => {
    const set = await service.setChannel({ channelId: 'north', timeZone: 'Europe/London', slots: [...weekdays('17:00'), ...weekdays('09:00'), { weekday: 1, time: '09:00' }] })
    expect(set.slots.slice(0, 3)).toEqual([
      { weekday: 1, time: '09:00' },
      { weekday: 1, time: '17:00' },
      { weekday: 2, time: '09:00' },
    ])
    expect(set.slots).toHaveLength(10)
    expect(await service.list()).toEqual([set])
    expect(emitted).toEqual([['north']])
    // None left: the channel drops out of the list.
    expect((await service.setChannel({ channelId: 'north', timeZone: 'Europe/London', slots: [] })).slots).toEqual([])
    expect(await service.list()).toEqual([])
  })

  it('refuses an unknown time zone or channel in plain words', async () => {
    await expect(service.setChannel({ channelId: 'north', timeZone: 'Mars/Olympus', slots: weekdays('09:00') })).rejects.toMatchObject({ code: 'validation' })
    await expect(service.setChannel({ channelId: 'gone', timeZone: 'UTC', slots: weekdays('09:00') })).rejects.toMatchObject({ code: 'not_found' })
    await expect(service.copyChannel({ fromChannelId: 'north', toChannelIds: ['south'] })).rejects.toThrow('That channel has no posting slots to copy yet.')
  })

  it('copies one channel’s slots and time zone to others', async () => {
    await service.setChannel({ channelId: 'north', timeZone: 'America/New_York', slots: weekdays('12:30') })
    await service.setChannel({ channelId: 'east', timeZone: 'UTC', slots: [{ weekday: 6, time: '10:00' }] })
    const copied = await service.copyChannel({ fromChannelId: 'north', toChannelIds: ['south', 'east', 'north'] })
    expect(copied.map((c) => [c.channelId, c.timeZone, c.slots.length])).toEqual([
      ['east', 'America/New_York', 5],
      ['south', 'America/New_York', 5],
    ])
    expect(emitted.at(-1)).toEqual(['south', 'east'])
  })

  it('finds the next slot of the chosen channels that no post takes', async () => {
    await service.setChannel({ channelId: 'north', timeZone: 'UTC', slots: [...weekdays('09:00'), ...weekdays('12:30')] })
    await service.setChannel({ channelId: 'south', timeZone: 'UTC', slots: weekdays('08:03') })
    // 08:03 is within five minutes of now: too soon to finish a post for.
    expect(await service.findNextFree({ channelIds: ['north', 'south'] })).toEqual({ at: Date.UTC(2026, 0, 5, 9) })
    taken.set('south', [Date.UTC(2026, 0, 5, 9)])
    expect(await service.findNextFree({ channelIds: ['north', 'south'] })).toEqual({ at: Date.UTC(2026, 0, 5, 12, 30) })
    // Another channel's posts do not take this one's slots.
    expect(await service.findNextFree({ channelIds: ['north'] })).toEqual({ at: Date.UTC(2026, 0, 5, 9) })
    expect(await service.findNextFree({ channelIds: ['east'] })).toEqual({ at: null, reason: 'no_slots' })
    await service.setChannel({ channelId: 'east', timeZone: 'UTC', slots: [{ weekday: 1, time: '10:00' }] })
    taken.set('east', [0, 1, 2, 3, 4, 5].map((week) => Date.UTC(2026, 0, 5 + 7 * week, 10)))
    expect(await service.findNextFree({ channelIds: ['east'] })).toEqual({ at: null, reason: 'all_taken' })
  })

  it('does not count the edited post’s own time as taken', async () => {
    await service.setChannel({ channelId: 'north', timeZone: 'UTC', slots: weekdays('09:00') })
    await service.findNextFree({ channelIds: ['north'], exceptPostId: 'post-1' })
    expect(leftOut).toEqual(['post-1'])
  })
})
