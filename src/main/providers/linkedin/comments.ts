/**
 * Comments on an organisation's posts: reading them into the inbox behind a cursor (the posts
 * notifications name, or the recent ones), the commenters' names, replying, and the first comment
 * under a post Relink published.
 */
import * as z from 'zod'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, CommentPage, ProviderContext, RemoteComment } from '../types'
import { authorUrn, clientFor, localFailure, restHeaders } from './api'
import { LINKEDIN_CONTENT, LINKEDIN_PAGING, LINKEDIN_PATHS } from './config'
import { displayNameOf, organizationsById, peopleById, withRoleCheck } from './identity'
import { postsWithCommentActivity, type NotifiedPost } from './notifications'
import { walkPosts } from './posts'
import { charCount, encodeRestli, organizationUrn, parseCommentUrn, personUrn, restliUrl, urnId } from './restli'
import { commentSchema, commentsSchema, type LinkedInComment } from './schemas'

async function commentsOn(ctx: ProviderContext, accessToken: string, targetUrn: string): Promise<LinkedInComment[]> {
  const client = clientFor(ctx)
  const all: LinkedInComment[] = []
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(ctx.endpoints.apiBase, `${LINKEDIN_PATHS.socialActions}/${encodeRestli(targetUrn)}/comments`, [
      ['start', String(start)],
      ['count', String(LINKEDIN_PAGING.commentsPageSize)],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, commentsSchema)
    all.push(...data.elements)
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.commentsPageSize || (total !== undefined && start >= total)) break
  }
  return all
}

const commentUrnOf = (c: LinkedInComment): string | undefined => c.commentUrn ?? c.$URN

/**
 * The inbox cursor: the newest comment time seen and the ids that share it, and the time the last
 * read asked notifications up to (times are ms; `at` is absent from cursors of older versions).
 */
interface CommentCursor {
  t: number
  ids: string[]
  at?: number
}

function decodeCursor(cursor: string | null): CommentCursor | null {
  if (!cursor) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const checked = z.object({ t: z.number(), ids: z.array(z.string()), at: z.number().optional() }).safeParse(parsed)
    if (!checked.success) return null
    const { t, ids, at } = checked.data
    return at === undefined ? { t, ids } : { t, ids, at }
  } catch {
    return null
  }
}

const encodeCursor = (c: CommentCursor): string => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url')

/**
 * The posts whose comments a read looks through. Since a read LinkedIn still keeps notifications
 * for, only the posts they name; on the first read, or after a break longer than that, the most
 * recent posts (up to `commentSyncMaxPosts`, none older than `commentSyncMaxPostAgeMs`).
 */
async function postsToRead(ctx: ProviderContext, target: ChannelTarget, since: CommentCursor | null, now: number): Promise<NotifiedPost[]> {
  const from = since ? Math.max(since.t, (since.at ?? since.t) - LINKEDIN_PAGING.notificationOverlapMs) : null
  if (from !== null && from > now - LINKEDIN_PAGING.notificationRetentionMs) {
    return postsWithCommentActivity(clientFor(ctx), {
      apiBase: ctx.endpoints.apiBase,
      accessToken: target.accessToken,
      organization: authorUrn(target),
      startMs: from,
      endMs: now,
      headers: restHeaders(),
    })
  }
  const oldest = now - LINKEDIN_PAGING.commentSyncMaxPostAgeMs
  const posts: NotifiedPost[] = []
  await walkPosts(
    ctx,
    target,
    (post) => (post.createdAt ?? Number.POSITIVE_INFINITY) < oldest && (post.lastModifiedAt ?? 0) < oldest,
    (post) => {
      posts.push({ post: post.id, edited: false })
      return posts.length >= LINKEDIN_PAGING.commentSyncMaxPosts
    },
  )
  return posts
}

