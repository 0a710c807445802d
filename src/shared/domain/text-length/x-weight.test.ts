import { describe, expect, it } from 'vitest'
import { weighText } from './x-weight'

const len = (s: string): number => weighText(s).weightedLength

describe('weighText (twitter-text v3)', () => {
  it('counts Latin text one per character', () => {
    expect(len('hello')).toBe(5)
    expect(len('')).toBe(0)
  })

  it('accepts exactly 280 Latin characters and rejects 281', () => {
    expect(weighText('a'.repeat(280)).valid).toBe(true)
    expect(weighText('a'.repeat(281)).valid).toBe(false)
  })

  it('counts CJK and Hangul as two', () => {
    expect(len('日本語')).toBe(6)
    expect(len('한국어')).toBe(6)
    expect(weighText('字'.repeat(140)).valid).toBe(true)
    expect(weighText('字'.repeat(141)).valid).toBe(false)
  })

  it('counts scripts below U+10FF as one (Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Georgian)', () => {
    expect(len('Привет')).toBe(6)
    expect(len('Γειά')).toBe(4)
    expect(len('مرحبا')).toBe(5)
    expect(len('שלום')).toBe(4)
    expect(len('नमस्ते')).toBe(6)
    expect(len('สวัสดี')).toBe(6)
    expect(len('ა')).toBe(1)
  })

  it('weighs the edges of every range', () => {
    expect(len('\u10ff')).toBe(1)
    expect(len('\u1100')).toBe(2) // Hangul Jamo starts just above the first range
    expect(len('\u2000')).toBe(1)
    expect(len('\u200d')).toBe(1)
    expect(len('\u200e')).toBe(2)
    expect(len('\u2010')).toBe(1)
    expect(len('“”')).toBe(2) // U+201C/U+201D
    expect(len('\u201f')).toBe(1)
    expect(len('\u2020')).toBe(2) // dagger
    expect(len('…')).toBe(2) // U+2026 is outside the ranges
    expect(len('\u2032')).toBe(1)
    expect(len('\u2037')).toBe(1)
    expect(len('\u2038')).toBe(2)
    expect(len('€')).toBe(2)
  })

  it('counts every emoji sequence as two', () => {
    expect(len('👍')).toBe(2)
    expect(len('👍🏽')).toBe(2) // skin tone modifier
    expect(len('👨‍👩‍👧')).toBe(2) // ZWJ family
    expect(len('🇫🇷')).toBe(2) // flag
    expect(len('1️⃣')).toBe(2) // keycap
    expect(len('❤️')).toBe(2) // variation selector
    expect(len('ok 👍')).toBe(5)
  })

  it('counts astral characters that are not emoji as two', () => {
    expect(len('𝐀')).toBe(2)
  })

  it('counts every URL as 23, whatever its length', () => {
    expect(len('https://example.com')).toBe(23)
    expect(len('https://example.com/a/very/long/path/that/goes/on/and/on?with=query&and=more#frag')).toBe(23)
    expect(len('http://x.co')).toBe(23)
    expect(weighText('see https://a.example').urls).toEqual(['https://a.example'])
  })

  it('recognises bare domains and leaves trailing punctuation out', () => {
    expect(len('see example.com.')).toBe(4 + 23 + 1)
    expect(weighText('visit www.relink.app/blog, then relax').urls).toEqual(['www.relink.app/blog'])
    expect(weighText('(https://example.com/a)').urls).toEqual(['https://example.com/a'])
    expect(weighText('https://en.wikipedia.org/wiki/Foo_(bar)').urls).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)'])
  })

  it('does not take e-mail addresses, file names or abbreviations for links', () => {
    expect(weighText('mail hello@example.com').urls).toEqual([])
    expect(weighText('open notes.txt and main.ts, e.g. now').urls).toEqual([])
  })

  it('fits a long URL in a post that would be too long by raw length', () => {
    const text = `${'a'.repeat(250)} https://example.com/${'p'.repeat(200)}`
    expect(weighText(text).weightedLength).toBe(250 + 1 + 23)
    expect(weighText(text).valid).toBe(true)
  })

  it('normalises to NFC first', () => {
    expect(len('cafe\u0301')).toBe(4)
    expect(len('café')).toBe(4)
  })

  it('refuses U+FEFF, U+FFFE and U+FFFF', () => {
    expect(weighText('a\ufeffb').valid).toBe(false)
    expect(weighText('a\ufeffb').hasInvalidCharacters).toBe(true)
  })

  it('honours a different limit (e.g. long posts)', () => {
    expect(weighText('a'.repeat(300), 25_000).valid).toBe(true)
  })
})
