import { rename, rm, writeFile } from 'node:fs/promises'
import type { AnalyticsQuery, ReportFormat } from '../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../shared/domain/network'
import type { DashboardService } from '../analytics/dashboard'
import { dayNumber, type MetricsRepository } from '../analytics/metrics-repository'
import type { SyncEngine } from '../sync/types'
import type { Clock, Logger, PdfPrinter, SaveDialog, XlsxWriter } from '../ports'
import type { ExportProgress } from '../../shared/domain/reports'
import { analyticsReportPage } from './analytics-page'
import { csvReport } from './csv-report'
import { createHealthReportReader, mergeIncidents, type HealthReportData } from './health-data'
import { healthCsv, healthReportPage } from './health-report'
import { reportData } from './report-data'
import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import type { XlsxProgress } from './xlsx-report'

export type ExportFormat = ReportFormat
/** The analytics report (metrics), or the connection-health report (what broke and what came back). */
export type ReportKind = 'analytics' | 'health'

const DAY_MS = 86_400_000

/** Pages of a PDF Chromium wrote: its page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}

export const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'report'

/** An export the window can follow and cancel. */
interface Job {
  signal: AbortSignal
  onProgress: XlsxProgress
}

export interface WrittenReport {
  /** Daily rows (CSV, Excel analytics reports) or incidents (health CSV). */
  rows: number
  /** Pages of a PDF; null for other formats. */
  pages: number | null
}

/**
 * Reports to files: the person picks the place in main's save dialog (or a schedule names its
 * folder), the file is written next to it under a temporary name and renamed into place, so a
 * failure half-way never leaves a truncated report where an older one was.
 */
