/**
 * Held deliveries: the release after a reconnect (publish now, next free slot, keep held, skip),
 * the offer to release when a reconnect heals their channels, and the forecast of scheduled
 * deliveries whose sign-in lapses before their time.
 */
import type { Network } from '../../shared/domain/network'
import type { EventPayloads } from '../../shared/ipc/contract'
import { AT_RISK_FIRST, atRiskOf, type AtRiskChannel, type AtRiskDelivery, type AtRiskOverview, type ReleaseChoice, type ReleaseResult } from '../../shared/domain/schedule'
import { LIFECYCLE_RULES } from '../connections/network-rules'
import type { DeliveryFields } from '../db/repositories/delivery-repository'
import { createWriteMemo } from '../db/write-memo'
import type { EventListener } from '../events'
import { channelLapse, linkCanPublish, type LinkClock } from './forecast'
import { MINUTE, type SchedulerContext } from './options'
import { nextFreeSlot } from './slots'
import { toView } from './views'

export function createHeldRelease(ctx: SchedulerContext) {
  const { repo, clock, logger, deps, opt } = ctx
  const { providers } = deps
  const { changedRow, poke, track } = ctx

  async function releaseHeld(channelIds: readonly string[], choices: ReleaseChoice | Readonly<Record<string, ReleaseChoice>>): Promise<ReleaseResult> {
    const now = clock.now()
    const held = await repo.held(channelIds)
    const result: ReleaseResult = { publishNow: [], moved: [], kept: [], skipped: [] }
    const claimedSlots = new Map<string, number[]>()
    const base: DeliveryFields = { held_reason: null, held_detail: null, failure_reason: null, failure_detail: null, notified_at: null }
    for (const row of held) {
      const choice = typeof choices === 'string' ? choices : (choices[String(row.id)] ?? 'keep_held')
      if (choice === 'keep_held') {
        result.kept.push(row.id)
        continue
      }
      if (choice === 'skip') {
        if (await repo.transition(row.id, ['held'], { state: 'skipped', next_attempt_at: null }, now)) result.skipped.push(row.id)
      } else if (choice === 'publish_now') {
        if (await repo.transition(row.id, ['held'], { ...base, state: 'scheduled', next_attempt_at: now }, now)) result.publishNow.push(row.id)
      } else {
        const mine = claimedSlots.get(row.channel_id) ?? []
        const taken = [...(await repo.takenTimes(row.channel_id, now, now + 60 * 24 * MINUTE)), ...mine]
        const slot = nextFreeSlot(taken, now, opt.slotMs, MINUTE)
        claimedSlots.set(row.channel_id, [...mine, slot])
        if (await repo.transition(row.id, ['held'], { ...base, state: 'scheduled', due_at: slot, next_attempt_at: slot }, now)) {
          result.moved.push({ deliveryId: row.id, dueAt: slot })
        }
      }
      changedRow(row)
    }
    logger.log('info', 'scheduler: released held deliveries', { publishNow: result.publishNow.length, moved: result.moved.length, kept: result.kept.length, skipped: result.skipped.length })
    poke()
    return result
  }

  // The overview depends on the database alone (sign-ins, links, scheduled deliveries), so it is
  // kept until anything is written: the Schedule, Connection health and each profile's details ask
  // for it in turn, and at agency scale it is some 10 ms to work out.
  const remembered = createWriteMemo(() => repo.writeMark(), 1)

  /** Counts per channel and the earliest few: the window shows a summary, never every delivery. */
  function atRisk(): Promise<AtRiskOverview> {
    return remembered('at-risk', readAtRisk)
  }

  async function readAtRisk(): Promise<AtRiskOverview> {
    const rows = await repo.linkClocks()
    const byChannel = new Map<string, { name: string; network: Network; links: LinkClock[] }>()
    for (const r of rows) {
      const network = r.network as Network
      const entry = byChannel.get(r.channel_id) ?? { name: r.channel_name, network, links: [] }
      // Links whose roles cannot publish (an analyst) do not keep the channel publishable.
      if (r.profile_id !== null && linkCanPublish(network, r.channel_kind, (r.tasks ?? '').split(',').filter(Boolean))) {
        entry.links.push({
          profileId: r.profile_id,
          linkHealth: r.link_health,
          profileHealth: r.profile_health,
          hasLinkToken: r.has_link_token === 1,
          refreshable: r.has_refresh === 1 && providers.adapter(network).refresh !== undefined,
          channelTokenOutlivesProfile: LIFECYCLE_RULES[network].channelTokensOutliveProfile,
          accessExpiresAt: r.access_expires_at,
          refreshExpiresAt: r.refresh_expires_at,
          dataAccessExpiresAt: r.data_access_expires_at,
        })
      }
      byChannel.set(r.channel_id, entry)
    }
    const lapsing = new Map<string, Omit<AtRiskChannel, 'count' | 'firstDueAt'>>()
    for (const [channelId, channel] of byChannel) {
      const lapse = channelLapse(channel.links)
      if (lapse.at === null) continue
      const broken = lapse.at === Number.NEGATIVE_INFINITY
      lapsing.set(channelId, {
        channelId,
        channelName: channel.name,
        network: channel.network,
        lapsesAt: broken ? null : lapse.at,
        cause: lapse.cause,
        profileIds: lapse.profileIds,
      })
    }
    const thresholds = [...lapsing.values()].map((c) => ({ channelId: c.channelId, from: c.lapsesAt ?? Number.MIN_SAFE_INTEGER }))
    const { perChannel, first } = await repo.scheduledFromEach(thresholds, AT_RISK_FIRST)
    const channels: AtRiskChannel[] = []
    for (const row of perChannel) {
      const channel = lapsing.get(row.channel_id)
      if (channel) channels.push({ ...channel, count: row.count, firstDueAt: row.first_due })
    }
    channels.sort((a, b) => a.firstDueAt - b.firstDueAt || a.channelId.localeCompare(b.channelId))
    const index = new Map(channels.map((c) => [c.channelId, c]))
    const listed = first
      .map((d) => atRiskOf(index, { id: d.id, postId: d.post_id, channelId: d.channel_id, dueAt: d.due_at, state: d.state }))
      .filter((d): d is AtRiskDelivery => d !== undefined)
    return { total: channels.reduce((sum, c) => sum + c.count, 0), channels, first: listed }
  }

  async function onReconnect(profileId: string, channelIds: readonly string[]): Promise<void> {
    if (channelIds.length === 0) return
    const held = await repo.held(channelIds)
    if (held.length === 0) return
    logger.log('info', 'scheduler: held deliveries can be released', { profileId, count: held.length })
    deps.onHeldReleasable?.({ profileId, channelIds: [...new Set(held.map((h) => h.channel_id))], deliveries: held.map(toView) })
    for (const row of held) changedRow(row)
  }

  const onEvent: EventListener = (event, payload) => {
    if (event !== 'connections:did-reconnect' || ctx.isStopped()) return
    const { profileId, channelIds } = payload as EventPayloads['connections:did-reconnect']
    void track(onReconnect(profileId, channelIds)).catch((err: unknown) => logger.log('error', 'scheduler: reconnect handling failed', { error: err }))
  }

  return { releaseHeld, atRisk, onEvent }
}
