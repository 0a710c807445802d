/** The seeded Graph world: the Meta app, three people, their Pages and Instagram accounts, posts and comment threads. */
import { FACEBOOK_REDIRECT_PORTS } from '../../../providers/facebook/config'
import { hash32 } from '../../../../shared/random'
import { pastComment, upcomingComment, type Voice } from '../seed-comments'
import type { DialectContext } from '../../types'
import type { SandboxPost } from '../../world'
import { DAY, FACEBOOK_SEED, HOUR } from './constants'
import { cdnUrl } from './nodes'
import { type StoredPhoto, stateOf } from './state'

/** A 1×1 JPEG, so seeded media and photos have real bytes behind their CDN URLs. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)

const COMMENTERS = [
  { name: 'Ana Souza', handle: 'ana.souza' },
  { name: 'Ben Carter', handle: 'bencarter' },
  { name: 'Chloe Martin', handle: 'chloe.m' },
  { name: 'Dev Patel', handle: 'devpatel' },
  { name: 'Emma Novak', handle: 'emma_novak' },
  { name: 'Felix Wong', handle: 'felixw' },
]
const COMMENT_TEXTS = [
  'Love this!',
  'What time do you open on Sundays?',
  'Is this available online too?',
  'Great news, congrats to the team.',
  'Do you ship abroad?',
  'Can I book a table for six?',
  'The new menu looks amazing.',
  'Any vegan options?',
  'See you on Saturday!',
  'Where can I find the full list?',
]
const REPLY_TEXTS = ['Thanks so much!', 'Yes, send us a message and we will sort it out.', 'Every day from 8am.', 'We do, check the link in our profile.']

const PAGE_POSTS: Record<string, string[]> = {
  coffee: ['New winter blend is here: notes of cocoa and orange.', 'We are hiring baristas for the harbour shop.', 'Latte art Thursday is back!', 'Thank you for 5,000 follows!'],
  outlet: ['Clearance weekend: 30% off everything in store.', 'Our outlet is open late on Fridays.', 'Fresh stock of mugs and grinders just arrived.'],
  books: ['Author reading next Tuesday at 7pm.', 'Staff picks for January are on the front table.', 'Our poetry club meets every first Monday.'],
}
const IG_CAPTIONS: Record<string, string[]> = {
  coffee: ['Morning light, first pour. #northwindcoffee', 'Beans from our new roaster partner.', 'Weekend mood ☕'],
  books: ['Stacks on stacks. #harborbooks', 'New arrivals shelf, freshly dusted.', 'Reading corner, reserved for you.'],
}

export function seed(ctx: DialectContext, rng: () => number): void {
  const { world } = ctx
  const S = FACEBOOK_SEED
  const redirectUris = FACEBOOK_REDIRECT_PORTS.flatMap((port) =>
    ['facebook', 'instagram'].map((network) => `http://localhost:${port}/callback/${network}`),
  )
  world.addApp({
    network: 'facebook',
    clientId: S.clientId,
    clientSecret: S.clientSecret,
    name: S.appName,
    redirectUris,
    // Strict Mode: exact matching, no any-port loopback.
    loopbackAnyPort: false,
  })
  for (const u of Object.values(S.users)) {
    world.addUser({ id: u.id, network: 'facebook', name: u.name, handle: u.handle, password: S.password, lastActiveAt: ctx.now - 3 * DAY })
  }
  const { maria, sam, jo } = S.users
  const roles: Record<keyof typeof S.pages, [string, readonly string[]][]> = {
    coffee: [
      [maria.id, S.tasks.all],
      [sam.id, S.tasks.all],
    ],
    outlet: [
      [maria.id, S.tasks.all],
      [jo.id, S.tasks.moderator],
    ],
    books: [[sam.id, S.tasks.all]],
  }
  for (const [key, p] of Object.entries(S.pages) as [keyof typeof S.pages, (typeof S.pages)[keyof typeof S.pages]][]) {
    const ig = key === 'coffee' || key === 'books' ? S.instagram[key] : undefined
    world.addChannel({
      id: p.id,
      network: 'facebook',
      kind: 'page',
      name: p.name,
      handle: p.handle,
      roles: new Map(roles[key].map(([userId, tasks]) => [userId, [...tasks]])),
      linkedChannelId: ig?.id,
    })
    if (ig) world.addChannel({ id: ig.id, network: 'facebook', kind: 'business_account', name: ig.name, handle: ig.username, roles: new Map() })
  }

  const state = stateOf(world)
  const fanOnPages = (who: Voice): Voice => ({ name: who.name, handle: `10009${String(hash32(who.handle) % 1_000_000_000).padStart(10, '0')}` })

  // Past Page posts with a few comments and a Page reply, then activity over the next 30 days.
  for (const [key, texts] of Object.entries(PAGE_POSTS) as [keyof typeof S.pages, string[]][]) {
    const page = S.pages[key]
    texts.forEach((text, i) => {
      const createdAt = ctx.now - (texts.length - i) * 4 * DAY - Math.floor(rng() * 6) * HOUR
      const post = world.addPost({ id: `${page.id}_${String(500 + i)}`, network: 'facebook', channelId: page.id, authorUserId: roles[key][0]?.[0] ?? '', text, createdAt })
      const local = post.id.split('_')[1] ?? post.id
      let n = 0
      seedThreads(ctx, rng, post, {
        commentId: () => `${local}_${100 + n++}`,
        fan: fanOnPages,
        owner: { name: page.name, handle: page.id },
        firstWithinMs: 2 * DAY,
        ownerAnswersAfterMs: 2 * HOUR,
        upcomingSpread: 4,
        replier: (choose) => fanOnPages(choose(COMMENTERS)),
        replyWithinMs: 6 * HOUR,
      })
    })
  }

  // Instagram media (with real bytes on the CDN), comments, replies and upcoming activity.
  for (const [key, captions] of Object.entries(IG_CAPTIONS) as ['coffee' | 'books', string[]][]) {
    const ig = S.instagram[key]
    captions.forEach((caption, i) => {
      const createdAt = ctx.now - (captions.length - i) * 5 * DAY - Math.floor(rng() * 8) * HOUR
      const photo: StoredPhoto = {
        id: `7700000${key === 'coffee' ? 1 : 3}${String(i).padStart(3, '0')}`,
        pageId: ig.pageId,
        bytes: TINY_JPEG,
        contentType: 'image/jpeg',
        published: false,
        createdAt,
      }
      state.photos.set(photo.id, photo)
      const media = world.addPost({
        id: `1800000${key === 'coffee' ? 1 : 3}${String(i).padStart(4, '0')}`,
        network: 'facebook',
        channelId: ig.id,
        authorUserId: '',
        text: caption,
        imageUrl: cdnUrl(ctx, photo),
        createdAt,
      })
      let n = 0
      const owner = { name: ig.username, handle: ig.username }
      seedThreads(ctx, rng, media, {
        commentId: () => `1790${media.id.slice(-5)}${String(n++).padStart(3, '0')}`,
        // Instagram shows usernames only.
        fan: (who) => ({ name: who.handle, handle: who.handle }),
        owner,
        firstWithinMs: DAY,
        ownerAnswersAfterMs: 3 * HOUR,
        upcomingSpread: 3,
        replier: () => owner,
        replyWithinMs: 5 * HOUR,
      })
    })
  }
}

/** How a Page's or an Instagram account's comment threads look in the seed. */
interface ThreadStyle {
  commentId(): string
  fan(who: Voice): Voice
  owner: Voice
  /** Past comments come within this time of the post (plus an hour). */
  firstWithinMs: number
  /** Half of the past comments are answered by the owner this long after. */
  ownerAnswersAfterMs: number
  /** Upcoming comments: 2 plus up to this many less one. */
  upcomingSpread: number
  /** Who answers an upcoming comment (four times in ten). */
  replier(choose: <T>(list: readonly T[]) => T): Voice
  replyWithinMs: number
}

