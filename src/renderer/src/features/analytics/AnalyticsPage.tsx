import { useEffect, useMemo, useState } from 'react'
import { METRIC_LABELS, type RelinkMetric, type ReportFormat } from '../../../../shared/domain/analytics'
import { appsMayRead, NETWORK_LABELS } from '../../../../shared/domain/network'
import type { Navigate } from '../../app/pages'
import { useNow } from '../../app/now-context'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { useToast } from '../../components/use-toast'
import { call, errorMessage, subscribe } from '../../lib/api'
import { usePrefetch, useQuery } from '../../lib/use-query'
import { presetRange, rangeLabel } from './analytics-range'
import { AnalyticsToolbar, type AnalyticsScope } from './AnalyticsToolbar'
import { DataCompleteness } from './DataCompleteness'
import { HealthReportCard } from './HealthReportCard'
import { SCHEDULES_REFRESH_ON, ScheduledReports } from './ScheduledReports'
import { KpiTiles } from './KpiTiles'
import { POSTS_REFRESH_ON, postsQuery, PostsSection } from './PostsSection'
import { TimeSeriesChart } from './TimeSeriesChart'
import './analytics.css'
import './reports.css'
import { dateFormat } from '../../lib/locale'

const lastRead = dateFormat({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
const REFRESH_ON = ['sync:did-change', 'channels:did-change', 'brands:did-change'] as const

export function AnalyticsPage({ onNavigate }: { onNavigate: Navigate }) {
  const now = useNow()
  const toast = useToast()
  const [scope, setScope] = useState<AnalyticsScope>(() => ({ brandId: undefined, network: undefined, channelId: undefined, preset: '28', ...presetRange('28', now) }))
  const [metric, setMetric] = useState<RelinkMetric>('views')
  const [exporting, setExporting] = useState<ReportFormat | null>(null)
  // The running export's id (main tells its progress under it and cancels it by it) and rows written.
  const [job, setJob] = useState<{ id: string; done: number; total: number } | null>(null)
  useEffect(() => subscribe('reports:export-progress', (p) => setJob((j) => (j && j.id === p.jobId ? { ...j, done: p.done, total: p.total } : j))), [])
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  const range = scope.preset === 'custom' ? { fromDay: scope.fromDay, toDay: scope.toDay } : presetRange(scope.preset, now)
  const allChannels = useQuery('channels:list', undefined, ['channels:did-change', 'brands:did-change'])
  // The channel list follows the brand and network chosen.
  const channels = useMemo(
    () => (allChannels.data ?? []).filter((c) => (!scope.brandId || c.brandIds.includes(scope.brandId)) && (!scope.network || c.network === scope.network)),
    [allChannels.data, scope.brandId, scope.network],
  )
  const channel = channels.find((c) => c.id === scope.channelId)
  const query = {
    ...(scope.brandId ? { brandId: scope.brandId } : {}),
    ...(scope.network ? { network: scope.network } : {}),
    ...(channel ? { channelIds: [channel.id] } : {}),
    ...range,
  }
  const dashboard = useQuery('analytics:get-dashboard', query, REFRESH_ON)
  const data = dashboard.data
  // The sections below the chart are drawn once the dashboard is there; their questions are asked with it.
  usePrefetch('analytics:get-posts', postsQuery(query), POSTS_REFRESH_ON)
  usePrefetch('reports:list-schedules', undefined, SCHEDULES_REFRESH_ON)

  const change = (next: Partial<AnalyticsScope>): void =>
    setScope((s) => {
      const merged = { ...s, ...next }
      // Switching to Custom starts from the range on screen.
      if (next.preset === 'custom') return { ...merged, ...range }
      return merged
    })

  async function exportReport(format: ReportFormat): Promise<void> {
    setExporting(format)
    const jobId = crypto.randomUUID()
    setJob({ id: jobId, done: 0, total: 0 })
    try {
      const result = await call('reports:export', { format, query, jobId })
      const size = result.pages === null ? `${result.rows} rows` : `${result.pages} page${result.pages === 1 ? '' : 's'}`
      if (result.saved) toast.show({ message: `Report saved: ${result.path ?? ''} (${size}).` })
    } catch (err) {
      toast.show({ message: `The report was not saved: ${errorMessage(err)}`, tone: 'danger' })
    } finally {
      setExporting(null)
      setJob(null)
    }
  }

  async function cancelExport(): Promise<void> {
    if (!job) return
    const { cancelled } = await call('reports:cancel-export', { jobId: job.id })
    if (cancelled) toast.show({ message: 'Export cancelled. Nothing was written.' })
  }

  const brandName = brands.data?.find((b) => b.id === scope.brandId)?.name
  const scopeLabel = channel ? channel.name : brandName ? `${brandName}’s channels` : scope.network ? `your ${NETWORK_LABELS[scope.network]} channels` : 'your channels'
  const series = useMemo(() => data?.series.find((s) => s.metric === metric) ?? data?.series[0], [data, metric])
  const toolbar = (
    <AnalyticsToolbar
      brands={brands.data ?? []}
      channels={channels}
      scope={scope}
      exporting={exporting}
      progress={job && job.total > 0 ? { done: job.done, total: job.total } : null}
      onChange={change}
      onExport={(f) => void exportReport(f)}
      onCancel={() => void cancelExport()}
    />
  )

  if (dashboard.error && !data) return <ErrorNotice message={dashboard.error} onRetry={dashboard.reload} />
  if (!data) return <Loading label="Loading analytics…" />
  if (data.channels.length === 0) {
    return (
      <div className="analytics-page">
        {toolbar}
        <EmptyState
          icon="analytics"
          title="No channels here yet"
          description="Connect a profile and pick its pages and accounts; their daily reach and engagement appear here after the first sync."
          action={{ label: 'View channels', onClick: () => onNavigate('channels') }}
        />
      </div>
    )
  }
  // LinkedIn keeps a member's statistics closed to apps: such channels are never read.
  const kinds = new Map((allChannels.data ?? []).map((c) => [c.id, c]))
  const closed = data.channels.filter((c) => {
    const known = kinds.get(c.id)
    return known !== undefined && !appsMayRead(known.network, known.kind)
  })
  if (closed.length === data.channels.length) {
    return (
      <div className="analytics-page">
        {toolbar}
        <EmptyState
          icon="analytics"
          title="LinkedIn keeps these statistics to itself"
          description={`Relink publishes to ${closed.map((c) => c.name).join(', ')}, but LinkedIn lets only a few partners read a personal profile's statistics. Company pages' statistics appear here.`}
        />
      </div>
    )
  }
  return (
    <div className="analytics-page">
      {toolbar}
      <div className="analytics-heading">
        <h2 className="analytics-heading__range">{rangeLabel(range.fromDay, range.toDay)}</h2>
        <p className="analytics-heading__meta" aria-live="polite">
          {data.channels.length} channel{data.channels.length === 1 ? '' : 's'} · compared with {rangeLabel(data.previous.fromDay, data.previous.toDay)} ·{' '}
          {data.lastSyncedAt === null ? 'first sync in progress' : `last read ${lastRead(data.lastSyncedAt)}`}
          {dashboard.loading ? ' · updating…' : ''}
        </p>
        {closed.length > 0 && (
          <p className="analytics-heading__meta">
            Not counted: {closed.map((c) => c.name).join(', ')} (LinkedIn keeps a personal profile’s statistics closed to apps).
          </p>
        )}
      </div>
      {data.series.length === 0 || !series ? (
        <EmptyState
          icon="analytics"
          title={data.lastSyncedAt === null ? 'Reading metrics…' : 'No metrics for this period'}
          description={
            data.lastSyncedAt === null
              ? 'Relink is reading up to a year of daily metrics from each channel. This page fills in as they arrive.'
              : 'The networks returned no metrics for these days. Try a longer range, or see Data completeness below.'
          }
        />
      ) : (
        <>
          <KpiTiles series={data.series} selected={series.metric} onSelect={setMetric} />
          <section className="analytics-card" aria-labelledby="chart-title">
            <h3 id="chart-title" className="analytics-card__title">
              {METRIC_LABELS[series.metric]} per day
            </h3>
            <TimeSeriesChart days={data.days} values={series.values} label={METRIC_LABELS[series.metric]} gaps={data.gaps} changes={data.definitionChanges} now={now} />
            {data.gaps.length > 0 && (
              <p className="analytics-card__legend">
                <span className="legend-swatch legend-swatch--gap" aria-hidden="true" /> Hatched: no data because a sign-in was broken. Hover for the reason.
              </p>
            )}
          </section>
        </>
      )}
      <PostsSection query={query} />
      <DataCompleteness dashboard={data} />
      <HealthReportCard query={query} scopeLabel={scopeLabel} />
      <ScheduledReports brands={brands.data ?? []} />
    </div>
  )
}
