/**
 * A fresh answer with every part equal to the last answer's replaced by the last answer's own
 * object, the whole of it when nothing changed: a page shown from the cache and then read again
 * renders nothing more when main says the same, and memoised rows whose data did not change are
 * not rendered again when one row did. Arrays are matched by index, objects by key; only plain
 * data (what crosses IPC) is compared, anything else counts as changed unless it is the same value.
 */
export function keepEqual<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next
    let same = previous.length === next.length
    const out = next.map((item: unknown, i) => {
      const kept = keepEqual(previous[i], item)
      if (kept !== previous[i]) same = false
      return kept
    })
    return (same ? previous : out) as T
  }
  if (isPlain(next)) {
    if (!isPlain(previous)) return next
    const keys = Object.keys(next)
    let same = keys.length === Object.keys(previous).length
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      const had = Object.hasOwn(previous, key)
      const kept = keepEqual(previous[key], next[key])
      if (!had || kept !== previous[key]) same = false
      out[key] = kept
    }
    return (same ? previous : out) as T
  }
  return next
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
