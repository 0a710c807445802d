import { describe, expect, it } from 'vitest'
import type { ProviderContext } from '../types'
import { instanceBase, mastodonAdapter } from './index'

const ctxWith = (instance: string | undefined, apiBase = 'https://fallback.example'): ProviderContext => ({
  http: { request: () => Promise.reject(new Error('no network in unit tests')) },
  clock: { now: () => 0 },
  endpoints: { authBase: apiBase, apiBase },
  credentials: { clientId: 'id', clientSecret: 'secret', instance },
})

describe('instanceBase', () => {
  it('uses the connection’s instance, accepting a bare domain and trailing slashes', () => {
    expect(instanceBase(ctxWith('hachyderm.io'))).toBe('https://hachyderm.io')
    expect(instanceBase(ctxWith('https://fosstodon.org/'))).toBe('https://fosstodon.org')
    expect(instanceBase(ctxWith('http://127.0.0.1:4000/mastodon'))).toBe('http://127.0.0.1:4000/mastodon')
  })

  it('falls back to the endpoints when no instance is named', () => {
    expect(instanceBase(ctxWith(undefined))).toBe('https://fallback.example')
  })
})

describe('oauth config', () => {
  it('points every endpoint at the instance and asks for granular scopes with PKCE', () => {
    const config = mastodonAdapter.oauth(ctxWith('mastodon.example'))
    expect(config).toMatchObject({
      authorizationEndpoint: 'https://mastodon.example/oauth/authorize',
      tokenEndpoint: 'https://mastodon.example/oauth/token',
      revocationEndpoint: 'https://mastodon.example/oauth/revoke',
      pkce: 'supported',
      tokenAuth: 'client_secret_post',
      dynamicRegistration: true,
      extraAuthParams: { force_login: 'true' },
    })
    expect(config.scopes).toEqual(['read:accounts', 'read:statuses', 'read:notifications', 'write:statuses', 'write:media', 'write:favourites'])
    expect(mastodonAdapter.refresh).toBeUndefined()
  })

  it('returns no channel metrics for a range without today, without calling the network', async () => {
    const target = { networkChannelId: '1', accessToken: 't', kind: 'account' as const }
    expect(await mastodonAdapter.channelInsights(ctxWith('m.example'), target, { sinceDay: '1970-02-01', untilDay: '1970-03-01' })).toEqual([])
  })
})
