/**
 * Moderation and the lookups behind exactly-once replies on Mastodon (wave2-anchors §2.0): a
 * favourite is the only moderation an account has over someone else's reply (no hide, and delete
 * only of its own posts). After a lost answer: the status's `favourited` for the account, or the
 * account's own reply to this status with this text in its thread context.
 */
import type { ProviderClient } from '../http-client'
import type { ChannelTarget, CommentActionLookup, CommentActionLookupResult, CommentModeration, CommentRef, ProviderContext } from '../types'
import { MASTODON_PATHS } from './config'
import { htmlToText } from './content'
import { ContextSchema, StatusSchema } from './schemas'

export function mastodonCommentActions(deps: { base(ctx: ProviderContext): string; client(ctx: ProviderContext): ProviderClient }) {
  async function moderate(ctx: ProviderContext, target: ChannelTarget, input: CommentRef & { action: CommentModeration }): Promise<void> {
    if (input.action !== 'like') throw new Error('Mastodon lets an account only favourite replies to it.')
    await deps.client(ctx).json({ method: 'POST', url: `${deps.base(ctx)}${MASTODON_PATHS.favourite(input.networkCommentId)}`, bearer: target.accessToken }, StatusSchema)
  }

  async function findCommentAction(ctx: ProviderContext, target: ChannelTarget, lookup: CommentActionLookup): Promise<CommentActionLookupResult> {
    const http = deps.client(ctx)
    const base = deps.base(ctx)
    if (lookup.action === 'like') {
      const { data } = await http.json({ method: 'GET', url: `${base}${MASTODON_PATHS.status(lookup.networkCommentId)}`, bearer: target.accessToken }, StatusSchema)
      return data.favourited === true ? { kind: 'found', networkCommentId: lookup.networkCommentId } : { kind: 'absent' }
    }
    if (lookup.action !== 'reply') return { kind: 'unanswerable', detail: 'Mastodon has no way to hide or delete a reply from someone else.' }
    const { data } = await http.json({ method: 'GET', url: `${base}${MASTODON_PATHS.context(lookup.networkCommentId)}`, bearer: target.accessToken }, ContextSchema)
    // The reply may start with the mention Relink adds for the person answered.
    const ids = data.descendants
      .filter((s) => s.account.id === target.networkChannelId && s.in_reply_to_id === lookup.networkCommentId)
      .filter((s) => htmlToText(s.content).endsWith(lookup.text) && Date.parse(s.created_at) >= lookup.sinceMs)
      .map((s) => s.id)
    if (ids.length === 1 && ids[0]) return { kind: 'found', networkCommentId: ids[0] }
    if (ids.length > 1) return { kind: 'ambiguous', candidates: ids, detail: `${ids.length} replies from the account carry this text.` }
    return { kind: 'absent' }
  }

  return { moderate, findCommentAction }
}
