/**
 * The demo's comment storm: a burst of activity on every sandbox channel's posts, in waves, the
 * way a post going viral looks from an inbox. New comments in many scripts and with emoji,
 * replies in existing threads, mentions of the channel, spam, and edits and deletions of what
 * people wrote earlier. Each wave is visible on the networks at once; `onWave` lets the app read
 * them (a sync of the inbox streams) and `onProgress` tells the window how far it got.
 */
import { STORM_KINDS, type StormKind, type StormState } from '../../shared/domain/sandbox'
import type { Clock, Timer, TimerHandle } from '../ports'
import type { SandboxNetwork } from './server'
import type { SandboxComment, SandboxPost } from './world'

const COMMENTS = [
  'Is this in the Lyon shop too? 🙏',
  'Commandé hier, livré ce matin. Parfait ! ☕️',
  'When do you open on Sundays?',
  'これはいつ発売ですか？',
  'Отличный кофе, спасибо!',
  'هل يتوفر التوصيل إلى دبي؟',
  'Ο καφές ήταν υπέροχος 😍',
  'क्या यह शाकाहारी है?',
  '¿Tienen opciones sin gluten? 🌾',
  'Das war köstlich 🔥🔥',
  '這個週末有活動嗎？',
  'Still waiting for my refund, order #4412 😤',
  'Crème brûlée latte is back?! 🎉',
  'Tagging my sister, we need to go 👯',
]
const REPLIES = ['Same question here!', '+1 👍', 'Moi aussi 😅', 'We went last week, it was great', 'そうですね！', 'Согласен 💯', 'Any news on this?']
const SPAM = [
  '🔥 Get 10k followers today → bit.ly/fr33-f0llow',
  'DM me for a collab 💰💰💰 guaranteed crypto gains',
  'FREE giveaway 🎁🎁🎁 click the link in my bio',
]
const PEOPLE = [
  { name: 'Yuki Tanaka', handle: 'yuki.tanaka' },
  { name: 'Олег Петров', handle: 'oleg.petrov' },
  { name: 'فاطمة الزهراء', handle: 'fatima.z' },
  { name: 'Zoë Martín', handle: 'zoe.martin' },
  { name: 'Nguyễn Văn An', handle: 'an.nguyen' },
  { name: 'Σοφία Παπαδοπούλου', handle: 'sofia.pap' },
  { name: 'Priya Sharma', handle: 'priya.sharma' },
  { name: 'Chloé Dubois', handle: 'chloe.dubois' },
]
const SPAMMER = { name: 'Growth Guru 💸', handle: 'growth_guru_4481' }

/** Share of each kind in a wave (the rest are new comments). */
const MIX: [StormKind, number][] = [
  ['reply', 0.2],
  ['mention', 0.1],
  ['spam', 0.07],
  ['edit', 0.06],
  ['delete', 0.05],
]

export interface CommentStormOptions {
  /** Changes per wave and time between waves. */
  perWave: number
  waveMs: number
}

const DEFAULTS: CommentStormOptions = { perWave: 25, waveMs: 1_000 }
export const STORM_MAX = 2_000

const emptyCounts = (): Record<StormKind, number> => Object.fromEntries(STORM_KINDS.map((k) => [k, 0])) as Record<StormKind, number>

export function createCommentStorm(deps: {
  sandbox: SandboxNetwork
  clock: Clock
  timer: Timer
  rng?: () => number
  onWave?: () => void
  onProgress?: (state: StormState) => void
  options?: Partial<CommentStormOptions>
}) {
  const opt = { ...DEFAULTS, ...deps.options }
  const rng = deps.rng ?? Math.random
  const { world } = deps.sandbox
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length) % list.length] as T
  let state: StormState = { running: false, done: 0, total: 0, byKind: emptyCounts(), ended: null }
  let handle: TimerHandle | undefined
  /** What the storm wrote, so edits and deletions touch people's comments rather than the channel's. */
  let written: SandboxComment[] = []

  const handleOf = (post: SandboxPost): string => world.channels.get(post.channelId)?.handle ?? ''
  const now = (): number => world.clock.now()

  function add(post: SandboxPost, kind: 'comment' | 'reply' | 'mention' | 'spam'): boolean {
    const at = now()
    const person = kind === 'spam' ? SPAMMER : pick(PEOPLE)
    let parentId: string | null = null
    let text = kind === 'spam' ? pick(SPAM) : pick(COMMENTS)
    if (kind === 'reply') {
      const thread = [...world.comments.values()].filter((c) => c.postId === post.id && c.parentId === null && c.createdAt <= at)
      if (thread.length === 0) return false
      parentId = pick(thread).id
      text = pick(REPLIES)
    }
    // Mastodon and X surface conversation as mentions of the account.
    if (kind === 'mention' || post.network === 'mastodon') text = `@${handleOf(post)} ${text}`
    const comment = world.addComment({ id: deps.sandbox.commentId(post, at), network: post.network, postId: post.id, parentId, authorName: person.name, authorHandle: person.handle, text, createdAt: at, viaApi: false })
    written.push(comment)
    return true
  }

  function change(kind: 'edit' | 'delete'): boolean {
    const alive = written.filter((c) => world.comments.has(c.id))
    if (alive.length === 0) return false
    const target = pick(alive)
    if (kind === 'delete') world.deleteComment(target.id)
    else world.comments.set(target.id, { ...target, text: `${target.text} (edit: found it, thanks!)`, editedAt: now() })
    return true
  }

  function kindFor(roll: number): StormKind {
    let edge = 0
    for (const [kind, share] of MIX) {
      edge += share
      if (roll < edge) return kind
    }
    return 'comment'
  }

  function finish(ended: string | null): void {
    handle?.cancel()
    handle = undefined
    state = { ...state, running: false, ended }
    deps.onProgress?.(state)
  }

  function wave(): void {
    handle = undefined
    const posts = [...world.posts.values()].filter((p) => p.createdAt <= now() && world.channels.has(p.channelId))
    if (posts.length === 0) return finish('No posts to comment on')
    const byKind = { ...state.byKind }
    let done = state.done
    for (let i = 0; i < opt.perWave && done < state.total; i++) {
      const kind = kindFor(rng())
      const made = kind === 'edit' || kind === 'delete' ? change(kind) : add(pick(posts), kind)
      // What could not be done yet (no thread to reply in, nothing to edit) becomes a new comment.
      const actual: StormKind = made ? kind : 'comment'
      if (!made) add(pick(posts), 'comment')
      byKind[actual] += 1
      done += 1
    }
    state = { ...state, done, byKind }
    deps.onWave?.()
    if (done >= state.total) return finish(null)
    deps.onProgress?.(state)
    handle = deps.timer.at(deps.clock.now() + opt.waveMs, wave)
  }

  return {
    state: (): StormState => state,
    /** Starts a storm of `total` changes (a running one is stopped first). */
    start(total: number): StormState {
      handle?.cancel()
      written = []
      state = { running: true, done: 0, total: Math.max(1, Math.min(STORM_MAX, Math.floor(total))), byKind: emptyCounts(), ended: null }
      wave()
      return state
    },
    stop(): StormState {
      if (state.running) finish('Stopped')
      return state
    },
  }
}

export type CommentStorm = ReturnType<typeof createCommentStorm>
