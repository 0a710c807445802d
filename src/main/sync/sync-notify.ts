/**
 * Desktop notifications about reading, apart from sign-ins: a channel gone "suspiciously quiet"
 * (the sync-health rule in stream-health.ts: a comments or mentions stream with at least
 * `quietMinHistory` items in the 30 days before, whose reads all succeed but have brought nothing
 * for `quietAfterMs`, three days by default), and LinkedIn's deadline for a broken sign-in
 * ("Reconnect Northwind (LinkedIn) by Thu 2 Apr or older comments are lost": LinkedIn serves 30
 * days back, wave2-anchors §3.6). Each is told once per incident, a quiet spell by when it began
 * and a deadline by its gap, remembered in the database so a restart does not repeat it; an
 * incident that ends is forgotten, so the next one is told. Settings → Inbox turns each off.
 */
import type { Database } from 'better-sqlite3'
import { NETWORK_LABELS, type Network } from '../../shared/domain/network'
import type { MetaRepository } from '../db/repositories/meta-repository'
import type { Clock, Logger, Notifier, SettingsStore, Timer, TimerHandle } from '../ports'
import type { SyncEngine } from './types'

const TOLD_KEY = 'sync.notices.told'
const DAY = 86_400_000

export interface SyncNoticeOptions {
  /** Reads this close together are looked at once. */
  batchMs: number
  locale: string
  /** The zone dates are written in (the system's when left out). */
  timeZone?: string
}

interface Notice {
  key: string
  title: string
  body: string
  target: 'inbox' | 'health'
}

export function createSyncNotices(deps: {
  sync: Pick<SyncEngine, 'health' | 'gaps'>
  sqlite: Database
  meta: Pick<MetaRepository, 'get' | 'set'>
  notifier: Notifier
  settings: Pick<SettingsStore, 'read'>
  clock: Clock
  timer: Timer
  logger: Logger
  options: Partial<SyncNoticeOptions> & Pick<SyncNoticeOptions, 'locale'>
}) {
  const opt: SyncNoticeOptions = { batchMs: 30_000, ...deps.options }
  const day = new Intl.DateTimeFormat(opt.locale, { weekday: 'short', day: 'numeric', month: 'short', ...(opt.timeZone ? { timeZone: opt.timeZone } : {}) })
  const channelRow = deps.sqlite.prepare('SELECT name, network FROM channels WHERE id = ?')
  let handle: TimerHandle | undefined

  const where = (channelId: string): { name: string; network: Network } | undefined => channelRow.get(channelId) as { name: string; network: Network } | undefined

  async function current(): Promise<Notice[]> {
    const prefs = deps.settings.read().inbox
    const notices: Notice[] = []
    if (prefs.quietWarning) {
      for (const h of await deps.sync.health({ streams: ['comments', 'mentions'] })) {
        const channel = h.quietSince === null ? undefined : where(h.channelId)
        if (!channel || h.quietSince === null) continue
        const label = NETWORK_LABELS[channel.network]
        const days = Math.floor((deps.clock.now() - h.quietSince) / DAY)
        notices.push({
          key: `quiet:${h.channelId}:${h.stream}:${h.quietSince}`,
          title: `${channel.name} (${label}) has gone quiet`,
          body: `No ${h.stream} for ${days} days, since ${day.format(h.quietSince)}, though it usually has them and Relink reads it without errors. Check on ${label} that comments are still open and not filtered.`,
          target: 'inbox',
        })
      }
    }
    if (prefs.linkedinDeadline) {
      for (const gap of await deps.sync.gaps.list({ streams: ['comments'] })) {
        const channel = where(gap.channelId)
        if (gap.state !== 'open' || gap.recoverableUntil === null || channel?.network !== 'linkedin') continue
        notices.push({
          key: `deadline:${gap.id}`,
          title: `Reconnect ${channel.name} (LinkedIn) by ${day.format(gap.recoverableUntil)} or older comments are lost`,
          body: `LinkedIn serves comments for 30 days. Refresh the connection before then and Relink reads back everything since ${day.format(gap.from)}.`,
          target: 'health',
        })
      }
    }
    return notices
  }

  async function check(): Promise<void> {
    handle = undefined
    const notices = await current()
    const told = new Set<string>(JSON.parse((await deps.meta.get(TOLD_KEY)) ?? '[]') as string[])
    const fresh = notices.filter((n) => !told.has(n.key))
    // What is no longer an incident is forgotten; what is told is remembered before it is shown.
    await deps.meta.set(TOLD_KEY, JSON.stringify(notices.map((n) => n.key)))
    if (!deps.settings.read().notifications.enabled) return
    for (const n of fresh) {
      deps.notifier.show({ id: `sync:${n.key}`, title: n.title, body: n.body, target: { kind: 'app', id: n.target } })
      deps.logger.log('info', 'sync: notified', { key: n.key })
    }
  }

  return {
    /** Reads finished: look once the batch window closes. */
    soon(): void {
      if (handle) return
      handle = deps.timer.at(deps.clock.now() + opt.batchMs, () => void check().catch((err: unknown) => deps.logger.log('error', 'sync: notices failed', { error: err })))
    },
    /** Looks now (tests, start-up). */
    check,
    stop(): void {
      handle?.cancel()
      handle = undefined
    },
  }
}

export type SyncNotices = ReturnType<typeof createSyncNotices>
