import { describe, expect, it } from 'vitest'
import type { PostImage } from '../types'
import { FACEBOOK_CONTENT } from './config'
import { facebookAdapter } from './index'

const image = (overrides: Partial<PostImage> = {}): PostImage => ({
  bytes: new Uint8Array(1024),
  mimeType: 'image/jpeg',
  width: 1200,
  height: 630,
  ...overrides,
})

const validate = facebookAdapter.validateContent
const budget = FACEBOOK_CONTENT.maxChars

describe('Facebook content rules', () => {
  it('accepts text, link and image posts', () => {
    expect(validate({ text: 'Hello' })).toEqual([])
    expect(validate({ text: '', link: 'https://example.com/menu' })).toEqual([])
    expect(validate({ text: '', image: image() })).toEqual([])
    expect(validate({ text: 'All three', link: 'https://example.com', image: image({ mimeType: 'image/png' }) })).toEqual([])
  })

  it('needs something to publish', () => {
    expect(validate({ text: '   ' })).toEqual([expect.objectContaining({ field: 'text' })])
  })

  it('allows the whole 63,206 characters: nothing is added to the text', () => {
    expect(validate({ text: 'a'.repeat(budget) })).toEqual([])
    const problems = validate({ text: 'a'.repeat(budget + 1) })
    expect(problems).toEqual([expect.objectContaining({ field: 'text' })])
    expect(problems[0]?.message).toContain(String(budget))
  })

  it('counts characters, not UTF-16 units', () => {
    expect(validate({ text: '☕'.repeat(budget) })).toEqual([])
    expect(validate({ text: '😀'.repeat(budget) })).toEqual([])
  })

  it('counts the link into the text of a photo post', () => {
    const link = 'https://example.com/x'
    expect(validate({ text: 'a'.repeat(budget - link.length - 2), link, image: image() })).toEqual([])
    expect(validate({ text: 'a'.repeat(budget - link.length), link, image: image() })).toEqual([expect.objectContaining({ field: 'text' })])
  })

  it('rejects links that are not web addresses', () => {
    expect(validate({ text: 'x', link: 'example.com' })).toEqual([expect.objectContaining({ field: 'link' })])
    expect(validate({ text: 'x', link: 'javascript:alert(1)' })).toEqual([expect.objectContaining({ field: 'link' })])
    expect(validate({ text: 'x', link: 'http://example.com' })).toEqual([])
  })

  it('takes JPEG, PNG and GIF up to 4 MB', () => {
    expect(validate({ text: '', image: image({ mimeType: 'image/gif' }) })).toEqual([])
    expect(validate({ text: '', image: image({ mimeType: 'image/webp' }) })).toEqual([expect.objectContaining({ field: 'image' })])
    expect(validate({ text: '', image: image({ bytes: new Uint8Array(4 * 1024 * 1024) }) })).toEqual([])
    expect(validate({ text: '', image: image({ bytes: new Uint8Array(4 * 1024 * 1024 + 1) }) })).toEqual([expect.objectContaining({ field: 'image' })])
  })

  it('rejects empty images', () => {
    expect(validate({ text: '', image: image({ bytes: new Uint8Array(0) }) })).toEqual([expect.objectContaining({ field: 'image' })])
    expect(validate({ text: '', image: image({ width: 0 }) })).toEqual([expect.objectContaining({ field: 'image' })])
  })
})
