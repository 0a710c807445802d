import { describe, expect, it } from 'vitest'
import { INSTAGRAM_MEDIA_METRICS, INSTAGRAM_USER_SERIES_METRICS, INSTAGRAM_USER_TOTAL_METRICS } from '../instagram/config'
import { FACEBOOK_PAGE_METRICS, FACEBOOK_POST_METRICS, RETIRED_GRAPH_METRICS } from '../facebook/config'
import {
  advanceCursor,
  capabilitiesOf,
  dailyMetrics,
  dayChunks,
  decodeCursor,
  encodeCursor,
  lifetimeMetrics,
  metricValue,
  multipartBody,
  parseGraphTime,
} from './client'

describe('metric tables', () => {
  it('never ask for retired metrics (impressions family, page_fans, plays, video_views)', () => {
    const all = [
      ...FACEBOOK_PAGE_METRICS,
      ...FACEBOOK_POST_METRICS,
      ...INSTAGRAM_MEDIA_METRICS,
      ...INSTAGRAM_USER_SERIES_METRICS,
      ...INSTAGRAM_USER_TOTAL_METRICS,
    ].map((m) => m.graph)
    for (const name of all) {
      expect(RETIRED_GRAPH_METRICS).not.toContain(name)
      expect(name).not.toMatch(/impressions|page_fan/)
    }
  })
})

describe('Graph times and days', () => {
  it('parses Graph timestamps with a +0000 offset', () => {
    expect(parseGraphTime('2026-01-05T09:00:00+0000')).toBe(Date.UTC(2026, 0, 5, 9))
    expect(parseGraphTime('2026-01-05T01:00:00-0800')).toBe(Date.UTC(2026, 0, 5, 9))
    expect(() => parseGraphTime('yesterday')).toThrow()
  })

  it('splits long ranges into chunks the API accepts', () => {
    expect(dayChunks('2026-01-01', '2026-01-10', 90)).toEqual([{ since: '2026-01-01', until: '2026-01-10' }])
    expect(dayChunks('2026-01-01', '2026-01-10', 4)).toEqual([
      { since: '2026-01-01', until: '2026-01-04' },
      { since: '2026-01-05', until: '2026-01-08' },
      { since: '2026-01-09', until: '2026-01-10' },
    ])
  })

  it('maps a daily value to the day before its end_time', () => {
    const metrics = dailyMetrics(
      [
        {
          name: 'page_media_view',
          values: [
            { value: 10, end_time: '2026-01-03T08:00:00+0000' },
            { value: 12, end_time: '2026-01-04T08:00:00+0000' },
          ],
        },
        { name: 'unknown_metric', values: [{ value: 1, end_time: '2026-01-04T08:00:00+0000' }] },
      ],
      FACEBOOK_PAGE_METRICS,
    )
    expect(metrics).toEqual([
      { day: '2026-01-02', metric: 'views', value: 10 },
      { day: '2026-01-03', metric: 'views', value: 12 },
    ])
  })

  it('sums object values (reactions by type) and reads lifetime values on the day read', () => {
    expect(metricValue({ like: 3, love: 2 })).toBe(5)
    expect(lifetimeMetrics([{ name: 'post_reactions_by_type_total', values: [{ value: { like: 3, wow: 1 } }] }], FACEBOOK_POST_METRICS, Date.UTC(2026, 0, 5, 12))).toEqual([
      { day: '2026-01-05', metric: 'reactions', value: 4 },
    ])
  })
})

describe('comment cursors', () => {
  const c = (id: string, createdAt: number) => ({ networkCommentId: id, createdAt })

  it('round-trips and rejects foreign cursors', () => {
    const cursor = { since: 1000, seen: ['a', 'b'] }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(decodeCursor(null)).toBeNull()
  })

  it('returns only newer comments, oldest first, and remembers ids at the boundary second', () => {
    const first = advanceCursor([c('b', 2000), c('a', 1000), c('c', 2000)], null)
    expect(first.fresh.map((x) => x.networkCommentId)).toEqual(['a', 'b', 'c'])
    const cursor = decodeCursor(first.next)
    expect(cursor).toEqual({ since: 2000, seen: ['b', 'c'] })
    const second = advanceCursor([c('a', 1000), c('b', 2000), c('c', 2000), c('d', 2000), c('e', 3000)], cursor)
    expect(second.fresh.map((x) => x.networkCommentId)).toEqual(['d', 'e'])
  })

  it('keeps the cursor when nothing is new, and is null when there never was anything', () => {
    expect(advanceCursor([], null).next).toBeNull()
    const next = encodeCursor({ since: 5, seen: ['x'] })
    expect(advanceCursor([c('x', 5)], decodeCursor(next)).next).toBe(next)
  })
})

describe('publishing helpers', () => {
  it('builds a multipart body with the fields and the file', () => {
    const { data, contentType } = multipartBody({ message: 'Hi', skip: undefined }, { name: 'source', filename: 'a.jpg', contentType: 'image/jpeg', data: new Uint8Array([1, 2, 3]) })
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? ''
    const text = Buffer.from(data).toString('latin1')
    expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\nHi\r\n`)
    expect(text).toContain('name="source"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\u0001\u0002\u0003\r\n')
    expect(text).not.toContain('skip')
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true)
  })

  it('maps tasks to capabilities', () => {
    expect(capabilitiesOf(['MODERATE', 'ANALYZE'])).toEqual({ publish: false, moderate: true, analyze: true })
    expect(capabilitiesOf(['CREATE_CONTENT'])).toEqual({ publish: true, moderate: false, analyze: false })
  })
})
