/**
 * How a period compares with the one before: a percentage where the earlier period had enough
 * to be a fair base, otherwise the plain difference. 4,480 views after 10 is "+4,470", not
 * "+44700.0%"; after none at all it is "+4,480", never a division by zero; a negative base (a
 * follower change that was a loss) has no meaningful percentage either.
 */
export interface PeriodChange {
  /** "+12.5%", "-3.0%", "+4,470", "No change". */
  text: string
  trend: 'up' | 'down' | 'flat'
  kind: 'percent' | 'absolute'
}

/** The smallest earlier total a percentage is taken of. */
export const PERCENT_MIN_BASE = 10
/** Beyond ten times the earlier total, the difference says more than the percentage. */
export const PERCENT_MAX = 1_000

export function periodChange(total: number | null, previous: number | null, locale?: string): PeriodChange | null {
  if (total === null || previous === null) return null
  const difference = total - previous
  if (previous >= PERCENT_MIN_BASE && total >= 0) {
    const percent = (difference / previous) * 100
    if (Math.abs(percent) < PERCENT_MAX) {
      const trend = Math.abs(percent) < 0.05 ? 'flat' : percent > 0 ? 'up' : 'down'
      return { text: `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`, trend, kind: 'percent' }
    }
  }
  if (difference === 0) return { text: 'No change', trend: 'flat', kind: 'absolute' }
  const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(difference))
  return { text: `${difference > 0 ? '+' : '-'}${amount}`, trend: difference > 0 ? 'up' : 'down', kind: 'absolute' }
}
