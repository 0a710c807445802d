import { describe, expect, it } from 'vitest'
import type { AtRiskChannel, AtRiskDelivery } from '../../../../../shared/domain/schedule'
import { atRiskHeading, atRiskLine, causeWords } from './at-risk-copy'

// Monday 5 January 2026, 09:00 UTC.
const NOW = Date.UTC(2026, 0, 5, 9)
const DAY = 86_400_000
const UTC = { locale: 'en-GB', timeZone: 'UTC' }

function atRisk(deliveryId: number, cause: AtRiskDelivery['cause'], lapsesAt: number | null): AtRiskDelivery {
  return {
    deliveryId,
    postId: `post-${deliveryId}`,
    channelId: 'c1',
    channelName: 'Northwind Traders',
    network: 'linkedin',
    dueAt: NOW + 30 * DAY,
    lapsesAt,
    cause,
    profileIds: ['p1'],
  }
}

describe('causeWords', () => {
  it('says each cause with the day it bites', () => {
    expect(causeWords(atRisk(1, 'access_expires', NOW + DAY), NOW, UTC)).toBe('sign-in expires tomorrow')
    expect(causeWords(atRisk(1, 'refresh_ends', NOW + 2 * DAY), NOW, UTC)).toBe('sign-in can no longer be renewed after Wednesday')
    expect(causeWords(atRisk(1, 'data_access_ends', NOW + 90 * DAY), NOW, UTC)).toBe('data access ends 5 Apr')
    expect(causeWords(atRisk(1, 'broken', null), NOW, UTC)).toBe('connection is broken')
  })
})

function channel(id: string, cause: AtRiskChannel['cause'], lapsesAt: number | null, count: number): AtRiskChannel {
  return { channelId: id, channelName: 'Northwind Traders', network: 'linkedin', lapsesAt, cause, profileIds: ['p1'], count, firstDueAt: NOW + 30 * DAY }
}

describe('atRiskLine', () => {
  it('counts the posts and names the most urgent cause: broken first, then the soonest lapse', () => {
    const soon = channel('c1', 'access_expires', NOW + 2 * DAY, 1)
    const later = channel('c2', 'data_access_ends', NOW + 40 * DAY, 1)
    expect(atRiskLine([later, soon], NOW, 'LinkedIn', UTC)).toBe('2 posts at risk: LinkedIn sign-in expires Wednesday')
    expect(atRiskLine([soon, channel('c3', 'broken', null, 1)], NOW, 'X', UTC)).toBe('2 posts at risk: X connection is broken')
    expect(atRiskLine([later], NOW, 'Facebook', UTC)).toBe('1 post at risk: Facebook data access ends 14 Feb')
  })

  it('adds up the channels\' counts, and says nothing without posts', () => {
    expect(atRiskLine([channel('c1', 'refresh_ends', NOW + 3 * DAY, 1200), channel('c2', 'refresh_ends', NOW + 5 * DAY, 34)], NOW, 'LinkedIn', UTC)).toBe(
      '1234 posts at risk: LinkedIn sign-in can no longer be renewed after Thursday',
    )
    expect(atRiskLine([], NOW, 'LinkedIn', UTC)).toBe('')
  })
})

describe('atRiskHeading', () => {
  it('counts scheduled posts', () => {
    expect(atRiskHeading(1)).toBe('1 scheduled post at risk')
    expect(atRiskHeading(5)).toBe('5 scheduled posts at risk')
  })
})
