import { json, type SandboxDialect } from '../types'

/** Placeholder until the facebook dialect lands: answers 404 to everything. */
export const facebookDialect: SandboxDialect = {
  network: 'facebook',
  seed: () => undefined,
  handle: () => json(404, { error: 'not implemented' }),
  rateLimited: () => json(429, {}),
  serverError: (_ctx, status) => json(status, {}),
  endpoints: () => ({}),
  credentials: () => ({}),
}
