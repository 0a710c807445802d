/**
 * Rest.li 2.0 and URN details of LinkedIn's versioned API: URNs go into paths and query values
 * percent-encoded, while the Rest.li syntax around them (`List(…)`, `(key:value)`) stays literal,
 * so these URLs are built by hand instead of with URLSearchParams (which would encode the syntax).
 */

/** Percent-encodes a URN or value for a path segment or query value, parentheses included. */
export function encodeRestli(value: string): string {
  return encodeURIComponent(value).replace(/\(/g, '%28').replace(/\)/g, '%29')
}

/** `List(a,b)` of already-encoded items. */
export const restliList = (items: readonly string[]): string => `List(${items.join(',')})`

/** Joins a path with query pairs whose values are already in Rest.li form. */
export function restliUrl(base: string, path: string, query: readonly (readonly [string, string])[] = []): string {
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')
  return `${base}${path}${qs ? `?${qs}` : ''}`
}

export const organizationUrn = (id: string): string => `urn:li:organization:${id}`
export const personUrn = (id: string): string => `urn:li:person:${id}`

/** The id at the end of a simple URN (`urn:li:organization:123` → `123`), or undefined. */
export function urnId(urn: string, type: string): string | undefined {
  const prefix = `urn:li:${type}:`
  return urn.startsWith(prefix) ? urn.slice(prefix.length) : undefined
}

/** `urn:li:comment:(urn:li:activity:1,2)` → `{ parent: 'urn:li:activity:1', id: '2' }`. */
export function parseCommentUrn(urn: string): { parent: string; id: string } | undefined {
  const match = /^urn:li:comment:\((.+),([^,()]+)\)$/.exec(urn)
  if (!match?.[1] || !match[2]) return undefined
  return { parent: match[1], id: match[2] }
}

/**
 * Posts API `commentary` is "little text": these characters are markup and must be escaped with
 * a backslash, or LinkedIn drops or garbles the text after them (Posts API, little text format).
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g

export const escapeLittleText = (text: string): string => text.replace(RESERVED, (c) => `\\${c}`)

export const unescapeLittleText = (text: string): string => text.replace(/\\([\\|{}@[\]()<>#*_~])/g, '$1')

/** UTC calendar day of a unix-ms time, `YYYY-MM-DD`. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Start of a `YYYY-MM-DD` UTC day in unix ms, or NaN. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00.000Z`)

/** Characters as a person counts them (code points, so an emoji is one). */
export const charCount = (text: string): number => [...text].length
