import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import { tempDir } from '../../../tests/fakes/ports'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { cryptoIds } from '../platform/crypto-ids'
import type { DesktopNotification, Timer, TimerHandle } from '../ports'
import { createReportScheduler } from './report-scheduler'
import type { ReportKind } from './report-service'
import { lastCompletePeriod, nextRunAfter } from './schedule-periods'

// Monday 5 January 2026, 09:00 UTC.
const MONDAY = Date.UTC(2026, 0, 5, 9)

describe('when scheduled reports run', () => {
  it('a weekly report covers the previous Monday to Sunday and runs on Mondays at 06:00 UTC', () => {
    expect(lastCompletePeriod('weekly', MONDAY)).toEqual({ fromDay: '2025-12-29', toDay: '2026-01-04' })
    expect(lastCompletePeriod('weekly', Date.UTC(2026, 0, 11, 23))).toEqual({ fromDay: '2025-12-29', toDay: '2026-01-04' })
    expect(new Date(nextRunAfter('weekly', MONDAY)).toISOString()).toBe('2026-01-12T06:00:00.000Z')
    expect(new Date(nextRunAfter('weekly', Date.UTC(2026, 0, 5, 5))).toISOString()).toBe('2026-01-05T06:00:00.000Z')
  })

  it('a monthly report covers the previous calendar month and runs on the 1st at 06:00 UTC', () => {
    expect(lastCompletePeriod('monthly', MONDAY)).toEqual({ fromDay: '2025-12-01', toDay: '2025-12-31' })
    expect(lastCompletePeriod('monthly', Date.UTC(2026, 2, 1, 7))).toEqual({ fromDay: '2026-02-01', toDay: '2026-02-28' })
    expect(new Date(nextRunAfter('monthly', MONDAY)).toISOString()).toBe('2026-02-01T06:00:00.000Z')
    expect(new Date(nextRunAfter('monthly', Date.UTC(2026, 11, 20))).toISOString()).toBe('2027-01-01T06:00:00.000Z')
  })
})

