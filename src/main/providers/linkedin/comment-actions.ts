/**
 * Moderation and the lookups behind exactly-once replies on LinkedIn (wave2-anchors §2.0): an
 * organisation's admins delete comments on its posts (`DELETE socialActions/{post}/comments/{id}
 * ?actor=`) and like them (`POST /rest/reactions?actor=`); LinkedIn has no hide for apps. After a
 * lost answer: the comment gone (404), the reaction read by its key, or the organisation's own
 * reply with this text under the thread's top-level comment.
 */
import { ProviderError } from '../provider-error'
import type { ProviderClient } from '../http-client'
import type { ChannelTarget, CommentActionLookup, CommentActionLookupResult, CommentModeration, CommentRef, ProviderContext } from '../types'
import { LINKEDIN_PATHS } from './config'
import { encodeRestli, parseCommentUrn, restliUrl } from './restli'
import * as z from 'zod'

const REACTIONS = '/rest/reactions'
const CommentSchema = z.object({ parentComment: z.string().optional() })
const ReactionSchema = z.object({ reactionType: z.string().optional() })

interface Deps {
  client(ctx: ProviderContext): ProviderClient
  headers(): Record<string, string>
  actor(target: ChannelTarget): string
  withRole<T>(ctx: ProviderContext, target: ChannelTarget, op: () => Promise<T>): Promise<T>
  /** The channel's replies under a comment: id and text, oldest first. */
  repliesTo(ctx: ProviderContext, accessToken: string, commentUrn: string): Promise<{ urn: string; actor: string; text: string; time: number }[]>
}

const isNotFound = (err: unknown): boolean => err instanceof ProviderError && err.failure.source === 'api' && err.failure.status === 404

export function linkedinCommentActions(deps: Deps) {
  const commentUrl = (ctx: ProviderContext, ref: CommentRef, id: string, query: readonly (readonly [string, string])[] = []): string =>
    restliUrl(ctx.endpoints.apiBase, `${LINKEDIN_PATHS.socialActions}/${encodeRestli(ref.networkPostId)}/comments/${encodeRestli(id)}`, query)

  async function moderate(ctx: ProviderContext, target: ChannelTarget, input: CommentRef & { action: CommentModeration }): Promise<void> {
    const parsed = parseCommentUrn(input.networkCommentId)
    if (!parsed) throw new ProviderError('linkedin', { reason: 'other', detail: 'Relink could not tell which LinkedIn comment this is.' }, { source: 'api' })
    const actor = deps.actor(target)
    const client = deps.client(ctx)
    await deps.withRole(ctx, target, async () => {
      if (input.action === 'delete') {
        await client.raw({ method: 'DELETE', url: commentUrl(ctx, input, parsed.id, [['actor', encodeRestli(actor)]]), bearer: target.accessToken, headers: deps.headers() })
      } else if (input.action === 'like') {
        await client.raw({
          method: 'POST',
          url: restliUrl(ctx.endpoints.apiBase, REACTIONS, [['actor', encodeRestli(actor)]]),
          bearer: target.accessToken,
          headers: deps.headers(),
          json: { root: input.networkCommentId, reactionType: 'LIKE' },
        })
      } else throw new ProviderError('linkedin', { reason: 'other', detail: 'LinkedIn does not let apps hide comments.' }, { source: 'api' })
    })
  }

  async function findCommentAction(ctx: ProviderContext, target: ChannelTarget, lookup: CommentActionLookup): Promise<CommentActionLookupResult> {
    const parsed = parseCommentUrn(lookup.networkCommentId)
    if (!parsed) return { kind: 'unanswerable', detail: 'Relink could not tell which LinkedIn comment this is.' }
    const actor = deps.actor(target)
    const client = deps.client(ctx)
    return deps.withRole(ctx, target, async () => {
      const found = { kind: 'found', networkCommentId: lookup.networkCommentId } as const
      if (lookup.action === 'delete') {
        try {
          await client.json({ method: 'GET', url: commentUrl(ctx, lookup, parsed.id), bearer: target.accessToken, headers: deps.headers() }, CommentSchema)
          return { kind: 'absent' }
        } catch (err) {
          if (isNotFound(err)) return found
          throw err
        }
      }
      if (lookup.action === 'like') {
        const key = `(actor:${encodeRestli(actor)},entity:${encodeRestli(lookup.networkCommentId)})`
        try {
          await client.json({ method: 'GET', url: `${ctx.endpoints.apiBase}${REACTIONS}/${key}`, bearer: target.accessToken, headers: deps.headers() }, ReactionSchema)
          return found
        } catch (err) {
          if (isNotFound(err)) return { kind: 'absent' }
          throw err
        }
      }
      if (lookup.action !== 'reply') return { kind: 'unanswerable', detail: 'LinkedIn does not let apps hide comments.' }
      // Replies go under the thread's top-level comment (threads are two levels deep).
      const { data: original } = await client.json(
        { method: 'GET', url: commentUrl(ctx, lookup, parsed.id), bearer: target.accessToken, headers: deps.headers() },
        CommentSchema,
      )
      const root = original.parentComment ?? lookup.networkCommentId
      const ids = (await deps.repliesTo(ctx, target.accessToken, root))
        .filter((r) => r.actor === actor && r.text === lookup.text && r.time >= lookup.sinceMs)
        .map((r) => r.urn)
      if (ids.length === 1 && ids[0]) return { kind: 'found', networkCommentId: ids[0] }
      if (ids.length > 1) return { kind: 'ambiguous', candidates: ids, detail: `${ids.length} replies from the page carry this text.` }
      return { kind: 'absent' }
    })
  }

  return { moderate, findCommentAction }
}
