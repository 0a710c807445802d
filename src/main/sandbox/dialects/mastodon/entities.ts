/** The world seen as Mastodon entities: accounts, statuses with their threads and counters, media attachments. */
import { hash32, unit } from '../../../../shared/random'
import type { DialectContext } from '../../types'
import type { SandboxChannel, SandboxWorld } from '../../world'
import { sandboxPictureUrl } from '../../pictures'
import { DAY } from './constants'
import { cmpId, dayOf, iso, stateOf, type MediaRecord } from './state'

interface AccountRef {
  id: string
  username: string
  acct: string
  displayName: string
  channel?: SandboxChannel
}

export function channelAccount(channel: SandboxChannel): AccountRef {
  return { id: channel.id, username: channel.handle, acct: channel.handle, displayName: channel.name, channel }
}

function mastodonChannels(world: SandboxWorld): SandboxChannel[] {
  return [...world.channels.values()].filter((c) => c.network === 'mastodon')
}

function accountByHandle(ctx: DialectContext, handle: string, name: string): AccountRef {
  const channel = mastodonChannels(ctx.world).find((c) => c.handle === handle)
  if (channel) return channelAccount(channel)
  const username = handle.split('@')[0] ?? handle
  return { id: String(100_000_000 + (hash32('mastodon-account', handle) % 900_000_000)), username, acct: handle, displayName: name }
}

export function accountChannelOf(ctx: DialectContext, userId: string): SandboxChannel | undefined {
  const id = stateOf(ctx.world).accounts.get(userId)
  const channel = id ? ctx.world.channels.get(id) : undefined
  if (channel) return channel
  return mastodonChannels(ctx.world).find((c) => c.roles.get(userId)?.includes('OWNER'))
}

/** Followers on a day: a per-account base and trend plus a daily wobble, all from the seed. */
function followersOn(ctx: DialectContext, channelId: string, ms: number): number {
  const base = 400 + Math.floor(unit(ctx.seed, channelId, 'base') * 2600)
  const trend = 1 + Math.floor(unit(ctx.seed, channelId, 'trend') * 4)
  const dayIndex = Math.max(0, Math.floor(ms / DAY) - 20_000)
  return base + dayIndex * trend + Math.floor(unit(ctx.seed, channelId, dayOf(ms), 'followers') * 6)
}

export interface StatusView {
  id: string
  kind: 'post' | 'comment'
  createdAt: number
  text: string
  author: AccountRef
  inReplyToId: string | null
  rootId: string
  editedAt?: number
}

export function findStatus(ctx: DialectContext, id: string): StatusView | undefined {
  const post = ctx.world.posts.get(id)
  if (post && post.network === 'mastodon') {
    const channel = ctx.world.channels.get(post.channelId)
    if (!channel) return undefined
    return {
      id,
      kind: 'post',
      createdAt: post.createdAt,
      text: post.text,
      author: channelAccount(channel),
      inReplyToId: null,
      rootId: id,
      ...(post.editedAt !== undefined ? { editedAt: post.editedAt } : {}),
    }
  }
  const comment = ctx.world.comments.get(id)
  if (comment && comment.network === 'mastodon' && ctx.world.posts.has(comment.postId)) {
    return {
      id,
      kind: 'comment',
      createdAt: comment.createdAt,
      text: comment.text,
      author: accountByHandle(ctx, comment.authorHandle, comment.authorName),
      // A reply whose parent was deleted stands alone: `in_reply_to_id` cleared, a thread of its own.
      inReplyToId: comment.detached ? null : (comment.parentId ?? comment.postId),
      rootId: comment.detached ? id : comment.postId,
      ...(comment.editedAt !== undefined ? { editedAt: comment.editedAt } : {}),
    }
  }
  return undefined
}

export function threadOf(ctx: DialectContext, rootId: string): StatusView[] {
  const out: StatusView[] = []
  for (const c of ctx.world.comments.values()) {
    if (c.network !== 'mastodon' || c.postId !== rootId || c.detached) continue
    const view = findStatus(ctx, c.id)
    if (view) out.push(view)
  }
  return out.sort((a, b) => cmpId(a.id, b.id))
}

