/**
 * Shared state and helpers of the X dialect: the per-world media and call counts the shared world
 * model has no place for, snowflake ids, JSON bodies and time formats.
 */
import { X_SNOWFLAKE_EPOCH_MS } from '../../../providers/x/config'
import type { SandboxWorld } from '../../world'

export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR

export const MEDIA_TTL_MS = DAY

interface MediaRecord {
  id: string
  userId: string
  size: number
  type: string
  expiresAt: number
  altText?: string
}

/** Per-world state the shared world model has no place for. */
interface XState {
  media: Map<string, MediaRecord>
  /** Requests per (user, route, window) for the `x-rate-limit-remaining` header. */
  calls: Map<string, number>
}
const states = new WeakMap<SandboxWorld, XState>()
export function stateOf(world: SandboxWorld): XState {
  let s = states.get(world)
  if (!s) {
    s = { media: new Map(), calls: new Map() }
    states.set(world, s)
  }
  return s
}

/** Time-ordered snowflake ids, unique per world: ms since the Twitter epoch << 22 | sequence. */
export function snowflake(world: SandboxWorld, at: number): string {
  const seq = BigInt(Number.parseInt(world.nextId(''), 10) & 0xfff)
  return ((BigInt(Math.max(at - X_SNOWFLAKE_EPOCH_MS, 0)) << 22n) | (1n << 17n) | seq).toString()
}
export const snowflakeTime = (id: string): number => Number(BigInt(id) >> 22n) + X_SNOWFLAKE_EPOCH_MS
export const isId = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d{1,20}$/.test(s)
export const newer = (a: string, b: string): boolean => BigInt(a) > BigInt(b)
export const byIdDesc = (a: { id: string }, b: { id: string }): number => (newer(a.id, b.id) ? -1 : newer(b.id, a.id) ? 1 : 0)

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
export const isoTime = (ms: number): string => new Date(ms).toISOString()
export const httpDate = (ms: number): string => new Date(ms).toUTCString()

export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
