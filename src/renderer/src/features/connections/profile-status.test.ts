import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../../shared/domain/connections'
import { HEALTH_VOICE } from '../../../../shared/domain/health-voice'
import { attentionOf, keyMoment, problemSentence, statusOf } from './profile-status'

const NOW = Date.UTC(2026, 0, 5, 9)
const DAY = 86_400_000

const profile = (patch: Partial<ProfileView>): ProfileView => ({
  id: 'p',
  network: 'facebook',
  instance: '',
  displayName: 'Maria Ortega',
  handle: 'maria.ortega',
  health: 'active',
  reason: '',
  detail: '',
  connectedBy: 'this computer',
  connectedAt: NOW - DAY,
  accessExpiresAt: NOW + 60 * DAY,
  renewsAutomatically: false,
  refreshExpiresAt: null,
  dataAccessExpiresAt: NOW + 90 * DAY,
  lastProbeAt: NOW,
  setupState: 'ready',
  channelCount: 2,
  urgency: 0,
  warnings: [],
  stoppedAt: null,
  ...patch,
})

describe('profile status', () => {
  it('puts broken, unfinished and expiring profiles in the dropdown and nothing else', () => {
    expect(attentionOf(profile({}))).toBeUndefined()
    expect(attentionOf(profile({ health: 'password_changed' }))).toBe('broken')
    expect(attentionOf(profile({ setupState: 'picking' }))).toBe('unfinished')
    expect(attentionOf(profile({ health: 'expiring' }))).toBe('expiring')
    expect(attentionOf(profile({ health: 'rate_limited' }))).toBeUndefined()
    expect(statusOf(profile({ setupState: 'picking' }))).toBe(HEALTH_VOICE.unfinished)
    expect(statusOf(profile({ health: 'role_lost' }))).toBe(HEALTH_VOICE.role_lost)
  })

  it('names the moment that matters: expiry ahead, expiry behind, or when it broke', () => {
    expect(keyMoment(profile({ health: 'expiring', accessExpiresAt: NOW + 3 * DAY }), NOW)).toEqual({ verb: 'Expires', at: NOW + 3 * DAY })
    expect(keyMoment(profile({ health: 'expired', accessExpiresAt: NOW - DAY }), NOW)).toEqual({ verb: 'Expired', at: NOW - DAY })
    expect(keyMoment(profile({ health: 'data_access_expired', dataAccessExpiresAt: NOW - 2 * DAY }), NOW)).toEqual({
      verb: 'Data access ended',
      at: NOW - 2 * DAY,
    })
    expect(keyMoment(profile({ health: 'password_changed' }), NOW, NOW - 5_000)).toEqual({ verb: 'Stopped working', at: NOW - 5_000 })
    expect(keyMoment(profile({ health: 'password_changed' }), NOW)).toBeUndefined()
    // A Facebook sign-in that ended while its pages keep publishing: expired, not "expires in 90 days".
    expect(keyMoment(profile({ health: 'expiring', accessExpiresAt: NOW - 60_000 }), NOW)).toEqual({ verb: 'Expired', at: NOW - 60_000 })
  })

  it('treats an access token Relink renews by itself as routine, not as the moment to show', () => {
    const x = profile({ network: 'x', renewsAutomatically: true, accessExpiresAt: NOW + 2 * 3_600_000, dataAccessExpiresAt: null, refreshExpiresAt: NOW + 180 * DAY })
    expect(keyMoment(x, NOW)).toEqual({ verb: 'Expires', at: NOW + 180 * DAY })
  })

  it('says what went wrong in the table’s one sentence, whatever main’s detail says', () => {
    expect(problemSentence(profile({ health: 'expiring', detail: 'Expires 2026-01-10.' }))).toBe(HEALTH_VOICE.expiring.cause)
    expect(problemSentence(profile({ health: 'password_changed', detail: 'Facebook ended the session. Refresh the connection.' }))).toBe(HEALTH_VOICE.password_changed.cause)
  })
})
