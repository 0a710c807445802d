/**
 * The seeded LinkedIn world: the app, three members, three organisation pages with their
 * roles, posts, and comments already there or arriving over the next days.
 */
import { pastComment, upcomingComment } from '../seed-comments'
import type { DialectContext } from '../../types'
import type { SandboxPost } from '../../world'
import { DAY, HOUR, NETWORK, numericId } from './state'

/** Ids of the seeded world, for tests and the demo. */
export const LINKEDIN_SEED = {
  clientId: 'relink-sandbox-linkedin',
  clientSecret: 'sandbox-secret-linkedin',
  password: 'demo',
  users: {
    ava: { id: 'li-ava', handle: 'ava-lindqvist', name: 'Ava Lindqvist' },
    ben: { id: 'li-ben', handle: 'ben-okafor', name: 'Ben Okafor' },
    /** Fewer roles: an analyst on one page only. */
    chloe: { id: 'li-chloe', handle: 'chloe-martin', name: 'Chloé Martin' },
  },
  channels: {
    /** Reachable through Ava (ADMINISTRATOR) and Ben (CONTENT_ADMINISTRATOR): a backup link. */
    northwind: { id: '74110001', name: 'Northwind Traders', handle: 'northwind-traders' },
    /** Ava (ADMINISTRATOR), Chloé (ANALYST). */
    contoso: { id: '74110002', name: 'Contoso Labs', handle: 'contoso-labs' },
    /** Ben (ADMINISTRATOR). */
    fabrikam: { id: '74110003', name: 'Fabrikam Studio', handle: 'fabrikam-studio' },
  },
} as const

const POST_TEXTS = [
  'We just opened our new warehouse in Rotterdam. Faster deliveries across the Benelux start today.',
  'Hiring: two backend engineers who love boring, reliable systems. Remote within the EU.',
  'Our Q4 sustainability report is out: 18% less packaging waste than last year.',
  'Thank you to everyone who joined our customer day. Slides and recordings are on our website.',
  'Five lessons from a year of four-day weeks, from the people who lived them.',
  'New in the product: scheduled exports to your own storage, every night.',
]

const COMMENTERS = [
  { name: 'Maya Chen', handle: 'maya-chen' },
  { name: 'Tomás Ruiz', handle: 'tomas-ruiz' },
  { name: 'Priya Nair', handle: 'priya-nair' },
  { name: 'Jonas Weber', handle: 'jonas-weber' },
  { name: 'Aiko Tanaka', handle: 'aiko-tanaka' },
  { name: 'Samuel Osei', handle: 'samuel-osei' },
]

const COMMENT_TEXTS = [
  'Congratulations to the whole team!',
  'Is this available in Germany as well?',
  'Great read, thanks for sharing.',
  'How do I apply? The link seems broken.',
  'Impressive numbers. What made the biggest difference?',
  'Looking forward to trying this.',
  'Could you share the recording link again?',
  'Proud to work with you on this.',
]

const REPLY_TEXTS = ['Thanks so much!', 'Yes, it is! Details are on our website.', 'Fixed, thank you for letting us know.', 'Sent you a message with the link.']

export function seed(ctx: DialectContext, rng: () => number): void {
  const { world } = ctx
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T
  const S = LINKEDIN_SEED

  world.addApp({
    network: NETWORK,
    clientId: S.clientId,
    clientSecret: S.clientSecret,
    name: 'Relink (sandbox)',
    // Native PKCE flow: LinkedIn answers only loopback IPs, on whatever port the app listens on.
    redirectUris: ['http://127.0.0.1/callback/linkedin', 'http://[::1]/callback/linkedin'],
    loopbackAnyPort: true,
  })

  for (const u of Object.values(S.users)) {
    world.addUser({ id: u.id, network: NETWORK, name: u.name, handle: u.handle, password: S.password })
    world.addChannel({ id: u.id, network: NETWORK, kind: 'member', name: u.name, handle: u.handle, roles: new Map([[u.id, ['MEMBER']]]) })
  }

  const { ava, ben, chloe } = S.users
  // Many members never upload a photo: Chloé's profile shows Relink's initials instead.
  const chloeMember = world.channels.get(chloe.id)
  if (chloeMember) chloeMember.hasPicture = false
  const orgRoles: Record<keyof typeof S.channels, [string, string[]][]> = {
    northwind: [
      [ava.id, ['ADMINISTRATOR']],
      [ben.id, ['CONTENT_ADMINISTRATOR']],
    ],
    contoso: [
      [ava.id, ['ADMINISTRATOR']],
      [chloe.id, ['ANALYST']],
    ],
    fabrikam: [[ben.id, ['ADMINISTRATOR']]],
  }
  for (const [key, c] of Object.entries(S.channels) as [keyof typeof S.channels, (typeof S.channels)[keyof typeof S.channels]][]) {
    world.addChannel({ id: c.id, network: NETWORK, kind: 'organization', name: c.name, handle: c.handle, roles: new Map(orgRoles[key]) })
  }

  const authorOf: Record<keyof typeof S.channels, string> = { northwind: ava.id, contoso: ava.id, fabrikam: ben.id }
  const orgPosts: SandboxPost[] = []
  for (const [key, c] of Object.entries(S.channels) as [keyof typeof S.channels, (typeof S.channels)[keyof typeof S.channels]][]) {
    for (let i = 0; i < 4; i++) {
      const createdAt = ctx.now - (3 + i * 5) * DAY - Math.floor(rng() * 8) * HOUR
      const post = world.addPost({
        id: numericId(world),
        network: NETWORK,
        channelId: c.id,
        authorUserId: authorOf[key],
        text: pick(POST_TEXTS),
        createdAt,
      })
      orgPosts.push(post)
      // Past conversation: a few comments in the hours after posting, some answered by the page.
      const count = 1 + Math.floor(rng() * 3)
      for (let k = 0; k < count; k++) {
        const who = pick(COMMENTERS)
        const comment = pastComment(world, NETWORK, {
          id: numericId(world),
          postId: post.id,
          parentId: null,
          author: who,
          text: pick(COMMENT_TEXTS),
          createdAt: createdAt + (1 + k * 3) * HOUR,
        })
        if (rng() < 0.5) {
          pastComment(world, NETWORK, {
            id: numericId(world),
            postId: post.id,
            parentId: comment.id,
            author: c,
            text: pick(REPLY_TEXTS),
            createdAt: comment.createdAt + 2 * HOUR,
          })
        }
      }
    }
  }
  world.addPost({
    id: numericId(world),
    network: NETWORK,
    channelId: ava.id,
    authorUserId: ava.id,
    text: 'Ten years in social media this week. Thank you to everyone who taught me something along the way.',
    createdAt: ctx.now - 6 * DAY,
  })

  // Live-looking activity: about two comments a day over the next 30 days, some of them replies.
  for (let day = 0; day < 30; day++) {
    const perDay = 1 + Math.floor(rng() * 3)
    for (let k = 0; k < perDay; k++) {
      const post = pick(orgPosts)
      const who = pick(COMMENTERS)
      const at = ctx.now + day * DAY + Math.floor(rng() * 20 * HOUR) + 5 * 60 * 1000
      const tops = [...world.comments.values()].filter((c) => c.postId === post.id && c.parentId === null)
      const replyTo = tops.length > 0 && rng() < 0.3 ? pick(tops) : undefined
      upcomingComment(world, NETWORK, {
        id: numericId(world),
        postId: post.id,
        parentId: replyTo?.id ?? null,
        author: who,
        text: replyTo ? pick(REPLY_TEXTS) : pick(COMMENT_TEXTS),
        createdAt: at,
      })
    }
  }
}
