import type { PdfPage } from '../ports'
import { html, raw, type Html } from './html'

/**
 * The printed page every report shares: A4 with margins from CSS `@page`, a cover with what the
 * report covers, sections that never split a chart or a table row across pages, and a footer with
 * the title and page numbers. No scripts and nothing fetched: the content security policy forbids
 * both, so a name or a post excerpt can never run or load anything.
 */
const STYLE = `
@page { size: A4; margin: 16mm 16mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: Helvetica, Arial, 'Liberation Sans', sans-serif; font-size: 10pt; line-height: 1.45; color: #1b1f24; }
.cover { height: 255mm; display: flex; flex-direction: column; justify-content: space-between; break-after: page; }
.cover__brand { font-size: 10pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; color: #4c56d1; }
.cover__title { font-size: 28pt; line-height: 1.15; margin: 0 0 6mm; font-weight: 700; }
.cover__period { font-size: 14pt; margin: 0 0 2mm; }
.cover__compare { color: #59636e; margin: 0; }
.cover__meta { border-top: 1px solid #e1e4e8; padding-top: 4mm; color: #59636e; font-size: 9pt; }
.cover__meta p { margin: 0 0 1mm; }
.cover__summary { margin: 0; padding: 0; list-style: none; display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }
.cover__summary li { border: 1px solid #e1e4e8; border-radius: 2mm; padding: 3mm 4mm; }
.cover__summary strong { display: block; font-size: 16pt; }
h2 { font-size: 14pt; margin: 0 0 4mm; padding-bottom: 2mm; border-bottom: 2px solid #4c56d1; }
h3 { font-size: 11pt; margin: 0 0 2mm; }
section { margin-bottom: 8mm; }
section + section.page { break-before: page; }
p.lead { color: #59636e; margin: 0 0 4mm; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 0; padding: 0; list-style: none; }
.kpi { border: 1px solid #e1e4e8; border-radius: 2mm; padding: 3mm 4mm; break-inside: avoid; }
.kpi__label { color: #59636e; font-size: 9pt; }
.kpi__value { font-size: 16pt; font-weight: 700; }
.kpi__change { font-size: 9pt; color: #59636e; }
.kpi__change--up { color: #187533; }
.kpi__change--down { color: #c9252d; }
figure { margin: 0 0 6mm; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #59636e; margin-top: 1mm; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
th { text-align: left; font-weight: 700; color: #59636e; border-bottom: 1px solid #cdd2d8; padding: 1.5mm 2mm; }
td { border-bottom: 1px solid #e1e4e8; padding: 1.5mm 2mm; vertical-align: top; }
table.fixed { table-layout: fixed; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
.ok { color: #187533; }
.bad { color: #c9252d; font-weight: 700; }
.muted { color: #59636e; }
.note { font-size: 9pt; color: #59636e; }
`

export interface ReportDocument {
  title: string
  /** The report's kind, above the title ("Analytics report"). */
  kind: string
  /** The period in words. */
  period: string
  /** A line under the period (the comparison, the scope). */
  context: string
  /** A few figures on the cover. */
  summary: { label: string; value: string }[]
  /** Lines at the foot of the cover (who it covers, when it was made). */
  meta: string[]
  body: Html
}

export function reportPage(doc: ReportDocument): PdfPage {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${doc.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<section class="cover" aria-label="Cover">
  <div>
    <p class="cover__brand">Relink · ${doc.kind}</p>
  </div>
  <div>
    <h1 class="cover__title">${doc.title}</h1>
    <p class="cover__period">${doc.period}</p>
    <p class="cover__compare">${doc.context}</p>
  </div>
  <ul class="cover__summary">${doc.summary.map((s) => html`<li><strong>${s.value}</strong>${s.label}</li>`)}</ul>
  <div class="cover__meta">${doc.meta.map((m) => html`<p>${m}</p>`)}</div>
</section>
${doc.body}
</body>
</html>`
  const footer = html`<div style="font-family: Helvetica, Arial, sans-serif; font-size: 8px; color: #59636e; width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;"><span>${doc.title} · ${doc.period}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  return { html: page.value, footerTemplate: footer.value }
}
