/**
 * Room the bar must gain before folded filters come out again. A window a few pixels either side
 * of the fold would otherwise fold and unfold as a scrollbar comes and goes with the list's height.
 */
export const UNFOLD_SLACK = 24

/**
 * Whether the filters fold behind the Filters button: when the filters that share a row in a
 * wide window (brand to needs reply, at their own widths, `gap` apart) no longer fit across the
 * bar. The widths are the fields' own, the same folded or not, so the answer does not depend on
 * which way the bar is drawn now; `folded` only adds the slack that keeps it from flickering.
 * Fields not drawn (no brands yet) measure 0 and take no gap.
 */
export function filtersFold(room: number, widths: readonly number[], gap: number, folded: boolean): boolean {
  const shown = widths.filter((w) => w > 0)
  if (shown.length === 0 || room <= 0) return folded
  const need = shown.reduce((sum, w) => sum + w, 0) + gap * (shown.length - 1)
  return folded ? room < need + UNFOLD_SLACK : room < need
}
