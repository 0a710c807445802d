/**
 * What every X call shares: the client with X's failure rules, addresses, X's time format and
 * snowflake ids, and reading the signed-in user and paged timelines and searches.
 */
import { createProviderClient, type ProviderClient } from '../http-client'
import type { ProviderContext } from '../types'
import { classifyX } from './classify'
import { X_PATHS, X_READ, X_SNOWFLAKE_EPOCH_MS } from './config'
import { XMeResponse, XTweetPage, type XTweet } from './schemas'

export const clientFor = (ctx: ProviderContext): ProviderClient => createProviderClient('x', ctx, (f) => classifyX(f, ctx.clock.now()))
export const apiUrl = (ctx: ProviderContext, path: string): string => `${ctx.endpoints.apiBase}${path}`
export const tokenUrl = (ctx: ProviderContext, path: string): string => `${ctx.endpoints.tokenBase ?? ctx.endpoints.apiBase}${path}`

/** X wants `YYYY-MM-DDTHH:mm:ssZ` (no fractional seconds) in `start_time`/`end_time`. */
export const xTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** Creation time carried in a snowflake id, or undefined for anything that is not one. */
export function snowflakeTime(id: string): number | undefined {
  if (!/^\d{1,20}$/.test(id)) return undefined
  const ms = Number(BigInt(id) >> 22n) + X_SNOWFLAKE_EPOCH_MS
  return Number.isFinite(ms) ? ms : undefined
}

export const newer = (a: string, b: string): boolean => BigInt(a) > BigInt(b)
export const isId = (s: string | null): s is string => s !== null && /^\d{1,20}$/.test(s)

export const postUrl = (tweetId: string): string => `https://x.com/i/web/status/${tweetId}`

/** X's v2 text escapes these three; what was sent did not. */
export const unescapeX = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

export async function readMe(ctx: ProviderContext, accessToken: string, fields: string) {
  const { data } = await clientFor(ctx).json(
    { method: 'GET', url: apiUrl(ctx, X_PATHS.me), bearer: accessToken, query: { 'user.fields': fields } },
    XMeResponse,
  )
  return data.data
}

/** Walks `next_token`/`pagination_token` pages up to the configured bound. */
export async function readPages(
  ctx: ProviderContext,
  accessToken: string,
  path: string,
  query: Record<string, string | number | undefined>,
  tokenParam: 'pagination_token' | 'next_token',
): Promise<{ tweets: XTweet[]; users: Map<string, { name: string; username: string }>; complete: boolean }> {
  const client = clientFor(ctx)
  const tweets: XTweet[] = []
  const users = new Map<string, { name: string; username: string }>()
  let next: string | undefined
  for (let page = 0; page < X_READ.maxPages; page++) {
    const { data } = await client.json(
      { method: 'GET', url: apiUrl(ctx, path), bearer: accessToken, query: { ...query, max_results: X_READ.pageSize, [tokenParam]: next } },
      XTweetPage,
    )
    tweets.push(...(data.data ?? []))
    for (const u of data.includes?.users ?? []) users.set(u.id, { name: u.name, username: u.username })
    next = data.meta?.next_token
    if (!next) return { tweets, users, complete: true }
  }
  return { tweets, users, complete: false }
}
