/**
 * The visitors of the simulation: comments and mentions arriving on the channels' recent posts at
 * random times, each with a text no other has, so the verdict can find every one of them in the
 * inbox; and, on the networks that follow them, visitors editing or deleting what they wrote.
 * The posts are the ones the team published through Relink during the run.
 */
import type { Network } from '../../../src/shared/domain/network'
import { FACEBOOK_SYNC } from '../../../src/main/providers/facebook/config'
import { INSTAGRAM_SYNC } from '../../../src/main/providers/instagram/config'
import { LINKEDIN_SYNC_PLAN } from '../../../src/main/providers/linkedin/sync-plan'
import { MASTODON_REREAD } from '../../../src/main/providers/mastodon/config'
import { X_READ } from '../../../src/main/providers/x/config'
import { X_SYNC_PLAN } from '../../../src/main/providers/x/sync-plan'
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

/**
 * How each network follows edits and deletions after a comment was read: an edit or deletion made
 * at `t` on a post published at `p` must be in the inbox once a read of the channel succeeded at or
 * after `t + periodMs` and no later than `p + windowMs`. A network absent here follows neither:
 * adding it is one line. `editableForMs`: how long after writing a comment its author may edit it.
 */
export const FOLLOWED: Partial<Record<Network, { edits: boolean; deletions: boolean; periodMs: number; windowMs: number; editableForMs?: number }>> = {
  facebook: { edits: true, deletions: true, periodMs: FACEBOOK_SYNC.commentHotEveryMs, windowMs: FACEBOOK_SYNC.commentHotSetMs },
  // Edits arrive as COMMENT_EDIT notifications, read on every poll; LinkedIn reports no deletions.
  linkedin: { edits: true, deletions: false, periodMs: LINKEDIN_SYNC_PLAN.streams.comments?.everyMs ?? 0, windowMs: RECENT },
  mastodon: { edits: true, deletions: true, periodMs: MASTODON_REREAD.everyMs, windowMs: MASTODON_REREAD.windowMs },
  // A deletion lowers the media's count, read on the next poll; the hourly safety re-read of the
  // last days' media catches one a new comment hid. Graph reports no comment edits.
  instagram: { edits: false, deletions: true, periodMs: INSTAGRAM_SYNC.commentWholeEveryMs, windowMs: INSTAGRAM_SYNC.commentHotSetMs },
  // An edit is a new version of the reply, found by the next read of the conversations; X lets its
  // author edit for an hour. A deletion is not followed: X bills every post read again.
  x: { edits: true, deletions: false, periodMs: X_SYNC_PLAN.streams.mentions?.everyMs ?? 0, windowMs: X_READ.conversationRootWindowMs, editableForMs: 60 * 60_000 },
}

export interface SimComment {
  /** The number in its text: `Sim comment N`. */
  n: number
  networkCommentId: string
  network: Network
  /** The sandbox channel of the post it was written on. */
  sandboxChannelId: string
  createdAt: number
  /** When the post it is on was published. */
  postAt: number
  /** Its latest text and when it was last edited, if it was. */
  text: string
  editedAt?: number
  /** When it left the network: deleted by its author, or with the comment it answered. */
  deletedAt?: number
}

export interface InboxTraffic {
  readonly written: SimComment[]
  /** One visitor comment, or a reply in a thread already there, on a random recent post; false when there is none. */
  comment(): boolean
  /** A visitor edits or deletes a comment of theirs still in its thread, where the network follows it; false when there is none. */
  change(kind: 'edit' | 'delete'): boolean
}

/** `changeRng` picks what is edited or deleted, apart from `rng`, so adding changes leaves the rest of a seed's run as it was. */
export function createInboxTraffic(sandbox: SandboxNetwork, rng: () => number, readable: (sandboxChannelId: string) => boolean, changeRng: () => number = rng): InboxTraffic {
  const { world } = sandbox
  const written: SimComment[] = []
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rng() * list.length)]
  /** Relink's network of a sandbox channel: Instagram accounts live in the Facebook sandbox. */
  const networkOf = (channelId: string): Network => {
    const channel = world.channels.get(channelId)
    return channel?.kind === 'business_account' ? 'instagram' : (channel?.network ?? 'facebook')
  }
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
      const text = `@${handle} Sim comment ${n}: are you open on Sunday?`
      const comment = world.addComment({
        id: sandbox.commentId(post, now),
        network: post.network,
        postId: post.id,
        parentId: parent?.id ?? null,
        authorName: visitor?.name ?? '',
        authorHandle: visitor?.handle ?? '',
        text,
        createdAt: now,
        viaApi: false,
      })
      written.push({ n, networkCommentId: comment.id, network: networkOf(post.channelId), sandboxChannelId: post.channelId, createdAt: now, postAt: post.createdAt, text })
      return true
    },
    change(kind) {
      const now = world.clock.now()
      const alive = written.filter((c) => {
        const rule = FOLLOWED[c.network]
        const there = world.comments.get(c.networkCommentId)
        const editable = rule?.editableForMs === undefined || c.createdAt > now - rule.editableForMs
        return rule && (kind === 'edit' ? rule.edits && editable : rule.deletions) && there && !there.detached && c.postAt > now - rule.windowMs
      })
      const target = alive[Math.floor(changeRng() * alive.length)]
      const comment = target ? world.comments.get(target.networkCommentId) : undefined
      if (!target || !comment) return false
      if (kind === 'edit') {
        target.text = `${comment.text} Edit ${now}: and on Monday?`
        target.editedAt = now
        world.comments.set(comment.id, { ...comment, text: target.text, editedAt: now })
        return true
      }
      world.deleteComment(comment.id)
      // Most networks take the replies with it; Mastodon leaves them outside the thread.
      for (const c of written) if (c.deletedAt === undefined && !world.comments.has(c.networkCommentId)) c.deletedAt = now
      return true
    },
  }
}
