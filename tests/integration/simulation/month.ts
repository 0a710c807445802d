/**
 * A seeded long run of the whole app on the sandbox network: about fifty channels on all five
 * networks, posts composed and published through the window's own commands, random token
 * incidents (password changes, apps removed, early expiries, lost page roles, lapsed data access,
 * an account locked until its owner acts), transient faults on every network call (some after the
 * network already acted), and a team that presses Refresh connection hours after each alert and
 * then releases what was held. The clock is fake; everything else is real: SQLite, HTTP, the
 * sandbox's wire dialects, the lifecycle's watch and the scheduler's wake-up.
 *
 * It keeps its own record of the truth (which incident is open on whom, `incidents.ts`) and
 * reports what Relink got wrong against it (`verdict.ts`): duplicates, lost posts, false
 * disconnects, incidents never detected, and breaks told never or more than once.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mulberry32 } from '../../../src/shared/random'
import { startDemo, type DemoHarness } from '../connections/harness'
import { faultyHttp, type FaultTally } from './faults'
import type { ReplyVerdict } from './inbox-replies'
import { startInbox } from './inbox-start'
import { judgeInbox, type InboxVerdict } from './inbox-verdict'
import { createIncidentLedger, type Incident } from './incidents'
import { populate, type SimPerson } from './population'
import { judge, type Told, type Verdict } from './verdict'

export { detectionTimes } from './verdict'
export type { Incident, IncidentKind } from './incidents'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

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
  /**
   * Runs the inbox too: sync reads every channel on its plan while visitors comment on the posts.
   * `slowTeamShare` of the alerts the team answers only 8 to 10 days later (while the run lasts),
   * past X's 7-day window, so what the network no longer serves must be said by the gap ledger.
   */
  inbox?: {
    commentsPerDay: number
    slowTeamShare: number
    /** Visitors' edits (three in five) and deletions a day, on the networks that follow them (`FOLLOWED`). */
    changesPerDay?: number
    /** Replies the team sends from the inbox a day (`inbox-replies.ts`). */
    repliesPerDay?: number
  }
}

export interface SimReport extends Verdict {
  seed: number
  days: number
  channels: number
  profiles: number
  networks: string[]
  falseDisconnects: string[]
  incidents: Incident[]
  faults: FaultTally
  refreshes: number
  wallMs: number
  inbox?: InboxVerdict
  replies?: ReplyVerdict
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
  // Edits and deletions draw from their own stream, so a seed's other events stay as they were without them.
  const changeRng = mulberry32(options.seed ^ 0x5bd1e995)
  const inbox = options.inbox ? await startInbox(h, rng, changeRng, mulberry32(options.seed ^ 0x27d4eb2f), (text) => void faults.loseAnswerOf.add(text)) : undefined
  faults.enabled = true

  const queue: { at: number; seq: number; run: () => Promise<void> }[] = []
  let seq = 0
  const at = (when: number, run: () => Promise<void>): void => {
    queue.push({ at: Math.round(when), seq: seq++, run })
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
  }

  // ---- the truth ---------------------------------------------------------------------------------
  // Backup links breaking after a heal draw from their own stream, so a seed's other events stay as they were.
  // While such a backup link is broken, the team schedules a post on its channels due 45 minutes later.
  const followRng = mulberry32(options.seed ^ 0x68e31da4)
  const followUps = { rng: followRng, until: clock.now() + options.days * DAY - 12 * HOUR, onBreak: (channelIds: string[]) => compose(newText(), channelIds, clock.now() + 45 * MIN) }
  const ledger = createIncidentLedger({ h, people, profilesOfUser, personOf: (id) => profileOf.get(id), pick, at, day: DAY, followUps })
  const { incidents } = ledger
  const notes: Told[] = []
  let seenNotifications = 0
  let refreshes = 0

