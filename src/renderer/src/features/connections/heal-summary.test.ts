import { describe, expect, it } from 'vitest'
import { HEALTH_VOICE } from '../../../../shared/domain/health-voice'
import { healSummary } from './heal-summary'

describe('healSummary', () => {
  it('counts the channels that work after a Refresh connection', () => {
    const working = [
      { channelId: 'a', name: 'Harbor Books', network: 'facebook' as const },
      { channelId: 'b', name: 'Harbor Books', network: 'instagram' as const },
    ]
    expect(healSummary({ working, broken: [] })).toBe('All 2 of its channels work in every brand.')
    expect(healSummary({ working: working.slice(0, 1), broken: [] })).toBe('Its channel works in every brand.')
  })

  it('names each channel still broken with its reason from the health table', () => {
    const text = healSummary({
      working: [{ channelId: 'a', name: 'Northwind Coffee', network: 'facebook' }],
      broken: [{ channelId: 'b', name: 'Harbor Books', network: 'instagram', health: 'role_lost', detail: 'raw words' }],
    })
    expect(text).toBe(`1 of its 2 channels work in every brand. Still not working: Harbor Books (Instagram): ${HEALTH_VOICE.role_lost.badge}. ${HEALTH_VOICE.role_lost.cause}`)
  })

  it('falls back to the network’s words for a state the table does not know, and says nothing without an outcome', () => {
    expect(healSummary({ working: [], broken: [{ channelId: 'b', name: 'B', network: 'x', health: 'odd', detail: 'The network said no.' }] })).toContain('B (X): The network said no.')
    expect(healSummary(undefined)).toBe('')
  })
})
