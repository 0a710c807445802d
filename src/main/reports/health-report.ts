import { stringify } from 'csv-stringify/sync'
import { CSV_OPTIONS } from './csv-report'
import { NETWORK_LABELS } from '../../shared/domain/network'
import { STREAM_LABELS } from '../../shared/domain/sync'
import type { PdfPage } from '../ports'
import type { IncidentStream, HealthIncident, HealthReportData } from './health-data'
import { postCounts } from './health-data'
import { html, longDay, longTime } from './html'
import { reportPage } from './report-document'

const HOUR = 3_600_000

/** "3 days 4 hours", "45 minutes". */
export function durationWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000))
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'}`
  const days = Math.floor(hours / 24)
  const rest = hours % 24
  return `${days} day${days === 1 ? '' : 's'}${rest ? ` ${rest} hour${rest === 1 ? '' : 's'}` : ''}`
}

/** What came back of one stream, in words. */
export function streamOutcome(s: IncidentStream, locale: string): string {
  const label = STREAM_LABELS[s.stream]
  if (s.state === 'open') return `${label}: not read yet; Refresh connection to recover it`
  if (s.state === 'backfilling') return `${label}: reading it back now`
  const unit = s.unit === 'days' ? (s.recovered === 1 ? 'day' : 'days') : s.recovered === 1 ? 'item' : 'items'
  const lost = s.lostBefore !== null ? `; before ${longDay(s.lostBefore, locale)} is gone for good` : ''
  return `${label}: ${s.recovered} ${unit} recovered${lost}${s.lostNote ? ` (${s.lostNote})` : ''}`
}

const postsWords = (incident: HealthIncident): string => {
  const c = postCounts(incident.posts)
  if (incident.posts.length === 0) return 'No posts were due'
  const parts = [
    c.held ? `${c.held} held, still waiting` : '',
    c.publishedLate ? `${c.publishedLate} published after the repair` : '',
    c.skipped ? `${c.skipped} skipped` : '',
    c.other ? `${c.other} other` : '',
  ].filter(Boolean)
  return `${incident.posts.length} due: ${parts.join(', ')}`
}

const brokenFor = (incident: HealthIncident, now: number): number => (incident.to ?? now) - incident.from

/**
 * The connection-health report as CSV: one row per incident (a channel that could not be used),
 * RFC 4180 with a byte order mark and formula-like cells escaped, like every Relink CSV.
 */
export function healthCsv(data: HealthReportData, locale: string): string {
  const rows = data.incidents.map((i) => {
    const c = postCounts(i.posts)
    return [
      i.channelName,
      NETWORK_LABELS[i.network],
      new Date(i.from).toISOString(),
      i.to === null ? '' : new Date(i.to).toISOString(),
      Math.round((brokenFor(i, data.generatedAt) / HOUR) * 10) / 10,
      i.why,
      i.detail,
      i.posts.length,
      c.held,
      c.publishedLate,
      c.skipped,
      i.streams.map((s) => streamOutcome(s, locale)).join(' | '),
    ]
  })
  return stringify(
    [['Channel', 'Network', 'Broke at (UTC)', 'Working again at (UTC)', 'Hours broken', 'Why', 'What the network said', 'Posts due', 'Posts still held', 'Posts published after the repair', 'Posts skipped', 'Data'], ...rows],
    { bom: true, ...CSV_OPTIONS },
  )
}

/**
 * The connection-health report as a printed page a client can read: which channels broke, when
 * and why, for how long, what happened to the posts due meanwhile, and what data came back.
 */
