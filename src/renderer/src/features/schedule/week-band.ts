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

/** A part of the hour grid whose cards are in the document, in pixels from its top. */
export interface Band {
  top: number
  bottom: number
}

/** The parts of the grid rendered, in order and apart; undefined when the grid is whole. */
export type Bands = readonly Band[]

export const inBand = (bands: Bands | undefined, top: number): boolean =>
  bands === undefined || bands.some((band) => top + HOUR_HEIGHT > band.top && top < band.bottom)

/** Bands in order, those that touch joined. */
export function merged(bands: Bands): Band[] {
  const out: Band[] = []
  for (const band of [...bands].sort((a, b) => a.top - b.top)) {
    const last = out.at(-1)
    if (last && band.top <= last.bottom) last.bottom = Math.max(last.bottom, band.bottom)
    else out.push({ ...band })
  }
  return out
}

/** The bands one frame later: each a step wider each way, within the grid. */
export const widened = (bands: Bands, height: number): Band[] =>
  merged(bands.map((band) => ({ top: Math.max(0, band.top - STEP), bottom: Math.min(height, band.bottom + STEP) })))

/**
 * The bands with the part of the grid now in view: unchanged when it is there already, else with
 * the view added as it is (not the hours between it and what was there, which a long scroll would
 * bring in all at once).
 */
export function withView(bands: Bands, view: Band): Bands {
  if (bands.some((band) => band.top <= view.top && band.bottom >= view.bottom)) return bands
  return merged([...bands, view])
}

const isWhole = (bands: Bands, height: number): boolean => bands.length === 1 && (bands[0]?.top ?? 1) <= 0 && (bands[0]?.bottom ?? 0) >= height

/**
 * Which parts of a week's hour grid to render. A light week renders whole. A busy one (hundreds of
 * cards, thousands of elements: one long task that would hold the window for the better part of a
 * second) starts with the hours where the view opens and widens a step each frame until the grid
 * is whole; scrolling to a part not there yet brings in what is in view at once, and that widens
 * too. Nothing rendered is taken away.
 */
export function useWeekBand(opts: { busy: boolean; week: number; openAt: number; height: number }): {
  band: Bands | undefined
  onScroll(event: UIEvent<HTMLElement>): void
} {
  const { busy, week, openAt, height } = opts
  const start = (): { week: number; bands: Bands } => ({ week, bands: [{ top: openAt, bottom: openAt + STEP }] })
  const [state, setState] = useState(start)
  const bands = state.week === week ? state.bands : start().bands
  const whole = isWhole(bands, height)
  const key = bands.map((b) => `${b.top}-${b.bottom}`).join(' ')

  useEffect(() => {
    if (!busy || whole) return
    // From the state as it is then: a scroll may have brought in more since this render.
    const frame = requestAnimationFrame(() => setState((current) => ({ week, bands: widened(current.week === week ? current.bands : start().bands, height) })))
    return () => cancelAnimationFrame(frame)
    // `key` stands for the bands; `start` reads only `week` and `openAt`.
  }, [busy, whole, week, key, height])

  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const { scrollTop, clientHeight } = event.currentTarget
      setState((current) => {
        const from = current.week === week ? current : start()
        const next = withView(from.bands, { top: scrollTop, bottom: scrollTop + clientHeight })
        return next === from.bands ? current : { week, bands: next }
      })
    },
    // `start` reads only `week` and `openAt`.
    [week, openAt],
  )
  return { band: busy && !whole ? bands : undefined, onScroll }
}
