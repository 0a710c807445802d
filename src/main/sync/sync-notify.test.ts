import { describe, expect, it } from 'vitest'
import { defaultSettings, type AppSettings } from '../../shared/domain/settings'
import type { StreamHealth, SyncGap } from '../../shared/domain/sync'
import { createFakeClock } from '../../../tests/fakes/clock'
import { openDatabase } from '../db/client'
import { createMetaRepository } from '../db/repositories/meta-repository'
import type { DesktopNotification } from '../ports'
import { createSyncNotices } from './sync-notify'
import type { GapLedger } from './types'

const DAY = 86_400_000
const START = Date.UTC(2026, 2, 20, 9)

function setup(database = openDatabase(':memory:', { nowMs: START })) {
  const { sqlite } = database
  sqlite.prepare("INSERT OR IGNORE INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('li', 'linkedin', 'o1', 'organization', 'Northwind', 1)").run()
  sqlite.prepare("INSERT OR IGNORE INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('fb', 'facebook', 'p1', 'page', 'Harbor Books', 1)").run()
  const clock = createFakeClock(START)
  const shown: DesktopNotification[] = []
  let settings: AppSettings = defaultSettings()
  const state: { health: StreamHealth[]; gaps: SyncGap[] } = { health: [], gaps: [] }
  const make = () =>
    createSyncNotices({
      sync: { health: async () => state.health, gaps: { list: async () => state.gaps } as unknown as GapLedger },
      sqlite,
      meta: createMetaRepository(database.db),
      notifier: { show: (n) => void shown.push(n), onClick: () => () => undefined },
      settings: { read: () => settings },
      clock,
      timer: clock,
      logger: { log: () => undefined },
      options: { locale: 'en-GB', timeZone: 'UTC', batchMs: 30_000 },
    })
  return { database, clock, shown, state, make, set: (next: (s: AppSettings) => AppSettings) => void (settings = next(settings)) }
}

const quiet = (channelId: string, since: number | null): StreamHealth => ({
  channelId,
  stream: 'comments',
  lastOkAt: START,
  lastRunAt: START,
  lastError: null,
  itemsLast24h: 0,
  nextRunAt: null,
  running: false,
  quietSince: since,
})

const gap = (id: number, channelId: string, from: number, recoverableUntil: number | null): SyncGap => ({
  id,
  channelId,
  stream: 'comments',
  from,
  to: null,
  reason: 'password_changed',
  detail: '',
  state: 'open',
  recovered: 0,
  recoveredUnit: 'items',
  lostBefore: null,
  lostNote: '',
  closedAt: null,
  recoverableUntil,
})

describe('sync notices', () => {
  it('tells a suspiciously quiet channel once per quiet spell, across restarts, and again when a new spell begins', async () => {
    const s = setup()
    s.state.health = [quiet('fb', START - 4 * DAY)]
    const notices = s.make()
    await notices.check()
    expect(s.shown).toHaveLength(1)
    expect(s.shown[0]).toMatchObject({ title: 'Harbor Books (Facebook) has gone quiet', target: { kind: 'app', id: 'inbox' } })
    expect(s.shown[0]?.body).toContain('No comments for 4 days, since Mon 16 Mar')
    await notices.check()
    await s.make().check()
    expect(s.shown).toHaveLength(1)

    // Comments came back, then it went quiet again: a new incident.
    s.state.health = [quiet('fb', null)]
    await notices.check()
    s.clock.advance(10 * DAY)
    s.state.health = [quiet('fb', START + 6 * DAY)]
    await notices.check()
    expect(s.shown).toHaveLength(2)
  })

  it('tells LinkedIn’s deadline once per broken sign-in, with the date, and never for other networks', async () => {
    const s = setup()
    const from = Date.UTC(2026, 2, 3, 14)
    s.state.gaps = [gap(7, 'li', from, from + 30 * DAY), gap(8, 'fb', from, from + 30 * DAY), { ...gap(9, 'li', from, null), state: 'closed' }]
    const notices = s.make()
    await notices.check()
    await notices.check()
    expect(s.shown.map((n) => n.title)).toEqual(['Reconnect Northwind (LinkedIn) by Thu 2 Apr or older comments are lost'])
    expect(s.shown[0]).toMatchObject({ id: 'sync:deadline:7', target: { kind: 'app', id: 'health' } })
    expect(s.shown[0]?.body).toContain('since Tue 3 Mar')
    // Reconnected, then broken again: a new gap, a new deadline.
    s.state.gaps = [gap(12, 'li', from + 20 * DAY, from + 50 * DAY)]
    await notices.check()
    expect(s.shown.map((n) => n.title).at(-1)).toBe('Reconnect Northwind (LinkedIn) by Wed 22 Apr or older comments are lost')
  })

  it('follows Settings: each warning can be turned off, and nothing is shown (nor later replayed) while notifications are off', async () => {
    const s = setup()
    s.state.health = [quiet('fb', START - 4 * DAY)]
    s.state.gaps = [gap(7, 'li', START - DAY, START + 29 * DAY)]
    s.set((v) => ({ ...v, inbox: { ...v.inbox, quietWarning: false, linkedinDeadline: false } }))
    const notices = s.make()
    await notices.check()
    expect(s.shown).toEqual([])
    s.set((v) => ({ ...v, inbox: { ...v.inbox, quietWarning: true, linkedinDeadline: true }, notifications: { ...v.notifications, enabled: false } }))
    await notices.check()
    s.set((v) => ({ ...v, notifications: { ...v.notifications, enabled: true } }))
    await notices.check()
    expect(s.shown).toEqual([])
  })

  it('looks once per batch of reads, when the batch window closes', async () => {
    const s = setup()
    s.state.health = [quiet('fb', START - 4 * DAY)]
    const notices = s.make()
    notices.soon()
    notices.soon()
    expect(s.clock.pending()).toBe(1)
    s.clock.advance(30_000)
    await new Promise((r) => setTimeout(r, 10))
    expect(s.shown).toHaveLength(1)
  })
})
