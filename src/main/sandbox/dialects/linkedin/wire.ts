/**
 * LinkedIn on the wire: its error bodies (API and OAuth), the token problems' 401s, and the
 * Rest.li syntax of lists, time intervals and URNs.
 */
import { json, type SandboxResponse } from '../../types'
import type { TokenProblem } from '../../world'

export const apiError = (status: number, code: string | undefined, serviceErrorCode: number | undefined, message: string): SandboxResponse =>
  json(status, { status, ...(serviceErrorCode === undefined ? {} : { serviceErrorCode }), ...(code ? { code } : {}), message })

export const oauthError = (status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' })

export const INVALID_TOKEN = (): SandboxResponse => apiError(401, 'INVALID_ACCESS_TOKEN', 65600, 'Invalid access token')
const REVOKED_TOKEN = (): SandboxResponse =>
  apiError(401, 'REVOKED_ACCESS_TOKEN', 65601, 'The token used in the request has been revoked by the user')

/**
 * What LinkedIn says for each way a token dies. LinkedIn knows only expired, revoked and invalid:
 * a password change or a removed app shows as revoked; a restricted account as an invalid token.
 * (`serviceErrorCode` of an expired token is seen as both 65600 and 65601 in the wild.)
 */
export const TOKEN_ERRORS: Record<TokenProblem, () => SandboxResponse> = {
  unknown: INVALID_TOKEN,
  expired: () => apiError(401, 'EXPIRED_ACCESS_TOKEN', 65601, 'The token used in the request has expired'),
  revoked: REVOKED_TOKEN,
  app_removed: REVOKED_TOKEN,
  password_changed: REVOKED_TOKEN,
  action_required: INVALID_TOKEN,
}

export const VERSION = /^\d{6}(\.\d{2})?$/

export function accessDenied(resource: string, method: string, version: string): SandboxResponse {
  return apiError(403, 'ACCESS_DENIED', 100, `Not enough permissions to access: ${resource}.${method}.${version}`)
}

export const notFound = (what: string): SandboxResponse => apiError(404, 'NOT_FOUND', undefined, `${what} does not exist`)
export const unprocessable = (message: string): SandboxResponse => apiError(422, undefined, undefined, message)
export const badRequest = (message: string): SandboxResponse => apiError(400, undefined, undefined, message)


// Rest.li helpers.

/** Items of `List(a,b,(id:c))` at depth 0. */
export function parseList(value: string | null): string[] {
  const match = value ? /^List\((.*)\)$/.exec(value) : null
  if (!match?.[1]) return []
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const ch of match[1]) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      items.push(current)
      current = ''
    } else current += ch
  }
  if (current) items.push(current)
  return items
}

export function parseIntervals(value: string | null): { start: number; end: number; granularity: string } | undefined {
  if (!value) return undefined
  const range = /timeRange:\(start:(\d+),end:(\d+)\)/.exec(value)
  const granularity = /timeGranularityType:([A-Z]+)/.exec(value)?.[1] ?? 'DAY'
  if (!range?.[1] || !range[2]) return undefined
  return { start: Number(range[1]), end: Number(range[2]), granularity }
}

export const orgUrn = (id: string): string => `urn:li:organization:${id}`
export const personUrn = (id: string): string => `urn:li:person:${id}`
export const shareUrn = (id: string): string => `urn:li:share:${id}`
export const activityUrn = (id: string): string => `urn:li:activity:${id}`
export const commentUrn = (postId: string, id: string): string => `urn:li:comment:(${activityUrn(postId)},${id})`

/** The post id behind a share, ugcPost or activity URN (the sandbox uses one id for all three). */
export const postIdOf = (urn: string): string | undefined => /^urn:li:(?:share|ugcPost|activity):(\d+)$/.exec(urn)?.[1]

export function parseCommentUrn(urn: string): { postId: string; commentId: string } | undefined {
  const m = /^urn:li:comment:\(urn:li:(?:share|ugcPost|activity):(\d+),(\d+)\)$/.exec(urn)
  return m?.[1] && m[2] ? { postId: m[1], commentId: m[2] } : undefined
}
