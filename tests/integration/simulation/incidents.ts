/**
 * The simulation's record of the truth: which token incident is open on whom, injected on the
 * sandbox network at random, and compared with what Relink shows after every step (detected,
 * cleared after the team's Refresh connection, or a disconnect no incident explains).
 */
import { isBrokenHealth, type GrantHealth } from '../../../src/shared/domain/health'
import type { Network } from '../../../src/shared/domain/network'
import { linkCanPublish } from '../../../src/main/connections/link-rights'
import type { SandboxNetworkId } from '../../../src/main/sandbox/world'
import type { DemoHarness } from '../connections/harness'
import type { SimPerson } from './population'

export type IncidentKind = 'password_changed' | 'app_removed' | 'early_expiry' | 'data_access' | 'role_lost' | 'action_required'

const KINDS: Record<SandboxNetworkId, IncidentKind[]> = {
  facebook: ['password_changed', 'app_removed', 'early_expiry', 'data_access', 'role_lost'],
  linkedin: ['password_changed', 'app_removed', 'role_lost', 'early_expiry'],
  x: ['password_changed', 'app_removed', 'early_expiry'],
  mastodon: ['app_removed', 'action_required'],
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
  /**
   * A break on a backup link right after a heal: the incident on a co-admin whose Refresh
   * connection healed just before this began, and the channels the healed link may publish to
   * again while this one is broken (`backedChannelIds`).
   */
  follows?: number
  backedChannelIds?: string[]
}

export interface IncidentDeps {
  h: DemoHarness
  people: readonly SimPerson[]
  profilesOfUser(userId: string): string[]
  personOf(profileId: string): SimPerson | undefined
  pick<T>(list: readonly T[]): T | undefined
  /** Runs `run` at `when` on the simulation's agenda. */
  at(when: number, run: () => Promise<void>): void
  day: number
  /**
   * Backup links breaking after a heal: `rng` draws whether and when, apart from the seed's other
   * draws; none begins after `until`; `onBreak` is told the channels the healed link carries.
   */
  followUps?: { rng: () => number; until: number; onBreak(channelIds: string[]): Promise<void> }
}

export interface IncidentLedger {
  readonly incidents: Incident[]
  /** Incidents with anything Relink has not yet cleared. */
  open(): Incident[]
  /** Breaks something on a random person not already in an incident. */
  start(): Promise<void>
  /** Compares Relink's view with the truth; call after every step. */
  observe(): Promise<void>
  /** Broken profiles and lost links no open incident explains, each counted once per episode. */
  readonly falseDisconnects: string[]
}

