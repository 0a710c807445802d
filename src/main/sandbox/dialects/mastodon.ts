import { json, type SandboxDialect } from '../types'

/** Placeholder until the mastodon dialect lands: answers 404 to everything. */
export const mastodonDialect: SandboxDialect = {
  network: 'mastodon',
  seed: () => undefined,
  handle: () => json(404, { error: 'not implemented' }),
  rateLimited: () => json(429, {}),
  serverError: (_ctx, status) => json(status, {}),
  endpoints: () => ({}),
  credentials: () => ({}),
}
