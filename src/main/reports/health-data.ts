import type { Database } from 'better-sqlite3'
import type { ChannelRef } from '../../shared/domain/analytics'
import { gapReasonWords } from '../../shared/domain/gap-copy'
import type { GrantHealth } from '../../shared/domain/health'
import { HEALTH_COPY } from '../../shared/domain/health-copy'
import type { Network } from '../../shared/domain/network'
import type { GapReason, GapState, StreamKind, SyncGap } from '../../shared/domain/sync'

/** What happened to one stream of a channel during an incident. */
export interface IncidentStream {
  stream: StreamKind
  state: GapState
  recovered: number
  unit: 'items' | 'days'
  lostBefore: number | null
  lostNote: string
}

/** A post that was due while its channel was broken, and what became of it. */
export interface IncidentPost {
  deliveryId: number
  dueAt: number
  state: string
  publishedAt: number | null
  excerpt: string
}

/** One period a channel could not be used: when it broke, why, what was held and what data came back. */
export interface HealthIncident {
  channelId: string
  channelName: string
  network: Network
  from: number
  /** When it worked again; null while it is still broken. */
  to: number | null
  reason: GapReason
  why: string
  detail: string
  streams: IncidentStream[]
  posts: IncidentPost[]
}

/** A sign-in event in the period: broke, was repaired, refresh failed. */
export interface SignInEvent {
  at: number
  profile: string
  network: Network
  what: string
  detail: string
}

export interface HealthReportData {
  title: string
  fromDay: string
  toDay: string
  generatedAt: number
  channels: ChannelRef[]
  incidents: HealthIncident[]
  events: SignInEvent[]
}

/** The events a client cares about; probes and routine refreshes are left out. */
const EVENT_KINDS = ['health_changed', 'reconnected', 'refresh_failed', 'classified', 'connected'] as const

function eventWords(e: { kind: string; health_after: string | null; reason: string | null }): string {
  if (e.kind === 'reconnected') return 'Signed in again'
  if (e.kind === 'connected') return 'Connected'
  if (e.kind === 'refresh_failed') return `Renewing the sign-in failed${e.reason ? `: ${gapReasonWords(e.reason as GapReason)}` : ''}`
  if (e.kind === 'health_changed' && e.health_after) {
    const copy = HEALTH_COPY[e.health_after as GrantHealth] as (typeof HEALTH_COPY)[GrantHealth] | undefined
    return copy ? `Now: ${copy.label}` : `Now: ${e.health_after}`
  }
  return e.reason ? gapReasonWords(e.reason as GapReason) : 'Checked'
}

/**
 * A channel's gaps merged into incidents: streams that stopped together (or overlapping) are one
 * incident, from the first stream that stopped to the last that came back.
 */
export function mergeIncidents(gaps: readonly SyncGap[], channels: ReadonlyMap<string, ChannelRef>): Omit<HealthIncident, 'posts'>[] {
  const sorted = [...gaps].sort((a, b) => a.channelId.localeCompare(b.channelId) || a.from - b.from)
  const out: Omit<HealthIncident, 'posts'>[] = []
  for (const g of sorted) {
    const channel = channels.get(g.channelId)
    if (!channel) continue
    const last = out.at(-1)
    const stream: IncidentStream = { stream: g.stream, state: g.state, recovered: g.recovered, unit: g.recoveredUnit, lostBefore: g.lostBefore, lostNote: g.lostNote }
    if (last && last.channelId === g.channelId && (last.to === null || g.from <= last.to)) {
      last.streams.push(stream)
      last.to = last.to === null || g.to === null ? null : Math.max(last.to, g.to)
      continue
    }
    out.push({
      channelId: g.channelId,
      channelName: channel.name,
      network: channel.network,
      from: g.from,
      to: g.to,
      reason: g.reason,
      why: gapReasonWords(g.reason),
      detail: g.detail,
      streams: [stream],
    })
  }
  return out.sort((a, b) => a.from - b.from || a.channelName.localeCompare(b.channelName))
}

/** Reads what the health report needs beyond the gap ledger: posts due in each incident, sign-in events. */
export function createHealthReportReader(sqlite: Database) {
  const postsDue = sqlite.prepare(
    `SELECT d.id, d.due_at, d.state, d.published_at, substr(p.text, 1, 120) AS excerpt
       FROM deliveries d JOIN posts p ON p.id = d.post_id
      WHERE d.channel_id = ? AND d.due_at >= ? AND d.due_at < ? ORDER BY d.due_at`,
  )
  const events = sqlite.prepare(
    `SELECT e.at, e.kind, e.health_after, e.reason, e.detail, p.display_name, p.network FROM token_events e JOIN profiles p ON p.id = e.profile_id
      WHERE e.profile_id IN (SELECT profile_id FROM channel_links WHERE channel_id IN (SELECT value FROM json_each(?)))
        AND e.at >= ? AND e.at < ? AND e.kind IN (SELECT value FROM json_each(?)) ORDER BY e.at, e.id`,
  )
  return {
    posts(channelId: string, fromMs: number, toMs: number): IncidentPost[] {
      return (postsDue.all(channelId, fromMs, toMs) as { id: number; due_at: number; state: string; published_at: number | null; excerpt: string }[]).map((r) => ({
        deliveryId: r.id,
        dueAt: r.due_at,
        state: r.state,
        publishedAt: r.published_at,
        excerpt: r.excerpt,
      }))
    },
    events(channelIds: readonly string[], fromMs: number, toMs: number): SignInEvent[] {
      const rows = events.all(JSON.stringify(channelIds), fromMs, toMs, JSON.stringify(EVENT_KINDS)) as {
        at: number
        kind: string
        health_after: string | null
        reason: string | null
        detail: string
        display_name: string
        network: Network
      }[]
      return rows.map((r) => ({ at: r.at, profile: r.display_name, network: r.network, what: eventWords(r), detail: r.detail }))
    },
  }
}

/** Posts of an incident in plain counts. */
export function postCounts(posts: readonly IncidentPost[]): { held: number; publishedLate: number; skipped: number; other: number } {
  let held = 0
  let publishedLate = 0
  let skipped = 0
  let other = 0
  for (const p of posts) {
    if (p.state === 'held') held++
    else if (p.state === 'published') publishedLate++
    else if (p.state === 'skipped') skipped++
    else other++
  }
  return { held, publishedLate, skipped, other }
}
