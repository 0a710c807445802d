/**
 * SQLite takes at most 32,766 bound values in one statement ("too many SQL variables" beyond).
 * Id lists from the window can be longer (a brand of tens of thousands of channels), so every
 * `IN (…)` list and multi-row insert built from one goes through these.
 */

/** Ids per `IN (…)` list. */
export const IN_LIST_CHUNK = 1_000
/** Bound values per multi-row insert, well under SQLite's limit. */
export const INSERT_VALUES_CHUNK = 8_000

export function chunked<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new Error('chunk size must be at least 1')
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Rows per multi-row insert for a table of `columns` columns. */
export const rowsPerInsert = (columns: number): number => Math.max(1, Math.floor(INSERT_VALUES_CHUNK / columns))
