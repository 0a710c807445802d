import { json, type SandboxDialect } from '../types'

/** Placeholder until the x dialect lands: answers 404 to everything. */
export const xDialect: SandboxDialect = {
  network: 'x',
  seed: () => undefined,
  handle: () => json(404, { error: 'not implemented' }),
  rateLimited: () => json(429, {}),
  serverError: (_ctx, status) => json(status, {}),
  endpoints: () => ({}),
  credentials: () => ({}),
}
