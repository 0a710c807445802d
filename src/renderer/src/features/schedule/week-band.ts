import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { HOUR_HEIGHT } from './week-layout'

/** A busy agency week has hundreds of cards: beyond this many, the grid fills in around the view. */
export const WEEK_RENDER_ALL = 120

/**
 * Hours of days (a day's column in one hour row) a frame adds while a busy week fills in: four
 * cards and their "+N more". A frame that adds cards styles, lays out and paints them, and the
 * grid's paint and layerizing grow with what is already there: two hour rows a frame (fourteen
 * cards), and three more rows in the same frame when a scroll showed a part not there yet, were
 * frames of 17-25 ms of main-thread work at agency scale; a row a frame was 7-15 ms on a loaded
 * machine, too close to 16.7 ms.
 */
export const CELLS_PER_FRAME = 4

/** A part of the hour grid, in pixels from its top. */
export interface Band {
  top: number
  bottom: number
}

/** The hour rows of the grid whose cards are in the document, by index from the top. */
export type Rows = ReadonlySet<number>

/** The row a point of the grid is in. */
const rowAt = (top: number): number => Math.floor(top / HOUR_HEIGHT)

/** Whether a card or "+N more" at `top` is rendered: its hour row is in `rows`, or the grid is whole. */
export const inRows = (rows: Rows | undefined, top: number): boolean => rows === undefined || rows.has(rowAt(top))

/** The rows a part of the grid touches. */
export function rowsIn(band: Band, count: number): number[] {
  const out: number[] = []
  for (let row = Math.max(0, rowAt(band.top)); row < count && row * HOUR_HEIGHT < band.bottom; row++) out.push(row)
  return out
}

/** The rows rendered in each day's column, Monday first. */
export type Cells = readonly Rows[]

/**
 * The cells one frame later: `cells` with up to `budget` more, those whose row is in view first,
 * then those nearest it. Among equals, a row begun comes first, then a row next to one already
 * there (a scroll into a part not there yet continues what is there rather than starting a patch
 * in the middle), then the upper; within a row, the days in order. A day's rows that did not change stay the same set,
 * so its column is not rendered again.
 */
export function nextCells(cells: Cells, view: Band, count: number, budget = CELLS_PER_FRAME): Cells {
  const distance = (row: number): number => {
    const top = row * HOUR_HEIGHT
    const bottom = top + HOUR_HEIGHT
    return bottom <= view.top ? view.top - bottom + 1 : top >= view.bottom ? top - view.bottom + 1 : 0
  }
  const there = (row: number): boolean => cells.some((rows) => rows.has(row))
  const apart = (row: number): number => (there(row - 1) || there(row + 1) ? 0 : 1)
  // A row begun is finished before the next is begun.
  const begun = (row: number): number => (there(row) ? 0 : 1)
  const order = Array.from({ length: count }, (_, row) => row).sort((a, b) => distance(a) - distance(b) || begun(a) - begun(b) || apart(a) - apart(b) || a - b)
  const added = cells.map(() => [] as number[])
  let left = budget
  for (const row of order) {
    cells.forEach((rows, day) => {
      if (left > 0 && !rows.has(row)) {
        added[day]?.push(row)
        left--
      }
    })
    if (left === 0) break
  }
  if (left === budget) return cells
  return cells.map((rows, day) => (added[day]?.length ? new Set([...rows, ...(added[day] ?? [])]) : rows))
}

/**
 * Which hour rows of each day of a week's grid to render. A light week renders whole. A busy one
 * (hundreds of cards, thousands of elements: one long task that would hold the window for the
 * better part of a second) starts with the hour where the view opens and adds a few cells a frame,
 * the rows in view first (read from the scroller as each frame begins, so a scroll brings in what
 * it shows) and then outward, until the grid is whole. One budget for both keeps every frame's
 * work about the same. Nothing rendered is taken away.
 */
export function useWeekCells(opts: { busy: boolean; week: number; days: number; openAt: number; height: number; scroller: RefObject<HTMLElement | null> }): Cells | undefined {
  const { busy, week, days, openAt, height, scroller } = opts
  const count = Math.ceil(height / HOUR_HEIGHT)
  const start = (): { week: number; cells: Cells } => {
    const opening = new Set(rowsIn({ top: openAt, bottom: openAt + 1 }, count))
    return { week, cells: Array.from({ length: days }, () => opening) }
  }
  const [state, setState] = useState(start)
  const cells = state.week === week && state.cells.length === days ? state.cells : start().cells
  const whole = cells.every((rows) => rows.size >= count)
  // The cells on screen: a frame adds to them only once the last frame's are committed, so a
  // render that falls behind is not handed two frames' cells at once.
  const shown = useRef(cells)
  useLayoutEffect(() => {
    shown.current = cells
  }, [cells])

  useEffect(() => {
    if (!busy || whole) return
    // A few cells every frame until the grid is whole (the render that makes it whole ends the loop).
    const step = (): void => {
      const el = scroller.current
      const view = el ? { top: el.scrollTop, bottom: el.scrollTop + el.clientHeight } : { top: openAt, bottom: openAt + HOUR_HEIGHT }
      setState((current) => {
        const from = current.week === week && current.cells.length === days ? current.cells : start().cells
        return from === shown.current ? { week, cells: nextCells(from, view, count) } : current
      })
      frame = requestAnimationFrame(step)
    }
    let frame = requestAnimationFrame(step)
    return () => cancelAnimationFrame(frame)
    // `start` reads only `week`, `days`, `openAt` and `count`; `scroller` is a ref.
  }, [busy, whole, week, days, openAt, count])

  return busy && !whole ? cells : undefined
}
