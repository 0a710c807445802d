/**
 * The team in the simulation: it sees Relink's alerts, and hours later (or days, for a share of
 * them) fixes the cause where a person must, presses Refresh connection and releases what was held.
 */
import type { DemoHarness } from '../connections/harness'
import type { Agenda } from './agenda'
import type { EventLog } from './event-log'
import type { FaultyHttp } from './faults'
import type { IncidentLedger } from './incidents'
import type { SimPerson } from './population'
import type { Told } from './verdict'

const HOUR = 60 * 60_000
const DAY = 24 * HOUR

export interface TeamDeps {
  h: DemoHarness
  rng: () => number
  faults: FaultyHttp
  agenda: Agenda
  ledger: IncidentLedger
  profileOf: ReadonlyMap<string, SimPerson>
  /** The share of alerts answered only 8 to 10 days later (while the run lasts); none without the inbox. */
  slowShare?: number
  /** When the run's plan ends. */
  end: number
  events: EventLog
  log?: (line: string) => void
}

export interface Team {
  /** Every alert the team saw, by stage. */
  readonly told: Told[]
  readonly refreshes: number
  /** Reads the notifications shown since the last call and plans the team's answer to each. */
  onNotifications(): void
}

export function createTeam(deps: TeamDeps): Team {
  const { h, rng, faults, agenda, ledger, profileOf } = deps
  const { core, ports } = h
  const clock = ports.clock
  const uniform = (a: number, b: number): number => a + (b - a) * rng()
  const told: Told[] = []
  const pendingRefresh = new Set<string>()
  let seen = 0
  let refreshes = 0

  /** The team acts on an alert: fixes the cause where a person must, signs in again, releases what was held. */
  async function refresh(profileId: string): Promise<void> {
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

  function onNotifications(): void {
    for (const n of ports.notifications.slice(seen)) {
      deps.events.add(`notified ${n.id}`)
      const profileId = n.target.id
      if (n.target.kind !== 'profile' || !profileId) continue
      // The stage is in the notification's id: `profile:stage:subject`.
      const kind = n.id.split(':')[1]
      const stage = kind === 'broken' ? 'broken' : kind === 'role_lost' ? 'role' : kind === 'expiring' ? 'expiring' : undefined
      if (!stage) continue
      const channelId = stage === 'role' ? n.id.split(':')[2] : undefined
      told.push({ at: clock.now(), profileId, stage, ...(channelId ? { channelId } : {}) })
      if (pendingRefresh.has(profileId)) continue
      pendingRefresh.add(profileId)
      const slow = deps.slowShare !== undefined && rng() < deps.slowShare && clock.now() + 10 * DAY < deps.end
      const when = clock.now() + (slow ? uniform(8 * DAY, 10 * DAY) : uniform(1 * HOUR, 8 * HOUR))
      const attempt = async (): Promise<void> => {
        try {
          await refresh(profileId)
          pendingRefresh.delete(profileId)
        } catch (err) {
          deps.log?.(`team refresh failed (${String(err)}); trying again later`)
          agenda.at(clock.now() + HOUR, attempt)
        }
      }
      agenda.at(when, attempt)
    }
    seen = ports.notifications.length
  }

  return {
    told,
    get refreshes() {
      return refreshes
    },
    onNotifications,
  }
}
