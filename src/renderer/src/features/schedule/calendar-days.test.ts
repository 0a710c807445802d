import { describe, expect, it } from 'vitest'
import { answersWindows, calendarIndex, windowDeliveries } from './calendar-days'
import { addDays, dayKey, visibleRange } from './calendar-range'
import { hourStarts } from './week-layout'

describe('the week’s and month’s answer as the views use it', () => {
  it('gives every delivery its post’s text and time and its channel’s name and network', () => {
    const windows = windowDeliveries({
      channels: [
        { id: 'c1', name: 'Harbor Books', network: 'mastodon' },
        { id: 'c2', name: 'Northwind Coffee', network: 'linkedin' },
      ],
      windows: [
        {
          start: 0,
          posts: 4,
          entries: [
            {
              postId: 'p1',
              dueAt: 9,
              preview: 'Spring menu',
              hasImage: true,
              deliveries: [
                { id: 1, channelId: 'c1', state: 'held', reason: 'password_changed' },
                { id: 2, channelId: 'c2', state: 'published', url: 'https://example.org/p/1' },
              ],
            },
          ],
        },
        { start: 10, posts: 0, entries: [] },
      ],
    })
    expect(windows.map((w) => [w.start, w.posts, w.deliveries.length])).toEqual([
      [0, 4, 2],
      [10, 0, 0],
    ])
    expect(windows[0]?.deliveries).toEqual([
      { id: 1, postId: 'p1', channelId: 'c1', channelName: 'Harbor Books', network: 'mastodon', state: 'held', dueAt: 9, preview: 'Spring menu', reason: 'password_changed', url: null, hasImage: true },
      { id: 2, postId: 'p1', channelId: 'c2', channelName: 'Northwind Coffee', network: 'linkedin', state: 'published', dueAt: 9, preview: 'Spring menu', reason: null, url: 'https://example.org/p/1', hasImage: true },
    ])
  })
})

describe('the index of an answer', () => {
  const answer = {
    channels: [{ id: 'c1', name: 'Harbor Books', network: 'mastodon' as const }],
    windows: [
      { start: new Date(2026, 0, 5, 9).getTime(), posts: 5, entries: [{ postId: 'p1', dueAt: new Date(2026, 0, 5, 9, 30).getTime(), preview: 'Spring menu', hasImage: false, deliveries: [{ id: 1, channelId: 'c1', state: 'scheduled' as const }] }] },
      { start: new Date(2026, 0, 5, 10).getTime(), posts: 0, entries: [] },
    ],
  }

  it('groups the deliveries by day and counts posts per hour in the week, per day in the month', () => {
    const week = calendarIndex(answer, 'hour')
    expect([...week.byDay.values()].map((list) => list.map((d) => d.id))).toEqual([[1]])
    expect(week.postCounts.get(String(new Date(2026, 0, 5, 9).getTime()))).toBe(5)
    expect(calendarIndex(answer, 'day').postCounts.get(dayKey(new Date(2026, 0, 5).getTime()))).toBe(0)
  })

  it('is worked out once per answer, so the Schedule opened again from the cache reads nothing again', () => {
    expect(calendarIndex(answer, 'hour')).toBe(calendarIndex(answer, 'hour'))
    expect(calendarIndex(structuredClone(answer), 'hour')).not.toBe(calendarIndex(answer, 'hour'))
  })
})

describe('whether an answer is for the windows shown', () => {
  const anchor = new Date(2026, 0, 7, 12).getTime()
  const week = visibleRange('week', anchor, 1)
  const month = visibleRange('month', anchor, 1)
  const hours = hourStarts(week.days, week.to)
  const days = [...month.days, month.to]
  const answerFor = (starts: readonly number[]) => ({ channels: [], windows: starts.slice(0, -1).map((start) => ({ start, posts: 0, entries: [] })) })

  it('takes the answer asked for', () => {
    expect(answersWindows(answerFor(hours), hours)).toBe(true)
    expect(answersWindows(answerFor(days), days)).toBe(true)
  })

  it('refuses the week’s answer for the month, the month’s for the week, and another week’s', () => {
    expect(answersWindows(answerFor(hours), days)).toBe(false)
    expect(answersWindows(answerFor(days), hours)).toBe(false)
    const next = visibleRange('week', addDays(anchor, 7), 1)
    expect(answersWindows(answerFor(hourStarts(next.days, next.to)), hours)).toBe(false)
  })
})
