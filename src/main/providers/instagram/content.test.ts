import { describe, expect, it } from 'vitest'
import type { PostImage } from '../types'
import { INSTAGRAM_CONTENT } from './config'
import { instagramAdapter } from './index'

const image = (overrides: Partial<PostImage> = {}): PostImage => ({
  bytes: new Uint8Array(2048),
  mimeType: 'image/jpeg',
  width: 1080,
  height: 1080,
  ...overrides,
})

const validate = instagramAdapter.validateContent
const budget = INSTAGRAM_CONTENT.maxCaptionChars

describe('Instagram content rules', () => {
  it('accepts a JPEG with a caption', () => {
    expect(validate({ text: 'Morning pour', image: image() })).toEqual([])
    expect(validate({ text: '', image: image() })).toEqual([])
  })

  it('needs an image', () => {
    expect(validate({ text: 'Text only' })).toEqual([expect.objectContaining({ field: 'image' })])
  })

  it('takes JPEG only, up to 8 MB', () => {
    expect(validate({ text: '', image: image({ mimeType: 'image/png' }) })).toEqual([expect.objectContaining({ field: 'image' })])
    expect(validate({ text: '', image: image({ bytes: new Uint8Array(8 * 1024 * 1024) }) })).toEqual([])
    expect(validate({ text: '', image: image({ bytes: new Uint8Array(8 * 1024 * 1024 + 1) }) })).toEqual([expect.objectContaining({ field: 'image' })])
  })

  it('keeps the aspect ratio between 4:5 and 1.91:1', () => {
    expect(validate({ text: '', image: image({ width: 1080, height: 1350 }) })).toEqual([])
    expect(validate({ text: '', image: image({ width: 1080, height: 566 }) })).toEqual([])
    expect(validate({ text: '', image: image({ width: 1080, height: 1920 }) })).toEqual([expect.objectContaining({ field: 'image' })])
    expect(validate({ text: '', image: image({ width: 2000, height: 800 }) })).toEqual([expect.objectContaining({ field: 'image' })])
  })

  it('limits captions to exactly 2,200 characters: nothing is added to them', () => {
    expect(validate({ text: 'a'.repeat(budget), image: image() })).toEqual([])
    const problems = validate({ text: 'a'.repeat(budget + 1), image: image() })
    expect(problems).toEqual([expect.objectContaining({ field: 'text' })])
    expect(problems[0]?.message).toContain(String(budget))
  })

  it('counts a link into the caption, where it shows as plain text', () => {
    const link = 'https://example.com/shop'
    expect(validate({ text: 'a'.repeat(budget - link.length - 2), link, image: image() })).toEqual([])
    expect(validate({ text: 'a'.repeat(budget - link.length), link, image: image() })).toEqual([expect.objectContaining({ field: 'text' })])
    expect(validate({ text: 'x', link: 'not a link', image: image() })).toEqual([expect.objectContaining({ field: 'link' })])
  })

  it('allows at most 30 hashtags and 20 mentions', () => {
    const tags = (n: number): string => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ')
    const mentions = (n: number): string => Array.from({ length: n }, (_, i) => `@friend.${i}`).join(' ')
    expect(validate({ text: tags(30), image: image() })).toEqual([])
    expect(validate({ text: tags(31), image: image() })).toEqual([expect.objectContaining({ field: 'text' })])
    expect(validate({ text: mentions(20), image: image() })).toEqual([])
    expect(validate({ text: mentions(21), image: image() })).toEqual([expect.objectContaining({ field: 'text' })])
    expect(validate({ text: 'mail me at hello@example.com', image: image() })).toEqual([])
  })
})
