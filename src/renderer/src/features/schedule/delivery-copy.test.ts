import { describe, expect, it } from 'vitest'
import { calendarDeliveryOf, type AtRiskDelivery, type DeliveryView } from '../../../../shared/domain/schedule'
import { deliveryView } from './delivery-view.fixture'
import { atRiskText, badgeText, deliveryProblem, failureWords, STATE_OPTIONS } from './delivery-copy'

const delivery = deliveryView

const risk = (patch: Partial<AtRiskDelivery>): AtRiskDelivery => ({
  deliveryId: 1,
  postId: 'p1',
  channelId: 'c1',
  channelName: 'Ava Lindqvist',
  network: 'linkedin',
  dueAt: Date.UTC(2026, 10, 30),
  lapsesAt: Date.UTC(2026, 10, 24, 12),
  cause: 'refresh_ends',
  profileIds: ['pr1'],
  ...patch,
})

describe('badgeText', () => {
  it('names the state, with the reason for held and failed posts', () => {
    expect(badgeText(calendarDeliveryOf(delivery({ state: 'scheduled' })))).toBe('Scheduled')
    expect(badgeText(calendarDeliveryOf(delivery({ state: 'claimed' })))).toBe('Publishing')
    expect(badgeText(calendarDeliveryOf(delivery({ state: 'held', heldReason: 'password_changed', heldDetail: 'Password changed.' })))).toBe('Held: Password changed')
    expect(badgeText(calendarDeliveryOf(delivery({ state: 'failed', failureReason: 'other', failureDetail: 'Refused.' })))).toBe('Failed: Refused by the network')
    expect(badgeText(calendarDeliveryOf(delivery({ state: 'failed' })))).toBe('Failed')
    expect(badgeText(calendarDeliveryOf(delivery({ state: 'needs_review', failureReason: 'not_found' })))).toBe('Needs review')
  })
})

describe('deliveryProblem', () => {
  it('explains why a post waits or stopped, and nothing for a published one', () => {
    expect(deliveryProblem(delivery({ state: 'scheduled', failureReason: 'rate_limited', failureDetail: 'Too many requests.' }))).toEqual({
      label: 'Slowed down',
      detail: 'Too many requests.',
    })
    expect(deliveryProblem(delivery({ state: 'missed', failureReason: 'missed', failureDetail: 'Its time passed.' }))?.label).toBe('Missed its time')
    expect(deliveryProblem(delivery({ state: 'published', failureReason: 'checking', failureDetail: 'Checked.' }))).toBeUndefined()
    expect(deliveryProblem(delivery({ state: 'scheduled' }))).toBeUndefined()
  })
})

describe('atRiskText', () => {
  it('names the network and the day its sign-in or data access ends, in the words Connection health uses', () => {
    const now = Date.UTC(2026, 10, 22, 9)
    const opts = { locale: 'en-GB', timeZone: 'UTC' }
    expect(atRiskText(risk({}), now, opts)).toBe('At risk: LinkedIn sign-in can no longer be renewed after Tuesday')
    expect(atRiskText(risk({ cause: 'access_expires' }), now, opts)).toBe('At risk: LinkedIn sign-in expires Tuesday')
    expect(atRiskText(risk({ cause: 'data_access_ends', network: 'facebook' }), now, opts)).toBe('At risk: Facebook data access ends Tuesday')
    expect(atRiskText(risk({ cause: 'broken', lapsesAt: null }), now, opts)).toBe('At risk: LinkedIn connection is broken')
  })

  it('reads only the day off the clock, so calendar cards can say it from the start of today and not render again each half minute', () => {
    const day = new Date(2026, 10, 22).getTime()
    const hour = 3_600_000
    for (let lapse = -3 * 24; lapse <= 10 * 24; lapse += 5) {
      const item = risk({ cause: 'access_expires', lapsesAt: day + lapse * hour + 17 * 60_000 })
      for (const at of [0, 9.5, 23.9]) expect(atRiskText(item, day, { locale: 'en-GB' })).toBe(atRiskText(item, day + at * hour, { locale: 'en-GB' }))
    }
  })
})

describe('STATE_OPTIONS', () => {
  it('offers each state once by its name, with claimed and publishing together', () => {
    expect(STATE_OPTIONS.map((o) => o.label)).toEqual(['Scheduled', 'Publishing', 'Published', 'Held', 'Failed', 'Needs review', 'Skipped', 'Missed'])
    expect(STATE_OPTIONS.find((o) => o.label === 'Publishing')?.states).toEqual(['claimed', 'publishing'])
  })
})

describe('a failed post in words', () => {
  const failed = (failureReason: string | null, failureDetail: string | null) =>
    ({ network: 'x', state: 'failed', failureReason, failureDetail }) as unknown as DeliveryView

  it('says once who refused it and what it said, keeping a raw answer apart', () => {
    expect(failureWords(failed('other', 'You are not allowed to create a Tweet with duplicate content.'))).toEqual({
      sentence: 'X refused this post. It said: “You are not allowed to create a Tweet with duplicate content.”',
      raw: undefined,
    })
    expect(failureWords(failed('other', 'HTTP 400 {"title":"Invalid Request"}'))).toEqual({ sentence: 'X refused this post.', raw: 'HTTP 400 {"title":"Invalid Request"}' })
    expect(failureWords(failed('other', 'X rejected the request (HTTP 400).'))).toEqual({ sentence: 'X refused this post.', raw: 'X rejected the request (HTTP 400).' })
    expect(failureWords(failed('not_found', null)).sentence).toBe('X refused this post: not found on the network.')
  })
})
