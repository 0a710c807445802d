import { describe, expect, it } from 'vitest'
import { LINKEDIN_CONTENT, LINKEDIN_DATA_LOSS_WARNING, LINKEDIN_FLOW, LINKEDIN_FLOWS } from './config'
import { linkedinAdapter, linkedinOAuthConfig } from './index'
import { encodeRestli, escapeLittleText, parseCommentUrn, restliList, restliUrl, unescapeLittleText } from './restli'

const png = (width = 1200, height = 627) => ({ bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' as const, width, height })
const room = LINKEDIN_CONTENT.maxCommentaryChars

describe('validateContent', () => {
  const validate = linkedinAdapter.validateContent

  it('accepts text, link and image posts', () => {
    expect(validate({ text: 'Hello LinkedIn' })).toEqual([])
    expect(validate({ text: 'Read this', link: 'https://example.com/a' })).toEqual([])
    expect(validate({ text: '', image: png() })).toEqual([])
  })

  it('refuses an empty post', () => {
    expect(validate({ text: '   ' }).map((p) => p.field)).toEqual(['text'])
  })

  it('allows exactly the 3,000 characters: nothing is added to the text', () => {
    expect(validate({ text: 'a'.repeat(room) })).toEqual([])
    const problems = validate({ text: 'a'.repeat(room + 5) })
    expect(problems).toHaveLength(1)
    expect(problems[0]?.field).toBe('text')
    expect(problems[0]?.message).toMatch(/3,000/)
    expect(problems[0]?.message).toMatch(/by 5 characters/)
  })

  it('counts an emoji as one character', () => {
    expect(validate({ text: '🎉'.repeat(room) })).toEqual([])
  })

  it('counts the link when it must go into the text next to an image', () => {
    const link = 'https://example.com/x'
    expect(validate({ text: 'a'.repeat(room - link.length - 2), link, image: png() })).toEqual([])
    expect(validate({ text: 'a'.repeat(room - link.length), link, image: png() }).map((p) => p.field)).toEqual(['text'])
  })

  it('respects a lower limit passed in', () => {
    expect(validate({ text: 'a'.repeat(101) }, { maxChars: 100 }).map((p) => p.field)).toEqual(['text'])
  })

  it('checks the link', () => {
    expect(validate({ text: 'x', link: 'example.com' }).map((p) => p.field)).toEqual(['link'])
    expect(validate({ text: 'x', link: 'ftp://example.com/file' }).map((p) => p.field)).toEqual(['link'])
  })

  it('checks image format, pixel count and emptiness', () => {
    expect(validate({ text: 'x', image: { ...png(), mimeType: 'image/webp' } })[0]?.message).toMatch(/JPG, PNG and GIF/)
    expect(validate({ text: 'x', image: png(6100, 6000) })[0]?.message).toMatch(/36 megapixels/)
    expect(validate({ text: 'x', image: png(6000, 6000) })).toEqual([])
    expect(validate({ text: 'x', image: { ...png(), bytes: new Uint8Array() } }).map((p) => p.field)).toEqual(['image'])
  })
})

describe('little text and Rest.li encoding', () => {
  it('escapes every reserved character and round-trips', () => {
    const text = 'Launch (beta) #news @team [1] {x} <y> a_b *c* ~d~ | \\ end'
    const escaped = escapeLittleText(text)
    for (const c of '()#@[]{}<>_*~|') expect(escaped).toContain(`\\${c}`)
    expect(unescapeLittleText(escaped)).toBe(text)
  })

  it('encodes URNs for paths and keeps the Rest.li syntax literal', () => {
    expect(encodeRestli('urn:li:comment:(urn:li:activity:1,2)')).toBe('urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A1%2C2%29')
    expect(restliUrl('https://api.linkedin.com', '/rest/organizations', [['ids', restliList(['1', '2'])]])).toBe(
      'https://api.linkedin.com/rest/organizations?ids=List(1,2)',
    )
  })

  it('parses comment URNs', () => {
    expect(parseCommentUrn('urn:li:comment:(urn:li:activity:70,80)')).toEqual({ parent: 'urn:li:activity:70', id: '80' })
    expect(parseCommentUrn('urn:li:share:70')).toBeUndefined()
  })
})

describe('OAuth configuration', () => {
  const endpoints = linkedinAdapter.defaultEndpoints

  it('uses the native PKCE flow with any-port loopback and an optional secret', () => {
    expect(LINKEDIN_FLOW).toBe('native')
    const config = linkedinOAuthConfig(endpoints)
    expect(config).toMatchObject({
      authorizationEndpoint: 'https://www.linkedin.com/oauth/v2/authorization',
      tokenEndpoint: 'https://www.linkedin.com/oauth/v2/accessToken',
      revocationEndpoint: 'https://www.linkedin.com/oauth/v2/revoke',
      pkce: 'required',
      clientSecret: 'optional',
      scopeSeparator: ' ',
      redirect: { host: '127.0.0.1', ports: 'ephemeral', path: '/callback/linkedin' },
      dynamicRegistration: false,
    })
  })

  it('can still express the standard flow: secret required, exact registered redirect', () => {
    const config = linkedinOAuthConfig(endpoints, 'standard')
    expect(config.clientSecret).toBe('required')
    expect(config.pkce).toBe('none')
    expect(Array.isArray(LINKEDIN_FLOWS.standard.redirect.ports)).toBe(true)
  })

  it('exposes the 30-day data-loss warning for the UI', () => {
    expect(LINKEDIN_DATA_LOSS_WARNING.windowDays).toBe(30)
    expect(LINKEDIN_DATA_LOSS_WARNING.message).toMatch(/30 days/)
  })
})
