import type { InboxQuery, InboxState } from '../../../../shared/domain/inbox'
import type { InboxFilters } from './inbox-filters'

/** Midnight at the start of a local day (`days` later), in ms. */
export function localDayStart(day: string, days = 0): number {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days).getTime()
}

export function toQuery(f: InboxFilters, search: string): InboxQuery {
  const states: InboxState[] | undefined = f.state === 'all' ? undefined : f.state === 'open' ? ['new', 'assigned'] : [f.state]
  return {
    ...(states ? { states } : {}),
    ...(f.network ? { network: f.network } : {}),
    ...(f.channelId ? { channelIds: [f.channelId] } : {}),
    ...(f.assignee !== '*' ? { assignee: f.assignee } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.needsReply ? { needsReply: true } : {}),
    ...(f.brandId ? { brandId: f.brandId } : {}),
    ...(f.fromDay ? { fromMs: localDayStart(f.fromDay) } : {}),
    ...(f.toDay ? { toMs: localDayStart(f.toDay, 1) } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
  }
}
