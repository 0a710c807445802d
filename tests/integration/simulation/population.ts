/**
 * The simulated team's networks: the sandbox's seeded people and channels, plus enough more to
 * reach about fifty channels on all five networks, with backup links (two admins on a page) and
 * links that may not publish (a Facebook moderator, a LinkedIn analyst).
 */
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import type { SandboxNetworkId, SandboxWorld } from '../../../src/main/sandbox/world'

const FB_ALL = FACEBOOK_SEED.tasks.all
const FB_MODERATOR = FACEBOOK_SEED.tasks.moderator

export interface SimPerson {
  userId: string
  network: SandboxNetworkId
  handle: string
  /** Relink networks this person's sign-in is connected to (Facebook people also to Instagram). */
  connects: ('facebook' | 'instagram' | 'linkedin' | 'x' | 'mastodon')[]
}

/** Adds the extra people and channels; returns everyone to connect (seeded and added). */
export function populate(world: SandboxWorld, rng: () => number, mastodonInstance: string): SimPerson[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length) % list.length] as T

  // Facebook: four more people, ten more pages, half with an Instagram account.
  const fbPeople = ['s1', 's2', 's3', 's4'].map((k, i) => {
    const id = `10000000000${String(100 + i)}`
    world.addUser({ id, network: 'facebook', name: `Sim Meta ${k}`, handle: `sim.meta.${k}`, password: 'demo', lastActiveAt: world.clock.now() - 3 * 86_400_000 })
    return id
  })
  for (let p = 0; p < 10; p++) {
    const pageId = `10490000000${String(100 + p)}`
    const admin = fbPeople[p % fbPeople.length] ?? ''
    const roles = new Map<string, string[]>([[admin, [...FB_ALL]]])
    if (rng() < 0.4) roles.set(fbPeople[(p + 1) % fbPeople.length] ?? '', [...FB_ALL])
    if (rng() < 0.4) roles.set(fbPeople[(p + 2) % fbPeople.length] ?? '', [...FB_MODERATOR])
    const igId = p % 2 === 0 ? `1784149000000${String(1000 + p)}` : undefined
    world.addChannel({ id: pageId, network: 'facebook', kind: 'page', name: `Sim Page ${p}`, handle: `simpage${p}`, roles, linkedChannelId: igId })
    if (igId) world.addChannel({ id: igId, network: 'facebook', kind: 'business_account', name: `Sim Insta ${p}`, handle: `sim.insta.${p}`, roles: new Map() })
  }

  // LinkedIn: two more members, four more organisations with an admin, sometimes a backup and an analyst.
  const liPeople = ['s1', 's2'].map((k) => {
    const id = `li-sim-${k}`
    world.addUser({ id, network: 'linkedin', name: `Sim Linked ${k}`, handle: `sim-linked-${k}`, password: 'demo' })
    world.addChannel({ id, network: 'linkedin', kind: 'member', name: `Sim Linked ${k}`, handle: `sim-linked-${k}`, roles: new Map([[id, ['MEMBER']]]) })
    return id
  })
  const liAll = [...liPeople, 'li-ava', 'li-ben', 'li-chloe']
  for (let o = 0; o < 4; o++) {
    const admin = liAll[o % liAll.length] ?? ''
    const roles = new Map<string, string[]>([[admin, ['ADMINISTRATOR']]])
    const other = liAll[(o + 1) % liAll.length] ?? ''
    if (rng() < 0.5) roles.set(other, [pick(['CONTENT_ADMINISTRATOR', 'ANALYST'])])
    world.addChannel({ id: `7419000${o}`, network: 'linkedin', kind: 'organization', name: `Sim Org ${o}`, handle: `sim-org-${o}`, roles })
  }

  // X and Mastodon: one account is one channel.
  for (let x = 0; x < 6; x++) {
    const id = `16200000000000000${String(10 + x)}`
    world.addUser({ id, network: 'x', name: `Sim X ${x}`, handle: `simx${x}`, password: 'demo' })
    world.addChannel({ id, network: 'x', kind: 'account', name: `Sim X ${x}`, handle: `simx${x}`, roles: new Map([[id, ['owner']]]) })
  }
  for (let m = 0; m < 5; m++) {
    const userId = `mastodon-user-sim${m}`
    world.addUser({ id: userId, network: 'mastodon', name: `Sim Masto ${m}`, handle: `simmasto${m}`, password: 'demo' })
    world.addChannel({ id: `10938473000000${String(1000 + m)}`, network: 'mastodon', kind: 'account', name: `Sim Masto ${m}`, handle: `simmasto${m}`, roles: new Map([[userId, ['OWNER']]]), instance: mastodonInstance })
  }

  const people: SimPerson[] = []
  for (const user of world.users.values()) {
    const connects: SimPerson['connects'] = [user.network]
    if (user.network === 'facebook') {
      const hasInstagram = [...world.channels.values()].some((c) => c.kind === 'page' && c.linkedChannelId && c.roles.has(user.id))
      if (hasInstagram) connects.push('instagram')
    }
    people.push({ userId: user.id, network: user.network, handle: user.handle, connects })
  }
  return people
}
