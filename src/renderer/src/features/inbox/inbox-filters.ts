import type { InboxState } from '../../../../shared/domain/inbox'
import { NETWORK_LABELS, type Network } from '../../../../shared/domain/network'

export interface InboxFilters {
  search: string
  state: InboxState | 'open' | 'all'
  network: Network | ''
  channelId: string
  assignee: string
  label: string
  needsReply: boolean
  brandId: string
  /** YYYY-MM-DD, local days; '' for no bound. */
  fromDay: string
  toDay: string
}

export const DEFAULT_FILTERS: InboxFilters = {
  search: '',
  state: 'open',
  network: '',
  channelId: '',
  assignee: '*',
  label: '',
  needsReply: false,
  brandId: '',
  fromDay: '',
  toDay: '',
}

/** The filters a small window folds behind its Filters button; search, state and needs reply stay out. */
export const FOLDED_DEFAULTS: Pick<InboxFilters, 'brandId' | 'network' | 'channelId' | 'assignee' | 'label' | 'fromDay' | 'toDay'> = {
  brandId: DEFAULT_FILTERS.brandId,
  network: DEFAULT_FILTERS.network,
  channelId: DEFAULT_FILTERS.channelId,
  assignee: DEFAULT_FILTERS.assignee,
  label: DEFAULT_FILTERS.label,
  fromDay: DEFAULT_FILTERS.fromDay,
  toDay: DEFAULT_FILTERS.toDay,
}

/** One folded filter in use, said as a chip under the bar, with what removing it sets. */
export interface FilterChip {
  key: 'brand' | 'network' | 'channel' | 'assignee' | 'label' | 'date'
  text: string
  clear: Partial<InboxFilters>
}

export interface ChipNames {
  brand(id: string): string | undefined
  channel(id: string): string | undefined
  /** A YYYY-MM-DD day as the locale writes it. */
  day(day: string): string
}

/**
 * The folded filters that narrow the list, in the order of their fields: with the fields out of
 * sight, these say why the list is shorter than it would be. A date range is one chip. Removing
 * a brand or network keeps the channel: one chosen within them is still among all of them.
 */
export function foldedChips(f: InboxFilters, names: ChipNames): FilterChip[] {
  const chips: FilterChip[] = []
  if (f.brandId) chips.push({ key: 'brand', text: `Brand: ${names.brand(f.brandId) ?? 'removed brand'}`, clear: { brandId: '' } })
  if (f.network) chips.push({ key: 'network', text: `Network: ${NETWORK_LABELS[f.network]}`, clear: { network: '' } })
  if (f.channelId) chips.push({ key: 'channel', text: `Channel: ${names.channel(f.channelId) ?? 'removed channel'}`, clear: { channelId: '' } })
  if (f.assignee !== '*') chips.push({ key: 'assignee', text: `Assigned to: ${f.assignee || 'nobody'}`, clear: { assignee: '*' } })
  if (f.label) chips.push({ key: 'label', text: `Label: ${f.label}`, clear: { label: '' } })
  if (f.fromDay || f.toDay) {
    const text =
      f.fromDay && f.toDay ? `Date: ${names.day(f.fromDay)} to ${names.day(f.toDay)}` : f.fromDay ? `Date: from ${names.day(f.fromDay)}` : `Date: until ${names.day(f.toDay)}`
    chips.push({ key: 'date', text, clear: { fromDay: '', toDay: '' } })
  }
  return chips
}
