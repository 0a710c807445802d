import type { BestTimeSlot } from '../../../../shared/domain/analytics'

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

const pad = (n: number): string => String(n).padStart(2, '0')
/** "09:00–10:00". */
export const hourRange = (hour: number): string => `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`

/** The 7 × 24 grid (Monday first) with each slot or null, and the highest mean for the colour scale. */
export function bestTimeGrid(slots: readonly BestTimeSlot[]): { rows: (BestTimeSlot | null)[][]; max: number } {
  const rows = Array.from({ length: 7 }, () => new Array<BestTimeSlot | null>(24).fill(null))
  let max = 0
  for (const s of slots) {
    const row = rows[s.weekday]
    if (!row || s.hour < 0 || s.hour > 23) continue
    row[s.hour] = s
    if (s.average !== null && s.average > max) max = s.average
  }
  return { rows, max }
}

/**
 * The slots that did best, highest mean first (more posts break a tie). A slot needs a mean; one
 * lone post is as good as any while that is all there is.
 */
export function bestSlots(slots: readonly BestTimeSlot[], count = 3): BestTimeSlot[] {
  return slots
    .filter((s): s is BestTimeSlot & { average: number } => s.average !== null)
    .sort((a, b) => b.average - a.average || b.posts - a.posts || a.weekday - b.weekday || a.hour - b.hour)
    .slice(0, count)
}

/** How strongly a slot is coloured, 0–1; a slot without posts is not coloured at all. */
export const intensity = (slot: BestTimeSlot | null, max: number): number =>
  slot === null || slot.average === null || max <= 0 ? 0 : Math.max(0.12, slot.average / max)
