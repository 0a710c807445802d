import {
  METRIC_AGGREGATION,
  POST_METRICS,
  postValue,
  RELINK_METRICS,
  type AnalyticsQuery,
  type Dashboard,
  type DayString,
  type MetricSeries,
  type PostsQuery,
  type PostsReport,
  type RelinkMetric,
} from '../../shared/domain/analytics'
import type { ChannelSummary } from '../../shared/domain/entities'
import { AppError } from '../../shared/errors'
import type { SyncEngine } from '../sync/types'
import { dayNumber, dayString, type MetricsRepository } from './metrics-repository'
import { createWriteMemo } from '../db/write-memo'
import { yieldToLoop } from '../platform/yield-loop'
import { definitionChanges } from './registry'
import { bestTimes, compareOrigins, postsIn, rankPosts, weekHourIn } from './top-posts'

const DAY_MS = 86_400_000
/** The longest range a dashboard or report covers: two years, what Facebook keeps. */
export const MAX_RANGE_DAYS = 731

export interface DashboardDeps {
  repo: MetricsRepository
  sync: Pick<SyncEngine, 'gaps' | 'health'>
  channels: (filter: { brandId?: string }) => Promise<ChannelSummary[]>
  /** Channel-days added up in one piece (ROWS_PER_READ); tests make it small. */
  rowsPerRead?: number
  yieldToLoop?: () => Promise<void>
}

/** About 3 ms of adding up on this machine before main's other work gets its turn. */
const ROWS_PER_READ = 3_000
/** Channels whose latest level is looked up in one read: one seek each, about 1-2 ms for 100 read cold. */
const CHANNELS_PER_SEEK = 100
/** Sums kept for questions asked again (a few ranges and scopes). */
const KEPT_SUMS = 16

/** The previous period of the same length, ending the day before `fromDay`. */
export function previousPeriod(fromDay: DayString, toDay: DayString): { fromDay: DayString; toDay: DayString } {
  const from = dayNumber(fromDay)
  const length = dayNumber(toDay) - from + 1
  return { fromDay: dayString(from - length), toDay: dayString(from - 1) }
}

function aggregate(metric: RelinkMetric, values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null)
  if (present.length === 0) return null
  return METRIC_AGGREGATION[metric] === 'last' ? (present.at(-1) ?? null) : present.reduce((a, b) => a + b, 0)
}

