import { METRIC_LABELS, POST_ORIGIN_LABELS, postOrigin, type DayString } from '../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../shared/domain/network'
import type { PdfPage } from '../ports'
import { dayOfMs } from '../analytics/metrics-repository'
import { html, longDay, longTime, numberText, raw } from './html'
import { metricChartSvg } from './report-charts'
import type { ReportData } from './report-data'
import { reportPage } from './report-document'

const clampDay = (day: DayString, from: DayString, to: DayString): DayString => (day < from ? from : day > to ? to : day)

const changeClass = (change: string): string => (change.startsWith('+') ? 'kpi__change kpi__change--up' : change.startsWith('-') ? 'kpi__change kpi__change--down' : 'kpi__change')

/**
 * The analytics report as a printed page: a cover with the brand and period, the key figures
 * against the previous period, a chart per metric (vector SVG, gaps shaded), the top posts, and
 * Data completeness listing every gap, renamed metric and refused metric.
 */
export async function analyticsReportPage(data: ReportData, locale: string): Promise<PdfPage> {
  const { dashboard } = data
  const { fromDay, toDay } = dashboard.query
  const periodText = `${longDay(fromDay, locale)} – ${longDay(toDay, locale)}`
  const gapsByDay = dashboard.gaps.map((g) => ({ from: clampDay(dayOfMs(g.from), fromDay, toDay), to: clampDay(g.to === null ? toDay : dayOfMs(g.to), fromDay, toDay) }))
  const charts = await Promise.all(
    dashboard.series.map(async (s) => ({
      metric: s.metric,
      svg: await metricChartSvg({
        days: dashboard.days,
        values: s.values,
        label: METRIC_LABELS[s.metric],
        gaps: gapsByDay,
        changes: dashboard.definitionChanges.filter((c) => c.metric === s.metric),
      }),
    })),
  )
  const networks = [...new Set(dashboard.channels.map((c) => NETWORK_LABELS[c.network]))]
  const body = html`
<section aria-labelledby="kpis">
  <h2 id="kpis">Key figures</h2>
  <p class="lead">${periodText}, compared with ${longDay(dashboard.previous.fromDay, locale)} – ${longDay(dashboard.previous.toDay, locale)}.</p>
  ${
    data.kpis.length === 0
      ? html`<p>The networks returned no metrics for these days.</p>`
      : html`<ul class="kpis">${data.kpis.map(
          (k) => html`<li class="kpi"><div class="kpi__label">${k.metric}</div><div class="kpi__value">${numberText(k.total, locale)}</div><div class="${changeClass(k.change)}">${k.change ? `${k.change} vs previous period` : `previous period: ${numberText(k.previous, locale)}`}</div></li>`,
        )}</ul>`
  }
</section>
${
  charts.length > 0
    ? html`<section aria-labelledby="charts">
  <h2 id="charts">Per day</h2>
  ${charts.map((c) => html`<figure><h3>${METRIC_LABELS[c.metric]} per day</h3>${raw(c.svg)}<figcaption>${dashboard.gaps.length > 0 ? 'Shaded: no data because a sign-in was broken. ' : ''}${dashboard.definitionChanges.some((d) => d.metric === c.metric) ? 'Dashed: the network changed what this metric means.' : ''}</figcaption></figure>`)}
</section>`
    : ''
}
<section aria-labelledby="posts">
  <h2 id="posts">Top posts</h2>
  ${
    data.topPosts.length === 0
      ? html`<p class="muted">No posts published through Relink in this period.</p>`
      : html`<table><thead><tr><th>Post</th><th>Channel</th><th>Published</th><th class="num">Engagements</th><th class="num">Views</th><th class="num">Reactions</th></tr></thead><tbody>${data.topPosts.map(
          (p) => html`<tr><td>${p.excerpt || '(no text)'}${p.url ? html`<div class="note">${p.url}</div>` : ''}</td><td>${p.channelName} <span class="muted">(${NETWORK_LABELS[p.network]})</span></td><td>${longDay(p.publishedAt, locale)}<div class="note">${POST_ORIGIN_LABELS[postOrigin(p)]}</div></td><td class="num">${numberText(p.metrics.engagements ?? null, locale)}</td><td class="num">${numberText(p.metrics.views ?? null, locale)}</td><td class="num">${numberText(p.metrics.reactions ?? null, locale)}</td></tr>`,
        )}</tbody></table>`
  }
</section>
<section aria-labelledby="completeness">
  <h2 id="completeness">Data completeness</h2>
  ${
    data.completeness.length === 0 && dashboard.definitionChanges.length === 0 && dashboard.unavailable.length === 0
      ? html`<p class="ok">Every day of this period was read from every channel.</p>`
      : html`${
          data.completeness.length > 0
            ? html`<table><thead><tr><th>Channel</th><th>Data</th><th>Missing</th><th>Why</th><th>Recovered</th></tr></thead><tbody>${data.completeness.map(
                (g) => html`<tr><td>${g.channel} <span class="muted">(${g.network})</span></td><td>${g.stream}</td><td>${longTime(g.from.getTime(), locale)} – ${g.to ? longTime(g.to.getTime(), locale) : 'now'}</td><td>${g.reason}</td><td>${g.recovered}${g.lost ? html`<div class="note">${g.lost}</div>` : ''}</td></tr>`,
              )}</tbody></table>`
            : html`<p class="ok">No period without data.</p>`
        }
        ${dashboard.definitionChanges.map((c) => html`<p class="note">Definition changed on ${longDay(c.day, locale)} (${NETWORK_LABELS[c.network]}): ${c.note} (${c.from} → ${c.to ?? 'retired'})</p>`)}
        ${dashboard.unavailable.map((u) => html`<p class="note">${dashboard.channels.find((c) => c.id === u.channelId)?.name ?? 'A channel'}: the network no longer serves “${u.source}”; Relink stopped asking for it and reads the rest.</p>`)}`
  }
</section>`
  return reportPage({
    title: data.title,
    kind: 'Analytics report',
    period: periodText,
    context: `Compared with ${longDay(dashboard.previous.fromDay, locale)} – ${longDay(dashboard.previous.toDay, locale)}`,
    summary: [
      { label: dashboard.channels.length === 1 ? 'channel' : 'channels', value: String(dashboard.channels.length) },
      { label: `of ${dashboard.days.length} days with data`, value: String(dashboard.daysWithData) },
      { label: dashboard.gaps.length === 1 ? 'period without data' : 'periods without data', value: String(dashboard.gaps.length) },
    ],
    meta: [
      `Channels: ${dashboard.channels.map((c) => `${c.name} (${NETWORK_LABELS[c.network]})`).join(', ') || 'none'}`,
      `Networks: ${networks.join(', ') || 'none'}`,
      `Made by Relink on ${longTime(data.generatedAt, locale)}${dashboard.lastSyncedAt !== null ? `; metrics last read ${longTime(dashboard.lastSyncedAt, locale)}` : ''}.`,
    ],
    body,
  })
}
