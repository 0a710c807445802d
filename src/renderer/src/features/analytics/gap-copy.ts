import { gapReasonWords } from '../../../../shared/domain/gap-copy'
import type { SyncGap } from '../../../../shared/domain/sync'
import { appLocale } from '../../lib/locale'

const DAY_MS = 86_400_000

/** "Tue 3 Mar" in the reader's zone and the system's regional format. */
export function shortDay(ms: number, locale: string | undefined = appLocale(), timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms))
}

/**
 * A gap in one line, as the chart's hover and the completeness list say it:
 * "Sign-in revoked, Tue 3 – Thu 5 Mar; 2 days recovered".
 */
export function gapSentence(gap: Pick<SyncGap, 'reason' | 'from' | 'to' | 'state' | 'recovered' | 'recoveredUnit' | 'lostBefore'>, options: { locale?: string; timeZone?: string } = {}): string {
  const from = shortDay(gap.from, options.locale, options.timeZone)
  const to = gap.to === null ? 'now' : shortDay(gap.to, options.locale, options.timeZone)
  const span = from === to ? from : `${from} – ${to}`
  const unit = (n: number) => (gap.recoveredUnit === 'days' ? (n === 1 ? 'day' : 'days') : n === 1 ? 'item' : 'items')
  let outcome: string
  if (gap.state === 'open') outcome = 'not read yet: Refresh connection to recover it'
  else if (gap.state === 'backfilling') outcome = 'reading it back now'
  else if (gap.recovered === 0 && gap.lostBefore !== null) outcome = 'the network no longer serves it'
  else outcome = `${gap.recovered} ${unit(gap.recovered)} recovered`
  const lost = gap.state === 'closed' && gap.lostBefore !== null && gap.recovered > 0 ? `; before ${shortDay(gap.lostBefore, options.locale, options.timeZone)} is gone for good` : ''
  return `${gapReasonWords(gap.reason)}, ${span}; ${outcome}${lost}`
}

/** Whole days a gap spans (at least one), for "no data for 3 days". */
export const gapDays = (gap: Pick<SyncGap, 'from' | 'to'>, now: number): number => Math.max(1, Math.ceil(((gap.to ?? now) - gap.from) / DAY_MS))
