import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ReportFormat } from '../../shared/domain/analytics'
import type { ReportCadence, ReportScheduleView } from '../../shared/domain/reports'
import { AppError } from '../../shared/errors'
import type { Clock, IdSource, Logger, Notifier, SaveDialog, Timer, TimerHandle } from '../ports'
import type { ReportService } from './report-service'
import { lastCompletePeriod, nextRunAfter } from './schedule-periods'

interface ScheduleRow {
  id: string
  brand_id: string | null
  brand_name: string | null
  cadence: ReportCadence
  format: ReportFormat
  folder: string
  next_run_at: number
  last_run_at: number | null
  last_file: string | null
  last_error: string | null
  created_at: number
}

const view = (r: ScheduleRow): ReportScheduleView => ({
  id: r.id,
  brandId: r.brand_id,
  brandName: r.brand_name,
  cadence: r.cadence,
  format: r.format,
  folder: r.folder,
  nextRunAt: r.next_run_at,
  lastRunAt: r.last_run_at,
  lastFile: r.last_file,
  lastError: r.last_error,
  createdAt: r.created_at,
})

/** How long a deleted schedule can be brought back with Undo. */
const UNDO_MS = 10 * 60_000

/**
 * Scheduled reports: weekly or monthly analytics reports written into a folder the person chose
 * in main's dialog, with a notification when written. One wake-up on the Timer port is armed for
 * the next run; a run missed while the computer slept or Relink was closed is caught up once, for
 * the latest complete period, on start and on resume, never once per missed period.
 */
