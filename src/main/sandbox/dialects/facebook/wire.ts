/**
 * Graph on the wire: its timestamp format and error envelopes (the 190 family for tokens), and
 * request parsing: parameters from the query, a urlencoded form or multipart parts, `fields`
 * picking and cursor paging.
 */
import { hash32 } from '../../../../shared/random'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { TokenProblem, TokenRecord } from '../../world'
import { HOUR } from './constants'
import { stateOf } from './state'

export const secs = (ms: number): number => Math.floor(ms / 1000)
/** Graph's timestamp format: `2026-01-05T09:00:00+0000`. */
export const graphTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000')
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)

function traceId(ctx: DialectContext): string {
  const state = stateOf(ctx.world)
  state.serial += 1
  return `A${hash32(ctx.seed, state.serial, ctx.now).toString(36)}${hash32(state.serial, 'trace').toString(36)}`
}

interface GraphErrorOptions {
  subcode?: number
  type?: string
  transient?: boolean
  userTitle?: string
  userMsg?: string
  headers?: Record<string, string>
}

/** The Graph error envelope `{"error":{message,type,code,error_subcode,fbtrace_id}}`. */
export function graphError(ctx: DialectContext, status: number, code: number, message: string, options: GraphErrorOptions = {}): SandboxResponse {
  const error: Record<string, unknown> = { message, type: options.type ?? 'OAuthException', code }
  if (options.subcode !== undefined) error.error_subcode = options.subcode
  if (options.transient) error.is_transient = true
  if (options.userTitle) error.error_user_title = options.userTitle
  if (options.userMsg) error.error_user_msg = options.userMsg
  error.fbtrace_id = traceId(ctx)
  const headers: Record<string, string> = { ...options.headers }
  // Graph repeats token errors in a WWW-Authenticate header of its own `OAuth` scheme.
  if (code === 190) headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"`
  return json(status, { error }, headers)
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** Graph words expiry times in Pacific time: `Monday, 05-Jan-26 01:00:00 PST`. */
function sessionDate(ms: number): string {
  const d = new Date(ms - 8 * HOUR)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${WEEKDAYS[d.getUTCDay()] ?? 'Monday'}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()] ?? 'Jan'}-${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} PST`
}

/** The 190-family answer for a token the world refuses, exactly as Graph words it. */
export function tokenError(ctx: DialectContext, problem: TokenProblem | 'role_lost', token: TokenRecord | undefined): SandboxResponse {
  switch (problem) {
    case 'expired':
      return graphError(
        ctx,
        400,
        190,
        `Error validating access token: Session has expired on ${sessionDate(token?.expiresAt ?? ctx.now)}. The current time is ${sessionDate(ctx.now)}.`,
        { subcode: 463 },
      )
    case 'password_changed':
      return graphError(
        ctx,
        400,
        190,
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        { subcode: 460 },
      )
    case 'app_removed':
      return graphError(ctx, 400, 190, `Error validating access token: The user has not authorized application ${token?.clientId ?? ''}.`, {
        subcode: 458,
      })
    case 'revoked':
      return graphError(ctx, 400, 190, 'Error validating access token: The session is invalid because the user logged out.', { subcode: 467 })
    case 'action_required':
      return graphError(
        ctx,
        400,
        190,
        'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
        { subcode: 459 },
      )
    case 'role_lost':
      return graphError(
        ctx,
        400,
        190,
        'The user must be an administrator, editor, or moderator of the page in order to impersonate it. If the page business requires Two Factor Authentication, the user also needs to enable Two Factor Authentication.',
        { subcode: 492 },
      )
    default:
      return graphError(ctx, 400, 190, 'Invalid OAuth access token - Cannot parse access token')
  }
}

export function unsupported(ctx: DialectContext, method: string, id: string): SandboxResponse {
  return graphError(
    ctx,
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: 'GraphMethodException', subcode: 33 },
  )
}

export const badParam = (ctx: DialectContext, message: string): SandboxResponse => graphError(ctx, 400, 100, `(#100) ${message}`)

interface Upload {
  filename: string
  contentType: string
  data: Buffer
}

export interface Params {
  get(name: string): string | undefined
  file(name: string): Upload | undefined
}

function parseMultipart(body: Buffer, contentType: string): { fields: Map<string, string>; files: Map<string, Upload> } {
  const fields = new Map<string, string>()
  const files = new Map<string, Upload>()
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) return { fields, files }
  const delimiter = Buffer.from(`--${boundary}`)
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const part = body.subarray(start + delimiter.length + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8')
      const data = part.subarray(split + 4)
      const name = /name="([^"]*)"/i.exec(head)?.[1]
      const filename = /filename="([^"]*)"/i.exec(head)?.[1]
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream'
      if (name !== undefined) {
        if (filename !== undefined) files.set(name, { filename, contentType: type, data: Buffer.from(data) })
        else fields.set(name, data.toString('utf8'))
      }
    }
    start = next
  }
  return { fields, files }
}

export function paramsOf(req: SandboxRequest): Params {
  const type = req.headers['content-type'] ?? ''
  const multipart = type.toLowerCase().startsWith('multipart/form-data') ? parseMultipart(req.body, type) : undefined
  return {
    get: (name) => multipart?.fields.get(name) ?? req.form.get(name) ?? req.query.get(name) ?? undefined,
    file: (name) => multipart?.files.get(name),
  }
}

/** Top-level names of a `fields` parameter: `id,name,instagram_business_account{id,username}`. */
export function fieldNames(fields: string | undefined): Set<string> | undefined {
  if (!fields) return undefined
  const names = new Set<string>()
  let depth = 0
  let current = ''
  for (const ch of fields) {
    if (ch === '{') depth += 1
    if (ch === '}') depth -= 1
    if (ch === ',' && depth === 0) {
      names.add(current.trim().split(/[{.]/)[0] ?? '')
      current = ''
    } else current += ch
  }
  if (current.trim()) names.add(current.trim().split(/[{.]/)[0] ?? '')
  return names
}

/** Returns the requested fields (always with `id`), or the node's defaults. */
export function pick(node: Record<string, unknown>, fields: string | undefined, defaults: readonly string[]): Record<string, unknown> {
  const names = fieldNames(fields) ?? new Set(defaults)
  names.add('id')
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) if (names.has(k) && v !== undefined) out[k] = v
  return out
}

/** Cursor paging as Graph does it: `limit`, `after`, and `paging.cursors` / `paging.next`. */
export function paginate(ctx: DialectContext, req: SandboxRequest, items: unknown[], params: Params, defaultLimit = 25): Record<string, unknown> {
  const limit = Math.min(Math.max(Number(params.get('limit') ?? defaultLimit) || defaultLimit, 1), 100)
  const after = params.get('after')
  const offset = after ? Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^offset:/, '')) || 0 : 0
  const page = items.slice(offset, offset + limit)
  const cursor = (n: number): string => Buffer.from(`offset:${n}`, 'utf8').toString('base64url')
  const result: Record<string, unknown> = { data: page }
  if (items.length > 0) {
    const paging: Record<string, unknown> = { cursors: { before: cursor(offset), after: cursor(offset + page.length) } }
    if (offset + limit < items.length) {
      const next = new URL(`${ctx.base}${req.path}`)
      for (const [k, v] of req.query.entries()) if (k !== 'access_token' && k !== 'after') next.searchParams.set(k, v)
      next.searchParams.set('after', cursor(offset + page.length))
      paging.next = next.toString()
    }
    result.paging = paging
  }
  return result
}
