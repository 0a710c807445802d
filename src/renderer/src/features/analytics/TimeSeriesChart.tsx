import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { DefinitionChange } from '../../../../shared/domain/analytics'
import type { SyncGap } from '../../../../shared/domain/sync'
import { gapSentence } from './gap-copy'
import { dateFormat } from '../../lib/locale'

export interface ChartGap extends SyncGap {
  channelName: string
}

const DAY_S = 86_400

/**
 * A theme colour as the canvas can use it. The theme's variables are `light-dark(…)` pairs, which
 * only the CSS engine resolves: a probe element lets it resolve them for the current theme.
 */
function cssVar(el: HTMLElement, name: string): string {
  const probe = document.createElement('span')
  probe.style.color = `var(${name})`
  probe.style.display = 'none'
  el.appendChild(probe)
  const color = getComputedStyle(probe).color
  probe.remove()
  return color || '#888'
}

const DAY_INCREMENTS = [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S, 28 * DAY_S, 91 * DAY_S, 182 * DAY_S, 365 * DAY_S]
const tickDay = dateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' })

/** A diagonal hatch for "no data here because a token was broken". */
function hatch(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const tile = document.createElement('canvas')
  tile.width = 8
  tile.height = 8
  const t = tile.getContext('2d')
  if (!t) return color
  t.strokeStyle = color
  t.lineWidth = 1.5
  t.beginPath()
  t.moveTo(0, 8)
  t.lineTo(8, 0)
  t.stroke()
  return ctx.createPattern(tile, 'repeat') ?? color
}

/**
 * One metric over the range with uPlot. Days without data are breaks in the line, never zeros;
 * where a token was broken the break carries a hatched band whose reason shows on hover and is
 * listed in words under the chart. A network's rename is a dashed line on its day.
 */
export function TimeSeriesChart({
  days,
  values,
  label,
  gaps,
  changes,
  now,
}: {
  days: readonly string[]
  values: readonly (number | null)[]
  label: string
  gaps: readonly ChartGap[]
  changes: readonly DefinitionChange[]
  now: number
}) {
  const host = useRef<HTMLDivElement>(null)
  const [hover, setHover] = useState<{ text: string; left: number } | null>(null)

  useEffect(() => {
    const el = host.current
    if (!el) return
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000)
    const bands = gaps.map((g) => ({ from: g.from / 1000, to: (g.to ?? now) / 1000, text: `${g.channelName}: ${gapSentence(g)}` }))
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: 260,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.1)] } },
      axes: [
        {
          stroke: cssVar(el, '--color-text-muted'),
          grid: { stroke: cssVar(el, '--color-border'), width: 1 },
          ticks: { show: false },
          // Whole days only: a daily series has nothing to say at noon.
          incrs: DAY_INCREMENTS,
          values: (_u, splits) => splits.map((s) => tickDay(s * 1000)),
        },
        { stroke: cssVar(el, '--color-text-muted'), grid: { stroke: cssVar(el, '--color-border'), width: 1 }, ticks: { show: false }, size: 56 },
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [{}, { label, stroke: cssVar(el, '--color-accent'), width: 2, spanGaps: false, points: { show: days.length <= 31 } }],
      hooks: {
        drawClear: [
          (u) => {
            const ctx = u.ctx
            ctx.save()
            const fill = hatch(ctx, cssVar(el, '--color-danger'))
            for (const b of bands) {
              const x0 = u.valToPos(Math.max(b.from, (xs[0] ?? 0) - DAY_S / 2), 'x', true)
              const x1 = u.valToPos(Math.min(b.to, (xs.at(-1) ?? 0) + DAY_S / 2), 'x', true)
              if (x1 <= x0) continue
              ctx.globalAlpha = 0.35
              ctx.fillStyle = fill
              ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height)
            }
            ctx.restore()
          },
        ],
        draw: [
          (u) => {
            const ctx = u.ctx
            ctx.save()
            ctx.strokeStyle = cssVar(el, '--color-warning')
            ctx.setLineDash([4, 4])
            ctx.lineWidth = 1.5
            for (const c of changes) {
              const x = u.valToPos(Date.parse(`${c.day}T00:00:00Z`) / 1000, 'x', true)
              ctx.beginPath()
              ctx.moveTo(x, u.bbox.top)
              ctx.lineTo(x, u.bbox.top + u.bbox.height)
              ctx.stroke()
            }
            ctx.restore()
          },
        ],
        setCursor: [
          (u) => {
            const left = u.cursor.left ?? -1
            if (left < 0) return setHover(null)
            const at = u.posToVal(left, 'x')
            const band = bands.find((b) => at >= b.from - DAY_S / 2 && at <= b.to + DAY_S / 2)
            const change = changes.find((c) => Math.abs(Date.parse(`${c.day}T00:00:00Z`) / 1000 - at) < DAY_S / 2)
            const text = band?.text ?? (change ? `Definition changed on ${change.day}: ${change.note}` : null)
            setHover(text ? { text, left } : null)
          },
        ],
      },
    }
    const plot = new uPlot(opts, [xs, [...values]], el)
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: 260 }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [days, values, label, gaps, changes, now])

  return (
    <div className="ts-chart">
      <div ref={host} className="ts-chart__plot" role="img" aria-label={`${label} per day${gaps.length ? `, with ${gaps.length} period(s) without data marked` : ''}`} />
      {hover && (
        <div className="ts-chart__tooltip" role="status" style={hover.left > (host.current?.clientWidth ?? 0) / 2 ? { right: (host.current?.clientWidth ?? 0) - hover.left + 16 } : { left: hover.left + 72 }}>
          {hover.text}
        </div>
      )}
    </div>
  )
}
