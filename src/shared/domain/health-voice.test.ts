import { describe, expect, it } from 'vitest'
import { GRANT_HEALTH, PROBLEM_REASONS, type ChannelHealth } from './health'
import { HEALTH_COPY } from './health-copy'
import { CHANNEL_VOICE_KEYS, HEALTH_VOICE, VOICE_KEYS, channelVoice, grantVoice, voiceOf, voiceSentence } from './health-voice'

const CHANNEL_HEALTHS: readonly ChannelHealth[] = ['healthy', 'degraded', 'disconnected', 'unlinked']

describe('the one-voice health table', () => {
  it('has exactly one entry for every grant health, problem reason and channel health, and nothing else', () => {
    const keys = Object.keys(HEALTH_VOICE)
    expect(new Set(VOICE_KEYS).size).toBe(VOICE_KEYS.length)
    expect([...keys].sort()).toEqual([...VOICE_KEYS].sort())
    for (const health of GRANT_HEALTH) expect(voiceOf(health), health).toBe(HEALTH_VOICE[health])
    for (const reason of PROBLEM_REASONS) expect(voiceOf(reason), reason).toBeDefined()
    for (const health of CHANNEL_HEALTHS) expect(CHANNEL_VOICE_KEYS).toContain(`channel_${health}`)
    expect(voiceOf('no_such_state')).toBeUndefined()
    expect(voiceOf('toString')).toBeUndefined()
  })

  it('gives each entry a badge, one sentence of cause and one coherent action', () => {
    for (const key of VOICE_KEYS) {
      const voice = HEALTH_VOICE[key]
      expect(voice.badge.trim(), key).not.toBe('')
      expect(voice.badge, key).not.toMatch(/[.!?]$/)
      expect(voice.cause, key).toMatch(/^[A-Z].*\.$/)
      // One sentence: no full stop before the last one.
      expect(voice.cause.slice(0, -1), key).not.toMatch(/[.!?]\s/)
      if (voice.action.kind === 'none') {
        expect(voice.action.label, key).toBe('')
        expect(voice.handled, key).toBe(true)
      } else {
        expect(voice.action.label, key).not.toBe('')
        expect(voice.action.sentence, key).toMatch(/\.$/)
        expect(voice.handled, key).toBe(false)
      }
    }
  })

  it('says each cause once: no two states share a sentence', () => {
    const causes = VOICE_KEYS.map((k) => HEALTH_VOICE[k].cause)
    expect(new Set(causes).size).toBe(causes.length)
  })

  it('reads routine states as routine and broken ones as needing a person', () => {
    expect(HEALTH_VOICE.renews_automatically.badge).toBe('Renewed automatically')
    expect(HEALTH_VOICE.renews_automatically.handled).toBe(true)
    for (const health of ['rate_limited', 'unreachable', 'refreshing', 'active'] as const) expect(grantVoice(health).handled).toBe(true)
    for (const health of ['password_changed', 'revoked_by_user', 'expired', 'role_lost'] as const) expect(grantVoice(health).tone).toBe('broken')
    expect(grantVoice('role_lost').action.kind).toBe('check')
    expect(channelVoice('disconnected').action.kind).toBe('refresh')
  })

  it('is what the older HEALTH_COPY view and notification bodies say', () => {
    expect(HEALTH_COPY.password_changed).toEqual({
      label: HEALTH_VOICE.password_changed.badge,
      meaning: HEALTH_VOICE.password_changed.cause,
      todo: HEALTH_VOICE.password_changed.action.sentence,
      severity: 'broken',
    })
    expect(voiceSentence(HEALTH_VOICE.password_changed)).toBe(`${HEALTH_VOICE.password_changed.cause} ${HEALTH_VOICE.password_changed.action.sentence}`)
    expect(voiceSentence(HEALTH_VOICE.rate_limited)).toBe(HEALTH_VOICE.rate_limited.cause)
  })
})
