import { rename, rm, writeFile } from 'node:fs/promises'
import type { AnalyticsQuery } from '../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../shared/domain/network'
import type { DashboardService } from '../analytics/dashboard'
import type { MetricsRepository } from '../analytics/metrics-repository'
import type { Logger, SaveDialog } from '../ports'
import { csvReport } from './csv-report'
import { reportData } from './report-data'
import { writeXlsxReport } from './xlsx-report'

export type ExportFormat = 'csv' | 'xlsx'

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'report'

/**
 * Analytics reports to files: the person picks the place in main's save dialog, the file is
 * written next to it under a temporary name and renamed into place, so a failure half-way never
 * leaves a truncated report where an older one was.
 */
export function createReportService(deps: {
  dashboards: DashboardService
  repo: MetricsRepository
  saveDialog: SaveDialog
  logger: Logger
  brandName: (brandId: string) => Promise<string | undefined>
}) {
  async function titleOf(query: AnalyticsQuery): Promise<string> {
    const brand = query.brandId ? await deps.brandName(query.brandId) : undefined
    const scope = brand ?? (query.network ? NETWORK_LABELS[query.network] : 'All channels')
    return `${scope} analytics`
  }

  async function write(format: ExportFormat, query: AnalyticsQuery, path: string): Promise<number> {
    const data = await reportData(deps, query, await titleOf(query))
    const temp = `${path}.part`
    try {
      if (format === 'csv') await writeFile(temp, csvReport(data), 'utf8')
      else await writeXlsxReport(data, temp)
      await rename(temp, path)
    } catch (err) {
      await rm(temp, { force: true })
      throw err
    }
    return data.rows.length
  }

  return {
    write,
    async exportReport(format: ExportFormat, query: AnalyticsQuery): Promise<{ saved: boolean; path: string | null; rows: number }> {
      const title = await titleOf(query)
      const path = await deps.saveDialog.chooseReportPath({
        title: `Save the ${format.toUpperCase()} report`,
        defaultName: `${slug(title)}-${query.fromDay}-to-${query.toDay}.${format}`,
        format,
      })
      if (!path) return { saved: false, path: null, rows: 0 }
      const rows = await write(format, query, path)
      deps.logger.log('info', 'reports: written', { format, rows })
      return { saved: true, path, rows }
    },
  }
}
