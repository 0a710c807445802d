/**
 * What the simulation concludes at the end: Relink's deliveries and notifications held against the
 * network's posts and the record of incidents.
 */
import type { DemoHarness } from '../connections/harness'
import type { Incident } from './incidents'

const MIN = 60_000

/** A notification the team saw, by stage: `broken` for a sign-in, `role` for one page's role. */
export interface Told {
  at: number
  profileId: string
  stage: 'broken' | 'role' | 'expiring'
  channelId?: string
}

export interface Verdict {
  deliveries: number
  byState: Record<string, number>
  needsReview: number
  /** Why each delivery needing review does (network, reason, the sentence shown). */
  reviews: string[]
  /**
   * Of those, the ones the network could have answered (it offers a lookup). LinkedIn offers none
   * for a member's own posts, so an unknown outcome there is rightly a person's to decide.
   */
  needsReviewAnswerable: number
  duplicates: number
  lost: number
  undetected: string[]
  /** Incidents still showing in Relink at the end although the team fixed them and refreshed. */
  unhealed: string[]
  /** Incident-stages told zero times or more than once. */
  misnotified: string[]
  /**
   * Posts that waited although the channel had a working link: due while a backup link was broken
   * right after the other link's heal (`Incident.follows`), with nothing else broken on the
   * channel, and not out within 15 minutes.
   */
  backupLate: string[]
  /** How many posts that check saw. */
  backupChecked: number
}

export async function judge(h: DemoHarness, run: { from: number; until: number; texts: ReadonlySet<string>; incidents: Incident[]; told: readonly Told[] }): Promise<Verdict> {
  const { core, sandbox } = h
  const { incidents, until } = run
  const texts = [...run.texts]
  const deliveries = await core.handlers['schedule:list-deliveries']({ from: run.from, to: until + 24 * 60 * MIN })
  const byState: Record<string, number> = {}
  for (const d of deliveries) byState[d.state] = (byState[d.state] ?? 0) + 1
  const posts = [...sandbox.world.posts.values()].filter((p) => texts.some((t) => p.text.startsWith(t)))
  const copies = new Map<string, number>()
  for (const p of posts) {
    const key = `${p.channelId}|${texts.find((t) => p.text.startsWith(t))}`
    copies.set(key, (copies.get(key) ?? 0) + 1)
  }
  const duplicates = [...copies.values()].reduce((n, c) => n + Math.max(0, c - 1), 0)
  const needsReview = byState.needs_review ?? 0
  const memberChannels = await core.database.db.selectFrom('channels').select('id').where('network', '=', 'linkedin').where('kind', '=', 'member').execute()
  const unanswerable = new Set(memberChannels.map((c) => c.id))

  for (const incident of incidents) {
    const affected = new Set(incident.channelIds)
    const seenAt = Math.max(...incident.refs.map((r) => r.detectedAt ?? until))
    const onTime = (d: (typeof deliveries)[number]): boolean => d.publishedAt !== null && d.publishedAt - d.dueAt <= 15 * MIN
    incident.postsCost = deliveries.filter((d) => affected.has(d.channelId) && d.dueAt >= incident.at && d.dueAt <= seenAt && !onTime(d)).length
  }
  const clearedAt = (i: Incident): number => Math.max(...i.refs.map((r) => r.clearedAt ?? until))
  const backupLate: string[] = []
  let backupChecked = 0
  for (const incident of incidents) {
    const backed = new Set(incident.backedChannelIds ?? [])
    if (incident.follows === undefined || backed.size === 0) continue
    const during = (d: (typeof deliveries)[number]): boolean => backed.has(d.channelId) && d.dueAt >= incident.at && d.dueAt <= clearedAt(incident)
    const alsoBroken = (d: (typeof deliveries)[number]): boolean => incidents.some((i) => i !== incident && i.channelIds.includes(d.channelId) && i.at <= d.dueAt && clearedAt(i) >= d.dueAt)
    for (const d of deliveries.filter((x) => during(x) && !alsoBroken(x))) {
      backupChecked += 1
      const late = d.publishedAt === null ? 'not published' : `published ${Math.round((d.publishedAt - d.dueAt) / MIN)} min late`
      if (d.publishedAt === null || d.publishedAt - d.dueAt > 15 * MIN) backupLate.push(`#${incident.id} (after #${incident.follows}) ${d.network} ${d.channelId}: due ${new Date(d.dueAt).toISOString()}, ${late} (${d.state})`)
    }
  }
  const misnotified: string[] = []
  for (const incident of incidents) {
    for (const ref of incident.refs) {
      const end = ref.clearedAt ?? until
      const told = run.told.filter(
        (n) =>
          n.profileId === ref.profileId &&
          n.at >= incident.at &&
          n.at <= end &&
          (ref.kind === 'grant' ? n.stage === 'broken' : n.stage === 'role' && n.channelId === ref.channelId),
      ).length
      const expected = incident.autoHeal ? 0 : 1
      if (told !== expected) misnotified.push(`#${incident.id} ${incident.kind} on ${incident.network} (${ref.kind}): told ${told} times, expected ${expected}`)
    }
  }
  return {
    deliveries: deliveries.length,
    byState,
    needsReview,
    reviews: deliveries.filter((d) => d.state === 'needs_review').map((d) => `${d.network} ${d.failureReason ?? ''}: ${d.failureDetail ?? ''}`),
    needsReviewAnswerable: deliveries.filter((d) => d.state === 'needs_review' && !(d.failureReason === 'unverifiable' && unanswerable.has(d.channelId))).length,
    duplicates,
    lost: deliveries.length - (byState.published ?? 0) - needsReview,
    undetected: incidents
      .filter((i) => !i.autoHeal && i.refs.some((r) => r.detectedAt === null))
      .map((i) => `#${i.id} ${i.kind} on ${i.network} ${i.userId} at ${new Date(i.at).toISOString()}`),
    unhealed: incidents
      .filter((i) => !i.autoHeal && i.refs.some((r) => r.clearedAt === null))
      .map((i) => `#${i.id} ${i.kind} on ${i.network} ${i.userId}: ${i.fixedAt === null ? 'the team never acted' : 'still broken after Refresh connection'}`),
    misnotified,
    backupLate,
    backupChecked,
  }
}

/** Median and worst time from an incident to Relink marking it, per incident kind and network, and what it cost before. */
export function detectionTimes(incidents: readonly Incident[]): { kind: string; n: number; medianMs: number; worstMs: number; costly: number }[] {
  const groups = new Map<string, Incident[]>()
  for (const i of incidents) {
    if (i.autoHeal) continue
    const key = `${i.kind} (${i.network})`
    groups.set(key, [...(groups.get(key) ?? []), i])
  }
  return [...groups.entries()]
    .map(([kind, list]) => {
      const times = list
        .map((i) => Math.max(...i.refs.map((r) => (r.detectedAt ?? Infinity) - i.at)))
        .filter(Number.isFinite)
        .sort((a, b) => a - b)
      return {
        kind,
        n: list.length,
        medianMs: times[Math.floor((times.length - 1) / 2)] ?? Number.NaN,
        worstMs: times[times.length - 1] ?? Number.NaN,
        costly: list.filter((i) => i.postsCost > 0).length,
      }
    })
    .sort((a, b) => a.kind.localeCompare(b.kind))
}
