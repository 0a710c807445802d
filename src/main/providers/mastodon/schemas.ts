/**
 * The shapes of the Mastodon entities Relink reads (docs.joinmastodon.org/entities/), reduced to
 * the fields it uses. Anything else in a body is ignored; a missing required field makes the
 * answer unreadable, which the provider client reports as `transient`.
 */
import * as z from 'zod'

const id = z.union([z.string(), z.number()]).transform((v) => String(v))
const count = z.number().int().nonnegative().catch(0)

/** Application, as `POST /api/v1/apps` returns it (with its credentials). */
export const ApplicationSchema = z.object({
  id: id.optional(),
  name: z.string().optional(),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  redirect_uri: z.string().optional(),
  /** 4.3+: every registered URI. */
  redirect_uris: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
})

/** Token, as `POST /oauth/token` returns it. No `expires_in`, no `refresh_token`: tokens never expire. */
export const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  scope: z.string().optional(),
  created_at: z.number().optional(),
})

export const AccountSchema = z.object({
  id,
  username: z.string(),
  acct: z.string(),
  display_name: z.string().catch(''),
  url: z.string().nullable().optional(),
  avatar: z.string().optional().catch(undefined),
  avatar_static: z.string().optional().catch(undefined),
  followers_count: count.optional(),
  following_count: count.optional(),
  statuses_count: count.optional(),
})
export type MastodonAccount = z.output<typeof AccountSchema>

export const StatusSchema = z.object({
  id,
  created_at: z.string(),
  in_reply_to_id: id.nullable().optional(),
  in_reply_to_account_id: id.nullable().optional(),
  visibility: z.string().catch('public'),
  uri: z.string().optional(),
  url: z.string().nullable().optional(),
  content: z.string().catch(''),
  replies_count: count.optional(),
  reblogs_count: count.optional(),
  favourites_count: count.optional(),
  quotes_count: count.optional(),
  account: AccountSchema,
  media_attachments: z.array(z.object({ id })).catch([]).optional(),
  edited_at: z.string().nullable().optional(),
  /** Whether the account behind the token favourited it. */
  favourited: z.boolean().optional(),
})
export type MastodonStatus = z.output<typeof StatusSchema>

export const StatusListSchema = z.array(StatusSchema)

export const ContextSchema = z.object({
  ancestors: z.array(StatusSchema),
  descendants: z.array(StatusSchema),
})

export const NotificationSchema = z.object({
  id,
  type: z.string(),
  created_at: z.string(),
  account: AccountSchema.optional(),
  /** Absent for notifications without a status, null when the status was deleted. */
  status: StatusSchema.nullable().optional(),
})
export const NotificationListSchema = z.array(NotificationSchema)

/** MediaAttachment / ProcessingMediaAttachment: `url` stays null while the full size is processing. */
export const MediaAttachmentSchema = z.object({
  id,
  type: z.string(),
  url: z.string().nullable().optional(),
})

/** The part of `GET /api/v2/instance` (and v1 since 3.4) that states the content limits. */
export const InstanceSchema = z.object({
  configuration: z
    .object({
      statuses: z
        .object({
          max_characters: z.number().int().positive().optional(),
          characters_reserved_per_url: z.number().int().positive().optional(),
        })
        .optional(),
    })
    .optional(),
  /** Glitch and other forks publish the limit here on v1. */
  max_toot_chars: z.number().int().positive().optional(),
})

export const EmptyObjectSchema = z.object({})