export function createIncidentLedger(deps: IncidentDeps): IncidentLedger {
  const { h, people, profilesOfUser, pick, at } = deps
  const { core, sandbox, ports } = h
  const clock = ports.clock
  const db = core.database.db
  const incidents: Incident[] = []
  const busy = new Set<string>()
  const falseDisconnects: string[] = []
  const flagged = new Set<string>()
  const open = (): Incident[] => incidents.filter((i) => i.refs.some((r) => r.clearedAt === null))

  async function linksOf(profileId: string) {
    return db.selectFrom('channel_links').select(['channel_id', 'profile_id']).where('profile_id', '=', profileId).execute()
  }

  /** A page (or organisation) the person holds a role on, with its Relink channels reached through it. */
  async function roleChannelOf(person: SimPerson, profileIds: string[]): Promise<{ sandboxId: string; relinkIds: string[] } | undefined> {
    const linked = new Set((await Promise.all(profileIds.map(linksOf))).flat().map((l) => l.channel_id))
    const options = [...sandbox.world.channels.values()].filter((c) => (c.kind === 'page' || c.kind === 'organization') && c.roles.has(person.userId))
    const known = await db.selectFrom('channels').select(['id', 'network_channel_id']).execute()
    const mapped = options
      .map((c) => ({
        sandboxId: c.id,
        // The page (or organisation) and the Instagram account reached through it.
        relinkIds: known.filter((r) => r.network_channel_id === c.id || r.network_channel_id === c.linkedChannelId).map((r) => r.id).filter((id) => linked.has(id)),
      }))
      .filter((c) => c.relinkIds.length > 0)
    return pick(mapped)
  }

  /** Does it on the network; returns how to undo it where the team must fix the cause itself. */
  function inflict(kind: IncidentKind, person: SimPerson, roleChannel: { sandboxId: string } | undefined): (() => void) | undefined {
    const b = sandbox.controls
    switch (kind) {
      case 'password_changed':
        b.changePassword(person.network, person.userId)
        return undefined
      case 'app_removed':
        b.removeApp(person.network, person.userId)
        return undefined
      case 'early_expiry':
        b.expireAccessTokens(person.network, person.userId)
        return undefined
      case 'data_access':
        b.lapseDataAccess(person.network, person.userId)
        return undefined
      case 'action_required':
        b.requireAccountAction(person.network, person.userId, true)
        return () => b.requireAccountAction(person.network, person.userId, false)
      case 'role_lost': {
        const channel = sandbox.world.channels.get(roleChannel?.sandboxId ?? '')
        const before = channel?.roles.get(person.userId)
        b.removeRole(person.network, person.userId, roleChannel?.sandboxId ?? '')
        return () => void (before && channel?.roles.set(person.userId, before))
      }
    }
  }

  async function start(): Promise<void> {
    const person = pick(people.filter((p) => !busy.has(p.userId) && profilesOfUser(p.userId).length > 0))
    if (person) await begin(person, pick(KINDS[person.network]) ?? 'app_removed')
  }

  async function begin(person: SimPerson, chosen: IncidentKind, follows?: { id: number; backedChannelIds: string[] }): Promise<void> {
    let kind = chosen
    const profileIds = profilesOfUser(person.userId)
    const roleChannel = kind === 'role_lost' ? await roleChannelOf(person, profileIds) : undefined
    if (kind === 'role_lost' && !roleChannel) kind = 'app_removed'
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
      ...(follows ? { follows: follows.id, backedChannelIds: follows.backedChannelIds } : {}),
    }
    const restore = inflict(kind, person, roleChannel)
    if (restore) incident.restore = restore
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
    if (incident.autoHeal) at(clock.now() + deps.day, async () => void incident.refs.forEach((r) => (r.clearedAt ??= clock.now())))
    busy.add(person.userId)
    incidents.push(incident)
  }

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
      if (incident.refs.every((r) => r.clearedAt !== null)) {
        busy.delete(incident.userId)
        if (!incident.autoHeal && incident.kind !== 'role_lost') await breakBackupAfterHeal(incident)
      }
    }
    const covered = (key: string, kind: 'grant' | 'link'): boolean =>
      live.some((i) => !i.autoHeal && i.refs.some((r) => r.kind === kind && r.clearedAt === null && (kind === 'grant' ? r.profileId === key : `${r.profileId}|${(r as { channelId: string }).channelId}` === key)))
    for (const id of brokenProfiles) {
      if (covered(id, 'grant')) continue
      const key = `grant ${id}`
      if (!flagged.has(key)) {
        flagged.add(key)
        const p = profiles.find((x) => x.id === id)
        const person = deps.personOf(id)
        falseDisconnects.push(`${new Date(now).toISOString()} ${person?.handle ?? id} (${person?.network}) marked ${p?.health}`)
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

  /**
   * Half the time a sign-in heals, a co-admin's sign-in on one of its channels breaks an hour or two
   * later: the link Relink went through while the first was broken, now the one to leave.
   */
  async function breakBackupAfterHeal(healed: Incident): Promise<void> {
    const follow = deps.followUps
    if (!follow || clock.now() > follow.until) return
    const rng = follow.rng
    if (rng() >= 0.5) return
    const healedProfiles = profilesOfUser(healed.userId)
    const links = await db.selectFrom('channel_links as l').innerJoin('channels as c', 'c.id', 'l.channel_id').select(['l.channel_id', 'l.profile_id', 'l.tasks', 'c.network', 'c.kind']).execute()
    const mine = links.filter((l) => healedProfiles.includes(l.profile_id) && linkCanPublish(l.network as Network, l.kind, l.tasks.split(',')))
    const others = links.filter((l) => mine.some((m) => m.channel_id === l.channel_id) && !healedProfiles.includes(l.profile_id))
    const backup = others[Math.floor(rng() * others.length)]
    const person = backup ? deps.personOf(backup.profile_id) : undefined
    if (!backup || !person) return
    const kind = person.network === 'mastodon' ? 'app_removed' : rng() < 0.5 ? 'password_changed' : 'app_removed'
    const backedChannelIds = others.filter((l) => l.profile_id === backup.profile_id).map((l) => l.channel_id)
    at(clock.now() + (60 + 60 * rng()) * 60_000, async () => {
      if (busy.has(person.userId)) return
      await begin(person, kind, { id: healed.id, backedChannelIds })
      if (backedChannelIds.length > 0) await follow.onBreak(backedChannelIds)
    })
  }

  return { incidents, open, start, observe, falseDisconnects }
}
