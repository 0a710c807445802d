/** Reading the plain values of Mastodon's entities: times and ids. */

export function parseTime(value: string): number {
  const t = Date.parse(value)
  return Number.isFinite(t) ? t : 0
}

/** Mastodon ids are numeric strings that grow with time; compare them as integers. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a)
    const y = BigInt(b)
    return x === y ? 0 : x < y ? -1 : 1
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Where the next page of a list starts: the `max_id` of the Link header's `rel="next"`. Mastodon
 * leaves it out on the last page (the account's statuses: a page shorter than asked for), so no
 * next link in a Link header means the end. A response without any Link header (one a proxy
 * stripped) has a next page only if the page is full, below its oldest id.
 */
export function nextMaxId(headers: Readonly<Record<string, string>>, page: readonly { id: string }[], limit: number): string | undefined {
  const link = headers.link
  if (link === undefined) return page.length >= limit ? page.at(-1)?.id : undefined
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim())
    if (!m || !/\brel="?next"?/.test(m[2] ?? '')) continue
    try {
      // Ids are numbers on Mastodon and letters and digits on some other servers; nothing else is kept (the cursor holds it).
      const id = new URL(m[1] ?? '').searchParams.get('max_id')
      return id !== null && /^[\w-]+$/.test(id) ? id : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}
