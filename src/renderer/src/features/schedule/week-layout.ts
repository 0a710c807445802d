/** Posts shown per hour of a week column; more are counted ("+12 more"), as busy agency weeks have. */
export const WEEK_HOUR_LIMIT = 3

/** Every hour's start of the given days, then the end of the last day: the week's windows. */
export function hourStarts(days: readonly number[], end: number): number[] {
  const starts: number[] = []
  for (const day of days) {
    for (let hour = 0; hour < 24; hour++) {
      const at = new Date(day).setHours(hour, 0, 0, 0)
      // A clock change repeats or skips an hour: keep the instants strictly increasing.
      if (starts.length === 0 || at > (starts.at(-1) ?? 0)) starts.push(at)
    }
  }
  starts.push(end)
  return starts
}

/** Pixels per hour in the week's hour grid. */
export const HOUR_HEIGHT = 48
/** A card's height; cards closer than this in time sit side by side. */
export const CARD_HEIGHT = 44

/** Hours of the day shown: 07:00 to 21:00, widened to include every post and the current time. */
export function visibleHours(times: readonly number[]): { first: number; last: number } {
  let first = 7
  let last = 21
  for (const at of times) {
    const d = new Date(at)
    first = Math.min(first, d.getHours())
    last = Math.max(last, Math.min(24, d.getHours() + 1))
  }
  return { first, last }
}

/** The offset from the top of the grid, in pixels, of a moment on its day. */
export function topOf(at: number, firstHour: number): number {
  const d = new Date(at)
  const minutes = (d.getHours() - firstHour) * 60 + d.getMinutes()
  return (minutes / 60) * HOUR_HEIGHT
}

export interface Placed<T> {
  item: T
  top: number
  /** Which of `lanes` columns it takes, from 0. */
  lane: number
  lanes: number
}

/**
 * Places items on a day's column: cards that would overlap (closer than a card's height) share
 * the width in lanes, as calendars do; a cluster of overlapping cards takes as many lanes as it needs.
 */
export function placeInLanes<T>(items: readonly T[], timeOf: (item: T) => number, firstHour: number): Placed<T>[] {
  const sorted = [...items].sort((a, b) => timeOf(a) - timeOf(b))
  const placed: Placed<T>[] = []
  let cluster: Placed<T>[] = []
  let laneEnds: number[] = []
  let clusterEnd = -Infinity
  const close = (): void => {
    for (const p of cluster) p.lanes = laneEnds.length
    cluster = []
    laneEnds = []
  }
  for (const item of sorted) {
    const top = topOf(timeOf(item), firstHour)
    if (top >= clusterEnd) {
      close()
      clusterEnd = -Infinity
    }
    let lane = laneEnds.findIndex((end) => end <= top)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(0)
    }
    laneEnds[lane] = top + CARD_HEIGHT
    clusterEnd = Math.max(clusterEnd, top + CARD_HEIGHT)
    const entry: Placed<T> = { item, top, lane, lanes: 1 }
    cluster.push(entry)
    placed.push(entry)
  }
  close()
  return placed
}

/** The moment a drop or a click at `offsetY` pixels down a day's column means, to the quarter hour. */
export function timeAtOffset(day: number, offsetY: number, firstHour: number): number {
  const quarters = Math.max(0, Math.floor((offsetY / HOUR_HEIGHT) * 4))
  const d = new Date(day)
  d.setHours(firstHour, quarters * 15, 0, 0)
  return d.getTime()
}

export const hoursBetween = (first: number, last: number): number[] => Array.from({ length: last - first }, (_, i) => first + i)
