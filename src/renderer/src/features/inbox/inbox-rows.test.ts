import { describe, expect, it } from 'vitest'
import type { InboxItem } from '../../../../shared/domain/inbox'
import type { SyncGap } from '../../../../shared/domain/sync'
import { inboxGapSentence, mergeRows } from './inbox-rows'

const item = (id: number, createdAt: number): InboxItem =>
  ({ id, createdAt, text: `c${id}` }) as InboxItem

const gap = (id: number, from: number, to: number | null, extra: Partial<SyncGap> = {}): SyncGap => ({
  id,
  channelId: 'c1',
  stream: 'comments',
  from,
  to,
  reason: 'revoked_by_user',
  detail: '',
  state: to === null ? 'open' : 'closed',
  recovered: 0,
  recoveredUnit: 'items',
  lostBefore: null,
  lostNote: '',
  recoverableUntil: null,
  closedAt: null,
  ...extra,
})

const fmt = (ms: number): string => `t${ms}`

describe('inbox rows', () => {
  it('places each gap where it ended among the comments, open gaps first', () => {
    const rows = mergeRows([item(1, 900), item(2, 500), item(3, 100)], [gap(7, 200, 600), gap(8, 950, null)], () => '', false)
    expect(rows.map((r) => (r.kind === 'gap' ? `g${r.gap.id}` : `i${r.item.id}`))).toEqual(['g8', 'i1', 'g7', 'i2', 'i3'])
  })

  it('keeps gaps older than the loaded page for later, unless everything is loaded', () => {
    const gaps = [gap(7, 10, 50)]
    expect(mergeRows([item(1, 900)], gaps, () => '', false)).toHaveLength(1)
    expect(mergeRows([item(1, 900)], gaps, () => '', true).at(-1)).toMatchObject({ kind: 'gap' })
  })

  it('says a gap in plain words with what came back and what is gone', () => {
    const channel = { name: 'Northwind Coffee', network: 'facebook' as const }
    expect(inboxGapSentence(gap(1, 1, 2, { recovered: 37 }), channel, fmt)).toBe(
      'No comments synced from Northwind Coffee (Facebook) from t1 to t2: Access removed. 37 recovered after reconnect.',
    )
    expect(inboxGapSentence(gap(1, 1, null, { recoverableUntil: 9, stream: 'mentions' }), { name: 'Relink', network: 'x' }, fmt)).toBe(
      'No replies or mentions synced from Relink (X) since t1: Access removed. Refresh connection to read them back. Reconnect before t9 or older replies or mentions are lost.',
    )
    expect(inboxGapSentence(gap(1, 1, 5, { recovered: 2, lostBefore: 3, lostNote: 'X serves replies from the last 7 days only.' }), undefined, fmt)).toBe(
      'No comments synced from a removed channel from t1 to t5: Access removed. 2 recovered after reconnect. Not recoverable: anything before t3. X serves replies from the last 7 days only.',
    )
  })
})