async function authorNames(ctx: ProviderContext, accessToken: string, actors: readonly string[]) {
  const names = new Map<string, { name: string; handle: string }>()
  const personIds = [...new Set(actors.map((a) => urnId(a, 'person')).filter((id): id is string => !!id))]
  const orgIds = [...new Set(actors.map((a) => urnId(a, 'organization')).filter((id): id is string => !!id))]
  // Names are a nicety: a lookup LinkedIn refuses leaves the fallback labels, never fails the sync.
  const tolerate = async <T>(lookup: Promise<Map<string, T>>): Promise<Map<string, T>> => {
    try {
      return await lookup
    } catch (err) {
      if (err instanceof ProviderError && (err.reason === 'other' || err.reason === 'scope_missing')) return new Map<string, T>()
      throw err
    }
  }
  const [people, orgs] = await Promise.all([tolerate(peopleById(ctx, accessToken, personIds)), tolerate(organizationsById(ctx, accessToken, orgIds))])
  for (const id of personIds) {
    const p = people.get(id)
    names.set(personUrn(id), { name: (p && displayNameOf(p)) || 'LinkedIn member', handle: p?.vanityName ?? id })
  }
  for (const id of orgIds) {
    const o = orgs.get(id)
    names.set(organizationUrn(id), { name: o?.localizedName ?? 'LinkedIn page', handle: o?.vanityName ?? id })
  }
  return names
}

export async function listComments(ctx: ProviderContext, target: ChannelTarget, cursor: string | null): Promise<CommentPage> {
  // Reading a member's comments needs the closed r_member_social permission (see LINKEDIN_SCOPES).
  if (target.kind !== 'organization') return { comments: [], cursor }
  const since = decodeCursor(cursor)
  const now = ctx.clock.now()
  return withRoleCheck(ctx, target, 'moderate', async () => {
    const posts = await postsToRead(ctx, target, since, now)
    const found: { comment: LinkedInComment; urn: string; postUrn: string; edited: boolean }[] = []
    for (const { post: postUrn, edited } of posts) {
      for (const top of await commentsOn(ctx, target.accessToken, postUrn)) {
        const urn = commentUrnOf(top)
        if (!urn) continue
        found.push({ comment: top, urn, postUrn, edited })
        // Replies are read from the comment itself; LinkedIn threads are two levels deep.
        const replies = top.commentsSummary?.aggregatedTotalComments ?? top.commentsSummary?.totalFirstLevelComments ?? 0
        if (replies > 0) {
          for (const reply of await commentsOn(ctx, target.accessToken, urn)) {
            const replyUrn = commentUrnOf(reply)
            if (replyUrn) found.push({ comment: { ...reply, parentComment: reply.parentComment ?? urn }, urn: replyUrn, postUrn, edited })
          }
        }
      }
    }
    // New comments; in a thread where a comment was edited, every comment, so the edit is stored.
    const fresh = found
      .filter(({ comment, urn, edited }) => {
        const t = comment.created?.time ?? 0
        return !since || edited || t > since.t || (t === since.t && !since.ids.includes(urn))
      })
      .sort((a, b) => (a.comment.created?.time ?? 0) - (b.comment.created?.time ?? 0) || a.urn.localeCompare(b.urn))
    if (fresh.length === 0) return { comments: [], cursor: encodeCursor({ t: since?.t ?? 0, ids: since?.ids ?? [], at: now }) }
    const names = await authorNames(
      ctx,
      target.accessToken,
      fresh.map((f) => f.comment.actor ?? ''),
    )
    const comments: RemoteComment[] = fresh.map(({ comment, urn, postUrn }) => {
      const who = names.get(comment.actor ?? '')
      return {
        networkCommentId: urn,
        networkPostId: postUrn,
        parentCommentId: comment.parentComment ?? null,
        authorName: who?.name ?? 'LinkedIn member',
        authorHandle: who?.handle ?? '',
        text: comment.message?.text ?? '',
        createdAt: comment.created?.time ?? 0,
      }
    })
    // An edited comment can be older than the cursor: the cursor never moves back.
    const newest = Math.max(since?.t ?? 0, ...comments.map((c) => c.createdAt))
    const atNewest = comments.filter((c) => c.createdAt === newest).map((c) => c.networkCommentId)
    const ids = since && since.t === newest ? [...new Set([...since.ids, ...atNewest])] : atNewest
    return { comments, cursor: encodeCursor({ t: newest, ids, at: now }) }
  })
}

