/**
 * A seeded long run of the whole app on the sandbox network: about fifty channels on all five
 * networks, posts composed and published through the window's own commands, random token
 * incidents (password changes, apps removed, early expiries, lost page roles, lapsed data access,
 * an account locked until its owner acts), transient faults on every network call (some after the
 * network already acted), and a team that presses Refresh connection hours after each alert and
 * then releases what was held. The clock is fake; everything else is real: SQLite, HTTP, the
 * sandbox's wire dialects, the lifecycle's watch and the scheduler's wake-up.
 *
 * It keeps its own record of the truth (which incident is open on whom) and reports what Relink
 * got wrong against it: duplicates, lost posts, false disconnects, incidents never detected, and
 * breaks told never or more than once.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isBrokenHealth, type GrantHealth } from '../../../src/shared/domain/health'
import { mulberry32 } from '../../../src/shared/random'
import type { SandboxNetworkId } from '../../../src/main/sandbox/world'
import { startDemo, type DemoHarness } from '../connections/harness'
import { faultyHttp, type FaultTally } from './faults'
import { populate, type SimPerson } from './population'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

export type IncidentKind = 'password_changed' | 'app_removed' | 'early_expiry' | 'data_access' | 'role_lost' | 'action_required'

const KINDS: Record<SandboxNetworkId, IncidentKind[]> = {
  facebook: ['password_changed', 'app_removed', 'early_expiry', 'data_access', 'role_lost'],
  linkedin: ['password_changed', 'app_removed', 'role_lost', 'early_expiry'],
  x: ['password_changed', 'app_removed', 'early_expiry'],
  mastodon: ['app_removed', 'action_required'],
}

export interface SimOptions {
  seed: number
  days: number
  /** Share of network requests that fail for a passing reason. */
  faultRate: number
  deliveriesPerDay: number
  incidentsPerDay: number
  /** Days run on after the last post and incident, for the team to act and Relink to settle. Default 2. */
  settleDays?: number
  /** Progress lines (long runs). */
  log?: (line: string) => void
}

type Ref = { kind: 'grant'; profileId: string; detectedAt: number | null; clearedAt: number | null } | { kind: 'link'; profileId: string; channelId: string; detectedAt: number | null; clearedAt: number | null }

export interface Incident {
  id: number
  kind: IncidentKind
  network: SandboxNetworkId
  userId: string
  at: number
  /** X and LinkedIn renew an early-expired token themselves: nothing may break, nobody is told. */
  autoHeal: boolean
  refs: Ref[]
  /** When the team fixed the cause on the network (restored the role, unlocked the account) and signed in again. */
  fixedAt: number | null
  /** Channels reached through what the incident broke. */
  channelIds: string[]
  /**
   * Posts on those channels, due between the incident and its detection, that did not go out
   * within 15 minutes of their time (held, failed or late): what the incident cost before Relink saw it.
   */
  postsCost: number
  restore?: () => void
}

export interface SimReport {
  seed: number
  days: number
  channels: number
  profiles: number
  networks: string[]
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
  falseDisconnects: string[]
  undetected: string[]
  /** Incidents still showing in Relink at the end although the team fixed them and refreshed. */
  unhealed: string[]
  /** Incident-stages told zero times or more than once. */
  misnotified: string[]
  incidents: Incident[]
  faults: FaultTally
  refreshes: number
  wallMs: number
}

/** A minimal JPEG (SOI, a start-of-frame with its size, EOI): what Instagram insists on. */
function jpegBytes(width: number, height: number): Buffer {
  return Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9])
}

export async function runMonth(options: SimOptions): Promise<SimReport> {
  const started = performance.now()
  const rng = mulberry32(options.seed)
  const faults = faultyHttp(mulberry32(options.seed ^ 0x9e3779b9), options.faultRate)
  // A month of fsyncs is minutes of waiting on a disk: the database lives in memory-backed /dev/shm where there is one.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'relink-sim-'))
  const h = await startDemo({ seed: options.seed, seedDemo: false, wrapHttp: faults.wrap, providerTimeoutMs: 2_000, dir, scheduler: { maxSleepMs: HOUR }, inProcess: true })
  try {
    return await simulate(h, options, rng, faults, started)
  } finally {
    await h.close()
    rmSync(h.dir, { recursive: true, force: true })
  }
}

