import { describe, expect, it } from 'vitest'
import { channelLapse, linkLapse, type LinkClock } from './forecast'

const link = (over: Partial<LinkClock>): LinkClock => ({
  profileId: 'p',
  linkHealth: 'active',
  profileHealth: 'active',
  hasLinkToken: false,
  refreshable: false,
  channelTokenOutlivesProfile: false,
  accessExpiresAt: null,
  refreshExpiresAt: null,
  dataAccessExpiresAt: null,
  ...over,
})

describe('forecast of when a channel stops working', () => {
  it('ends a token that cannot be refreshed at its expiry, a refreshable one at its refresh end', () => {
    expect(linkLapse(link({ accessExpiresAt: 100 }))).toEqual({ at: 100, cause: 'access_expires' })
    expect(linkLapse(link({ accessExpiresAt: 100, refreshable: true, refreshExpiresAt: 900 }))).toEqual({ at: 900, cause: 'refresh_ends' })
    expect(linkLapse(link({ accessExpiresAt: 100, refreshable: true }))).toEqual({ at: null, cause: 'access_expires' })
  })

  it('keeps page tokens alive past the personal sign-in, but not past data access', () => {
    expect(linkLapse(link({ accessExpiresAt: 100, hasLinkToken: true, channelTokenOutlivesProfile: true }))).toEqual({ at: null, cause: 'access_expires' })
    expect(linkLapse(link({ accessExpiresAt: 100, hasLinkToken: true, channelTokenOutlivesProfile: true, dataAccessExpiresAt: 500 }))).toEqual({ at: 500, cause: 'data_access_ends' })
  })

  it('lets any working link carry the channel, and calls a channel without one broken', () => {
    const lapse = channelLapse([link({ profileId: 'a', accessExpiresAt: 100 }), link({ profileId: 'b', accessExpiresAt: 300 })])
    expect(lapse).toEqual({ at: 300, cause: 'access_expires', profileIds: ['a', 'b'] })
    expect(channelLapse([link({ profileId: 'a', accessExpiresAt: 100 }), link({ profileId: 'b' })]).at).toBeNull()
    expect(channelLapse([link({ profileHealth: 'password_changed' })]).cause).toBe('broken')
    expect(channelLapse([]).at).toBe(Number.NEGATIVE_INFINITY)
  })
})