export function createReportService(deps: {
  dashboards: DashboardService
  repo: MetricsRepository
  sqlite: Database
  sync: Pick<SyncEngine, 'gaps'>
  saveDialog: SaveDialog
  pdf: PdfPrinter
  /** Writes Excel files off the main thread. */
  xlsx: XlsxWriter
  /** Rows an export started from the window has written, for its progress bar. */
  onProgress?: (progress: ExportProgress) => void
  clock: Clock
  logger: Logger
  /** The system's regional format, for dates and numbers in printed reports. */
  locale: string
  brandName: (brandId: string) => Promise<string | undefined>
  channelName: (channelId: string) => Promise<string | undefined>
}) {
  const healthReader = createHealthReportReader(deps.sqlite)
  /** Exports the window started and may cancel, by the id it gave them. */
  const running = new Map<string, AbortController>()

  async function scopeName(query: AnalyticsQuery): Promise<string> {
    const [only] = query.channelIds?.length === 1 ? query.channelIds : []
    const channel = only ? await deps.channelName(only) : undefined
    const brand = query.brandId ? await deps.brandName(query.brandId) : undefined
    return channel ?? brand ?? (query.network ? NETWORK_LABELS[query.network] : 'All channels')
  }

  async function titleOf(kind: ReportKind, query: AnalyticsQuery): Promise<string> {
    return `${await scopeName(query)} ${kind === 'analytics' ? 'analytics' : 'connection health'}`
  }

  async function atomically(path: string, produce: (temp: string) => Promise<WrittenReport>): Promise<WrittenReport> {
    const temp = `${path}.part`
    try {
      const written = await produce(temp)
      await rename(temp, path)
      return written
    } catch (err) {
      await rm(temp, { force: true })
      throw err
    }
  }

  async function printTo(temp: string, page: Promise<Parameters<PdfPrinter['print']>[0]>): Promise<number> {
    const pdf = await deps.pdf.print(await page)
    await writeFile(temp, pdf)
    return pdfPageCount(pdf)
  }

  async function writeAnalytics(format: ExportFormat, query: AnalyticsQuery, path: string, job?: Job): Promise<WrittenReport> {
    const data = await reportData(deps, query, await titleOf('analytics', query), { generatedAt: deps.clock.now(), rows: format !== 'pdf', posts: format === 'pdf', locale: deps.locale })
    return atomically(path, async (temp) => {
      if (format === 'csv') await writeFile(temp, csvReport(data), 'utf8')
      else if (format === 'xlsx') {
        const { title, period, kpis, rows, completeness } = data
        await deps.xlsx.write({ title, period, kpis, rows, completeness }, temp, job ? { signal: job.signal, onProgress: job.onProgress } : {})
      }
      else return { rows: 0, pages: await printTo(temp, analyticsReportPage(data, deps.locale)) }
      return { rows: data.rows.length, pages: null }
    })
  }

  /** What the connection-health report covers: the scope's channels, their incidents overlapping the period. */
  async function healthData(query: AnalyticsQuery): Promise<HealthReportData> {
    const channels = (await deps.dashboards.scope(query)).map((c) => ({ id: c.id, name: c.name, network: c.network }))
    const ids = channels.map((c) => c.id)
    const from = dayNumber(query.fromDay) * DAY_MS
    const to = (dayNumber(query.toDay) + 1) * DAY_MS
    const now = deps.clock.now()
    const gaps = ids.length ? await deps.sync.gaps.list({ channelIds: ids, from, to }) : []
    const incidents = mergeIncidents(gaps, new Map(channels.map((c) => [c.id, c]))).map((i) => ({ ...i, posts: healthReader.posts(i.channelId, i.from, i.to ?? now) }))
    return {
      title: await titleOf('health', query),
      fromDay: query.fromDay,
      toDay: query.toDay,
      generatedAt: now,
      channels,
      incidents,
      // Up to the end of the last incident, so the repair of a break in the period is listed too.
      events: ids.length ? healthReader.events(ids, from, Math.max(to, ...incidents.map((i) => (i.to ?? now) + 1))) : [],
    }
  }

  async function writeHealth(format: ExportFormat, query: AnalyticsQuery, path: string): Promise<WrittenReport> {
    const data = await healthData(query)
    return atomically(path, async (temp) => {
      if (format === 'pdf') return { rows: data.incidents.length, pages: await printTo(temp, Promise.resolve(healthReportPage(data, deps.locale))) }
      if (format === 'csv') {
        await writeFile(temp, healthCsv(data, deps.locale), 'utf8')
        return { rows: data.incidents.length, pages: null }
      }
      throw new Error('The connection-health report is written as PDF or CSV.')
    })
  }

  async function write(kind: ReportKind, format: ExportFormat, query: AnalyticsQuery, path: string, job?: Job): Promise<WrittenReport> {
    const written = kind === 'analytics' ? await writeAnalytics(format, query, path, job) : await writeHealth(format, query, path)
    deps.logger.log('info', 'reports: written', { kind, format, ...written })
    return written
  }

  /** The file name a report suggests: "northwind-coffee-analytics-2026-01-01-to-2026-01-31.pdf". */
  async function fileName(kind: ReportKind, format: ExportFormat, query: AnalyticsQuery): Promise<string> {
    return `${slug(await titleOf(kind, query))}-${query.fromDay}-to-${query.toDay}.${format}`
  }

  async function exportVia(kind: ReportKind, format: ExportFormat, query: AnalyticsQuery, jobId?: string): Promise<{ saved: boolean; path: string | null } & WrittenReport> {
    const path = await deps.saveDialog.chooseReportPath({
      title: `Save the ${kind === 'health' ? 'connection health' : format.toUpperCase()} report${kind === 'health' ? ` as ${format.toUpperCase()}` : ''}`,
      defaultName: await fileName(kind, format, query),
      format,
    })
    const nothing = { saved: false, path: null, rows: 0, pages: null }
    if (!path) return nothing
    if (jobId === undefined) return { saved: true, path, ...(await write(kind, format, query, path)) }
    const controller = new AbortController()
    running.set(jobId, controller)
    try {
      const job: Job = { signal: controller.signal, onProgress: (done, total) => deps.onProgress?.({ jobId, done, total }) }
      return { saved: true, path, ...(await write(kind, format, query, path, job)) }
    } catch (err) {
      // Cancelled from the window: nothing written (the partial file is gone), nothing to report.
      if (err instanceof AppError && err.code === 'cancelled') return nothing
      throw err
    } finally {
      running.delete(jobId)
    }
  }

  return {
    write,
    fileName,
    healthData,
    exportReport: (format: ExportFormat, query: AnalyticsQuery, jobId?: string) => exportVia('analytics', format, query, jobId),
    /** Stops an export the window started; false when it already ended. */
    cancel(jobId: string): boolean {
      const controller = running.get(jobId)
      controller?.abort()
      return controller !== undefined
    },
    exportHealthReport: (format: 'pdf' | 'csv', query: AnalyticsQuery) => exportVia('health', format, query),
  }
}

export type ReportService = ReturnType<typeof createReportService>
