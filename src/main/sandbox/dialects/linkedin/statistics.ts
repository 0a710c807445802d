/**
 * Statistics: deterministic daily values from (seed, channel, day, metric), so they look live but
 * are the same on every run.
 */
import { unit } from '../../../../shared/random'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxPost } from '../../world'
import { type Caller, hasAny, linkedinChannel, mayActAs } from './caller'
import { DAY, NETWORK } from './state'
import { accessDenied, badRequest, parseIntervals, parseList, postIdOf } from './wire'

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

function dailyShareStats(seed: number, channelId: string, day: string) {
  const u = (metric: string): number => unit(seed, channelId, day, metric)
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const weekend = weekday === 0 || weekday === 6 ? 0.55 : 1
  const impressionCount = Math.floor((300 + u('impressions') * 1700) * weekend)
  const uniqueImpressionsCount = Math.floor(impressionCount * (0.55 + u('unique') * 0.3))
  const clickCount = Math.floor(impressionCount * (0.01 + u('clicks') * 0.04))
  const likeCount = Math.floor(impressionCount * (0.01 + u('likes') * 0.03))
  const commentCount = Math.floor(u('comments') * 12 * weekend)
  const shareCount = Math.floor(u('shares') * 8 * weekend)
  const engagement = impressionCount === 0 ? 0 : Math.round(((clickCount + likeCount + commentCount + shareCount) / impressionCount) * 1e6) / 1e6
  return { impressionCount, uniqueImpressionsCount, clickCount, likeCount, commentCount, shareCount, engagement }
}

function postLifetimeStats(ctx: DialectContext, post: SandboxPost) {
  const ageDays = Math.max(0, (ctx.now - post.createdAt) / DAY)
  const growth = 1 - Math.exp(-ageDays / 2)
  const u = (metric: string): number => unit(ctx.seed, post.id, 'lifetime', metric)
  const impressionCount = Math.floor((400 + u('impressions') * 3600) * growth)
  const uniqueImpressionsCount = Math.floor(impressionCount * (0.6 + u('unique') * 0.3))
  const clickCount = Math.floor(impressionCount * (0.01 + u('clicks') * 0.05))
  const likeCount = Math.floor(impressionCount * (0.01 + u('likes') * 0.04))
  const commentCount = [...ctx.world.comments.values()].filter((c) => c.network === NETWORK && c.postId === post.id).length
  const shareCount = Math.floor(u('shares') * 10 * growth)
  const engagement = impressionCount === 0 ? 0 : Math.round(((clickCount + likeCount + commentCount + shareCount) / impressionCount) * 1e6) / 1e6
  return { impressionCount, uniqueImpressionsCount, clickCount, likeCount, commentCount, shareCount, engagement }
}

function dailyFollowerGains(seed: number, channelId: string, day: string) {
  const u = (metric: string): number => unit(seed, channelId, day, metric)
  return {
    organicFollowerGain: Math.floor(u('organic') * 15),
    paidFollowerGain: u('paid') < 0.8 ? 0 : Math.floor(u('paid-size') * 6),
  }
}

/** Complete UTC days in [start, end) that have already ended on the sandbox clock. */
function completeDays(ctx: DialectContext, start: number, end: number): number[] {
  const days: number[] = []
  for (let d = Math.floor(start / DAY) * DAY; d < end && d + DAY <= ctx.now; d += DAY) if (d >= start) days.push(d)
  return days
}

export function statistics(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string, kind: 'share' | 'follower'): SandboxResponse {
  const resource = kind === 'share' ? 'organizationalEntityShareStatistics' : 'organizationalEntityFollowerStatistics'
  if (req.query.get('q') !== 'organizationalEntity') return badRequest('Unsupported finder; use q=organizationalEntity.')
  const entity = req.query.get('organizationalEntity') ?? ''
  const orgId = /^urn:li:organization:(\d+)$/.exec(entity)?.[1]
  const channel = orgId ? linkedinChannel(ctx, orgId) : undefined
  if (!channel || channel.kind !== 'organization') return badRequest(`Invalid organizationalEntity ${entity}`)
  if (!hasAny(caller, ['rw_organization_admin', 'r_organization_admin']) || !mayActAs(ctx, caller, entity, 'analyze')) {
    return accessDenied(resource, 'FINDER-organizationalEntity', version)
  }
  const intervals = parseIntervals(req.query.get('timeIntervals'))
  if (req.query.get('timeIntervals') && !intervals) return badRequest('Invalid timeIntervals.')
  if (intervals && intervals.granularity !== 'DAY') return badRequest('The sandbox serves DAY granularity only.')

  if (kind === 'share') {
    const posts = [...parseList(req.query.get('shares')), ...parseList(req.query.get('ugcPosts'))]
    if (posts.length > 0) {
      const elements = posts.flatMap((urn) => {
        const post = ctx.world.posts.get(postIdOf(urn) ?? '')
        if (!post || post.network !== NETWORK || post.channelId !== channel.id) return []
        const key = urn.startsWith('urn:li:ugcPost:') ? 'ugcPost' : 'share'
        return [{ organizationalEntity: entity, [key]: urn, totalShareStatistics: postLifetimeStats(ctx, post) }]
      })
      return json(200, { paging: { start: 0, count: 10, links: [] }, elements })
    }
    if (intervals) {
      const elements = completeDays(ctx, intervals.start, intervals.end).map((d) => ({
        organizationalEntity: entity,
        timeRange: { start: d, end: d + DAY },
        totalShareStatistics: dailyShareStats(ctx.seed, channel.id, dayOf(d)),
      }))
      return json(200, { paging: { start: 0, count: elements.length, links: [] }, elements })
    }
    const totals = completeDays(ctx, ctx.now - 365 * DAY, ctx.now)
      .map((d) => dailyShareStats(ctx.seed, channel.id, dayOf(d)))
      .reduce(
        (sum, s) => ({
          impressionCount: sum.impressionCount + s.impressionCount,
          uniqueImpressionsCount: sum.uniqueImpressionsCount + s.uniqueImpressionsCount,
          clickCount: sum.clickCount + s.clickCount,
          likeCount: sum.likeCount + s.likeCount,
          commentCount: sum.commentCount + s.commentCount,
          shareCount: sum.shareCount + s.shareCount,
        }),
        { impressionCount: 0, uniqueImpressionsCount: 0, clickCount: 0, likeCount: 0, commentCount: 0, shareCount: 0 },
      )
    return json(200, { paging: { start: 0, count: 10, links: [] }, elements: [{ organizationalEntity: entity, totalShareStatistics: totals }] })
  }

  if (intervals) {
    const elements = completeDays(ctx, intervals.start, intervals.end).map((d) => ({
      organizationalEntity: entity,
      timeRange: { start: d, end: d + DAY },
      followerGains: dailyFollowerGains(ctx.seed, channel.id, dayOf(d)),
    }))
    return json(200, { paging: { start: 0, count: elements.length, links: [] }, elements })
  }
  // Without timeIntervals LinkedIn answers with lifetime demographic breakdowns.
  return json(200, {
    paging: { start: 0, count: 10, links: [] },
    elements: [
      {
        organizationalEntity: entity,
        followerCountsBySeniority: [],
        followerCountsByIndustry: [],
        followerCountsByFunction: [],
        followerCountsByStaffCountRange: [],
        followerCountsByGeoCountry: [],
        followerCountsByGeo: [],
        followerCountsByAssociationType: [],
      },
    ],
  })
}
