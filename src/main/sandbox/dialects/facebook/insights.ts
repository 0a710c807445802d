/** Insights the dialect makes up, reproducibly from the seed: Page, post and Instagram account metrics, and the ranges Graph accepts. */
import { hash32, unit } from '../../../../shared/random'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxChannel, SandboxPost } from '../../world'
import { DAY, HOUR, IG_INSIGHTS_MAX_RANGE_S, PAGE_INSIGHTS_MAX_RANGE_S } from './constants'
import { type Params, badParam, dayOf, dayStart, graphError, graphTime, secs } from './wire'

/** Page metrics the sandbox serves, with a typical daily size; anything else is invalid. */
const PAGE_METRIC_BASE: Record<string, number> = {
  page_media_view: 900,
  page_total_media_view_unique: 600,
  page_post_engagements: 80,
  page_daily_follows_unique: 12,
  page_views_total: 70,
}
export const POST_METRIC_BASE: Record<string, number> = {
  post_media_view: 1400,
  post_total_media_view_unique: 950,
  post_clicks: 60,
  post_reactions_by_type_total: 0,
}
const IG_SERIES_BASE: Record<string, number> = { reach: 450, follower_count: 9 }
const IG_TOTAL_BASE: Record<string, number> = { views: 1100, total_interactions: 75, accounts_engaged: 50 }
export const IG_MEDIA_BASE: Record<string, number> = { views: 1300, reach: 800, likes: 110, comments: 9, saved: 14, shares: 7, total_interactions: 140 }

const dailyValue = (ctx: DialectContext, channelId: string, day: string, metric: string, base: number): number =>
  Math.round(base * (0.6 + 0.8 * unit(ctx.seed, channelId, day, metric)))

export function pageFollowers(ctx: DialectContext, channelId: string, day: string): number {
  const index = Math.floor((dayStart(day) - Date.UTC(2025, 0, 1)) / DAY)
  return 4000 + (hash32(ctx.seed, channelId) % 3000) + index * 4 + Math.floor(unit(ctx.seed, channelId, day, 'page_follows') * 10)
}

export function invalidMetric(ctx: DialectContext): SandboxResponse {
  return graphError(ctx, 400, 100, '(#100) The value must be a valid insights metric')
}

/** Days whose whole UTC day lies in [since, until) and that have ended (insights lag a day). */
function daysIn(ctx: DialectContext, sinceS: number, untilS: number): string[] {
  const days: string[] = []
  const last = dayStart(dayOf(ctx.now)) - DAY
  for (let t = dayStart(dayOf(sinceS * 1000)); t < untilS * 1000 && t <= last; t += DAY) if (t >= sinceS * 1000) days.push(dayOf(t))
  return days
}

/** Graph stamps a daily value with the end of the day (midnight Pacific, 08:00 UTC next day). */
const endTimeOf = (day: string): string => graphTime(dayStart(day) + DAY + 8 * HOUR)

function sinceUntil(ctx: DialectContext, params: Params, maxRangeS: number): { since: number; until: number } | SandboxResponse {
  const until = Number(params.get('until') ?? secs(dayStart(dayOf(ctx.now))))
  const since = Number(params.get('since') ?? until - 2 * 86_400)
  if (!Number.isFinite(since) || !Number.isFinite(until) || until < since) return badParam(ctx, 'The since and until parameters are invalid')
  if (until - since > maxRangeS) {
    return badParam(ctx, `There cannot be more than ${Math.round(maxRangeS / 86_400)} days (${maxRangeS} s) between since and until`)
  }
  return { since, until }
}

export function pageInsights(req: SandboxRequest, ctx: DialectContext, params: Params, page: SandboxChannel): SandboxResponse {
  const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
  if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
  if (metrics.some((m) => m !== 'page_follows' && PAGE_METRIC_BASE[m] === undefined)) return invalidMetric(ctx)
  const period = params.get('period') ?? 'day'
  if (period !== 'day') return badParam(ctx, 'period must be one of the following values: day')
  const range = sinceUntil(ctx, params, PAGE_INSIGHTS_MAX_RANGE_S)
  if ('status' in range) return range
  const days = daysIn(ctx, range.since, range.until)
  const data = metrics.map((name) => ({
    name,
    period: 'day',
    values: days.map((day) => ({
      value: name === 'page_follows' ? pageFollowers(ctx, page.id, day) : dailyValue(ctx, page.id, day, name, PAGE_METRIC_BASE[name] ?? 0),
      end_time: endTimeOf(day),
    })),
    title: name,
    description: `Daily: ${name}`,
    id: `${page.id}/insights/${name}/day`,
  }))
  return json(200, { data, paging: { previous: `${ctx.base}${req.path}?until=${range.since}`, next: `${ctx.base}${req.path}?since=${range.until}` } })
}

/** Lifetime post numbers grow over the first three days, then settle. */
export function postMetric(ctx: DialectContext, post: SandboxPost, name: string): number | Record<string, number> {
  const age = Math.min(1, Math.max(0.05, (ctx.now - post.createdAt) / (3 * DAY)))
  if (name === 'post_reactions_by_type_total') {
    const scale = (kind: string, base: number): number => Math.round(base * age * (0.5 + unit(ctx.seed, post.id, 'lifetime', kind)))
    return { like: scale('like', 60), love: scale('love', 18), wow: scale('wow', 4), haha: scale('haha', 6) }
  }
  return Math.round((POST_METRIC_BASE[name] ?? 0) * age * (0.5 + unit(ctx.seed, post.id, 'lifetime', name)))
}

export function igUserInsights(ctx: DialectContext, params: Params, ig: SandboxChannel): SandboxResponse {
  const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
  if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
  const allowed = [...Object.keys(IG_SERIES_BASE), ...Object.keys(IG_TOTAL_BASE)]
  const invalid = metrics.find((m) => !allowed.includes(m))
  if (invalid) return badParam(ctx, `metric[${metrics.indexOf(invalid)}] must be one of the following values: ${allowed.join(', ')}`)
  const range = sinceUntil(ctx, params, IG_INSIGHTS_MAX_RANGE_S)
  if ('status' in range) return range
  const totalValue = params.get('metric_type') === 'total_value'
  if (!totalValue) {
    const needsTotal = metrics.filter((m) => IG_TOTAL_BASE[m] !== undefined)
    if (needsTotal.length > 0) {
      return badParam(ctx, `The following metrics (${needsTotal.join(', ')}) should be specified with parameter metric_type=total_value`)
    }
    const days = daysIn(ctx, range.since, range.until)
    const data = metrics.map((name) => ({
      name,
      period: 'day',
      values: days.map((day) => ({ value: dailyValue(ctx, ig.id, day, name, IG_SERIES_BASE[name] ?? 0), end_time: endTimeOf(day) })),
      title: name,
      description: `Daily: ${name}`,
      id: `${ig.id}/insights/${name}/day`,
    }))
    return json(200, { data })
  }
  const days = daysIn(ctx, range.since, range.until)
  const data = metrics.map((name) => ({
    name,
    period: 'day',
    title: name,
    description: `Total: ${name}`,
    total_value: { value: days.reduce((sum, day) => sum + dailyValue(ctx, ig.id, day, name, IG_TOTAL_BASE[name] ?? IG_SERIES_BASE[name] ?? 0), 0) },
    id: `${ig.id}/insights/${name}/day`,
  }))
  return json(200, { data })
}
