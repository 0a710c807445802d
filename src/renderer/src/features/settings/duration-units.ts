/** The units a duration setting can be typed in, each as a number of minutes. */
export const DURATION_UNITS = {
  minutes: { minutes: 1, one: 'minute', many: 'minutes' },
  hours: { minutes: 60, one: 'hour', many: 'hours' },
  days: { minutes: 60 * 24, one: 'day', many: 'days' },
} as const

export type DurationUnit = keyof typeof DURATION_UNITS

/**
 * The largest offered unit that shows a stored minute count as a whole number: 10080 reads as
 * "7 days", 90 as "90 minutes". People think of lead times in days, not in 10080 minutes.
 */
export function bestUnit(totalMinutes: number, offered: readonly DurationUnit[]): DurationUnit {
  const largestFirst = [...offered].sort((a, b) => DURATION_UNITS[b].minutes - DURATION_UNITS[a].minutes)
  const fits = largestFirst.find((unit) => totalMinutes % DURATION_UNITS[unit].minutes === 0 && totalMinutes > 0)
  return fits ?? smallest(offered)
}

export const smallest = (offered: readonly DurationUnit[]): DurationUnit =>
  [...offered].sort((a, b) => DURATION_UNITS[a].minutes - DURATION_UNITS[b].minutes)[0] ?? 'minutes'

export const toMinutes = (amount: number, unit: DurationUnit): number => amount * DURATION_UNITS[unit].minutes

/** How many of `unit` a minute count is, or undefined when it is not a whole number of them. */
export function inUnit(totalMinutes: number, unit: DurationUnit): number | undefined {
  const amount = totalMinutes / DURATION_UNITS[unit].minutes
  return Number.isInteger(amount) ? amount : undefined
}

/** "1 day", "3 hours": a count with its unit in words. */
export function unitWords(amount: number, unit: DurationUnit): string {
  const words = DURATION_UNITS[unit]
  return `${amount} ${amount === 1 ? words.one : words.many}`
}

/**
 * The allowed range said in the unit the person is typing in: "between 0 and 30 days". A bound
 * that is not a whole number of that unit is rounded inwards so the sentence never offers a value
 * main would refuse.
 */
export function rangeWords(bounds: { min: number; max: number }, unit: DurationUnit): string {
  const size = DURATION_UNITS[unit].minutes
  const min = Math.ceil(bounds.min / size)
  const max = Math.floor(bounds.max / size)
  return `between ${min} and ${max} ${DURATION_UNITS[unit].many}`
}
