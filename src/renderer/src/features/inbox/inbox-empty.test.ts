import { describe, expect, it } from 'vitest'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { inboxEmpty, type InboxEmptyInput } from './inbox-empty'

const channel = (name: string, health: ChannelSummary['health'] = 'healthy'): ChannelSummary => ({
  id: name.toLowerCase(),
  network: 'facebook',
  name,
  handle: '',
  kind: 'page',
  health,
  brandIds: [],
  linkCount: 1,
  healthyLinkCount: health === 'healthy' ? 1 : 0,
})
const quiet: InboxEmptyInput = {
  rows: 0,
  items: 0,
  loading: false,
  error: undefined,
  channels: [channel('Northwind')],
  closedChannel: undefined,
  filtered: false,
  search: '',
  health: { answered: true, failed: false, neverRead: false },
}

describe('what the Inbox shows with no rows', () => {
  it('shows the list whenever there are rows, and says "Nothing waiting" only when every channel was read and none is broken', () => {
    expect(inboxEmpty({ ...quiet, rows: 3, items: 3 })).toEqual({ kind: 'list' })
    expect(inboxEmpty({ ...quiet, rows: 1, items: 0, loading: true })).toEqual({ kind: 'list' })
    expect(inboxEmpty(quiet)).toEqual({ kind: 'all-done' })
  })

  it('tells the truth about why it is empty, most pressing first', () => {
    const broken = channel('Harbor Books', 'disconnected')
    expect(inboxEmpty({ ...quiet, error: 'The inbox could not be read.' })).toEqual({ kind: 'error', message: 'The inbox could not be read.' })
    expect(inboxEmpty({ ...quiet, loading: true })).toEqual({ kind: 'loading' })
    expect(inboxEmpty({ ...quiet, channels: [] })).toEqual({ kind: 'no-channels' })
    expect(inboxEmpty({ ...quiet, closedChannel: channel('Dana'), filtered: true })).toEqual({ kind: 'closed-channel', channel: channel('Dana') })
    expect(inboxEmpty({ ...quiet, filtered: true, search: '  refund ' })).toEqual({ kind: 'nothing-matches', search: 'refund' })
    expect(inboxEmpty({ ...quiet, health: { answered: false, failed: false, neverRead: false } })).toEqual({ kind: 'loading' })
    expect(inboxEmpty({ ...quiet, health: { answered: true, failed: false, neverRead: true }, channels: [broken] })).toEqual({ kind: 'first-sync' })
    expect(inboxEmpty({ ...quiet, channels: [channel('Northwind'), broken] })).toEqual({ kind: 'broken', channels: [broken] })
  })

  it('does not wait for the streams’ health when asking for it failed, nor hide a failed read behind rows still loading', () => {
    expect(inboxEmpty({ ...quiet, health: { answered: false, failed: true, neverRead: false } })).toEqual({ kind: 'all-done' })
    expect(inboxEmpty({ ...quiet, rows: 2, items: 0, error: 'Offline' })).toEqual({ kind: 'error', message: 'Offline' })
    // A read that failed after some items arrived keeps the items on screen.
    expect(inboxEmpty({ ...quiet, rows: 2, items: 2, error: 'Offline' })).toEqual({ kind: 'list' })
  })
})
