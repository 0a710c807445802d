import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { HOUR_HEIGHT } from './week-layout'

/** A busy agency week has hundreds of cards: beyond this many, the grid fills in around the view. */
export const WEEK_RENDER_ALL = 120

/**
 * Hours of the grid (rows across the seven days) a frame adds while a busy week fills in: some
 * seven cards and their "+N more". A frame that adds cards styles, lays out and paints them, and
 * the grid's paint and layerizing grow with what is already there: two hours a frame, and three
 * more in the same frame when a scroll showed a part not there yet, were frames of 17-25 ms of
 * main-thread work at agency scale; one hour for both is 7-12 ms.
 */
export const ROWS_PER_FRAME = 1

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

/**
 * The rows one frame later: `rows` with up to `budget` more, those in view first, then those
 * nearest it. Among equals, a row next to one already there comes first (a scroll into a part not
 * there yet continues what is there rather than starting a patch in the middle), then the upper.
 */
export function nextRows(rows: Rows, view: Band, count: number, budget = ROWS_PER_FRAME): Rows {
  const distance = (row: number): number => {
    const top = row * HOUR_HEIGHT
    const bottom = top + HOUR_HEIGHT
    return bottom <= view.top ? view.top - bottom + 1 : top >= view.bottom ? top - view.bottom + 1 : 0
  }
  const apart = (row: number): number => (rows.has(row - 1) || rows.has(row + 1) ? 0 : 1)
  const missing = Array.from({ length: count }, (_, row) => row).filter((row) => !rows.has(row))
  if (missing.length === 0) return rows
  missing.sort((a, b) => distance(a) - distance(b) || apart(a) - apart(b) || a - b)
  return new Set([...rows, ...missing.slice(0, budget)])
}

/**
 * Which hour rows of a week's grid to render. A light week renders whole. A busy one (hundreds of
 * cards, thousands of elements: one long task that would hold the window for the better part of a
 * second) starts with the hour where the view opens and adds a row a frame, the rows in view
 * first (read from the scroller as each frame begins, so a scroll brings in what it shows) and
 * then outward, until the grid is whole. One budget for both keeps every frame's work about the
 * same. Nothing rendered is taken away.
 */
export function useWeekRows(opts: { busy: boolean; week: number; openAt: number; height: number; scroller: RefObject<HTMLElement | null> }): Rows | undefined {
  const { busy, week, openAt, height, scroller } = opts
  const count = Math.ceil(height / HOUR_HEIGHT)
  const start = (): { week: number; rows: Rows } => ({ week, rows: new Set(rowsIn({ top: openAt, bottom: openAt + 1 }, count)) })
  const [state, setState] = useState(start)
  const rows = state.week === week ? state.rows : start().rows
  const whole = rows.size >= count
  // The rows on screen: a frame adds to them only once the last frame's rows are committed, so a
  // render that falls behind is not handed two frames' rows at once.
  const shown = useRef(rows)
  useLayoutEffect(() => {
    shown.current = rows
  }, [rows])

  useEffect(() => {
    if (!busy || whole) return
    // A row every frame until the grid is whole (the render that makes it whole ends the loop).
    const step = (): void => {
      const el = scroller.current
      const view = el ? { top: el.scrollTop, bottom: el.scrollTop + el.clientHeight } : { top: openAt, bottom: openAt + HOUR_HEIGHT }
      setState((current) => {
        const from = current.week === week ? current.rows : start().rows
        return from === shown.current ? { week, rows: nextRows(from, view, count) } : current
      })
      frame = requestAnimationFrame(step)
    }
    let frame = requestAnimationFrame(step)
    return () => cancelAnimationFrame(frame)
    // `start` reads only `week`, `openAt` and `count`; `scroller` is a ref.
  }, [busy, whole, week, openAt, count])

  return busy && !whole ? rows : undefined
}