export function createReportScheduler(deps: {
  sqlite: Database
  reports: Pick<ReportService, 'write' | 'fileName'>
  saveDialog: SaveDialog
  clock: Clock
  timer: Timer
  ids: IdSource
  notifier: Notifier
  logger: Logger
  onChange: (scheduleIds: string[]) => void
}) {
  const { sqlite, clock } = deps
  const select = `SELECT s.*, b.name AS brand_name FROM report_schedules s LEFT JOIN brands b ON b.id = s.brand_id`
  const byId = sqlite.prepare(`${select} WHERE s.id = ?`)
  const all = sqlite.prepare(`${select} ORDER BY s.created_at, s.id`)
  const due = sqlite.prepare(`${select} WHERE s.next_run_at <= ? ORDER BY s.next_run_at`)
  const nextAt = sqlite.prepare('SELECT min(next_run_at) AS at FROM report_schedules')
  const insert = sqlite.prepare(
    'INSERT INTO report_schedules (id, brand_id, cadence, format, folder, next_run_at, last_run_at, last_file, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const update = sqlite.prepare('UPDATE report_schedules SET brand_id = ?, cadence = ?, format = ?, folder = ?, next_run_at = ? WHERE id = ?')
  const recordRun = sqlite.prepare('UPDATE report_schedules SET last_run_at = ?, last_file = ?, last_error = ?, next_run_at = ? WHERE id = ?')
  const remove = sqlite.prepare('DELETE FROM report_schedules WHERE id = ?')
  const brandExists = sqlite.prepare('SELECT 1 FROM brands WHERE id = ?')

  const deleted = new Map<string, { row: ScheduleRow; at: number }>()
  let handle: TimerHandle | undefined
  let running: Promise<void> | undefined
  let stopped = false

  const get = (id: string): ScheduleRow => {
    const row = byId.get(id) as ScheduleRow | undefined
    if (!row) throw new AppError('not_found', 'That scheduled report no longer exists.')
    return row
  }

  function checkBrand(brandId: string | null): void {
    if (brandId !== null && !brandExists.get(brandId)) throw new AppError('not_found', 'That brand no longer exists.')
  }

  function chooseFolder(): Promise<string | null> {
    return deps.saveDialog.chooseFolder({ title: 'Choose the folder scheduled reports go to' })
  }

  /** Arms the one wake-up at the earliest next run. */
  function arm(): void {
    handle?.cancel()
    handle = undefined
    if (stopped) return
    const at = (nextAt.get() as { at: number | null }).at
    if (at === null) return
    handle = deps.timer.at(Math.max(at, clock.now()), () => void runDue())
  }

  async function runOne(row: ScheduleRow, now: number): Promise<void> {
    const period = lastCompletePeriod(row.cadence, now)
    const query = { ...(row.brand_id ? { brandId: row.brand_id } : {}), ...period }
    const next = nextRunAfter(row.cadence, now)
    const label = row.cadence === 'weekly' ? 'weekly' : 'monthly'
    try {
      const path = join(row.folder, await deps.reports.fileName('analytics', row.format, query))
      await deps.reports.write('analytics', row.format, query, path)
      recordRun.run(now, path, null, next, row.id)
      deps.notifier.show({ id: `report-written:${row.id}:${period.fromDay}`, title: `Your ${label} report is ready`, body: `${row.brand_name ?? 'All brands'}: written to ${path}`, target: { kind: 'app' } })
    } catch (err) {
      const reason = err instanceof AppError ? err.message : err instanceof Error && 'code' in err ? `The folder could not be written (${String((err as NodeJS.ErrnoException).code)}).` : 'The report could not be made.'
      recordRun.run(now, null, reason, next, row.id)
      deps.logger.log('warn', 'reports: a scheduled report failed', { scheduleId: row.id, error: err })
      deps.notifier.show({ id: `report-failed:${row.id}:${period.fromDay}`, title: `Your ${label} report was not written`, body: reason, target: { kind: 'app' } })
    }
  }

  /** Writes every report that is due (once each, however many periods were missed), then re-arms. */
  function runDue(): Promise<void> {
    if (running) return running
    running = (async () => {
      const now = clock.now()
      const rows = due.all(now) as ScheduleRow[]
      for (const row of rows) await runOne(row, now)
      if (rows.length) deps.onChange(rows.map((r) => r.id))
    })()
      .catch((err: unknown) => deps.logger.log('error', 'reports: running schedules failed', { error: err }))
      .finally(() => {
        running = undefined
        arm()
      })
    return running
  }

  return {
    start: () => runDue(),
    /** After sleep or a clock change: catch up what was missed and re-arm. */
    resume: () => runDue(),
    async stop(): Promise<void> {
      stopped = true
      handle?.cancel()
      await running
    },
    list: (): ReportScheduleView[] => (all.all() as ScheduleRow[]).map(view),

    /** Opens main's folder dialog; null when the person cancelled (nothing is saved). */
    async create(input: { brandId?: string | undefined; cadence: ReportCadence; format: ReportFormat }): Promise<ReportScheduleView | null> {
      const brandId = input.brandId ?? null
      checkBrand(brandId)
      const folder = await chooseFolder()
      if (!folder) return null
      const id = deps.ids.uuid()
      const now = clock.now()
      insert.run(id, brandId, input.cadence, input.format, folder, nextRunAfter(input.cadence, now), null, null, null, now)
      deps.logger.log('info', 'reports: schedule created', { scheduleId: id, cadence: input.cadence, format: input.format })
      arm()
      deps.onChange([id])
      return view(get(id))
    },

    async update(input: { id: string; brandId?: string | null | undefined; cadence?: ReportCadence | undefined; format?: ReportFormat | undefined; chooseFolder?: boolean | undefined }): Promise<ReportScheduleView | null> {
      const row = get(input.id)
      const brandId = input.brandId === undefined ? row.brand_id : input.brandId
      checkBrand(brandId)
      let folder = row.folder
      if (input.chooseFolder) {
        const picked = await chooseFolder()
        if (!picked) return null
        folder = picked
      }
      const cadence = input.cadence ?? row.cadence
      const nextRun = cadence === row.cadence ? row.next_run_at : nextRunAfter(cadence, clock.now())
      update.run(brandId, cadence, input.format ?? row.format, folder, nextRun, row.id)
      arm()
      deps.onChange([row.id])
      return view(get(row.id))
    },

    delete(id: string): { deleted: boolean } {
      const row = byId.get(id) as ScheduleRow | undefined
      if (!row) return { deleted: false }
      remove.run(id)
      deleted.set(id, { row, at: clock.now() })
      arm()
      deps.onChange([id])
      return { deleted: true }
    },

    /** Undo of a delete, within a few minutes, from what main kept (the window never names a folder). */
    restore(id: string): ReportScheduleView {
      const kept = deleted.get(id)
      if (!kept || clock.now() - kept.at > UNDO_MS) throw new AppError('not_found', 'That scheduled report can no longer be restored. Create it again.')
      const r = kept.row
      checkBrand(r.brand_id)
      const now = clock.now()
      insert.run(r.id, r.brand_id, r.cadence, r.format, r.folder, r.next_run_at > now ? r.next_run_at : nextRunAfter(r.cadence, now), r.last_run_at, r.last_file, r.last_error, r.created_at)
      deleted.delete(id)
      arm()
      deps.onChange([id])
      return view(get(id))
    },

    /** Writes the report for the latest complete period now, without moving the next run. */
    async runNow(id: string): Promise<ReportScheduleView> {
      const row = get(id)
      const next = row.next_run_at
      await runOne(row, clock.now())
      sqlite.prepare('UPDATE report_schedules SET next_run_at = ? WHERE id = ?').run(next, id)
      deps.onChange([id])
      return view(get(id))
    },
  }
}

export type ReportScheduler = ReturnType<typeof createReportScheduler>