export function accountJson(ctx: DialectContext, account: AccountRef): Record<string, unknown> {
  const local = !account.acct.includes('@')
  const domain = local ? new URL(ctx.base).host : account.acct.split('@')[1]
  const url = local ? `${ctx.base}/@${account.username}` : `https://${domain}/@${account.username}`
  const channel = account.channel
  const statuses = channel
    ? [...ctx.world.posts.values()].filter((p) => p.channelId === channel.id).length +
      [...ctx.world.comments.values()].filter((c) => c.network === 'mastodon' && c.authorHandle === channel.handle).length
    : 10 + Math.floor(unit(ctx.seed, account.id, 'statuses') * 2000)
  return {
    id: account.id,
    username: account.username,
    acct: account.acct,
    display_name: account.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: '2022-11-07T00:00:00.000Z',
    note: '',
    url,
    uri: local ? `${ctx.base}/users/${account.username}` : `https://${domain}/users/${account.username}`,
    avatar: (channel && sandboxPictureUrl(ctx.origin, channel)) ?? `${ctx.base}/avatars/original/missing.png`,
    avatar_static: (channel && sandboxPictureUrl(ctx.origin, channel)) ?? `${ctx.base}/avatars/original/missing.png`,
    header: `${ctx.base}/headers/original/missing.png`,
    header_static: `${ctx.base}/headers/original/missing.png`,
    followers_count: channel ? followersOn(ctx, channel.id, ctx.now) : 20 + Math.floor(unit(ctx.seed, account.id, 'followers') * 900),
    following_count: 40 + Math.floor(unit(ctx.seed, account.id, 'following') * 400),
    statuses_count: statuses,
    last_status_at: dayOf(ctx.now),
    emojis: [],
    fields: [],
  }
}

function mediaExtension(mime: string): string {
  return mime.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin'
}

export function mediaJson(ctx: DialectContext, media: MediaRecord): Record<string, unknown> {
  const ext = mediaExtension(media.mimeType)
  const path = `${ctx.base}/system/media_attachments/files/${media.id}`
  return {
    id: media.id,
    // Mastodon turns GIFs into looping videos.
    type: media.mimeType === 'image/gif' ? 'gifv' : 'image',
    url: media.pendingChecks > 0 ? null : `${path}/original/${media.id}.${media.mimeType === 'image/gif' ? 'mp4' : ext}`,
    preview_url: `${path}/small/${media.id}.${media.mimeType === 'image/gif' ? 'png' : ext}`,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {},
    description: media.description,
    blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

export const URL_RE = /https?:\/\/[^\s<>"'`]+/g

/** Mastodon's plain-text formatting: paragraphs, line breaks, linked URLs. */
function toHtml(text: string): string {
  const linkify = (line: string): string => {
    let out = ''
    let last = 0
    for (const m of line.matchAll(URL_RE)) {
      const url = m[0].replace(/[.,;:!?)\]]+$/, '')
      const at = m.index ?? 0
      out += escapeHtml(line.slice(last, at))
      out += `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener">${escapeHtml(url)}</a>`
      last = at + url.length
    }
    return out + escapeHtml(line.slice(last))
  }
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br />')}</p>`)
    .join('')
}

export function statusJson(ctx: DialectContext, view: StatusView, viewer?: string): Record<string, unknown> {
  const state = stateOf(ctx.world)
  const parent = view.inReplyToId ? findStatus(ctx, view.inReplyToId) : undefined
  const thread = threadOf(ctx, view.rootId)
  const directReplies = thread.filter((c) => c.inReplyToId === view.id).length
  const { favourites, reblogs } = counters(ctx, view)
  const local = !view.author.acct.includes('@')
  const media = (state.statusMedia.get(view.id) ?? []).flatMap((id) => {
    const record = state.media.get(id)
    return record ? [mediaJson(ctx, record)] : []
  })
  return {
    id: view.id,
    created_at: iso(view.createdAt),
    in_reply_to_id: view.inReplyToId,
    in_reply_to_account_id: parent ? parent.author.id : null,
    sensitive: false,
    spoiler_text: '',
    visibility: state.visibility.get(view.id) ?? 'public',
    language: 'en',
    uri: local ? `${ctx.base}/users/${view.author.username}/statuses/${view.id}` : `https://${view.author.acct.split('@')[1]}/users/${view.author.username}/statuses/${view.id}`,
    url: local ? `${ctx.base}/@${view.author.username}/${view.id}` : `https://${view.author.acct.split('@')[1]}/@${view.author.username}/${view.id}`,
    replies_count: directReplies,
    reblogs_count: reblogs,
    favourites_count: favourites,
    edited_at: view.editedAt !== undefined ? iso(view.editedAt) : null,
    favourited: viewer !== undefined && (ctx.world.comments.get(view.id)?.likedBy ?? []).includes(viewer),
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    content: toHtml(view.text),
    reblog: null,
    application: local ? { name: 'Web', website: null } : null,
    account: accountJson(ctx, view.author),
    media_attachments: media,
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  }
}

/** Favourites and boosts grow day by day after publication, reproducibly from the seed. */
function counters(ctx: DialectContext, view: StatusView): { favourites: number; reblogs: number } {
  const ageDays = Math.floor((ctx.now - view.createdAt) / DAY)
  const scale = view.kind === 'post' ? 1 : 0.25
  let favourites = 0
  let reblogs = 0
  for (let d = 1; d <= Math.min(ageDays, 30); d++) {
    const day = dayOf(view.createdAt + d * DAY)
    favourites += Math.floor(unit(ctx.seed, view.id, day, 'favourites') * 9 * scale)
    reblogs += Math.floor(unit(ctx.seed, view.id, day, 'reblogs') * 4 * scale)
  }
  return { favourites, reblogs }
}
