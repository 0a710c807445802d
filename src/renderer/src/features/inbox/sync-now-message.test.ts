import { describe, expect, it } from 'vitest'
import { syncNowMessage } from './sync-now-message'

describe('what Sync now says', () => {
  it('says what came in, and which channels could not be read, in plain words', () => {
    expect(syncNowMessage({ items: 0, failedChannels: 0 })).toEqual({ message: 'Up to date: no new comments or mentions.', tone: 'neutral' })
    expect(syncNowMessage({ items: 1, failedChannels: 0 })).toEqual({ message: '1 new comment or mention read.', tone: 'neutral' })
    expect(syncNowMessage({ items: 1200, failedChannels: 0 }).message).toBe('1,200 new comments and mentions read.')
    expect(syncNowMessage({ items: 3, failedChannels: 2 })).toEqual({
      message: '3 new comments and mentions read; 2 channels could not be read. Connection health says why.',
      tone: 'danger',
    })
    expect(syncNowMessage({ items: 0, failedChannels: 1 }).message).toBe('No new comments or mentions; 1 channel could not be read. Connection health says why.')
  })
})
