/** Scheduled reports as the window sees them. Folders are only ever chosen in main's dialog. */
import type { ReportFormat } from './analytics'

export const REPORT_CADENCES = ['weekly', 'monthly'] as const
export type ReportCadence = (typeof REPORT_CADENCES)[number]

export const CADENCE_LABELS: Record<ReportCadence, string> = {
  weekly: 'Every Monday, for the week before',
  monthly: 'On the 1st, for the month before',
}

export interface ReportScheduleView {
  id: string
  /** Null: all brands. */
  brandId: string | null
  brandName: string | null
  cadence: ReportCadence
  format: ReportFormat
  folder: string
  nextRunAt: number
  lastRunAt: number | null
  /** The file the last run wrote. */
  lastFile: string | null
  /** Why the last run wrote nothing, in plain words. */
  lastError: string | null
  createdAt: number
}

/** How far an export started from the window got, in rows written. */
export interface ExportProgress {
  jobId: string
  done: number
  total: number
}
