/**
 * The seeded X world: the app, three accounts that are their own channels, their posts, and
 * replies already there or arriving over the next 30 days.
 */
import { xRedirectUris } from '../../../providers/x/config'
import type { DialectContext } from '../../types'
import type { SandboxComment } from '../../world'
import { pastComment, upcomingComment } from '../seed-comments'
import { DAY, HOUR, snowflake } from './state'

/** The seeded X world, for tests and the demo. Every account signs in with password `demo`. */
export const X_SEED = {
  clientId: 'relink-sandbox-x',
  clientSecret: 'sandbox-secret-x',
  password: 'demo',
  users: {
    /** The main brand account; most posts and replies live here. */
    brand: { id: '1610000000000000001', handle: 'relinkcoffee', name: 'Relink Coffee' },
    /** A second brand account. */
    labs: { id: '1610000000000000002', handle: 'relinklabs', name: 'Relink Labs' },
    /** A teammate's personal account with little activity. */
    maya: { id: '1610000000000000003', handle: 'maya_posts', name: 'Maya Chen' },
  },
  /** On X the channel is the account: channel ids equal user ids. */
  channels: {
    brand: '1610000000000000001',
    labs: '1610000000000000002',
    maya: '1610000000000000003',
  },
} as const

const FANS = [
  { name: 'Ana Lima', handle: 'analima' },
  { name: 'Ben Okafor', handle: 'benokafor' },
  { name: 'Chloé Martin', handle: 'chloe_m' },
  { name: 'Dev Patel', handle: 'devpatel_io' },
  { name: '佐藤 花', handle: 'hana_sato' },
  { name: 'Erik Lund', handle: 'eriklund' },
] as const

const REPLIES = [
  'Is the oat milk option back yet?',
  'Best flat white in town, no contest ☕',
  'What time do you open on Sundays?',
  'Loved the new seasonal blend!',
  'Any vegan pastries this week?',
  'Can I pre-order for a team of 12?',
  'The playlist this morning was perfect 🎶',
  'Will you be at the market on Saturday?',
] as const

const POSTS: Record<keyof typeof X_SEED.users, readonly string[]> = {
  brand: [
    'Our autumn blend is here: notes of fig, cocoa and a hint of orange. Come taste it this week.',
    'Tuesday tip: grind right before brewing. Your cup will thank you.',
    'We are hiring a weekend barista in our riverside shop. DM us!',
    'Thank you for 10,000 cups this month ☕ You make mornings better.',
    'New: oat cortado on the menu from tomorrow.',
  ],
  labs: [
    'Relink Labs is testing a new cold brew process. Results next week.',
    'Behind the scenes: how we profile a roast, step by step.',
    'Open lab day on Friday, bring your questions.',
  ],
  maya: ['Coffee tasting notes from the weekend — thread soon.'],
}

export function seedX(ctx: DialectContext, rng: () => number): void {
  const { world, now } = ctx
  world.addApp({
    network: 'x',
    clientId: X_SEED.clientId,
    clientSecret: X_SEED.clientSecret,
    name: 'Relink (sandbox)',
    // Exact allow-list on 127.0.0.1 with the fixed ports X users register (no any-port matching).
    redirectUris: xRedirectUris(),
    loopbackAnyPort: false,
  })
  for (const [key, u] of Object.entries(X_SEED.users) as [keyof typeof X_SEED.users, (typeof X_SEED.users)[keyof typeof X_SEED.users]][]) {
    world.addUser({ id: u.id, network: 'x', name: u.name, handle: u.handle, password: X_SEED.password })
    // The account is its own and only channel; X knows no other roles.
    world.addChannel({ id: X_SEED.channels[key], network: 'x', kind: 'account', name: u.name, handle: u.handle, roles: new Map([[u.id, ['owner']]]) })
    const texts = POSTS[key]
    texts.forEach((text, i) => {
      // Spread over the last nine days, newest last, at plausible hours.
      const createdAt = now - (texts.length - i) * Math.round((1.5 + rng()) * DAY) + Math.round(rng() * 6 * HOUR)
      const post = world.addPost({ id: snowflake(world, createdAt), network: 'x', channelId: X_SEED.channels[key], authorUserId: u.id, text, createdAt })
      if (key === 'maya') return
      // A few replies already there, a reply to a reply, and live-looking ones over the next 30 days.
      const past = 1 + Math.floor(rng() * 3)
      let last: SandboxComment | undefined
      for (let c = 0; c < past; c++) {
        const fan = FANS[Math.floor(rng() * FANS.length)] ?? FANS[0]
        const at = Math.min(createdAt + Math.round((0.2 + rng() * 20) * HOUR), now - 60 * 1000)
        last = pastComment(world, 'x', {
          id: snowflake(world, at),
          postId: post.id,
          parentId: c > 0 && rng() < 0.4 && last ? last.id : null,
          author: fan,
          text: REPLIES[Math.floor(rng() * REPLIES.length)] ?? REPLIES[0],
          createdAt: at,
        })
      }
      const upcoming = 2 + Math.floor(rng() * 3)
      for (let c = 0; c < upcoming; c++) {
        const fan = FANS[Math.floor(rng() * FANS.length)] ?? FANS[0]
        const at = now + Math.round(rng() * 30 * DAY)
        upcomingComment(world, 'x', {
          id: snowflake(world, at),
          postId: post.id,
          parentId: null,
          author: fan,
          text: REPLIES[Math.floor(rng() * REPLIES.length)] ?? REPLIES[0],
          createdAt: at,
        })
      }
    })
  }
}
