import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../../shared/domain/connections'
import { attentionOf, keyMoment, problemSentence, reasonSentence, statusOf } from './profile-status'

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
  refreshExpiresAt: null,
  dataAccessExpiresAt: NOW + 90 * DAY,
  lastProbeAt: NOW,
  setupState: 'ready',
  channelCount: 2,
  urgency: 0,
  warnings: [],
  ...patch,
})

describe('profile status', () => {
  it('puts broken, unfinished and expiring profiles in the dropdown and nothing else', () => {
    expect(attentionOf(profile({}))).toBeUndefined()
    expect(attentionOf(profile({ health: 'password_changed' }))).toBe('broken')
    expect(attentionOf(profile({ setupState: 'picking' }))).toBe('unfinished')
    expect(attentionOf(profile({ health: 'expiring' }))).toBe('expiring')
    expect(attentionOf(profile({ health: 'rate_limited' }))).toBeUndefined()
    expect(statusOf(profile({ setupState: 'picking' })).label).toBe('Unfinished — pick channels')
    expect(statusOf(profile({ health: 'role_lost' })).label).toBe('Role lost')
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

  it('drops the advice from main’s sentence, since the window shows it once as "What to do"', () => {
    expect(
      reasonSentence(
        "Facebook ended the session because the account's password was changed (or for a security reason). Refresh the connection to sign in again.",
        'x',
      ),
    ).toBe("Facebook ended the session because the account's password was changed (or for a security reason).")
    expect(reasonSentence('X no longer accepts the saved sign-in for this account. Use “Refresh connection” to sign in to X again.', 'x')).toBe(
      'X no longer accepts the saved sign-in for this account.',
    )
    expect(reasonSentence('', 'The sign-in reached the end of its lifetime.')).toBe('The sign-in reached the end of its lifetime.')
    expect(reasonSentence('Expires 2026-01-10.', 'x')).toBe('Expires 2026-01-10.')
    expect(problemSentence(profile({ health: 'expiring', detail: 'Expires 2026-01-10.' }))).toBe(
      'The network will end this sign-in soon and Relink cannot renew it on its own.',
    )
    expect(problemSentence(profile({ health: 'expired', detail: '' }))).toBe('The sign-in reached the end of its lifetime.')
  })
})
