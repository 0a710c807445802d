/**
 * Shared constants and per-world bookkeeping of the LinkedIn dialect: token lifetimes, text limits,
 * native-flow grant families, uploaded images, and numeric ids.
 */
import { SANDBOX_DAY_MS, type SandboxWorld } from '../../world'

export const NETWORK = 'linkedin'
export const DAY = SANDBOX_DAY_MS
export const HOUR = 60 * 60 * 1000
export const ACCESS_TTL_MS = 60 * DAY
export const REFRESH_TTL_MS = 365 * DAY
export const MAX_COMMENTARY = 3000
export const MAX_COMMENT = 1250



/** Sandbox-only bookkeeping per world. */
interface DialectState {
  /** Grant families issued through the native PKCE flow, which may refresh without a secret. */
  nativeFamilies: Set<string>
  images: Map<string, { ownerUrn: string; userId: string; uploaded: boolean }>
}
const states = new WeakMap<SandboxWorld, DialectState>()
export function stateOf(world: SandboxWorld): DialectState {
  let s = states.get(world)
  if (!s) {
    s = { nativeFamilies: new Set(), images: new Map() }
    states.set(world, s)
  }
  return s
}

export const numericId = (world: SandboxWorld): string => `7${world.nextId('').padStart(18, '0')}`

export const seconds = (ms: number): number => Math.floor(ms / 1000)