export function healthReportPage(data: HealthReportData, locale: string): PdfPage {
  const now = data.generatedAt
  const period = `${longDay(data.fromDay, locale)} – ${longDay(data.toDay, locale)}`
  const broken = new Set(data.incidents.map((i) => i.channelId))
  const totalMs = data.incidents.reduce((sum, i) => sum + brokenFor(i, now), 0)
  const held = data.incidents.reduce((sum, i) => sum + postCounts(i.posts).held, 0)
  const stillBroken = data.incidents.filter((i) => i.to === null).length
  const body = html`
<section aria-labelledby="incidents">
  <h2 id="incidents">What broke</h2>
  ${
    data.incidents.length === 0
      ? html`<p class="ok">Every channel worked throughout this period.</p>`
      : html`<p class="lead">${data.incidents.length} time${data.incidents.length === 1 ? '' : 's'} a channel could not be used, ${broken.size} of ${data.channels.length} channels, ${durationWords(totalMs)} in all.</p>
  <table class="fixed"><colgroup><col style="width: 19%"><col style="width: 22%"><col style="width: 22%"><col style="width: 13%"><col style="width: 24%"></colgroup>
  <thead><tr><th>Channel</th><th>When</th><th>Why</th><th>Posts due meanwhile</th><th>Data</th></tr></thead><tbody>${data.incidents.map(
    (i) => html`<tr>
      <td><strong>${i.channelName}</strong><div class="muted">${NETWORK_LABELS[i.network]}</div></td>
      <td>${longTime(i.from, locale)} – ${i.to === null ? html`<span class="bad">still broken</span>` : longTime(i.to, locale)}<div class="muted">${durationWords(brokenFor(i, now))}</div></td>
      <td>${i.why}${i.detail ? html`<div class="note">${i.detail}</div>` : ''}</td>
      <td>${postsWords(i)}</td>
      <td>${i.streams.map((s) => html`<div>${streamOutcome(s, locale)}</div>`)}</td>
    </tr>`,
  )}</tbody></table>`
  }
</section>
${
  data.incidents.some((i) => i.posts.length > 0)
    ? html`<section aria-labelledby="posts">
  <h2 id="posts">Posts due while a channel was broken</h2>
  <table><thead><tr><th>Post</th><th>Channel</th><th>Due</th><th>What happened</th></tr></thead><tbody>${data.incidents.flatMap((i) =>
    i.posts.map(
      (p) => html`<tr><td>${p.excerpt || '(no text)'}</td><td>${i.channelName}</td><td>${longTime(p.dueAt, locale)}</td><td>${
        p.state === 'held' ? 'Held: waiting for a decision' : p.state === 'published' && p.publishedAt !== null ? `Published ${longTime(p.publishedAt, locale)}` : p.state === 'skipped' ? 'Skipped' : p.state
      }</td></tr>`,
    ),
  )}</tbody></table>
</section>`
    : ''
}
<section aria-labelledby="events">
  <h2 id="events">Sign-in events</h2>
  ${
    data.events.length === 0
      ? html`<p class="muted">No sign-in changed in this period.</p>`
      : html`<table><thead><tr><th>When</th><th>Sign-in</th><th>What happened</th><th>Details</th></tr></thead><tbody>${data.events.map(
          (e) => html`<tr><td>${longTime(e.at, locale)}</td><td>${e.profile} <span class="muted">(${NETWORK_LABELS[e.network]})</span></td><td>${e.what}</td><td class="note">${e.detail}</td></tr>`,
        )}</tbody></table>`
  }
</section>`
  return reportPage({
    title: data.title,
    kind: 'Connection health report',
    period,
    context: stillBroken > 0 ? `${stillBroken} channel${stillBroken === 1 ? ' is' : 's are'} still broken` : 'Every channel works now',
    summary: [
      { label: `of ${data.channels.length} channels broke`, value: String(broken.size) },
      { label: 'without a working sign-in', value: data.incidents.length ? durationWords(totalMs) : 'none' },
      { label: held === 1 ? 'post still held' : 'posts still held', value: String(held) },
    ],
    meta: [
      `Channels: ${data.channels.map((c) => `${c.name} (${NETWORK_LABELS[c.network]})`).join(', ') || 'none'}`,
      `Made by Relink on ${longTime(now, locale)}.`,
    ],
    body,
  })
}
