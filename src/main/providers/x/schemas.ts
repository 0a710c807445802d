/**
 * Shapes of the X API v2 answers the adapter reads (docs.x.com API reference). Only the fields
 * Relink uses are required; everything else X adds is ignored. A body that does not fit becomes a
 * `transient` ProviderError in the HTTP client, never a crash further in.
 */
import * as z from 'zod'

/** RFC 6749 §5.1 token answer as X sends it (`token_type` is "bearer"). */
export const XTokenResponse = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
})

const Counts = z.record(z.string(), z.number())

export const XUser = z.object({
  id: z.string().min(1),
  name: z.string(),
  username: z.string().min(1),
  public_metrics: Counts.optional(),
  profile_image_url: z.string().optional().catch(undefined),
})

export const XMeResponse = z.object({ data: XUser })

export const XTweet = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  created_at: z.string().optional(),
  author_id: z.string().optional(),
  conversation_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  public_metrics: Counts.optional(),
  non_public_metrics: Counts.optional(),
  /** Links in the text, each with its full address (the text shows t.co). Media links carry `media_key`. */
  entities: z
    .object({ urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional(), media_key: z.string().optional() })).optional() })
    .optional(),
  attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
  /** Every version of the post; more than one means it was edited. */
  edit_history_tweet_ids: z.array(z.string()).optional(),
})
export type XTweet = z.output<typeof XTweet>

/** Timeline and search pages: `data` is absent when nothing matched. */
export const XTweetPage = z.object({
  data: z.array(XTweet).optional(),
  includes: z.object({ users: z.array(XUser.pick({ id: true, name: true, username: true })).optional() }).optional(),
  meta: z
    .object({
      result_count: z.number().optional(),
      next_token: z.string().optional(),
      newest_id: z.string().optional(),
      oldest_id: z.string().optional(),
    })
    .optional(),
})

/** Lookups answer 200 with `errors` (resource-not-found …) and no `data` for a missing post. */
export const XTweetLookup = z.object({
  data: XTweet.optional(),
  errors: z.array(z.object({ type: z.string().optional(), detail: z.string().optional(), title: z.string().optional() })).optional(),
})

export const XCreatedTweet = z.object({ data: z.object({ id: z.string().regex(/^\d+$/), text: z.string().optional() }) })

export const XMediaUpload = z.object({
  data: z.object({ id: z.string().min(1), media_key: z.string().optional() }),
})

/** RFC 7009 revocation answer; X adds `{"revoked": true}`. */
export const XRevokeResponse = z.object({ revoked: z.boolean().optional() })