describe('the report scheduler', () => {
  let database: RelinkDatabase | undefined
  afterEach(async () => {
    await database?.close()
    database = undefined
  })

  function setup(options: { timer?: Timer; failWith?: Error } = {}) {
    const dir = tempDir('relink-schedules-')
    const clock = createFakeClock(MONDAY)
    database = openDatabase(join(dir, 'relink.db'), { nowMs: clock.now() })
    database.sqlite.prepare("INSERT INTO brands (id, name, color, created_at, updated_at) VALUES ('b1', 'Northwind Coffee', '#3b82f6', 1, 1)").run()
    const written: { kind: ReportKind; format: string; query: unknown; path: string }[] = []
    const notifications: DesktopNotification[] = []
    const folders: string[] = []
    const changes: string[][] = []
    const scheduler = createReportScheduler({
      sqlite: database.sqlite,
      reports: {
        fileName: async (kind, format, query) => `${kind}-${query.fromDay}-to-${query.toDay}.${format}`,
        write: async (kind, format, query, path) => {
          if (options.failWith) throw options.failWith
          written.push({ kind, format, query, path })
          return { rows: 1, pages: 2 }
        },
      },
      saveDialog: { chooseReportPath: async () => null, chooseFolder: async () => folders.shift() ?? null },
      clock,
      timer: options.timer ?? clock,
      ids: cryptoIds,
      notifier: { show: (n) => void notifications.push(n), onClick: () => () => undefined },
      logger: { log: () => undefined },
      onChange: (ids) => void changes.push(ids),
    })
    return { clock, scheduler, written, notifications, folders, changes, dir }
  }

  it('creates a schedule only with a folder chosen in main’s dialog, writes it on its day into that folder and says so', async () => {
    const { clock, scheduler, written, notifications, folders } = setup()
    expect(await scheduler.create({ brandId: 'b1', cadence: 'weekly', format: 'pdf' })).toBeNull()
    expect(scheduler.list()).toEqual([])

    folders.push('/home/ana/Reports')
    const created = await scheduler.create({ brandId: 'b1', cadence: 'weekly', format: 'pdf' })
    expect(created).toMatchObject({ brandName: 'Northwind Coffee', cadence: 'weekly', format: 'pdf', folder: '/home/ana/Reports', nextRunAt: Date.UTC(2026, 0, 12, 6), lastRunAt: null })

    clock.advance(Date.UTC(2026, 0, 12, 6) - MONDAY - 1)
    expect(written).toEqual([])
    clock.advance(1)
    await scheduler.resume()
    expect(written).toEqual([
      { kind: 'analytics', format: 'pdf', query: { brandId: 'b1', fromDay: '2026-01-05', toDay: '2026-01-11' }, path: '/home/ana/Reports/analytics-2026-01-05-to-2026-01-11.pdf' },
    ])
    expect(notifications).toEqual([
      expect.objectContaining({ title: 'Your weekly report is ready', body: 'Northwind Coffee: written to /home/ana/Reports/analytics-2026-01-05-to-2026-01-11.pdf' }),
    ])
    expect(scheduler.list()[0]).toMatchObject({ lastRunAt: Date.UTC(2026, 0, 12, 6), lastFile: '/home/ana/Reports/analytics-2026-01-05-to-2026-01-11.pdf', nextRunAt: Date.UTC(2026, 0, 19, 6) })
  })

  it('catches a run missed during sleep up once, for the latest week, when the computer wakes', async () => {
    // A sleeping computer: wake-ups are armed but never fire.
    const armed: number[] = []
    const sleepy: Timer = { at: (when): TimerHandle => (armed.push(when), { cancel: () => undefined }) }
    const { clock, scheduler, written, folders } = setup({ timer: sleepy })
    folders.push('/reports')
    await scheduler.create({ cadence: 'weekly', format: 'csv' })
    expect(armed.at(-1)).toBe(Date.UTC(2026, 0, 12, 6))

    clock.set(Date.UTC(2026, 0, 28, 10)) // Wednesday, two Mondays later
    expect(written).toEqual([])
    await scheduler.resume()
    expect(written.map((w) => w.query)).toEqual([{ fromDay: '2026-01-19', toDay: '2026-01-25' }])
    expect(scheduler.list()[0]?.nextRunAt).toBe(Date.UTC(2026, 1, 2, 6))
    // Waking again writes nothing more.
    await scheduler.resume()
    expect(written).toHaveLength(1)
  })

  it('records and says why a run wrote nothing, and still plans the next one', async () => {
    const failure = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    const { clock, scheduler, notifications, folders } = setup({ failWith: failure })
    folders.push('/readonly')
    await scheduler.create({ cadence: 'monthly', format: 'xlsx' })
    clock.set(Date.UTC(2026, 1, 1, 6))
    await scheduler.resume()
    expect(scheduler.list()[0]).toMatchObject({ lastError: 'The folder could not be written (EACCES).', lastFile: null, nextRunAt: Date.UTC(2026, 2, 1, 6) })
    expect(notifications.at(-1)).toMatchObject({ title: 'Your monthly report was not written', body: 'The folder could not be written (EACCES).' })
  })

  it('edits cadence, format, brand and folder; deletes with undo', async () => {
    const { scheduler, folders } = setup()
    folders.push('/a')
    const created = await scheduler.create({ cadence: 'weekly', format: 'pdf' })
    if (!created) throw new Error('not created')
    expect(await scheduler.update({ id: created.id, cadence: 'monthly', format: 'xlsx', brandId: 'b1' })).toMatchObject({
      cadence: 'monthly',
      format: 'xlsx',
      brandName: 'Northwind Coffee',
      nextRunAt: Date.UTC(2026, 1, 1, 6),
      folder: '/a',
    })
    expect(await scheduler.update({ id: created.id, chooseFolder: true })).toBeNull()
    folders.push('/b')
    expect(await scheduler.update({ id: created.id, chooseFolder: true })).toMatchObject({ folder: '/b' })
    await expect(scheduler.update({ id: created.id, brandId: 'nope' })).rejects.toThrow('That brand no longer exists.')

    expect(scheduler.delete(created.id)).toEqual({ deleted: true })
    expect(scheduler.list()).toEqual([])
    expect(scheduler.restore(created.id)).toMatchObject({ id: created.id, folder: '/b', cadence: 'monthly' })
    expect(() => scheduler.restore(created.id)).toThrow('can no longer be restored')
  })
})