/** One to three comments already under a post, some answered by its owner, and more over the next 30 days. */
function seedThreads(ctx: DialectContext, rng: () => number, post: SandboxPost, style: ThreadStyle): void {
  const { world } = ctx
  const choose = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length) % list.length] as T
  const past = 1 + Math.floor(rng() * 3)
  for (let c = 0; c < past; c++) {
    const who = choose(COMMENTERS)
    const comment = pastComment(world, 'facebook', {
      id: style.commentId(),
      postId: post.id,
      parentId: null,
      author: style.fan(who),
      text: choose(COMMENT_TEXTS),
      createdAt: post.createdAt + Math.floor(rng() * style.firstWithinMs) + HOUR,
    })
    if (rng() < 0.5) {
      const createdAt = comment.createdAt + style.ownerAnswersAfterMs
      pastComment(world, 'facebook', { id: style.commentId(), postId: post.id, parentId: comment.id, author: style.owner, text: choose(REPLY_TEXTS), createdAt })
    }
  }
  const upcoming = 2 + Math.floor(rng() * style.upcomingSpread)
  for (let c = 0; c < upcoming; c++) {
    const who = choose(COMMENTERS)
    const at = ctx.now + Math.floor(rng() * 30 * DAY) + 60_000
    const id = style.commentId()
    upcomingComment(world, 'facebook', { id, postId: post.id, parentId: null, author: style.fan(who), text: choose(COMMENT_TEXTS), createdAt: at })
    if (rng() < 0.4) {
      const author = style.replier(choose)
      upcomingComment(world, 'facebook', {
        id: style.commentId(),
        postId: post.id,
        parentId: id,
        author,
        text: choose(REPLY_TEXTS),
        createdAt: at + Math.floor(rng() * style.replyWithinMs) + 60_000,
      })
    }
  }
}
