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
 * disconnects, incidents never detected, and breaks told never or more than once. The plan is in
 * `plan.ts`, the team in `team.ts`, the agenda and the wait for background work in `agenda.ts`.
 *
 * A run is a function of its seed: every random draw comes from streams of it, Relink's ids and
 * the sandbox's tokens too (`tests/fakes/seeded-ids.ts`), and a step waits for background work in
 * a way that does not depend on the machine's speed; `events` digests what happened, so two runs
 * of a seed can be compared (`replay.test.ts`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mulberry32 } from '../../../src/shared/random'
import { startDemo, type DemoHarness } from '../connections/harness'
import { createAgenda, drain } from './agenda'
import { createEventLog, type EventLog } from './event-log'
import { faultyHttp, type FaultTally, type FaultyHttp } from './faults'
import type { ReplyVerdict } from './inbox-replies'
import { startInbox } from './inbox-start'
import { judgeInbox, type InboxVerdict } from './inbox-verdict'
import { createIncidentLedger, type Incident } from './incidents'
import { createComposer, planRun } from './plan'
import { populate, type SimPerson } from './population'
import { createTeam } from './team'
import { judge, type Verdict } from './verdict'

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
  /** Requests under faults and alerts, in order, digested (`event-log.ts`). */
  events: { events: number; digest: string }
  wallMs: number
  inbox?: InboxVerdict
  replies?: ReplyVerdict
}

export async function runMonth(options: SimOptions): Promise<SimReport> {
  const started = performance.now()
  const rng = mulberry32(options.seed)
  // A month of fsyncs is minutes of waiting on a disk: the database lives in memory-backed /dev/shm where there is one.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'relink-sim-'))
  let now = (): number => 0
  const events = createEventLog(() => now(), `seed-${options.seed}-${options.days}d${options.inbox ? '-inbox' : ''}`)
  const faults = faultyHttp(mulberry32(options.seed ^ 0x9e3779b9), options.faultRate, events)
  const h = await startDemo({ seed: options.seed, seedDemo: false, wrapHttp: faults.wrap, providerTimeoutMs: 2_000, dir, scheduler: { maxSleepMs: HOUR }, inProcess: true, idSeed: options.seed ^ 0x1b873593 })
  now = () => h.ports.clock.now()
  events.hide(h.sandbox.origin, 'http://sandbox')
  events.hide(encodeURIComponent(h.sandbox.origin), encodeURIComponent('http://sandbox'))
  try {
    return await simulate(h, options, rng, faults, events, started)
  } finally {
    await h.close()
    rmSync(h.dir, { recursive: true, force: true })
  }
}

async function simulate(h: DemoHarness, options: SimOptions, rng: () => number, faults: FaultyHttp, events: EventLog, started: number): Promise<SimReport> {
  const { core, sandbox, ports } = h
  const clock = ports.clock

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
  const composer = createComposer(h, channels, options.seed)
  await core.scheduler.start()
  // Edits and deletions draw from their own stream, so a seed's other events stay as they were without them.
  const changeRng = mulberry32(options.seed ^ 0x5bd1e995)
  const inbox = options.inbox ? await startInbox(h, rng, changeRng, mulberry32(options.seed ^ 0x27d4eb2f), (text) => void faults.loseAnswerOf.add(text)) : undefined
  faults.enabled = true
  const agenda = createAgenda()
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rng() * list.length)]

  // ---- the truth and the team --------------------------------------------------------------------
  const t0 = clock.now()
  const end = t0 + options.days * DAY
  // Backup links breaking after a heal draw from their own stream, so a seed's other events stay as they were.
  // While such a backup link is broken, the team schedules a post on its channels due 45 minutes later.
  const followRng = mulberry32(options.seed ^ 0x68e31da4)
  const followUps = { rng: followRng, until: end - 12 * HOUR, onBreak: (channelIds: string[]) => composer.compose(composer.newText(), channelIds, clock.now() + 45 * MIN) }
  const ledger = createIncidentLedger({ h, people, profilesOfUser, personOf: (id) => profileOf.get(id), pick, at: agenda.at, day: DAY, followUps })
  const { incidents } = ledger
  const team = createTeam({ h, rng, faults, agenda, ledger, profileOf, end, events, ...(options.inbox ? { slowShare: options.inbox.slowTeamShare } : {}), ...(options.log ? { log: options.log } : {}) })
  planRun({ options, rng, changeRng, agenda, channels, composer, ledger, inbox, t0 })

  // ---- the run -----------------------------------------------------------------------------------------
  /** Everything Relink does in the background finished, or waits on the clock. */
  const settle = async (): Promise<void> => {
    await core.scheduler.whenIdle()
    if (inbox) await drain(Promise.all([core.sync.whenIdle(), core.inboxActions.whenIdle()]))
  }
  const settleUntil = end + (options.settleDays ?? 2) * DAY
  let lastLog = t0
  let steps = 0
  while (clock.now() < settleUntil) {
    const now = clock.now()
    const watch = (await core.connections.lifecycle.nextWakeAt()) ?? Infinity
    const candidates = [clock.nextAt() ?? Infinity, watch, agenda.nextAt(), now + HOUR, settleUntil]
    const next = Math.max(now + 1_000, Math.min(...candidates))
    steps += 1
    clock.set(next)
    await settle()
    if (watch <= next) await core.connections.lifecycle.sweep()
    for (let run = agenda.takeDue(clock.now()); run; run = agenda.takeDue(clock.now())) {
      await run()
      await settle()
    }
    team.onNotifications()
    await ledger.observe()
    // A quarter of a year of log lines and tray renders would only weigh on memory here.
    ports.logLines.length = 0
    ports.trayStates.length = 0
    if (options.log && clock.now() - lastLog >= (options.days > 10 ? 10 : options.days > 2 ? 1 : 0.125) * DAY) {
      lastLog = clock.now()
      options.log(`day ${Math.round((clock.now() - t0) / DAY)}: ${steps} steps, ${incidents.length} incidents, ${team.refreshes} refreshes, ${faults.tally.requests} requests, ${faults.tally.faults} faults, ${Math.round(performance.now() - started)} ms`)
    }
  }
  await core.scheduler.whenIdle()
  let inboxVerdict: InboxVerdict | undefined
  let replies: ReplyVerdict | undefined
  if (inbox) {
    // One last read of everything on a quiet network, as a person pressing Sync now at the end would.
    faults.enabled = false
    void core.sync.syncNow()
    while (!(await drain(core.sync.whenIdle()))) clock.set(Math.max(clock.now() + 1_000, clock.nextAt() ?? 0))
    inboxVerdict = await judgeInbox(h, { written: inbox.traffic.written, incidents, relinkChannelOf: inbox.relinkChannelOf })
    replies = inbox.team.judge()
  }

  // ---- the verdict -------------------------------------------------------------------------------------
  const verdict = await judge(h, { from: t0 - DAY, until: settleUntil, texts: composer.texts, incidents, told: team.told })
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
    refreshes: team.refreshes,
    events: events.summary(),
    wallMs: Math.round(performance.now() - started),
    ...(inboxVerdict ? { inbox: inboxVerdict } : {}),
    ...(replies ? { replies } : {}),
  }
}
