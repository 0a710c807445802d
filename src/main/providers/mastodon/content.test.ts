import { describe, expect, it } from 'vitest'
import type { PostImage } from '../types'
import { MASTODON_CONTENT } from './config'
import { composeStatusText, countableLength, extractUrls, graphemeLength, htmlToText, validateMastodonContent } from './content'
import { mastodonAdapter } from './index'

const png = (overrides: Partial<PostImage> = {}): PostImage => ({
  bytes: new Uint8Array(1024),
  mimeType: 'image/png',
  width: 1200,
  height: 800,
  ...overrides,
})

/** The longest text under a limit: nothing is added to what the person wrote. */
const room = (max: number): number => max

describe('countableLength (Mastodon’s StatusLengthValidator)', () => {
  it('counts grapheme clusters, not UTF-16 units', () => {
    expect(countableLength('hello')).toBe(5)
    expect(countableLength('👨‍👩‍👧‍👦')).toBe(1)
    expect(countableLength('🇵🇹')).toBe(1)
    expect(countableLength('é')).toBe(1)
    expect(graphemeLength('日本語')).toBe(3)
  })

  it('counts every URL as 23 characters, however long', () => {
    expect(countableLength('https://a.io')).toBe(23)
    expect(countableLength(`https://example.com/${'x'.repeat(200)}`)).toBe(23)
    expect(countableLength('see https://example.com/a and http://example.org/b')).toBe(4 + 23 + 5 + 23)
  })

  it('keeps trailing punctuation outside the URL', () => {
    expect(countableLength('Read https://example.com/post.')).toBe(5 + 23 + 1)
    expect(extractUrls('(https://example.com/x), ok')).toEqual(['https://example.com/x'])
  })

  it('counts a remote mention without its domain', () => {
    expect(countableLength('@marta@fosstodon.example hi')).toBe('@marta hi'.length)
    expect(countableLength('hi @ana')).toBe(7)
    // An e-mail address is not a mention.
    expect(countableLength('mail a@b.example')).toBe('mail a@b.example'.length)
  })
})

describe('composeStatusText', () => {
  it('puts the link on its own paragraph unless the text already has it', () => {
    expect(composeStatusText({ text: 'New post', link: 'https://example.com' })).toBe('New post\n\nhttps://example.com')
    expect(composeStatusText({ text: 'See https://example.com now', link: 'https://example.com' })).toBe('See https://example.com now')
    expect(composeStatusText({ text: '', link: 'https://example.com' })).toBe('https://example.com')
  })

  it('adds nothing else to the text', () => {
    expect(composeStatusText({ text: 'Hello' })).toBe('Hello')
    expect(composeStatusText({ text: 'Hello', link: 'https://example.com' })).toBe(`Hello${MASTODON_CONTENT.linkSeparator}https://example.com`)
  })
})

describe('validateContent', () => {
  it('accepts an ordinary post, a link post and an image-only post', () => {
    expect(mastodonAdapter.validateContent({ text: 'Hello fediverse' })).toEqual([])
    expect(mastodonAdapter.validateContent({ text: 'Read this', link: 'https://example.com/a' })).toEqual([])
    expect(mastodonAdapter.validateContent({ text: '', image: png({ altText: 'A red bicycle' }) })).toEqual([])
  })

  it('refuses an empty post', () => {
    expect(mastodonAdapter.validateContent({ text: '   ' })).toEqual([expect.objectContaining({ field: 'text' })])
  })

  it('uses exactly 500 characters when the instance limit is unknown', () => {
    expect(validateMastodonContent({ text: 'a'.repeat(room(500)) })).toEqual([])
    const problems = validateMastodonContent({ text: 'a'.repeat(room(500) + 1) })
    expect(problems).toHaveLength(1)
    expect(problems[0]?.field).toBe('text')
    expect(problems[0]?.message).toMatch(/allows 500/)
    expect(problems[0]?.message).toMatch(/Shorten it by 1/)
  })

  it('follows the limit the instance states', () => {
    const text = 'a'.repeat(800)
    expect(validateMastodonContent({ text })).not.toEqual([])
    expect(validateMastodonContent({ text }, { maxChars: 1000 })).toEqual([])
    expect(validateMastodonContent({ text: 'a'.repeat(room(100) + 1) }, { maxChars: 100 })).toHaveLength(1)
  })

  it('counts the link at 23 characters', () => {
    const text = 'a'.repeat(room(500) - 2 - 23)
    expect(validateMastodonContent({ text, link: `https://example.com/${'long'.repeat(50)}` })).toEqual([])
    expect(validateMastodonContent({ text: `${text}a`, link: 'https://example.com/x' })).toHaveLength(1)
  })

  it('refuses a link that is not a web address', () => {
    expect(validateMastodonContent({ text: 'x', link: 'example.com' })).toEqual([expect.objectContaining({ field: 'link' })])
    expect(validateMastodonContent({ text: 'x', link: 'javascript:alert(1)' })).toEqual([expect.objectContaining({ field: 'link' })])
  })

  it('checks image size, pixels, type and description length', () => {
    expect(validateMastodonContent({ text: 'x', image: png({ bytes: new Uint8Array(MASTODON_CONTENT.imageMaxBytes + 1) }) })).toEqual([
      expect.objectContaining({ field: 'image', message: expect.stringMatching(/16 MB/) }),
    ])
    expect(validateMastodonContent({ text: 'x', image: png({ width: 10_000, height: 5_000 }) })).toEqual([expect.objectContaining({ field: 'image' })])
    expect(validateMastodonContent({ text: 'x', image: png({ mimeType: 'image/tiff' as PostImage['mimeType'] }) })).toEqual([
      expect.objectContaining({ field: 'image' }),
    ])
    expect(validateMastodonContent({ text: 'x', image: png({ altText: 'd'.repeat(1501) }) })).toEqual([expect.objectContaining({ field: 'image' })])
    expect(validateMastodonContent({ text: 'x', image: png({ altText: 'd'.repeat(1500) }) })).toEqual([])
  })
})

describe('htmlToText', () => {
  it('turns Mastodon’s status HTML back into the text that was posted', () => {
    expect(htmlToText('<p>Hello &amp; welcome</p><p>Line one<br />Line two</p>')).toBe('Hello & welcome\n\nLine one\nLine two')
    expect(
      htmlToText('<p>Read <a href="https://example.com/a" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span>example.com/a</span></a></p>'),
    ).toBe('Read https://example.com/a')
    expect(htmlToText('<p>&lt;b&gt; &#39;quoted&#39; &#x1F600; &bogus;</p>')).toBe("<b> 'quoted' 😀 &bogus;")
  })
})
