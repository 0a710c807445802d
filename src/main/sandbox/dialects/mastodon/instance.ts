/** `GET /api/v1/instance` and `/api/v2/instance`: the instance's configuration, its character limit included. */
import { json, type DialectContext, type SandboxResponse } from '../../types'
import { DESCRIPTION_LIMIT, IMAGE_LIMIT_BYTES, IMAGE_TYPES, MAX_ATTACHMENTS, URL_CHARS } from './constants'
import { stateOf } from './state'

function instanceConfiguration(ctx: DialectContext): Record<string, unknown> {
  return {
    urls: { streaming: ctx.base.replace(/^http/, 'ws') },
    accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
    statuses: { max_characters: stateOf(ctx.world).settings.maxCharacters, max_media_attachments: MAX_ATTACHMENTS, characters_reserved_per_url: URL_CHARS },
    media_attachments: {
      supported_mime_types: IMAGE_TYPES,
      description_limit: DESCRIPTION_LIMIT,
      image_size_limit: IMAGE_LIMIT_BYTES,
      image_matrix_limit: 33_177_600,
      video_size_limit: 103_809_024,
      video_frame_rate_limit: 120,
      video_matrix_limit: 8_294_400,
    },
    polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
    translation: { enabled: false },
  }
}

export function instance(ctx: DialectContext, version: 1 | 2): SandboxResponse {
  const host = new URL(ctx.base).host
  const users = [...ctx.world.users.values()].filter((u) => u.network === 'mastodon').length
  if (version === 2) {
    return json(200, {
      domain: host,
      title: 'Relink Sandbox',
      version: '4.4.0',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A simulated Mastodon instance for Relink’s demo mode and tests.',
      usage: { users: { active_month: users } },
      thumbnail: { url: `${ctx.base}/packs/media/images/preview.png` },
      languages: ['en'],
      configuration: instanceConfiguration(ctx),
      registrations: { enabled: false, approval_required: false, message: null },
      api_versions: { mastodon: 6 },
      contact: { email: 'admin@sandbox.invalid', account: null },
      rules: [],
    })
  }
  return json(200, {
    uri: host,
    title: 'Relink Sandbox',
    short_description: 'A simulated Mastodon instance.',
    description: 'A simulated Mastodon instance for Relink’s demo mode and tests.',
    email: 'admin@sandbox.invalid',
    version: '4.4.0',
    urls: { streaming_api: ctx.base.replace(/^http/, 'ws') },
    stats: { user_count: users, status_count: ctx.world.posts.size, domain_count: 1 },
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: instanceConfiguration(ctx),
    contact_account: null,
    rules: [],
  })
}
