import { describe, expect, it } from 'vitest'
import type { ChannelRef } from '../../shared/domain/analytics'
import type { SyncGap } from '../../shared/domain/sync'
import { mergeIncidents, postCounts } from './health-data'
import { durationWords, healthCsv, streamOutcome } from './health-report'

const HOUR = 3_600_000
const T = Date.UTC(2026, 0, 5, 9)
const books: ChannelRef = { id: 'c1', name: 'Harbor Books', network: 'facebook' }
const coffee: ChannelRef = { id: 'c2', name: 'Northwind Coffee', network: 'instagram' }

function gap(over: Partial<SyncGap>): SyncGap {
  return {
    id: 1,
    channelId: 'c1',
    stream: 'channel_metrics',
    from: T,
    to: T + 72 * HOUR,
    reason: 'revoked_by_user',
    detail: 'Relink was removed from the account.',
    state: 'closed',
    recovered: 3,
    recoveredUnit: 'days',
    lostBefore: null,
    lostNote: '',
    recoverableUntil: null,
    closedAt: T + 72 * HOUR,
    ...over,
  }
}

describe('the connection-health report', () => {
  it('merges the streams that stopped together into one incident per break, and keeps separate breaks apart', () => {
    const incidents = mergeIncidents(
      [
        gap({ id: 1 }),
        gap({ id: 2, stream: 'post_metrics', recovered: 4, recoveredUnit: 'items' }),
        gap({ id: 3, from: T + 200 * HOUR, to: null, state: 'open', recovered: 0 }),
        gap({ id: 4, channelId: 'c2', reason: 'password_changed', from: T + HOUR, to: T + 2 * HOUR }),
        gap({ id: 5, channelId: 'gone' }),
      ],
      new Map([books, coffee].map((c) => [c.id, c])),
    )
    expect(incidents.map((i) => [i.channelName, i.from, i.to, i.why, i.streams.map((s) => s.stream)])).toEqual([
      ['Harbor Books', T, T + 72 * HOUR, 'Access removed', ['channel_metrics', 'post_metrics']],
      ['Northwind Coffee', T + HOUR, T + 2 * HOUR, 'Password changed', ['channel_metrics']],
      ['Harbor Books', T + 200 * HOUR, null, 'Access removed', ['channel_metrics']],
    ])
  })

  it('says durations and outcomes in plain words', () => {
    expect(durationWords(45 * 60_000)).toBe('45 minutes')
    expect(durationWords(5 * HOUR)).toBe('5 hours')
    expect(durationWords(73 * HOUR)).toBe('3 days 1 hour')
    expect(streamOutcome({ stream: 'channel_metrics', state: 'closed', recovered: 3, unit: 'days', lostBefore: null, lostNote: '' }, 'en-GB')).toBe('Channel metrics: 3 days recovered')
    expect(streamOutcome({ stream: 'post_metrics', state: 'open', recovered: 0, unit: 'items', lostBefore: null, lostNote: '' }, 'en-GB')).toBe(
      'Post metrics: not read yet; Refresh connection to recover it',
    )
    expect(
      streamOutcome({ stream: 'channel_metrics', state: 'closed', recovered: 30, unit: 'days', lostBefore: Date.UTC(2025, 11, 1), lostNote: 'LinkedIn serves 12 months.' }, 'en-GB'),
    ).toBe('Channel metrics: 30 days recovered; before 1 Dec 2025 is gone for good (LinkedIn serves 12 months.)')
    expect(postCounts([{ deliveryId: 1, dueAt: T, state: 'held', publishedAt: null, excerpt: '' }, { deliveryId: 2, dueAt: T, state: 'published', publishedAt: T, excerpt: '' }])).toEqual({
      held: 1,
      publishedLate: 1,
      skipped: 0,
      other: 0,
    })
  })

  it('writes one CSV row per incident, formula-like cells escaped', () => {
    const [incident] = mergeIncidents([gap({ detail: '=cmd|calc' })], new Map([[books.id, books]]))
    if (!incident) throw new Error('no incident')
    const csv = healthCsv(
      { title: 't', fromDay: '2026-01-01', toDay: '2026-01-31', generatedAt: T + 100 * HOUR, channels: [books], incidents: [{ ...incident, posts: [] }], events: [] },
      'en-GB',
    )
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe(
      'Channel,Network,Broke at (UTC),Working again at (UTC),Hours broken,Why,What the network said,Posts due,Posts still held,Posts published after the repair,Posts skipped,Data',
    )
    expect(lines[1]).toBe(`Harbor Books,Facebook,2026-01-05T09:00:00.000Z,2026-01-08T09:00:00.000Z,72,Access removed,'=cmd|calc,0,0,0,0,Channel metrics: 3 days recovered`)
  })

  it('quotes a network message with a line break, so it stays one cell', () => {
    const [incident] = mergeIncidents([gap({ detail: 'Error validating access token:\nThe user has not authorized application 123.' })], new Map([[books.id, books]]))
    if (!incident) throw new Error('no incident')
    const csv = healthCsv({ title: 't', fromDay: '2026-01-01', toDay: '2026-01-31', generatedAt: T, channels: [books], incidents: [{ ...incident, posts: [] }], events: [] }, 'en-GB')
    expect(csv).toContain(',"Error validating access token:\nThe user has not authorized application 123.",')
  })
})
