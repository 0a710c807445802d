import { describe, expect, it } from 'vitest'
import { heldWhy, keptAllWords, releaseOutcome } from './release-copy'

// Monday 5 January 2026, 09:00 UTC.
const NOW = Date.UTC(2026, 0, 5, 9)
const MIN = 60_000
const DAY = 1_440 * MIN
const UTC = { locale: 'en-GB', timeZone: 'UTC' }
const none = { publishNow: [], moved: [], kept: [], skipped: [] }

describe('releaseOutcome', () => {
  it('says what happened to each group, in plain words', () => {
    const result = { publishNow: [1, 2], moved: [{ deliveryId: 3, dueAt: NOW + 2 * DAY + 75 * MIN }], kept: [4], skipped: [] }
    expect(releaseOutcome(result, NOW, UTC)).toBe('2 publishing now, 1 moved to Wed 10:15 and 1 kept held.')
    expect(releaseOutcome({ ...none, skipped: [5] }, NOW, UTC)).toBe('1 skipped.')
  })

  it('lists a few moved times, and the range for many', () => {
    const at = (minutes: number, deliveryId: number) => ({ deliveryId, dueAt: NOW + minutes * MIN })
    expect(releaseOutcome({ ...none, moved: [at(30, 2), at(15, 1)] }, NOW, UTC)).toBe('2 moved to today at 09:15 and today at 09:30.')
    expect(releaseOutcome({ ...none, moved: [at(15, 1), at(30, 2), at(45, 3), at(60, 4)] }, NOW, UTC)).toBe(
      '4 moved to free slots from today at 09:15 to today at 10:00.',
    )
  })

  it('says so when nothing was held any more', () => {
    expect(releaseOutcome(none, NOW, UTC)).toBe('Nothing was held any more; nothing changed.')
  })
})

describe('keptAllWords', () => {
  it('promises nothing is lost and says where to find the posts', () => {
    expect(keptAllWords(1)).toBe('The post stays held. Release it any time from Connection health.')
    expect(keptAllWords(3)).toBe('All 3 posts stay held. Release them any time from Connection health.')
  })
})

describe('heldWhy', () => {
  it('takes the first sentence of the detail, or names the reason', () => {
    const detail = 'LinkedIn says access for Relink was revoked. Refresh the connection and allow Relink again. The post is held, not lost.'
    expect(heldWhy({ heldReason: 'reauth_required', heldDetail: detail })).toBe('LinkedIn says access for Relink was revoked.')
    expect(heldWhy({ heldReason: 'password_changed', heldDetail: null })).toBe('Password changed')
    expect(heldWhy({ heldReason: null, heldDetail: 'Signed out' })).toBe('Signed out')
    expect(heldWhy({ heldReason: null, heldDetail: null })).toBe('')
  })
})
