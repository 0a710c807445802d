/** Responses in Mastodon's and Doorkeeper's shapes, and reading requests: form or JSON fields, paging by id, Link headers. */
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import { OUTSIDE_SCOPES, URL_CHARS } from './constants'
import { URL_RE } from './entities'
import { cmpId, isNumericId } from './state'

export const withDate = (ctx: DialectContext, res: SandboxResponse): SandboxResponse => ({
  ...res,
  headers: { date: new Date(ctx.now).toUTCString(), ...res.headers },
})

export const apiError = (status: number, error: string, headers: Record<string, string> = {}): SandboxResponse =>
  json(status, { error }, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', ...headers })

/** Doorkeeper's 401 with its RFC 6750 header. */
export const unauthorized = (description: string): SandboxResponse =>
  apiError(401, description, {
    'www-authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`,
  })

export const forbiddenScope = (): SandboxResponse =>
  apiError(403, OUTSIDE_SCOPES, {
    'www-authenticate':
      'Bearer realm="Doorkeeper", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token."',
  })

export const oauthError = (status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache' })

/** Form fields of an urlencoded body, or the same fields from a JSON body (Mastodon takes both). */
export function paramsOf(req: SandboxRequest): URLSearchParams {
  if (req.json !== null && typeof req.json === 'object' && !Array.isArray(req.json)) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(req.json as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const item of v) params.append(`${k}[]`, String(item))
      else if (v !== undefined && v !== null) params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v))
    }
    return params
  }
  return req.method === 'GET' ? req.query : req.form
}

export function countable(text: string): number {
  const withoutDomains = text.replace(/(^|[^\w/@])@(\w+)@[\w.-]+\.\w+/g, '$1@$2')
  const withUrls = withoutDomains.replace(URL_RE, (m) => {
    const trailing = /[.,;:!?)\]]+$/.exec(m)?.[0] ?? ''
    return 'x'.repeat(URL_CHARS) + trailing
  })
  let n = 0
  for (const _ of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(withUrls)) n += 1
  return n
}

export function paginate<T extends { id: string }>(items: T[], query: URLSearchParams, defaultLimit: number): { page: T[]; limit: number } {
  const requested = Math.abs(Number.parseInt(query.get('limit') ?? '', 10))
  const limit = Math.min(Number.isFinite(requested) && requested > 0 ? requested : defaultLimit, defaultLimit * 2)
  const maxId = query.get('max_id')
  const sinceId = query.get('since_id')
  const minId = query.get('min_id')
  const desc = [...items].sort((a, b) => cmpId(b.id, a.id))
  const inRange = desc.filter(
    (x) =>
      (!isNumericId(maxId) || cmpId(x.id, maxId) < 0) &&
      (!isNumericId(sinceId) || cmpId(x.id, sinceId) > 0) &&
      (!isNumericId(minId) || cmpId(x.id, minId) > 0),
  )
  // min_id pages forward from the cursor (the oldest matches), still returned newest first.
  const page = isNumericId(minId) ? inRange.slice(-limit) : inRange.slice(0, limit)
  return { page, limit }
}

/**
 * The Link header of a page: `prev` from its newest id, `next` from its oldest. With `fullAt`, the
 * next link only when the page holds that many (an account's statuses: `records_continue?`);
 * notifications link a next page whenever the page is not empty.
 */
export function linkHeader(url: string, page: { id: string }[], fullAt?: number): Record<string, string> {
  const first = page[0]
  const last = page.at(-1)
  if (!first || !last) return {}
  const prev = new URL(url)
  prev.searchParams.delete('max_id')
  prev.searchParams.delete('since_id')
  prev.searchParams.set('min_id', first.id)
  const links = [`<${prev.toString()}>; rel="prev"`]
  if (fullAt === undefined || page.length >= fullAt) {
    const next = new URL(url)
    next.searchParams.delete('min_id')
    next.searchParams.delete('since_id')
    next.searchParams.set('max_id', last.id)
    links.unshift(`<${next.toString()}>; rel="next"`)
  }
  return { link: links.join(', ') }
}

export const requestUrl = (ctx: DialectContext, req: SandboxRequest): string => {
  const qs = req.query.toString()
  return `${ctx.base}${req.path}${qs ? `?${qs}` : ''}`
}
