import type * as z from 'zod'
import type { Network } from '../../shared/domain/network'
import { HttpTransportError, type HttpMethod, type HttpResponse } from '../ports'
import { ProviderError } from './provider-error'
import type { FailureSource, ProviderContext, ProviderFailure } from './types'

const DEFAULT_TIMEOUT_MS = 20_000

export interface ProviderRequest {
  method: HttpMethod
  url: string
  /** Bearer token for the call; sent only in the Authorization header, never in logs. */
  bearer?: string
  headers?: Record<string, string>
  query?: Record<string, string | number | undefined>
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | undefined>
  /** Sent as application/json. */
  json?: unknown
  /** Raw bytes (image uploads). */
  bytes?: { data: Uint8Array; contentType: string }
  /** Which kind of endpoint this is, for classification. */
  source?: Exclude<FailureSource, 'transport'>
}

/** A parsed success with the raw response kept for the event log. */
export interface ProviderResponse<T> {
  data: T
  raw: HttpResponse
}

/** Parses a body as JSON when it is JSON; otherwise returns the text (HTML, garbage) as is. */
export function parseBody(body: string): unknown {
  const trimmed = body.trim()
  if (trimmed === '') return undefined
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return body
  }
}

export function withQuery(url: string, query?: ProviderRequest['query']): string {
  if (!query) return url
  const u = new URL(url)
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v))
  return u.toString()
}

/**
 * The one HTTP client all adapters use (through the `Http` port): timeouts, cancellation,
 * classification of every failure, and zod-checked bodies so network garbage becomes a
 * `transient` ProviderError instead of a crash further in.
 */
export function createProviderClient(network: Network, ctx: ProviderContext, classify: (f: ProviderFailure) => ProviderError['classified']) {
  async function send(req: ProviderRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
    if (req.bearer) headers.authorization = `Bearer ${req.bearer}`
    let body: string | Uint8Array | undefined
    if (req.form) {
      const params = new URLSearchParams()
      for (const [k, v] of Object.entries(req.form)) if (v !== undefined) params.set(k, v)
      body = params.toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers['content-type'] = 'application/json'
    } else if (req.bytes) {
      body = req.bytes.data
      headers['content-type'] = req.bytes.contentType
    }
    try {
      return await ctx.http.request({
        method: req.method,
        url: withQuery(req.url, req.query),
        headers,
        body,
        timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: ctx.signal,
      })
    } catch (err) {
      const failure: ProviderFailure = { source: 'transport', body: err instanceof Error ? err.message : String(err) }
      if (err instanceof HttpTransportError || err instanceof Error) {
        throw new ProviderError(network, classify(failure), failure, { cause: err })
      }
      throw err
    }
  }

  function fail(res: HttpResponse, source: Exclude<FailureSource, 'transport'>): never {
    const failure: ProviderFailure = { source, status: res.status, headers: res.headers, body: parseBody(res.body) }
    throw new ProviderError(network, classify(failure), failure)
  }

  return {
    /** Sends and returns the raw response, throwing a classified error for non-2xx answers. */
    async raw(req: ProviderRequest): Promise<HttpResponse> {
      const res = await send(req)
      if (res.status < 200 || res.status >= 300) fail(res, req.source ?? 'api')
      return res
    },

    /** Sends, checks the status, parses JSON and validates its shape. */
    async json<S extends z.ZodType>(req: ProviderRequest, schema: S): Promise<ProviderResponse<z.output<S>>> {
      const res = await send(req)
      if (res.status < 200 || res.status >= 300) fail(res, req.source ?? 'api')
      const parsed = parseBody(res.body)
      const checked = schema.safeParse(parsed)
      if (!checked.success) {
        const failure: ProviderFailure = { source: req.source ?? 'api', status: res.status, headers: res.headers, body: parsed }
        throw new ProviderError(
          network,
          { reason: 'transient', detail: `${labelOf(network)} sent an answer Relink could not read. Relink will try again.` },
          failure,
        )
      }
      return { data: checked.data, raw: res }
    },
  }
}

export type ProviderClient = ReturnType<typeof createProviderClient>

const LABELS: Record<Network, string> = { facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', x: 'X', mastodon: 'Mastodon' }
export const labelOf = (network: Network): string => LABELS[network]
