/** The seeded instance: the brand's and the teammates' accounts, their posts, and the replies already there or still to come. */
import { pastComment, upcomingComment } from '../seed-comments'
import type { DialectContext } from '../../types'
import { DAY, HOUR, MASTODON_SEED, SEED_APP_SCOPES } from './constants'
import { snowflake, stateOf } from './state'

const COMMENTERS = [
  { name: 'Marta Díaz', handle: 'marta@fosstodon.example' },
  { name: 'Kenji Mori', handle: 'kenji@mstdn.example' },
  { name: 'Lou Bernard', handle: 'lou@social.example' },
  { name: 'Priya Nair', handle: 'priya@hachyderm.example' },
  { name: 'Tomás Weller', handle: 'tomas@mastodon.example' },
] as const

const BRAND_POSTS = [
  'Our spring collection is live! Which colour should we restock first? 🌱',
  'Behind the scenes: packing orders with the whole team this morning.',
  'We are hiring a community manager. Details on our site: https://relink.example/jobs',
  'Thank you for 1,000 followers here on the fediverse! 💙',
  'Quick poll in the replies: tea or coffee while you work?',
]
const ANA_POSTS = [
  'Trying out a new scheduling workflow for the team. Fewer tabs, more coffee.',
  'Notes from today’s meetup on accessible alt text: describe, don’t decorate.',
  'Reminder to self: check the connection health before the weekend.',
]
const SAM_POSTS = ['First post from the new account. Hello, fediverse!', 'Reading list for the week is up.']
const COMMENTS = [
  'Love this! 😍',
  'The green one, obviously.',
  'Is shipping to Portugal available?',
  'Great news, congratulations!',
  'Coffee, always.',
  'Could you share the size guide?',
  'This made my day.',
  'Any plans for a winter edition?',
  'Tea here 🍵',
  'Thanks for the thoughtful thread.',
]

function pick<T>(items: readonly T[], rng: () => number): T {
  const item = items[Math.floor(rng() * items.length) % items.length]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

export function seed(ctx: DialectContext, rng: () => number): void {
  const { world } = ctx
  const state = stateOf(world)
  world.addApp({
    network: 'mastodon',
    clientId: MASTODON_SEED.clientId,
    clientSecret: MASTODON_SEED.clientSecret,
    name: 'Relink (sandbox)',
    redirectUris: ['http://127.0.0.1/callback/mastodon'],
    loopbackAnyPort: true,
    instance: ctx.base,
  })
  state.appScopes.set(MASTODON_SEED.clientId, SEED_APP_SCOPES)

  const postsByChannel: Record<keyof typeof MASTODON_SEED.users, readonly string[]> = { brand: BRAND_POSTS, ana: ANA_POSTS, sam: SAM_POSTS }
  const seededPosts: { id: string; channelId: string; createdAt: number }[] = []
  for (const key of ['brand', 'ana', 'sam'] as const) {
    const person = MASTODON_SEED.users[key]
    const channelId = MASTODON_SEED.channels[key]
    world.addUser({ id: person.id, network: 'mastodon', name: person.name, handle: person.handle, password: MASTODON_SEED.password })
    // On Mastodon a login is exactly one account: the only role is owning it.
    world.addChannel({
      id: channelId,
      network: 'mastodon',
      kind: 'account',
      name: person.name,
      handle: person.handle,
      roles: new Map([[person.id, ['OWNER']]]),
      instance: ctx.base,
    })
    state.accounts.set(person.id, channelId)
    const texts = postsByChannel[key]
    texts.forEach((text, i) => {
      const createdAt = ctx.now - (texts.length - i) * 2.5 * DAY - Math.floor(rng() * 6 * HOUR)
      const id = snowflake(state, createdAt)
      world.addPost({ id, network: 'mastodon', channelId, authorUserId: person.id, text, link: /https?:\/\/\S+/.exec(text)?.[0], createdAt })
      state.visibility.set(id, 'public')
      seededPosts.push({ id, channelId, createdAt })
    })
  }

  // Past conversations on the brand's and Ana's posts, with one thread answered by the brand.
  const talkative = seededPosts.filter((p) => p.channelId !== MASTODON_SEED.channels.sam)
  for (const post of talkative) {
    const count = 1 + Math.floor(rng() * 3)
    for (let i = 0; i < count; i++) {
      const who = pick(COMMENTERS, rng)
      const createdAt = Math.min(ctx.now - HOUR, post.createdAt + Math.floor((0.1 + rng()) * 20 * HOUR))
      pastComment(world, 'mastodon', {
        id: snowflake(state, createdAt),
        postId: post.id,
        parentId: null,
        author: who,
        text: `@${post.channelId === MASTODON_SEED.channels.brand ? MASTODON_SEED.users.brand.handle : MASTODON_SEED.users.ana.handle} ${pick(COMMENTS, rng)}`,
        createdAt,
      })
    }
  }
  const firstBrand = seededPosts.find((p) => p.channelId === MASTODON_SEED.channels.brand)
  const opener = firstBrand ? [...world.comments.values()].find((c) => c.postId === firstBrand.id) : undefined
  if (firstBrand && opener) {
    const answerAt = Math.min(ctx.now - 30 * 60 * 1000, opener.createdAt + 2 * HOUR)
    const answer = pastComment(world, 'mastodon', {
      id: snowflake(state, answerAt),
      postId: firstBrand.id,
      parentId: opener.id,
      author: { name: MASTODON_SEED.users.brand.name, handle: MASTODON_SEED.users.brand.handle },
      text: `@${opener.authorHandle} Thank you! Restocking this week.`,
      createdAt: answerAt,
    })
    const backAt = Math.min(ctx.now - 10 * 60 * 1000, answerAt + HOUR)
    pastComment(world, 'mastodon', {
      id: snowflake(state, backAt),
      postId: firstBrand.id,
      parentId: answer.id,
      author: { name: opener.authorName, handle: opener.authorHandle },
      text: `@${MASTODON_SEED.users.brand.handle} Perfect, I’ll keep an eye out!`,
      createdAt: backAt,
    })
  }

  // Live-looking activity: replies arriving over the next 30 days.
  const upcoming = Array.from({ length: 24 }, () => Math.floor(rng() * 30 * DAY) + 5 * 60 * 1000).sort((a, b) => a - b)
  for (const offset of upcoming) {
    const post = pick(talkative, rng)
    const who = pick(COMMENTERS, rng)
    const createdAt = ctx.now + offset
    const owner = post.channelId === MASTODON_SEED.channels.brand ? MASTODON_SEED.users.brand.handle : MASTODON_SEED.users.ana.handle
    upcomingComment(world, 'mastodon', {
      id: snowflake(state, createdAt),
      postId: post.id,
      parentId: null,
      author: who,
      text: `@${owner} ${pick(COMMENTS, rng)}`,
      createdAt,
    })
  }
}
