import { useCallback, useEffect, useState, type UIEvent } from 'react'
import { HOUR_HEIGHT } from './week-layout'

/** A busy agency week has hundreds of cards: beyond this many, the grid fills in around the view. */
export const WEEK_RENDER_ALL = 120
/**
 * How much more of the hour grid, up and down, each frame adds while a busy week fills in: an hour
 * each way is some fourteen cards, a frame's work on a loaded machine (two hours each way took
 * 20-28 ms a frame at agency scale).
 */
const STEP = HOUR_HEIGHT

/** The part of the hour grid whose cards are in the document, in pixels from its top. */
export interface Band {
  top: number
  bottom: number
}

export const inBand = (band: Band | undefined, top: number): boolean => band === undefined || (top + HOUR_HEIGHT > band.top && top < band.bottom)

/** The band one frame later: a step wider each way, within the grid. */
export const widened = (band: Band, height: number): Band => ({ top: Math.max(0, band.top - STEP), bottom: Math.min(height, band.bottom + STEP) })

/**
 * Which part of a week's hour grid to render. A light week renders whole. A busy one (hundreds of
 * cards, thousands of elements: one long task that would hold the window for the better part of a
 * second) starts with the hours where the view opens and widens a step each frame until the grid
 * is whole; scrolling past what is there brings it in at once. Nothing rendered is taken away.
 */
export function useWeekBand(opts: { busy: boolean; week: number; openAt: number; height: number }): {
  band: Band | undefined
  onScroll(event: UIEvent<HTMLElement>): void
} {
  const { busy, week, openAt, height } = opts
  const start = (): Band & { week: number } => ({ week, top: openAt, bottom: openAt + STEP })
  const [state, setState] = useState(start)
  const band = state.week === week ? state : start()
  const whole = band.top <= 0 && band.bottom >= height

  useEffect(() => {
    if (!busy || whole) return
    const frame = requestAnimationFrame(() => setState({ week, ...widened(band, height) }))
    return () => cancelAnimationFrame(frame)
  }, [busy, whole, week, band.top, band.bottom, height])

  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const { scrollTop, clientHeight } = event.currentTarget
      setState((current) => {
        const from = current.week === week ? current : start()
        if (scrollTop >= from.top && scrollTop + clientHeight <= from.bottom) return current
        return { week, top: Math.min(from.top, scrollTop), bottom: Math.max(from.bottom, scrollTop + clientHeight) }
      })
    },
    // `start` reads only `week` and `openAt`.
    [week, openAt],
  )
  return { band: busy && !whole ? band : undefined, onScroll }
}