async function simulate(h: DemoHarness, options: SimOptions, rng: () => number, faults: ReturnType<typeof faultyHttp>, started: number): Promise<SimReport> {
  const { core, sandbox, ports } = h
  const clock = ports.clock
  const db = core.database.db
  const uniform = (a: number, b: number): number => a + (b - a) * rng()
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rng() * list.length)]

  // ---- the team's accounts, connected through the window's commands ----------------------------
  const people = populate(sandbox.world, rng, sandbox.endpoints('mastodon').apiBase)
  const profileOf = new Map<string, SimPerson>()
  for (const person of people) {
    for (const network of person.connects) {
      h.signInAs(person.handle)
      const result = await core.handlers['connections:start-connect']({ network })
      await core.handlers['connections:finish-connect']({ profileId: result.profileId, picks: result.channels.map((c) => ({ networkChannelId: c.networkChannelId, brandIds: [] })) })
      profileOf.set(result.profileId, person)
    }
  }
  const profilesOfUser = (userId: string): string[] => [...profileOf.entries()].filter(([, p]) => p.userId === userId).map(([id]) => id)
  const channels = await core.handlers['channels:list'](undefined)
  const imagePath = join(h.dir, 'sim.jpg')
  writeFileSync(imagePath, jpegBytes(1080, 1080))
  await core.scheduler.start()
  faults.enabled = true

  // ---- the truth ---------------------------------------------------------------------------------
  const incidents: Incident[] = []
  const open = (): Incident[] => incidents.filter((i) => i.refs.some((r) => r.clearedAt === null))
  const busy = new Set<string>()
  const falseDisconnects: string[] = []
  const flagged = new Set<string>()
  const notes: { at: number; profileId: string; stage: 'broken' | 'role' | 'expiring'; channelId?: string }[] = []
  let seenNotifications = 0
  let refreshes = 0

  const queue: { at: number; seq: number; run: () => Promise<void> }[] = []
  let seq = 0
  const at = (when: number, run: () => Promise<void>): void => {
    queue.push({ at: Math.round(when), seq: seq++, run })
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
  }

  async function linksOf(profileId: string) {
    return db.selectFrom('channel_links').select(['channel_id', 'profile_id']).where('profile_id', '=', profileId).execute()
  }

  async function startIncident(): Promise<void> {
    const candidates = people.filter((p) => !busy.has(p.userId) && profilesOfUser(p.userId).length > 0)
    const person = pick(candidates)
    if (!person) return
    let kind = pick(KINDS[person.network]) ?? 'app_removed'
    const world = sandbox.world
    const profileIds = profilesOfUser(person.userId)
    let roleChannel: { sandboxId: string; relinkIds: string[] } | undefined
    if (kind === 'role_lost') {
      const linked = new Set((await Promise.all(profileIds.map(linksOf))).flat().map((l) => l.channel_id))
      const options = [...world.channels.values()].filter((c) => (c.kind === 'page' || c.kind === 'organization') && c.roles.has(person.userId))
      const known = await db.selectFrom('channels').select(['id', 'network_channel_id']).execute()
      const mapped = options
        .map((c) => ({
          sandboxId: c.id,
          // The page (or organisation) and the Instagram account reached through it.
          relinkIds: known.filter((r) => r.network_channel_id === c.id || r.network_channel_id === c.linkedChannelId).map((r) => r.id).filter((id) => linked.has(id)),
        }))
        .filter((c) => c.relinkIds.length > 0)
      roleChannel = pick(mapped)
      if (!roleChannel) kind = 'app_removed'
    }
    const incident: Incident = {
      id: incidents.length + 1,
      kind,
      network: person.network,
      userId: person.userId,
      at: clock.now(),
      autoHeal: kind === 'early_expiry' && (person.network === 'x' || person.network === 'linkedin'),
      refs: [],
      fixedAt: null,
      channelIds: [],
      postsCost: 0,
    }
    const b = sandbox.controls
    switch (kind) {
      case 'password_changed':
        b.changePassword(person.network, person.userId)
        break
      case 'app_removed':
        b.removeApp(person.network, person.userId)
        break
      case 'early_expiry':
        b.expireAccessTokens(person.network, person.userId)
        break
      case 'data_access':
        b.lapseDataAccess(person.network, person.userId)
        break
      case 'action_required':
        b.requireAccountAction(person.network, person.userId, true)
        incident.restore = () => b.requireAccountAction(person.network, person.userId, false)
        break
      case 'role_lost': {
        const channel = world.channels.get(roleChannel?.sandboxId ?? '')
        const before = channel?.roles.get(person.userId)
        b.removeRole(person.network, person.userId, roleChannel?.sandboxId ?? '')
        incident.restore = () => void (before && channel?.roles.set(person.userId, before))
        break
      }
    }
    if (kind === 'role_lost') {
      for (const channelId of roleChannel?.relinkIds ?? []) {
        for (const profileId of profileIds) {
          if ((await linksOf(profileId)).some((l) => l.channel_id === channelId)) incident.refs.push({ kind: 'link', profileId, channelId, detectedAt: null, clearedAt: null })
        }
        incident.channelIds.push(channelId)
      }
    } else {
      for (const profileId of profileIds) {
        incident.refs.push({ kind: 'grant', profileId, detectedAt: null, clearedAt: null })
        incident.channelIds.push(...(await linksOf(profileId)).map((l) => l.channel_id))
      }
    }
    // An auto-healing incident is over once Relink renewed the token; give it a day of watching.
    if (incident.autoHeal) at(clock.now() + DAY, async () => void incident.refs.forEach((r) => (r.clearedAt ??= clock.now())))
    busy.add(person.userId)
    incidents.push(incident)
  }

  /** The team acts on an alert: fixes the cause where a person must, signs in again, releases what was held. */
  async function teamRefresh(profileId: string): Promise<void> {
    const person = profileOf.get(profileId)
    if (!person) return
    for (const incident of open().filter((i) => i.userId === person.userId && !i.autoHeal)) {
      incident.restore?.()
      incident.fixedAt ??= clock.now()
    }
    h.signInAs(person.handle)
    faults.enabled = false
    try {
      await core.handlers['connections:refresh-profile']({ profileId })
      refreshes += 1
    } finally {
      faults.enabled = true
    }
    await core.scheduler.whenIdle()
    await releaseHeld()
  }

  async function releaseHeld(): Promise<void> {
    const held = await core.handlers['schedule:list-held'](undefined)
    if (held.length === 0) return
    const usable = new Set((await core.handlers['channels:list'](undefined)).filter((c) => c.health === 'healthy' || c.health === 'degraded').map((c) => c.id))
    const channelIds = [...new Set(held.map((d) => d.channelId))].filter((id) => usable.has(id))
    if (channelIds.length > 0) await core.handlers['schedule:release-held']({ channelIds, choices: 'publish_now' })
  }

  const pendingRefresh = new Set<string>()
  function onNotifications(): void {
    for (const n of ports.notifications.slice(seenNotifications)) {
      const profileId = n.target.id
      if (n.target.kind !== 'profile' || !profileId) continue
      // The stage is in the notification's id: `profile:stage:subject`.
      const kind = n.id.split(':')[1]
      const stage = kind === 'broken' ? 'broken' : kind === 'role_lost' ? 'role' : kind === 'expiring' ? 'expiring' : undefined
      if (!stage) continue
      const channelId = stage === 'role' ? n.id.split(':')[2] : undefined
      notes.push({ at: clock.now(), profileId, stage, ...(channelId ? { channelId } : {}) })
      if (pendingRefresh.has(profileId)) continue
      pendingRefresh.add(profileId)
      const when = clock.now() + uniform(1 * HOUR, 8 * HOUR)
      const attempt = async (): Promise<void> => {
        try {
          await teamRefresh(profileId)
          pendingRefresh.delete(profileId)
        } catch (err) {
          options.log?.(`team refresh failed (${String(err)}); trying again later`)
          at(clock.now() + HOUR, attempt)
        }
      }
      at(when, attempt)
    }
    seenNotifications = ports.notifications.length
  }

  /** Compares Relink's view with the truth after every step. */
  async function observe(): Promise<void> {
    const profiles = await db.selectFrom('profiles').select(['id', 'health']).execute()
    const links = await db.selectFrom('channel_links').select(['channel_id', 'profile_id', 'health']).execute()
    const now = clock.now()
    const live = open()
    const brokenProfiles = new Set(profiles.filter((p) => isBrokenHealth(p.health as GrantHealth)).map((p) => p.id))
    const lostLinks = new Set(links.filter((l) => l.health === 'role_lost').map((l) => `${l.profile_id}|${l.channel_id}`))
    for (const incident of live) {
      for (const ref of incident.refs) {
        if (ref.clearedAt !== null) continue
        const seen = ref.kind === 'grant' ? brokenProfiles.has(ref.profileId) : lostLinks.has(`${ref.profileId}|${ref.channelId}`)
        if (seen && ref.detectedAt === null && !incident.autoHeal) ref.detectedAt = now
        if (!seen && incident.fixedAt !== null && ref.detectedAt !== null) ref.clearedAt = now
      }
      if (incident.refs.every((r) => r.clearedAt !== null)) busy.delete(incident.userId)
    }
    const covered = (key: string, kind: 'grant' | 'link'): boolean =>
      live.some((i) => !i.autoHeal && i.refs.some((r) => r.kind === kind && r.clearedAt === null && (kind === 'grant' ? r.profileId === key : `${r.profileId}|${(r as { channelId: string }).channelId}` === key)))
    for (const id of brokenProfiles) {
      if (covered(id, 'grant')) continue
      const key = `grant ${id}`
      if (!flagged.has(key)) {
        flagged.add(key)
        const p = profiles.find((x) => x.id === id)
        falseDisconnects.push(`${new Date(now).toISOString()} ${profileOf.get(id)?.handle ?? id} (${profileOf.get(id)?.network}) marked ${p?.health}`)
      }
    }
    for (const key of lostLinks) {
      if (covered(key, 'link') || flagged.has(`link ${key}`)) continue
      flagged.add(`link ${key}`)
      falseDisconnects.push(`${new Date(now).toISOString()} link ${key} marked role_lost`)
    }
    // A false flag clears once Relink agrees again, so a later one counts anew.
    for (const key of [...flagged]) {
      const [kind = '', id = ''] = key.split(' ')
      if (kind === 'grant' && !brokenProfiles.has(id)) flagged.delete(key)
      if (kind === 'link' && !lostLinks.has(id)) flagged.delete(key)
    }
  }

  // ---- the plan: posts and incidents, day by day ---------------------------------------------------
  const t0 = clock.now()
  const end = t0 + options.days * DAY
  const texts = new Set<string>()
  let postNo = 0
  for (let d = 0; d < options.days; d++) {
    const dayStart = t0 + d * DAY
    const posts = Math.round(options.deliveriesPerDay / 1.3)
    for (let i = 0; i < posts; i++) {
      const publishAt = Math.round(dayStart + uniform(1 * HOUR, 23 * HOUR))
      if (publishAt > end - 12 * HOUR) continue
      const composeAt = Math.max(t0, publishAt - uniform(30 * MIN, 30 * HOUR))
      const picked = [pick(channels)?.id ?? '']
      if (rng() < 0.3) picked.push(pick(channels)?.id ?? '')
      const channelIds = [...new Set(picked)]
      const text = `Sim post ${++postNo} from seed ${options.seed}: fresh roast, new hours.`
      texts.add(text)
      at(composeAt, async () => {
        const withImage = channelIds.some((id) => channels.find((c) => c.id === id)?.network === 'instagram')
        if (withImage) {
          ports.pickedFiles.push(imagePath)
          await core.handlers['schedule:pick-image'](undefined)
        }
        const result = await core.handlers['schedule:create-post']({ text, channelIds, publishAt, timeZone: 'UTC', ...(withImage ? { image: { path: imagePath } } : {}) })
        if (!result.post) throw new Error(`The simulation composed a post Relink refused: ${JSON.stringify(result.problems)}`)
      })
    }
    // Incidents stop half a day before the end: the settling days give the team time to act.
    const count = Math.floor(options.incidentsPerDay) + (rng() < options.incidentsPerDay % 1 ? 1 : 0)
    for (let i = 0; i < count; i++) {
      const when = dayStart + uniform(0, DAY)
      if (when < end - 12 * HOUR) at(when, startIncident)
    }
  }

  // ---- the run -----------------------------------------------------------------------------------------
  const settleUntil = end + (options.settleDays ?? 2) * DAY
  let lastLog = t0
  let steps = 0
  while (clock.now() < settleUntil) {
    const now = clock.now()
    const watch = (await core.connections.lifecycle.nextWakeAt()) ?? Infinity
    const candidates = [clock.nextAt() ?? Infinity, watch, queue[0]?.at ?? Infinity, now + HOUR, settleUntil]
    const next = Math.max(now + 1_000, Math.min(...candidates))
    steps += 1
    clock.set(next)
    await core.scheduler.whenIdle()
    if (watch <= next) await core.connections.lifecycle.sweep()
    while (queue[0] && queue[0].at <= clock.now()) {
      const event = queue.shift()
      await event?.run()
      await core.scheduler.whenIdle()
    }
    onNotifications()
    await observe()
    // A quarter of a year of log lines and tray renders would only weigh on memory here.
    ports.logLines.length = 0
    ports.trayStates.length = 0
    if (options.log && clock.now() - lastLog >= (options.days > 10 ? 10 : 1) * DAY) {
      lastLog = clock.now()
      options.log(`day ${Math.round((clock.now() - t0) / DAY)}: ${steps} steps, ${incidents.length} incidents, ${refreshes} refreshes, ${faults.tally.requests} requests, ${faults.tally.faults} faults, ${Math.round(performance.now() - started)} ms`)
    }
  }
  await core.scheduler.whenIdle()

  // ---- the verdict -------------------------------------------------------------------------------------
  const deliveries = await core.handlers['schedule:list-deliveries']({ from: t0 - DAY, to: settleUntil + DAY })
  const byState: Record<string, number> = {}
  for (const d of deliveries) byState[d.state] = (byState[d.state] ?? 0) + 1
  const posts = [...sandbox.world.posts.values()].filter((p) => [...texts].some((t) => p.text.startsWith(t)))
  const copies = new Map<string, number>()
  for (const p of posts) {
    const key = `${p.channelId}|${[...texts].find((t) => p.text.startsWith(t))}`
    copies.set(key, (copies.get(key) ?? 0) + 1)
  }
  const duplicates = [...copies.values()].reduce((n, c) => n + Math.max(0, c - 1), 0)
  const needsReview = byState.needs_review ?? 0
  const memberChannels = await db.selectFrom('channels').select('id').where('network', '=', 'linkedin').where('kind', '=', 'member').execute()
  const unanswerable = new Set(memberChannels.map((c) => c.id))
  const lost = deliveries.length - (byState.published ?? 0) - needsReview

  for (const incident of incidents) {
    const affected = new Set(incident.channelIds)
    const seenAt = Math.max(...incident.refs.map((r) => r.detectedAt ?? settleUntil))
    const onTime = (d: (typeof deliveries)[number]): boolean => d.publishedAt !== null && d.publishedAt - d.dueAt <= 15 * MIN
    incident.postsCost = deliveries.filter((d) => affected.has(d.channelId) && d.dueAt >= incident.at && d.dueAt <= seenAt && !onTime(d)).length
  }
  const undetected = incidents
    .filter((i) => !i.autoHeal && i.refs.some((r) => r.detectedAt === null))
    .map((i) => `#${i.id} ${i.kind} on ${i.network} ${i.userId} at ${new Date(i.at).toISOString()}`)
  const unhealed = incidents
    .filter((i) => !i.autoHeal && i.refs.some((r) => r.clearedAt === null))
    .map((i) => `#${i.id} ${i.kind} on ${i.network} ${i.userId}: ${i.fixedAt === null ? 'the team never acted' : 'still broken after Refresh connection'}`)
  const misnotified: string[] = []
  for (const incident of incidents) {
    for (const ref of incident.refs) {
      const until = ref.clearedAt ?? settleUntil
      const told = notes.filter(
        (n) =>
          n.profileId === ref.profileId &&
          n.at >= incident.at &&
          n.at <= until &&
          (ref.kind === 'grant' ? n.stage === 'broken' : n.stage === 'role' && n.channelId === ref.channelId),
      ).length
      const expected = incident.autoHeal ? 0 : 1
      if (told !== expected) misnotified.push(`#${incident.id} ${incident.kind} on ${incident.network} (${ref.kind}): told ${told} times, expected ${expected}`)
    }
  }
  return {
    seed: options.seed,
    days: options.days,
    channels: channels.length,
    profiles: profileOf.size,
    networks: [...new Set(channels.map((c) => c.network))].sort(),
    deliveries: deliveries.length,
    byState,
    needsReview,
    reviews: deliveries.filter((d) => d.state === 'needs_review').map((d) => `${d.network} ${d.failureReason ?? ''}: ${d.failureDetail ?? ''}`),
    needsReviewAnswerable: deliveries.filter((d) => d.state === 'needs_review' && !(d.failureReason === 'unverifiable' && unanswerable.has(d.channelId))).length,
    duplicates,
    lost,
    falseDisconnects,
    undetected,
    unhealed,
    misnotified,
    incidents,
    faults: faults.tally,
    refreshes,
    wallMs: Math.round(performance.now() - started),
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