/** Dashboards over the stored daily values: series per metric with gaps as nulls, totals and deltas. */
export function createDashboardService(deps: DashboardDeps) {
  // The sums (and channels) by the questions they answer, kept while nothing is written: opening
  // the page again or coming back to a range is a lookup instead of 20-30 ms of adding up.
  const remembered = createWriteMemo(deps.repo.writeMark, KEPT_SUMS)

  async function scope(query: AnalyticsQuery): Promise<ChannelSummary[]> {
    // The dashboard and its posts are asked together and each needs the channels: one read while
    // nothing is written (500 channels with their links and brands, 3-5 ms of CPU).
    const all = await remembered(`channels ${query.brandId ?? ''}`, () => deps.channels(query.brandId ? { brandId: query.brandId } : {}))
    return all.filter((c) => (!query.network || c.network === query.network) && (!query.channelIds || query.channelIds.includes(c.id)))
  }

  function checkRange(query: AnalyticsQuery): void {
    const length = dayNumber(query.toDay) - dayNumber(query.fromDay) + 1
    if (!Number.isFinite(length) || length < 1) throw new AppError('validation', 'The range ends before it starts. Pick the first day, then the last.')
    if (length > MAX_RANGE_DAYS) throw new AppError('validation', 'A range covers at most two years. Pick a shorter range.')
  }

  /**
   * The channels in groups of about `rowsPerRead` channel-days, with main's other work let in
   * between: 500 channels over 28 days are 14,000 rows to add up, 13 ms in one piece.
   */
  async function* inGroups(channelIds: string[], fromDay: DayString, toDay: DayString): AsyncGenerator<string[]> {
    const days = dayNumber(toDay) - dayNumber(fromDay) + 1
    yield* slices(channelIds, Math.max(1, Math.floor((deps.rowsPerRead ?? ROWS_PER_READ) / days)))
  }

  async function* slices(channelIds: string[], size: number): AsyncGenerator<string[]> {
    for (let i = 0; i < channelIds.length; i += size) {
      if (i > 0) await nextTurn()
      yield channelIds.slice(i, i + size)
    }
  }

  /**
   * Main's loop lets in what waits (a window's command, I/O) before this goes on. One read a turn:
   * two reads waiting on the loop at once would run in the same turn, one after the other, so the
   * dashboard's parts are read in sequence, and the turns of this service's commands asked
   * together (the dashboard and its posts) follow one another.
   */
  let lastTurn: Promise<void> = Promise.resolve()
  const nextTurn = (): Promise<void> => (lastTurn = lastTurn.then(deps.yieldToLoop ?? yieldToLoop))


  function seriesFor(channelIds: string[], fromDay: DayString, toDay: DayString): Promise<Map<RelinkMetric, (number | null)[]>> {
    return remembered(`series ${fromDay} ${toDay} ${channelIds.join(',')}`, () => addSeries(channelIds, fromDay, toDay))
  }

  async function addSeries(channelIds: string[], fromDay: DayString, toDay: DayString): Promise<Map<RelinkMetric, (number | null)[]>> {
    const from = dayNumber(fromDay)
    const length = dayNumber(toDay) - from + 1
    const out = new Map<RelinkMetric, (number | null)[]>(RELINK_METRICS.map((m) => [m, new Array<number | null>(length).fill(null)]))
    for await (const group of inGroups(channelIds, fromDay, toDay)) {
      for (const row of await deps.repo.dailyTotals(group, fromDay, toDay)) {
        const values = out.get(row.metric as RelinkMetric)
        if (values) values[row.day - from] = (values[row.day - from] ?? 0) + row.value
      }
    }
    return out
  }

  /** Each flow's total over a period (null where no channel had a value on any day). */
  function totalsFor(channelIds: string[], fromDay: DayString, toDay: DayString): Promise<Map<RelinkMetric, number>> {
    return remembered(`totals ${fromDay} ${toDay} ${channelIds.join(',')}`, () => addTotals(channelIds, fromDay, toDay))
  }

  async function addTotals(channelIds: string[], fromDay: DayString, toDay: DayString): Promise<Map<RelinkMetric, number>> {
    const out = new Map<RelinkMetric, number>()
    for await (const group of inGroups(channelIds, fromDay, toDay)) {
      for (const t of await deps.repo.periodTotals(group, fromDay, toDay)) out.set(t.metric as RelinkMetric, (out.get(t.metric as RelinkMetric) ?? 0) + t.value)
    }
    return out
  }

  /** A level's latest value per channel, added up (null where no channel had one), a hundred channels a read. */
  function latestFor(channelIds: string[], metric: RelinkMetric, fromDay: DayString, toDay: DayString): Promise<number | null> {
    return remembered(`latest ${metric} ${fromDay} ${toDay} ${channelIds.join(',')}`, async () => {
      let total: number | null = null
      for await (const group of slices(channelIds, CHANNELS_PER_SEEK)) {
        const part = await deps.repo.latestSum(group, metric, fromDay, toDay)
        if (part !== null) total = (total ?? 0) + part
      }
      return total
    })
  }

  return {
    scope,

    /** The posts published in the range on the dashboard's channels, ranked by one metric, and when they did best. */
    async posts(query: PostsQuery): Promise<PostsReport> {
      checkRange(query)
      weekHourIn(query.timeZone)
      // Asked with the dashboard, which reads the same channels first: each in a turn of its own.
      await nextTurn()
      const channels = (await scope(query)).map((c) => ({ id: c.id, name: c.name, network: c.network }))
      await nextTurn()
      const all = channels.length ? await postsIn(deps.repo, channels, dayNumber(query.fromDay) * DAY_MS, (dayNumber(query.toDay) + 1) * DAY_MS) : []
      return {
        sortBy: query.sortBy,
        direction: query.direction,
        posts: rankPosts(all, query.sortBy, query.direction).slice(0, query.limit ?? 10),
        totalPosts: all.length,
        metrics: POST_METRICS.filter((m) => all.some((p) => postValue(p, m) !== null)),
        bestTimes: bestTimes(all, query.sortBy, query.timeZone),
        origins: compareOrigins(all),
        timeZone: query.timeZone,
      }
    },

    async dashboard(query: AnalyticsQuery): Promise<Dashboard> {
      checkRange(query)
      // The window asks for the posts and the scheduled reports with it: their first parts run
      // as they arrive, and this read in the same turn held main's loop for 10-15 ms on a first visit.
      await nextTurn()
      const channels = await scope(query)
      const ids = channels.map((c) => c.id)
      const previous = previousPeriod(query.fromDay, query.toDay)
      await nextTurn()
      const current = await seriesFor(ids, query.fromDay, query.toDay)
      await nextTurn()
      const before = await totalsFor(ids, previous.fromDay, previous.toDay)
      const from = dayNumber(query.fromDay)
      const days = Array.from({ length: dayNumber(query.toDay) - from + 1 }, (_, i) => dayString(from + i))
      const series: MetricSeries[] = []
      for (const metric of RELINK_METRICS) {
        const values = current.get(metric) ?? []
        let total = aggregate(metric, values)
        let previousTotal = before.get(metric) ?? null
        if (METRIC_AGGREGATION[metric] === 'last') {
          await nextTurn()
          total = await latestFor(ids, metric, query.fromDay, query.toDay)
          await nextTurn()
          previousTotal = await latestFor(ids, metric, previous.fromDay, previous.toDay)
        }
        if (total !== null || previousTotal !== null) series.push({ metric, values, total, previousTotal })
      }
      const names = new Map(channels.map((c) => [c.id, c]))
      const rangeStart = from * DAY_MS
      const rangeEnd = (dayNumber(query.toDay) + 1) * DAY_MS
      await nextTurn()
      const gaps = ids.length
        ? (await deps.sync.gaps.list({ channelIds: ids, streams: ['channel_metrics'], from: rangeStart, to: rangeEnd })).map((g) => ({
            ...g,
            channelName: names.get(g.channelId)?.name ?? '',
            network: names.get(g.channelId)?.network ?? 'facebook',
          }))
        : []
      await nextTurn()
      const health = ids.length ? await deps.sync.health({ channelIds: ids, streams: ['channel_metrics'] }) : []
      await nextTurn()
      const unavailable = ids.length ? await deps.repo.unavailable(ids) : []
      const lastOk = health.map((h) => h.lastOkAt).filter((t): t is number => t !== null)
      const withData = days.filter((_, i) => series.some((s) => s.values[i] !== null)).length
      return {
        query,
        days,
        previous,
        channels: channels.map((c) => ({ id: c.id, name: c.name, network: c.network })),
        series,
        gaps,
        definitionChanges: definitionChanges([...new Set(channels.map((c) => c.network))], query.fromDay, query.toDay),
        unavailable,
        daysWithData: withData,
        lastSyncedAt: lastOk.length ? Math.max(...lastOk) : null,
      }
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
