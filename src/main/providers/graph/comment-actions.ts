/**
 * Moderation and the lookups behind exactly-once replies on the Graph API, for Facebook Pages and
 * the Instagram accounts linked to them (wave2-anchors §2.0): hide and unhide (`is_hidden` on
 * Facebook, `hide` on Instagram), delete, like (Facebook only), and, after an answer was lost,
 * whether it took effect: the comment's hidden flag or `user_likes`, the comment gone (Graph
 * answers #100 for an object that no longer exists), or the channel's own reply with this text.
 */
import * as z from 'zod'
import type { Network } from '../../../shared/domain/network'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, CommentActionLookup, CommentActionLookupResult, CommentModeration, CommentRef, ProviderContext } from '../types'
import { collectPaged, graphClient, graphUrl, parseGraphTime, withDataAccessCheck } from './client'

const SuccessSchema = z.union([z.object({ success: z.boolean() }), z.boolean()])
const StateSchema = z.object({
  id: z.string(),
  is_hidden: z.boolean().optional(),
  hidden: z.boolean().optional(),
  user_likes: z.boolean().optional(),
  parent: z.object({ id: z.string() }).optional(),
  parent_id: z.string().optional(),
})
const ChildSchema = z.object({
  id: z.string(),
  message: z.string().optional(),
  text: z.string().optional(),
  created_time: z.string().optional(),
  timestamp: z.string().optional(),
  from: z.object({ id: z.string().optional(), username: z.string().optional() }).optional(),
  username: z.string().optional(),
})
const UsernameSchema = z.object({ username: z.string().optional() })

const nodePath = (id: string, edge?: string): string => `/${encodeURIComponent(id)}${edge ? `/${edge}` : ''}`

/** Graph's answer for an object that does not exist (any more). */
export function isGone(err: unknown): boolean {
  if (!(err instanceof ProviderError) || err.failure.source !== 'api') return false
  const body = err.failure.body as { error?: { code?: unknown } } | undefined
  return (err.failure.status === 400 || err.failure.status === 404) && body?.error?.code === 100
}

export function graphCommentActions(network: Extract<Network, 'facebook' | 'instagram'>) {
  const ig = network === 'instagram'
  const hiddenField = ig ? 'hidden' : 'is_hidden'

  async function moderate(ctx: ProviderContext, target: ChannelTarget, input: CommentRef & { action: CommentModeration }): Promise<void> {
    const client = graphClient(network, ctx)
    const url = graphUrl(ctx, nodePath(input.networkCommentId))
    await withDataAccessCheck(network, ctx, target.accessToken, async () => {
      if (input.action === 'delete') await client.json({ method: 'DELETE', url, bearer: target.accessToken }, SuccessSchema)
      else if (input.action === 'like') {
        if (ig) throw new ProviderError(network, { reason: 'other', detail: 'Instagram does not let apps like comments.' }, { source: 'api' })
        await client.json({ method: 'POST', url: graphUrl(ctx, nodePath(input.networkCommentId, 'likes')), bearer: target.accessToken }, SuccessSchema)
      } else {
        const value = input.action === 'hide' ? 'true' : 'false'
        await client.json({ method: 'POST', url, bearer: target.accessToken, form: ig ? { hide: value } : { is_hidden: value } }, SuccessSchema)
      }
    })
  }

  /** The channel's own replies under the comment's thread with exactly this text, since `sinceMs`. */
  async function ownReplies(ctx: ProviderContext, target: ChannelTarget, lookup: CommentActionLookup): Promise<string[]> {
    const client = graphClient(network, ctx)
    const { data: node } = await client.json(
      { method: 'GET', url: graphUrl(ctx, nodePath(lookup.networkCommentId)), bearer: target.accessToken, query: { fields: ig ? 'id,parent_id' : 'id,parent{id}' } },
      StateSchema,
    )
    const root = (ig ? node.parent_id : node.parent?.id) ?? node.id
    let ownName = ''
    if (ig) {
      const { data } = await client.json({ method: 'GET', url: graphUrl(ctx, nodePath(target.networkChannelId)), bearer: target.accessToken, query: { fields: 'username' } }, UsernameSchema)
      ownName = data.username ?? ''
    }
    const children = await collectPaged(
      client,
      {
        method: 'GET',
        url: graphUrl(ctx, nodePath(root, ig ? 'replies' : 'comments')),
        bearer: target.accessToken,
        query: ig ? { fields: 'id,text,timestamp,username' } : { order: 'reverse_chronological', fields: 'id,message,created_time,from{id}' },
      },
      ChildSchema,
    )
    return children
      .filter((c) => (ig ? (c.username ?? c.from?.username) === ownName && ownName !== '' : c.from?.id === target.networkChannelId))
      .filter((c) => (c.message ?? c.text ?? '') === lookup.text)
      .filter((c) => parseGraphTime(c.created_time ?? c.timestamp ?? '') >= lookup.sinceMs)
      .map((c) => c.id)
  }

  async function findCommentAction(ctx: ProviderContext, target: ChannelTarget, lookup: CommentActionLookup): Promise<CommentActionLookupResult> {
    const client = graphClient(network, ctx)
    return withDataAccessCheck(network, ctx, target.accessToken, async () => {
      if (lookup.action === 'reply') {
        const ids = await ownReplies(ctx, target, lookup)
        if (ids.length === 1 && ids[0]) return { kind: 'found', networkCommentId: ids[0] }
        if (ids.length > 1) return { kind: 'ambiguous', candidates: ids, detail: `${ids.length} replies from the channel carry this text.` }
        return { kind: 'absent' }
      }
      const fields = lookup.action === 'like' ? 'id,user_likes' : `id,${hiddenField}`
      let state: z.output<typeof StateSchema>
      try {
        state = (await client.json({ method: 'GET', url: graphUrl(ctx, nodePath(lookup.networkCommentId)), bearer: target.accessToken, query: { fields } }, StateSchema)).data
      } catch (err) {
        if (lookup.action === 'delete' && isGone(err)) return { kind: 'found', networkCommentId: lookup.networkCommentId }
        throw err
      }
      const hidden = ig ? state.hidden : state.is_hidden
      const done =
        lookup.action === 'delete' ? false : lookup.action === 'like' ? state.user_likes === true : lookup.action === 'hide' ? hidden === true : hidden === false
      return done ? { kind: 'found', networkCommentId: lookup.networkCommentId } : { kind: 'absent' }
    })
  }

  return { moderate, findCommentAction }
}