export async function reply(ctx: ProviderContext, target: ChannelTarget, input: { networkCommentId: string; networkPostId: string; text: string }) {
  if (charCount(input.text) > LINKEDIN_CONTENT.maxCommentChars) {
    throw localFailure('other', `LinkedIn comments can be at most ${LINKEDIN_CONTENT.maxCommentChars.toLocaleString('en-US')} characters. Shorten the reply.`)
  }
  if (!input.text.trim()) throw localFailure('other', 'Write a reply first.')
  const parsed = parseCommentUrn(input.networkCommentId)
  if (!parsed) throw localFailure('other', 'Relink could not tell which LinkedIn comment this reply belongs to.')
  const actor = authorUrn(target)
  const client = clientFor(ctx)
  return withRoleCheck(ctx, target, 'moderate', async () => {
    // LinkedIn threads are two levels deep: a reply to a reply goes to the top-level comment.
    const { data: original } = await client.json(
      {
        method: 'GET',
        url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.socialActions}/${encodeRestli(input.networkPostId)}/comments/${encodeRestli(parsed.id)}`,
        bearer: target.accessToken,
        headers: restHeaders(),
      },
      commentSchema,
    )
    const root = original.parentComment ?? input.networkCommentId
    const { data, raw } = await client.json(
      {
        method: 'POST',
        url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.socialActions}/${encodeRestli(root)}/comments`,
        bearer: target.accessToken,
        headers: restHeaders(),
        json: { actor, object: input.networkPostId, parentComment: root, message: { text: input.text } },
      },
      commentSchema,
    )
    const created = commentUrnOf(data)
    if (created) return { networkCommentId: created }
    const id = data.id ?? raw.headers['x-restli-id']
    const rootParent = parseCommentUrn(root)?.parent
    if (id && rootParent) return { networkCommentId: `urn:li:comment:(${rootParent},${id})` }
    throw new ProviderError(
      'linkedin',
      { reason: 'transient', detail: 'LinkedIn accepted the reply but did not say which comment it created.' },
      { source: 'api', status: raw.status, headers: raw.headers },
    )
  })
}

export async function postFirstComment(ctx: ProviderContext, target: ChannelTarget, input: { networkPostId: string; text: string }) {
  if (charCount(input.text) > LINKEDIN_CONTENT.maxCommentChars) {
    throw localFailure('other', `LinkedIn comments can be at most ${LINKEDIN_CONTENT.maxCommentChars.toLocaleString('en-US')} characters. Shorten the first comment.`)
  }
  const client = clientFor(ctx)
  return withRoleCheck(ctx, target, 'publish', async () => {
    const { data, raw } = await client.json(
      {
        method: 'POST',
        url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.socialActions}/${encodeRestli(input.networkPostId)}/comments`,
        bearer: target.accessToken,
        headers: restHeaders(),
        json: { actor: authorUrn(target), object: input.networkPostId, message: { text: input.text } },
      },
      commentSchema,
    )
    const created = commentUrnOf(data)
    if (created) return { networkCommentId: created }
    const id = data.id ?? raw.headers['x-restli-id']
    if (id) return { networkCommentId: `urn:li:comment:(${input.networkPostId},${id})` }
    throw new ProviderError(
      'linkedin',
      { reason: 'transient', detail: 'LinkedIn accepted the comment but did not say which comment it created.' },
      { source: 'api', status: raw.status, headers: raw.headers },
    )
  })
}

export async function findFirstComment(ctx: ProviderContext, target: ChannelTarget, input: { networkPostId: string; text: string }) {
  return withRoleCheck(ctx, target, 'publish', async () => {
    const actor = authorUrn(target)
    const mine = (await commentsOn(ctx, target.accessToken, input.networkPostId)).find(
      (c) => c.message?.text === input.text && (c.actor === undefined || c.actor === actor),
    )
    if (!mine) return null
    const urn = commentUrnOf(mine) ?? (mine.id ? `urn:li:comment:(${input.networkPostId},${mine.id})` : undefined)
    return urn ? { networkCommentId: urn } : null
  })
}

/** The channel's replies under a comment, for the exactly-once lookups of `comment-actions.ts`. */
export async function repliesTo(ctx: ProviderContext, accessToken: string, commentUrn: string) {
  return (await commentsOn(ctx, accessToken, commentUrn)).flatMap((c) => {
    const urn = commentUrnOf(c)
    return urn ? [{ urn, actor: c.actor ?? '', text: c.message?.text ?? '', time: c.created?.time ?? 0 }] : []
  })
}
