/** A time zone as people look for it: its city and region, its offset now, and its long name. */
export interface ZoneName {
  id: string
  /** "New York (America)". */
  label: string
  /** "GMT−05:00 · Eastern Standard Time". */
  detail: string
  /** Lower-case words searched: city, region, long name, offset and the IANA id. */
  search: string
}

function offsetName(zone: string, at: number, style: 'longOffset' | 'long'): string {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')
    return part?.value ?? ''
  } catch {
    return ''
  }
}

/** Readable names for IANA zones ("America/Argentina/Buenos_Aires" → "Buenos Aires (America, Argentina)"). */
export function zoneName(id: string, at: number): ZoneName {
  const parts = id.split('/').map((p) => p.replaceAll('_', ' '))
  const city = parts.at(-1) ?? id
  const region = parts.slice(0, -1).join(', ')
  const label = region ? `${city} (${region})` : city
  const offset = offsetName(id, at, 'longOffset')
  const long = offsetName(id, at, 'long')
  const detail = [offset, long && long !== offset ? long : ''].filter(Boolean).join(' · ')
  return { id, label, detail, search: `${label} ${detail} ${id}`.toLowerCase().replaceAll('_', ' ') }
}

/** 0 a city starting with the word, 1 a word of the zone's name ("India Standard Time"), 2 anything else. */
function rank(zone: ZoneName, word: string): number {
  if (zone.label.toLowerCase().startsWith(word)) return 0
  if (zone.detail.toLowerCase().split(/[\s·]+/).some((w) => w.startsWith(word))) return 1
  return 2
}

/**
 * Zones whose name, offset or id contain every word typed, best first: a city that starts with
 * the first word, then a zone whose name has it ("india" finds India Standard Time before the
 * Indian Ocean's islands), then the rest.
 */
export function searchZones(all: readonly ZoneName[], query: string): ZoneName[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...all]
  const first = words[0] ?? ''
  return all
    .filter((z) => words.every((w) => z.search.includes(w)))
    .map((z) => ({ z, rank: rank(z, first) }))
    .sort((a, b) => a.rank - b.rank || a.z.label.localeCompare(b.z.label))
    .map((e) => e.z)
}
