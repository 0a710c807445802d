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
 * How much of the view a scroll brings in per frame: three hours, some twenty cards, more than a
 * quick scroll moves in a frame. The whole view at once (eleven hours at 1280×800) was a frame of
 * 60 ms at agency scale; smaller steps, with the widening waiting, made more frames over 16.7 ms
 * than they saved (each frame that adds cards paints and layerizes the whole grid again).
 */
const SCROLL_STEP = 3 * HOUR_HEIGHT

/** The parts of `view` no band covers, in order. */
function uncovered(bands: Bands, view: Band): Band[] {
  const parts: Band[] = []
  let from = view.top
  for (const band of merged(bands)) {
    if (band.bottom <= from || band.top >= view.bottom) continue
    if (band.top > from) parts.push({ top: from, bottom: band.top })
    from = Math.max(from, band.bottom)
  }
  if (from < view.bottom) parts.push({ top: from, bottom: view.bottom })
  return parts
}

/**
 * The bands with more of the part of the grid now in view: unchanged when it is there already,
 * else with up to SCROLL_STEP of what is missing, next to what is there (the hours a scroll
 * brings in), or at the view's top after a long scroll (not the hours between it and what was
 * there). The rest comes in the next frames, as the bands widen.
 */
export function withView(bands: Bands, view: Band, step = SCROLL_STEP): Bands {
  const missing = uncovered(bands, view)
  if (missing.length === 0) return bands
  const below = missing.find((part) => bands.some((band) => band.bottom === part.top))
  const above = missing.find((part) => bands.some((band) => band.top === part.bottom))
  const next = below
    ? { top: below.top, bottom: Math.min(below.bottom, below.top + step) }
    : above
      ? { top: Math.max(above.top, above.bottom - step), bottom: above.bottom }
      : { top: view.top, bottom: Math.min(view.bottom, view.top + step) }
  return merged([...bands, next])
}

const isWhole = (bands: Bands, height: number): boolean => bands.length === 1 && (bands[0]?.top ?? 1) <= 0 && (bands[0]?.bottom ?? 0) >= height

/**
 * Which parts of a week's hour grid to render. A light week renders whole. A busy one (hundreds of
 * cards, thousands of elements: one long task that would hold the window for the better part of a
 * second) starts with the hours where the view opens and widens a step each frame until the grid
 * is whole; scrolling to a part not there yet brings in what is in view, three hours a frame,
 * and that widens too. Nothing rendered is taken away.
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
