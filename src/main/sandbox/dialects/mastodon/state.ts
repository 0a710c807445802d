/** What the sandbox instance keeps beside the world (apps' scopes, media, visibility, idempotency keys), and its ids and times. */
import type { SandboxWorld } from '../../world'
import { MASTODON_SEED } from './constants'

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct'
export const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct']

export interface MediaRecord {
  id: string
  userId: string
  mimeType: string
  description: string | null
  size: number
  /** Checks of `GET /api/v1/media/:id` still answered 206 before processing completes. */
  pendingChecks: number
  statusId?: string
}

interface MastodonState {
  /** Scopes each registered app declared. */
  appScopes: Map<string, string[]>
  /** user id → the account (channel) that login is. */
  accounts: Map<string, string>
  /** `${userId}:${key}` → the status created with that Idempotency-Key. */
  idempotency: Map<string, { statusId: string; at: number }>
  media: Map<string, MediaRecord>
  statusMedia: Map<string, string[]>
  visibility: Map<string, Visibility>
  /** The instance's `configuration.statuses.max_characters`; tests may change it. */
  settings: { maxCharacters: number }
  serial: number
  appSerial: number
}

const STATES = new WeakMap<SandboxWorld, MastodonState>()

export function stateOf(world: SandboxWorld): MastodonState {
  let state = STATES.get(world)
  if (!state) {
    state = {
      appScopes: new Map(),
      accounts: new Map(),
      idempotency: new Map(),
      media: new Map(),
      statusMedia: new Map(),
      visibility: new Map(),
      settings: { maxCharacters: MASTODON_SEED.maxCharacters },
      serial: 0,
      appSerial: 1000,
    }
    STATES.set(world, state)
  }
  return state
}

/** The sandbox instance's settings (e.g. its character limit), for tests. */
export const mastodonSandboxSettings = (world: SandboxWorld): MastodonState['settings'] => stateOf(world).settings

/** Mastodon's snowflake-like ids: milliseconds shifted left 16 bits plus a sequence, as strings. */
export function snowflake(state: MastodonState, ms: number): string {
  const seq = state.serial++ & 0xffff
  return ((BigInt(Math.max(0, Math.floor(ms))) << 16n) | BigInt(seq)).toString()
}

export const cmpId = (a: string, b: string): number => {
  const x = BigInt(a)
  const y = BigInt(b)
  return x === y ? 0 : x < y ? -1 : 1
}
export const isNumericId = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d{1,30}$/.test(s)

export const iso = (ms: number): string => new Date(ms).toISOString()
export const dayOf = (ms: number): string => iso(ms).slice(0, 10)
/** Rack::Attack's reset time: ISO 8601 with microseconds (`Time#iso8601(6)`). */
export const isoMicros = (ms: number): string => iso(ms).replace(/\.(\d{3})Z$/, '.$1000Z')