  /** The team acts on an alert: fixes the cause where a person must, signs in again, releases what was held. */
  async function teamRefresh(profileId: string): Promise<void> {
    const person = profileOf.get(profileId)
    if (!person) return
    for (const incident of ledger.open().filter((i) => i.userId === person.userId && !i.autoHeal)) {
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
      const slow = options.inbox && rng() < options.inbox.slowTeamShare && clock.now() + 10 * DAY < end
      const when = clock.now() + (slow ? uniform(8 * DAY, 10 * DAY) : uniform(1 * HOUR, 8 * HOUR))
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

  // ---- the plan: posts and incidents, day by day ---------------------------------------------------
  const t0 = clock.now()
  const end = t0 + options.days * DAY
  const texts = new Set<string>()
  let postNo = 0
  const newText = (): string => {
    const text = `Sim post ${++postNo} from seed ${options.seed}: fresh roast, new hours.`
    texts.add(text)
    return text
  }
  async function compose(text: string, channelIds: string[], publishAt: number): Promise<void> {
    const withImage = channelIds.some((id) => channels.find((c) => c.id === id)?.network === 'instagram')
    if (withImage) {
      ports.pickedFiles.push(imagePath)
      await core.handlers['schedule:pick-image'](undefined)
    }
    const result = await core.handlers['schedule:create-post']({ text, channelIds, publishAt, timeZone: 'UTC', ...(withImage ? { image: { path: imagePath } } : {}) })
    if (!result.post) throw new Error(`The simulation composed a post Relink refused: ${JSON.stringify(result.problems)}`)
  }
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
      const text = newText()
      at(composeAt, () => compose(text, channelIds, publishAt))
    }
    if (inbox && options.inbox) {
      for (let i = 0; i < options.inbox.commentsPerDay; i++) {
        const when = dayStart + uniform(0, DAY)
        if (when < end) at(when, async () => void inbox.traffic.comment())
      }
      for (let i = 0; i < (options.inbox.changesPerDay ?? 0); i++) {
        const when = dayStart + DAY * changeRng()
        const kind = changeRng() < 0.6 ? 'edit' : 'delete'
        if (when < end) at(when, async () => void inbox.traffic.change(kind))
      }
      for (let i = 0; i < (options.inbox.repliesPerDay ?? 0); i++) {
        const when = dayStart + DAY * inbox.replyRng()
        if (when < end) at(when, async () => void (await inbox.team.reply()))
      }
    }
    // Incidents stop half a day before the end: the settling days give the team time to act.
    const count = Math.floor(options.incidentsPerDay) + (rng() < options.incidentsPerDay % 1 ? 1 : 0)
    for (let i = 0; i < count; i++) {
      const when = dayStart + uniform(0, DAY)
      if (when < end - 12 * HOUR) at(when, ledger.start)
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
    if (inbox) await settled(Promise.all([core.sync.whenIdle(), core.inboxActions.whenIdle()]))
    if (watch <= next) await core.connections.lifecycle.sweep()
    while (queue[0] && queue[0].at <= clock.now()) {
      const event = queue.shift()
      await event?.run()
      await core.scheduler.whenIdle()
      if (inbox) await settled(Promise.all([core.sync.whenIdle(), core.inboxActions.whenIdle()]))
    }
    onNotifications()
    await ledger.observe()
    // A quarter of a year of log lines and tray renders would only weigh on memory here.
    ports.logLines.length = 0
    ports.trayStates.length = 0
    if (options.log && clock.now() - lastLog >= (options.days > 10 ? 10 : options.days > 2 ? 1 : 0.125) * DAY) {
      lastLog = clock.now()
      options.log(`day ${Math.round((clock.now() - t0) / DAY)}: ${steps} steps, ${incidents.length} incidents, ${refreshes} refreshes, ${faults.tally.requests} requests, ${faults.tally.faults} faults, ${Math.round(performance.now() - started)} ms`)
    }
  }
  await core.scheduler.whenIdle()
  let inboxVerdict: InboxVerdict | undefined
  let replies: ReplyVerdict | undefined
  if (inbox) {
    // One last read of everything on a quiet network, as a person pressing Sync now at the end would.
    faults.enabled = false
    void core.sync.syncNow()
    while (!(await settled(core.sync.whenIdle()))) clock.set(Math.max(clock.now() + 1_000, clock.nextAt() ?? 0))
    inboxVerdict = await judgeInbox(h, { written: inbox.traffic.written, incidents, relinkChannelOf: inbox.relinkChannelOf })
    replies = inbox.team.judge()
  }

  // ---- the verdict -------------------------------------------------------------------------------------
  const verdict = await judge(h, { from: t0 - DAY, until: settleUntil, texts, incidents, told: notes })
  return {
    seed: options.seed,
    days: options.days,
    channels: channels.length,
    profiles: profileOf.size,
    networks: [...new Set(channels.map((c) => c.network))].sort(),
    ...verdict,
    falseDisconnects: ledger.falseDisconnects,
    incidents,
    faults: faults.tally,
    refreshes,
    wallMs: Math.round(performance.now() - started),
    ...(inboxVerdict ? { inbox: inboxVerdict } : {}),
    ...(replies ? { replies } : {}),
  }
}

/**
 * Waits for work to finish or to stand waiting on the fake clock (a read waiting out a rate limit
 * or a retry): the run's loop then moves the clock on to that wake-up.
 */
async function settled(work: Promise<unknown>): Promise<boolean> {
  let done = false
  void work.then(() => void (done = true))
  for (let turn = 0; turn < 100 && !done; turn++) await new Promise((resolve) => setImmediate(resolve))
  return done
}
