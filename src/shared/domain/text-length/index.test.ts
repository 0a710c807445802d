import { describe, expect, it } from 'vitest'
import { composedText, countText, measureText } from './index'

describe('countText', () => {
  it('counts as each network does', () => {
    const text = 'Café ☕ at https://relink.example/a-very-long-path-that-goes-on-and-on?with=query'
    // X: the link is 23, the emoji 2, every Latin letter 1.
    expect(countText('x', text)).toBe('Café '.length + 2 + ' at '.length + 23)
    // Mastodon: the link is 23, the emoji one grapheme.
    expect(countText('mastodon', text)).toBe('Café '.length + 1 + ' at '.length + 23)
    // The others count code points, the whole link included.
    expect(countText('linkedin', text)).toBe([...text].length)
    expect(countText('x', '東京')).toBe(4)
    expect(countText('mastodon', 'hi @ana@social.example')).toBe('hi @ana'.length)
    expect(countText('facebook', '👩‍👩‍👧')).toBe(5)
  })
})

describe('composedText', () => {
  it('puts the link where each network gets it', () => {
    const draft = { text: ' Spring menu ', link: 'https://relink.example/m' }
    expect(composedText('x', draft)).toBe('Spring menu https://relink.example/m')
    expect(composedText('mastodon', draft)).toBe('Spring menu\n\nhttps://relink.example/m')
    expect(composedText('instagram', draft)).toBe('Spring menu\n\nhttps://relink.example/m')
    expect(composedText('facebook', draft)).toBe(' Spring menu ')
    expect(composedText('facebook', { ...draft, hasImage: true })).toBe('Spring menu\n\nhttps://relink.example/m')
    expect(composedText('linkedin', { ...draft, hasImage: true })).toBe(' Spring menu \n\nhttps://relink.example/m')
    expect(composedText('x', { text: 'See https://relink.example/m', link: 'https://relink.example/m' })).toBe('See https://relink.example/m')
  })
})

describe('measureText', () => {
  it('measures against the network’s limit, or an instance’s own', () => {
    expect(measureText('x', { text: 'a'.repeat(10), link: 'https://relink.example/' })).toEqual({ used: 34, available: 280 })
    expect(measureText('mastodon', { text: 'hello' }, 1000)).toEqual({ used: 5, available: 1000 })
  })
})
