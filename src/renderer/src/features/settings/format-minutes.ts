const UNITS = [
  { minutes: 60 * 24, one: 'day', many: 'days' },
  { minutes: 60, one: 'hour', many: 'hours' },
  { minutes: 1, one: 'minute', many: 'minutes' },
] as const

/** "10080" reads as "7 days": lead times are set in minutes but thought of in days. */
export function formatMinutes(total: number): string {
  if (total === 0) return '0 minutes'
  const parts: string[] = []
  let rest = total
  for (const unit of UNITS) {
    const n = Math.floor(rest / unit.minutes)
    if (n > 0) parts.push(`${n} ${n === 1 ? unit.one : unit.many}`)
    rest -= n * unit.minutes
  }
  return parts.slice(0, 2).join(' ')
}
