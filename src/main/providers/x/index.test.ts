import { describe, expect, it } from 'vitest'
import type { PostImage, ProviderContext } from '../types'
import { X_REDIRECT_PORTS, X_SCOPES, xRedirectUris } from './config'
import { snowflakeTime, xAdapter } from './index'

const png = (bytes: number): PostImage => ({ bytes: new Uint8Array(bytes), mimeType: 'image/png', width: 10, height: 10 })

const ctx = (clientSecret?: string): ProviderContext => ({
  http: { request: () => Promise.reject(new Error('no network in unit tests')) },
  clock: { now: () => 0 },
  endpoints: xAdapter.defaultEndpoints,
  credentials: { clientId: 'abc', clientSecret },
})

describe('xAdapter.oauth', () => {
  it('describes X: x.com authorize, api.x.com token, PKCE required, fixed 127.0.0.1 ports', () => {
    const o = xAdapter.oauth(ctx())
    expect(o.authorizationEndpoint).toBe('https://x.com/i/oauth2/authorize')
    expect(o.tokenEndpoint).toBe('https://api.x.com/2/oauth2/token')
    expect(o.revocationEndpoint).toBe('https://api.x.com/2/oauth2/revoke')
    expect(o.pkce).toBe('required')
    expect(o.scopeSeparator).toBe(' ')
    expect(o.scopes).toEqual(expect.arrayContaining(['tweet.read', 'tweet.write', 'users.read', 'offline.access']))
    expect(o.redirect).toEqual({ host: '127.0.0.1', ports: X_REDIRECT_PORTS, path: '/callback/x' })
    expect(X_REDIRECT_PORTS).toHaveLength(3)
    expect(xRedirectUris()).toEqual(X_REDIRECT_PORTS.map((p) => `http://127.0.0.1:${p}/callback/x`))
    expect(o.dynamicRegistration).toBe(false)
  })

  it('is a public client by default and uses Basic auth when a secret is configured', () => {
    expect(xAdapter.oauth(ctx()).tokenAuth).toBe('none')
    expect(xAdapter.oauth(ctx('s3cret')).tokenAuth).toBe('client_secret_basic')
    expect(xAdapter.oauth(ctx()).clientSecret).toBe('optional')
  })

  it('asks for offline.access, without which X issues no refresh token', () => {
    expect(X_SCOPES).toContain('offline.access')
  })
})

describe('xAdapter.validateContent', () => {
  const limit = 280

  it('accepts a normal post', () => {
    expect(xAdapter.validateContent({ text: 'Fresh beans today ☕' })).toEqual([])
  })

  it('allows the whole 280: nothing is added to the text', () => {
    expect(xAdapter.validateContent({ text: 'a'.repeat(limit) })).toEqual([])
    const problems = xAdapter.validateContent({ text: 'a'.repeat(limit + 1) })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ field: 'text' })
    expect(problems[0]?.message).toContain(`${limit + 1} characters`)
  })

  it('weighs CJK as two characters', () => {
    const half = Math.floor(limit / 2)
    expect(xAdapter.validateContent({ text: '字'.repeat(half) })).toEqual([])
    expect(xAdapter.validateContent({ text: '字'.repeat(half + 1) })[0]?.field).toBe('text')
  })

  it('counts the link as 23 however long it is', () => {
    const link = `https://example.com/${'x'.repeat(300)}`
    expect(xAdapter.validateContent({ text: 'a'.repeat(limit - 24), link })).toEqual([])
    expect(xAdapter.validateContent({ text: 'a'.repeat(limit - 23), link })[0]?.field).toBe('text')
  })

  it('rejects a link that is not a web address', () => {
    expect(xAdapter.validateContent({ text: 'hi', link: 'ftp://example.com' })[0]?.field).toBe('link')
    expect(xAdapter.validateContent({ text: 'hi', link: 'not a url' })[0]?.field).toBe('link')
  })

  it('rejects an empty post but allows an image-only one', () => {
    expect(xAdapter.validateContent({ text: '   ' })[0]?.field).toBe('text')
    expect(xAdapter.validateContent({ text: '', image: png(100) })).toEqual([])
  })

  it('limits images to 5 MB and to JPEG, PNG, GIF and WebP', () => {
    expect(xAdapter.validateContent({ text: 'hi', image: png(5 * 1024 * 1024) })).toEqual([])
    expect(xAdapter.validateContent({ text: 'hi', image: png(5 * 1024 * 1024 + 1) })[0]).toMatchObject({ field: 'image' })
    const tiff = { ...png(10), mimeType: 'image/tiff' } as unknown as PostImage
    expect(xAdapter.validateContent({ text: 'hi', image: tiff })[0]).toMatchObject({ field: 'image' })
    for (const mimeType of ['image/jpeg', 'image/gif', 'image/webp'] as const) {
      expect(xAdapter.validateContent({ text: 'hi', image: { ...png(10), mimeType } })).toEqual([])
    }
  })

  it('limits alt text to 1000 characters', () => {
    expect(xAdapter.validateContent({ text: 'hi', image: { ...png(10), altText: 'a'.repeat(1000) } })).toEqual([])
    expect(xAdapter.validateContent({ text: 'hi', image: { ...png(10), altText: 'a'.repeat(1001) } })[0]?.field).toBe('image')
  })

  it('honours a larger limit passed in (long posts)', () => {
    expect(xAdapter.validateContent({ text: 'a'.repeat(1000) }, { maxChars: 25_000 })).toEqual([])
  })
})

describe('snowflakeTime', () => {
  it('reads the creation time out of an X id', () => {
    // The docs' sample post 1212092628029698048 shows created_at 2019-12-31T19:26:16.000Z (X rounds to the second).
    const ms = snowflakeTime('1212092628029698048') ?? 0
    expect(Math.floor(ms / 1000) * 1000).toBe(Date.parse('2019-12-31T19:26:16.000Z'))
    expect(snowflakeTime('abc')).toBeUndefined()
  })
})
