import { describe, expect, it } from 'vitest'
import { cleanNetworkTexts, parseNetworkTexts, serializeNetworkTexts, textFor } from './network-texts'

describe('per-network texts', () => {
  it('round-trips, ignoring unknown networks and bad JSON', () => {
    const stored = serializeNetworkTexts({ x: 'Short for X' })
    expect(parseNetworkTexts(stored)).toEqual({ x: 'Short for X' })
    expect(parseNetworkTexts('{"myspace":"hi","x":1}')).toEqual({})
    expect(parseNetworkTexts('not json')).toEqual({})
    expect(parseNetworkTexts('[]')).toEqual({})
  })

  it('drops a custom text equal to the shared one and picks the right text per network', () => {
    expect(cleanNetworkTexts({ x: 'Same', linkedin: 'Longer for LinkedIn' }, 'Same')).toEqual({ linkedin: 'Longer for LinkedIn' })
    expect(textFor('Shared', { x: 'Short' }, 'x')).toBe('Short')
    expect(textFor('Shared', { x: 'Short' }, 'mastodon')).toBe('Shared')
  })
})
