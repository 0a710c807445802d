import type { Network } from '../../shared/domain/network'
import type { AppCredentials, ProviderEndpoints } from '../providers/types'
import type { SandboxChannel, SandboxNetworkId, SandboxPost, SandboxWorld } from './world'

/** One request as a dialect sees it; `path` is relative to the dialect's mount (`/facebook`…). */
export interface SandboxRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  body: Buffer
  /** The form fields of an urlencoded body (empty otherwise). */
  form: URLSearchParams
  /** The JSON body, or undefined when the body is not JSON. */
  json: unknown
  /** The Bearer token from the Authorization header. */
  bearer: string | undefined
}

export interface SandboxResponse {
  status: number
  headers?: Record<string, string>
  /** Objects are sent as JSON; strings as they are (set content-type for HTML). */
  body?: unknown
}

export interface DialectContext {
  world: SandboxWorld
  now: number
  /** The sandbox's origin, e.g. `http://127.0.0.1:54321`. */
  origin: string
  /** The dialect's mount, e.g. `http://127.0.0.1:54321/x`. */
  base: string
  seed: number
}

export interface SandboxDialect {
  network: SandboxNetworkId
  /** Adds the dialect's demo users, channels, posts and upcoming activity. */
  seed(ctx: DialectContext, rng: () => number): void
  handle(req: SandboxRequest, ctx: DialectContext): SandboxResponse | Promise<SandboxResponse>
  /** A new comment id under `post` in the network's own form (time-ordered where the network's are). */
  commentId(ctx: DialectContext, post: SandboxPost, at: number): string
  /** A new post id on `channel` in the network's own form (time-ordered where the network's are). */
  postId(ctx: DialectContext, channel: SandboxChannel, at: number): string
  /** The network's own 429 answer with its reset headers. */
  rateLimited(ctx: DialectContext, resetAtMs: number): SandboxResponse
  /** The network's own 5xx answer. */
  serverError(ctx: DialectContext, status: number): SandboxResponse
  /** Endpoints of the adapters this dialect serves (Facebook serves Instagram too). */
  endpoints(base: string): Partial<Record<Network, ProviderEndpoints>>
  /** The developer app(s) the seed registered, per adapter network. */
  credentials(ctx: DialectContext): Partial<Record<Network, AppCredentials>>
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body,
})

export const html = (status: number, body: string, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body,
})

export const redirect = (location: string): SandboxResponse => ({ status: 302, headers: { location, 'cache-control': 'no-store' } })
