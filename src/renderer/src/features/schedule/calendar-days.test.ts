import { describe, expect, it } from 'vitest'
import { windowDeliveries } from './calendar-days'

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
