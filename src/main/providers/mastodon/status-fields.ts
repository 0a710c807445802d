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
