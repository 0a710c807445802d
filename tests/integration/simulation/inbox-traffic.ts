/**
 * The visitors of the simulation: comments and mentions arriving on the channels' recent posts at
 * random times, each with a text no other has, so the verdict can find every one of them in the
 * inbox. The posts are the ones the team published through Relink during the run.
 */
import type { SandboxNetwork } from '../../../src/main/sandbox/server'
import type { SandboxComment } from '../../../src/main/sandbox/world'

const DAY = 24 * 60 * 60 * 1000
/** Visitors comment on posts up to this old: every network's polling re-reads at least that far. */
const RECENT = 7 * DAY

const VISITORS = [
  { name: 'Zoë Martín', handle: 'zoe.martin' },
  { name: 'Олег Петров', handle: 'oleg.petrov' },
  { name: 'Nguyễn Văn An', handle: 'an.nguyen' },
  { name: 'Priya Sharma', handle: 'priya.sharma' },
]

export interface SimComment {
  /** The number in its text: `Sim comment N`. */
  n: number
  networkCommentId: string
  /** The sandbox channel of the post it was written on. */
  sandboxChannelId: string
  createdAt: number
}

export interface InboxTraffic {
  readonly written: SimComment[]
  /** One visitor comment, or a reply in a thread already there, on a random recent post; false when there is none. */
  comment(): boolean
}

export function createInboxTraffic(sandbox: SandboxNetwork, rng: () => number, readable: (sandboxChannelId: string) => boolean): InboxTraffic {
  const { world } = sandbox
  const written: SimComment[] = []
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rng() * list.length)]
  return {
    written,
    comment() {
      const now = world.clock.now()
      const posts = [...world.posts.values()].filter((p) => p.createdAt <= now && p.createdAt > now - RECENT && readable(p.channelId))
      const post = pick(posts)
      if (!post) return false
      const visitor = pick(VISITORS) ?? VISITORS[0]
      const threads = [...world.comments.values()].filter((c) => c.postId === post.id && c.parentId === null)
      const parent: SandboxComment | undefined = rng() < 0.25 ? pick(threads) : undefined
      const handle = world.channels.get(post.channelId)?.handle ?? ''
      const n = written.length + 1
      // Written as a mention, so the networks read by mentions (X, Mastodon) see it as the others do.
      const comment = world.addComment({
        id: sandbox.commentId(post, now),
        network: post.network,
        postId: post.id,
        parentId: parent?.id ?? null,
        authorName: visitor?.name ?? '',
        authorHandle: visitor?.handle ?? '',
        text: `@${handle} Sim comment ${n}: are you open on Sunday?`,
        createdAt: now,
        viaApi: false,
      })
      written.push({ n, networkCommentId: comment.id, sandboxChannelId: post.channelId, createdAt: now })
      return true
    },
  }
}
