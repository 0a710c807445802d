import type * as ECharts from 'echarts'
import type { DayString, DefinitionChange } from '../../shared/domain/analytics'

export interface ChartInput {
  days: readonly DayString[]
  values: readonly (number | null)[]
  label: string
  /** Periods without data because a sign-in was broken, as inclusive day ranges. */
  gaps: readonly { from: DayString; to: DayString }[]
  changes: readonly DefinitionChange[]
}

const ACCENT = '#4c56d1'
const GAP = '#c9252d'
const MUTED = '#59636e'
const GRID = '#e1e4e8'

type EChartsModule = typeof ECharts
let loaded: Promise<EChartsModule> | undefined
/** ECharts is large and only reports need it in main: loaded on the first chart. */
const echartsModule = (): Promise<EChartsModule> => (loaded ??= import('echarts'))

const short = (day: DayString): string => {
  const [, m, d] = day.split('-')
  return `${Number(d)}/${Number(m)}`
}

/**
 * A metric per day as vector SVG, rendered by ECharts on the server side: days without data stay
 * a break in the line (never zeros), a broken sign-in is a shaded band, and a network's change of
 * definition a dashed line on its day.
 */
export async function metricChartSvg(input: ChartInput, size = { width: 680, height: 220 }): Promise<string> {
  const echarts = await echartsModule()
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Helvetica, Arial, sans-serif', fontSize: 10, color: MUTED },
      grid: { left: 56, right: 16, top: 16, bottom: 28 },
      xAxis: {
        type: 'category',
        data: [...input.days],
        boundaryGap: false,
        axisLabel: { formatter: short, hideOverlap: true, color: MUTED },
        axisLine: { lineStyle: { color: GRID } },
        axisTick: { show: false },
      },
      yAxis: { type: 'value', splitLine: { lineStyle: { color: GRID } }, axisLabel: { color: MUTED } },
      series: [
        {
          type: 'line',
          name: input.label,
          data: [...input.values],
          connectNulls: false,
          showSymbol: input.days.length <= 31,
          symbolSize: 4,
          lineStyle: { color: ACCENT, width: 2 },
          itemStyle: { color: ACCENT },
          areaStyle: { color: 'rgba(76, 86, 209, 0.08)' },
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(201, 37, 45, 0.12)', borderColor: GAP, borderWidth: 0.5 },
            label: { show: false },
            data: input.gaps.map((g) => [{ xAxis: g.from }, { xAxis: g.to }]),
          },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: MUTED, type: 'dashed' },
            label: { formatter: 'Definition changed', color: MUTED, fontSize: 9 },
            data: input.changes.map((c) => ({ xAxis: c.day })),
          },
        },
      ],
    })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
